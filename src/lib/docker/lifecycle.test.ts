import { describe, expect, it } from 'vitest';
import { applyLifecycleAction, createLifecycle, mountLabel, visibleFiles } from './lifecycle';
import type { LifecycleAction, LifecycleResult, LifecycleState, MountSpec } from './lifecycle';

const IMAGE = { '/app/server.mjs': 'server v1', '/data/seed.csv': 'species,bill' };

/** Applies actions in order, failing the test on the first unexpected error. */
function play(state: LifecycleState, actions: LifecycleAction[]): LifecycleResult[] {
  const results: LifecycleResult[] = [];
  let current = state;
  for (const action of actions) {
    const result = applyLifecycleAction(current, action);
    results.push(result);
    current = result.state;
  }
  return results;
}

function last(results: LifecycleResult[]): LifecycleState {
  return (results[results.length - 1] as LifecycleResult).state;
}

/** docker run with `mount`, one file written, then docker rm -f. */
const writeThenForceRemove = (
  mount: MountSpec,
  path: string,
  content: string,
): LifecycleAction[] => [
  { type: 'run', mount },
  { type: 'writeFile', path, content },
  { type: 'rm', force: true },
];

describe('container lifecycle without a mount', () => {
  const start = createLifecycle('penguins-api:1', IMAGE);

  it('keeps the writable layer across stop and start, and loses it on rm', () => {
    const results = play(start, [
      { type: 'run', mount: { mode: 'none' } },
      { type: 'writeFile', path: '/data/predictions.log', content: 'adelie' },
      { type: 'stop' },
      { type: 'start' },
    ]);
    expect(results.every((result) => result.ok)).toBe(true);
    const state = last(results);
    expect(visibleFiles(state, 'c1').find((file) => file.path === '/data/predictions.log')).toEqual(
      {
        path: '/data/predictions.log',
        content: 'adelie',
        source: 'container',
      },
    );
    const removed = play(state, [
      { type: 'stop' },
      { type: 'rm' },
      { type: 'run', mount: { mode: 'none' } },
    ]);
    const rm = removed[1] as LifecycleResult;
    expect(rm.ok && rm.event).toBe(
      'Removed c1. Its writable layer is gone, and with it /data/predictions.log.',
    );
    const fresh = last(removed);
    expect(fresh.containers.map((container) => container.id)).toEqual(['c2']);
    expect(visibleFiles(fresh, 'c2').map((file) => file.path)).toEqual([
      '/app/server.mjs',
      '/data/seed.csv',
    ]);
  });

  it('writes relative paths under the working directory, copy-on-write over image files', () => {
    const results = play(start, [
      { type: 'run', mount: { mode: 'none' } },
      { type: 'writeFile', path: 'server.mjs', content: 'patched' },
    ]);
    const write = results[1] as LifecycleResult;
    expect(write.ok && write.event).toMatch(/copy-on-write/);
    const state = last(results);
    expect(state.imageFiles.get('/app/server.mjs')).toBe('server v1');
    expect(visibleFiles(state, 'c1').find((file) => file.path === '/app/server.mjs')?.content).toBe(
      'patched',
    );
  });

  it('refuses to write into a stopped container or remove a running one, without throwing', () => {
    const running = last(play(start, [{ type: 'run', mount: { mode: 'none' } }]));
    const rm = applyLifecycleAction(running, { type: 'rm' });
    expect(rm).toEqual({
      ok: false,
      state: running,
      error: 'Cannot remove c1: it is running. Stop it first, or force it with docker rm -f.',
    });
    const stopped = applyLifecycleAction(running, { type: 'stop' }).state;
    const write = applyLifecycleAction(stopped, {
      type: 'writeFile',
      path: '/tmp/x',
      content: '1',
    });
    expect(write.ok).toBe(false);
    expect(!write.ok && write.error).toMatch(/it is stopped/);
    const forced = applyLifecycleAction(running, { type: 'rm', force: true });
    expect(forced.ok && forced.event).toBe(
      'Killed and removed c1. Its writable layer was empty, so nothing is lost.',
    );
  });

  it('answers actions with no container, unknown ids and bad paths with errors', () => {
    expect(applyLifecycleAction(start, { type: 'stop' })).toEqual({
      ok: false,
      state: start,
      error: 'Cannot stop: there is no container: run one first.',
    });
    const running = last(play(start, [{ type: 'run', mount: { mode: 'none' } }]));
    expect(applyLifecycleAction(running, { type: 'start', containerId: 'c9' }).ok).toBe(false);
    expect(applyLifecycleAction(running, { type: 'writeFile', path: '  ', content: '' }).ok).toBe(
      false,
    );
    expect(applyLifecycleAction(running, { type: 'writeFile', path: '/', content: '' }).ok).toBe(
      false,
    );
    // Starting a running container or stopping a stopped one is a no-op, as in Docker.
    const again = applyLifecycleAction(running, { type: 'start' });
    expect(again.ok && again.event).toBe('c1 is already running; nothing changes.');
  });
});

