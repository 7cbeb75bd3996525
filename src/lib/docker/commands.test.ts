import { describe, expect, it } from 'vitest';
import { lifecycleCommand, mountOption, shellQuote } from './commands';
import { applyLifecycleAction, createLifecycle } from './lifecycle';
import type { LifecycleState } from './lifecycle';

describe('shellQuote', () => {
  it.each([
    ['/app/logs/predictions.log', '/app/logs/predictions.log'],
    ['penguins-api:1.0.0', 'penguins-api:1.0.0'],
    ['two words', "'two words'"],
    ['', "''"],
    ['$HOME', "'$HOME'"],
    ['{"species":"Adelie"}', `'{"species":"Adelie"}'`],
  ])('leaves plain words alone and single-quotes the rest: %j → %s', (word, quoted) => {
    expect(shellQuote(word)).toBe(quoted);
  });

  it("writes a single quote as '\\'' so the shell reads the word back unchanged", () => {
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });
});

describe('lifecycleCommand', () => {
  const image = createLifecycle('penguins-api:1.0.0', { '/app/dist-api/server.mjs': 'server' });
  const step = (state: LifecycleState, action: Parameters<typeof applyLifecycleAction>[1]) => {
    const result = applyLifecycleAction(state, action);
    if (!result.ok) throw new Error(result.error);
    return result.state;
  };

  it('names containers after the simulation ids and writes the -v option per mount', () => {
    expect(lifecycleCommand(image, { type: 'run', mount: { mode: 'none' } })).toBe(
      'docker run -d --init --name c1 penguins-api:1.0.0',
    );
    expect(
      lifecycleCommand(image, {
        type: 'run',
        mount: { mode: 'volume', name: 'penguins-logs', target: '/app/logs' },
      }),
    ).toBe('docker run -d --init --name c1 -v penguins-logs:/app/logs penguins-api:1.0.0');
    expect(mountOption({ mode: 'bind', hostPath: '/home/you/my logs', target: '/app/logs' })).toBe(
      "-v '/home/you/my logs:/app/logs'",
    );
    expect(mountOption({ mode: 'none' })).toBe('');
    expect(mountOption({ mode: 'tmpfs', target: '/app/logs' })).toBe('--tmpfs /app/logs');
  });

  it('targets the newest container, as the simulation does', () => {
    let state = step(image, { type: 'run', mount: { mode: 'none' } });
    state = step(state, { type: 'run', mount: { mode: 'none' } });
    expect(lifecycleCommand(state, { type: 'stop' })).toBe('docker stop c2');
    expect(lifecycleCommand(state, { type: 'start', containerId: 'c1' })).toBe('docker start c1');
    expect(lifecycleCommand(state, { type: 'rm' })).toBe('docker rm c2');
    expect(lifecycleCommand(state, { type: 'rm', force: true })).toBe('docker rm -f c2');
    expect(
      lifecycleCommand(state, { type: 'writeFile', path: 'logs/a.log', content: "it's ok" }),
    ).toBe("echo 'it'\\''s ok' | docker exec -i c2 tee logs/a.log");
    expect(lifecycleCommand(state, { type: 'volumeRm', name: 'penguins-logs' })).toBe(
      'docker volume rm penguins-logs',
    );
  });

  it('shows a placeholder when there is no container to act on', () => {
    expect(lifecycleCommand(image, { type: 'stop' })).toBe('docker stop <container>');
  });
});