describe('named volumes', () => {
  const start = createLifecycle('penguins-api:1', IMAGE);
  const volume = { mode: 'volume', name: 'model-data', target: '/data' } as const;

  it('seeds a new volume with the image files at the mount path', () => {
    const result = applyLifecycleAction(start, { type: 'run', mount: volume });
    expect(result.ok && result.event).toBe(
      "docker run created and started c1 from penguins-api:1. Docker created named volume model-data and mounted it at /data, first copying the image's 1 file from /data into it.",
    );
    expect([...(result.state.volumes.get('model-data') ?? [])]).toEqual([
      ['seed.csv', 'species,bill'],
    ]);
  });

  it('survives rm and is reattached by the next run', () => {
    const results = play(start, [
      { type: 'run', mount: volume },
      { type: 'writeFile', path: '/data/model.onnx', content: 'weights v2' },
      { type: 'writeFile', path: '/app/scratch.txt', content: 'temp' },
      { type: 'rm', force: true },
      { type: 'run', mount: volume },
    ]);
    expect(results.every((result) => result.ok)).toBe(true);
    const state = last(results);
    const files = visibleFiles(state, 'c2');
    expect(files.find((file) => file.path === '/data/model.onnx')).toEqual({
      path: '/data/model.onnx',
      content: 'weights v2',
      source: 'volume',
    });
    expect(files.some((file) => file.path === '/app/scratch.txt')).toBe(false);
    const rerun = results[4] as LifecycleResult;
    expect(rerun.ok && rerun.event).toMatch(
      /already exists with 2 files, and it is mounted again at \/data/,
    );
  });

  it('refuses docker volume rm while any container, even a stopped one, uses it', () => {
    const stopped = last(play(start, [{ type: 'run', mount: volume }, { type: 'stop' }]));
    const refused = applyLifecycleAction(stopped, { type: 'volumeRm', name: 'model-data' });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toBe(
      'Cannot remove volume model-data: it is in use by c1 (exited). Even a stopped container keeps its volumes in use; remove the container first.',
    );
    const afterRm = last(play(stopped, [{ type: 'rm' }, { type: 'volumeRm', name: 'model-data' }]));
    expect(afterRm.volumes.has('model-data')).toBe(false);
    expect(applyLifecycleAction(afterRm, { type: 'volumeRm', name: 'model-data' }).ok).toBe(false);
  });

  it('rejects invalid volume names and relative mount targets', () => {
    expect(
      applyLifecycleAction(start, {
        type: 'run',
        mount: { mode: 'volume', name: 'bad name', target: '/data' },
      }).ok,
    ).toBe(false);
    expect(
      applyLifecycleAction(start, {
        type: 'run',
        mount: { mode: 'volume', name: 'ok', target: 'data' },
      }).ok,
    ).toBe(false);
  });
});

describe('bind mounts', () => {
  const start = createLifecycle('penguins-api:1', IMAGE);
  const bind = { mode: 'bind', hostPath: '/home/reader/models', target: '/data' } as const;

  it('writes through to the host and hides the image files at the mount path', () => {
    const results = play(start, writeThenForceRemove(bind, '/data/model.onnx', 'weights'));
    const run = results[0] as LifecycleResult;
    expect(run.ok && run.event).toMatch(/the image's 1 file at that path are hidden/);
    const write = results[1] as LifecycleResult;
    expect(write.ok && write.event).toMatch(
      /really \/home\/reader\/models\/model\.onnx on the host/,
    );
    const mounted = write.state;
    expect(visibleFiles(mounted, 'c1').map((file) => [file.path, file.source])).toEqual([
      ['/app/server.mjs', 'image'],
      ['/data/model.onnx', 'bind'],
    ]);
    const state = last(results);
    expect([...(state.hostDirs.get('/home/reader/models') ?? [])]).toEqual([
      ['model.onnx', 'weights'],
    ]);
  });

  it('describes mounts for labels', () => {
    expect(mountLabel(bind)).toBe('host directory /home/reader/models at /data');
    expect(mountLabel({ mode: 'none' })).toBe('no mount');
  });
});

describe('tmpfs mounts', () => {
  const start = createLifecycle('penguins-api:1', IMAGE);
  const tmpfs = { mode: 'tmpfs', target: '/data' } as const;

  it('keeps files in memory outside the writable layer, hides the image files, and loses them at stop', () => {
    const results = play(start, [
      { type: 'run', mount: tmpfs },
      { type: 'writeFile', path: '/data/scratch.bin', content: 'tmp' },
      { type: 'writeFile', path: '/app/log.txt', content: 'kept' },
      { type: 'stop' },
      { type: 'start' },
    ]);
    const run = results[0] as LifecycleResult;
    expect(run.ok && run.event).toMatch(/the image's 1 file at that path are hidden/);
    const written = (results[2] as LifecycleResult).state;
    expect(visibleFiles(written, 'c1').map((file) => [file.path, file.source])).toEqual([
      ['/app/log.txt', 'container'],
      ['/app/server.mjs', 'image'],
      ['/data/scratch.bin', 'tmpfs'],
    ]);
    // Docker removes a tmpfs mount when the container stops; the writable layer stays.
    const stop = results[3] as LifecycleResult;
    expect(stop.ok && stop.event).toMatch(
      /tmpfs mount at \/data is removed, and its 1 file with it/,
    );
    const restarted = last(results);
    expect(visibleFiles(restarted, 'c1').map((file) => [file.path, file.source])).toEqual([
      ['/app/log.txt', 'container'],
      ['/app/server.mjs', 'image'],
    ]);
    expect(mountLabel(tmpfs)).toBe('tmpfs mount at /data');
  });

  it('loses tmpfs files with the container on docker rm -f, and never touches volumes', () => {
    const results = play(start, writeThenForceRemove(tmpfs, '/data/a.txt', 'a'));
    const rm = results[2] as LifecycleResult;
    expect(rm.ok && rm.event).toBe(
      'Killed and removed c1. Its writable layer and tmpfs mount are gone, and with it /data/a.txt.',
    );
    expect(last(results).volumes.size).toBe(0);
    expect(last(results).hostDirs.size).toBe(0);
  });
});
