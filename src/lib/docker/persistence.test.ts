import { describe, expect, it } from 'vitest';
import { applyLifecycleAction, createLifecycle } from './lifecycle';
import type { LifecycleAction, LifecycleState, MountSpec } from './lifecycle';
import { locateFile } from './persistence';

const NONE: MountSpec = { mode: 'none' };
const VOLUME: MountSpec = { mode: 'volume', name: 'penguins-logs', target: '/app/logs' };
const BIND: MountSpec = { mode: 'bind', hostPath: '/home/you/penguins-logs', target: '/app/logs' };
const TMPFS: MountSpec = { mode: 'tmpfs', target: '/app/logs' };

/** Runs the same script as the widget's main path: run, write, stop, rm, run again. */
function script(actions: LifecycleAction[]): LifecycleState {
  let state = createLifecycle('penguins-api:1.0.0', { '/app/dist-api/server.mjs': 'server' });
  for (const action of actions) {
    const result = applyLifecycleAction(state, action);
    if (!result.ok) throw new Error(result.error);
    state = result.state;
  }
  return state;
}

const write: LifecycleAction = {
  type: 'writeFile',
  path: 'logs/predictions.log',
  content: 'Adelie',
};
const lifecycle = (mount: MountSpec): LifecycleAction[] => [
  { type: 'run', mount },
  write,
  { type: 'stop' },
  { type: 'rm' },
  { type: 'run', mount },
];

/** What locateFile reports for /app/logs/predictions.log. */
const predictionsLog = (
  newest: { id: string; status: string } | null,
  seenByNewest: string | null,
  locations: object[],
) => ({ path: '/app/logs/predictions.log', newest, seenByNewest, locations });

describe('locateFile', () => {
  it('before rm, the file is in the running container whatever the mount', () => {
    const state = script([{ type: 'run', mount: NONE }, write]);
    expect(locateFile(state, '/app/logs/predictions.log', NONE)).toEqual(
      predictionsLog({ id: 'c1', status: 'running' }, 'container', [
        { kind: 'container', id: 'c1', status: 'running' },
      ]),
    );
  });

  it('without a mount the file dies with its container', () => {
    const state = script(lifecycle(NONE));
    expect(locateFile(state, 'logs/predictions.log', NONE)).toEqual(
      predictionsLog({ id: 'c2', status: 'running' }, null, []),
    );
  });

  it('in a named volume it survives rm and the next container sees it', () => {
    const state = script(lifecycle(VOLUME));
    expect(locateFile(state, 'logs/predictions.log', VOLUME)).toEqual(
      predictionsLog({ id: 'c2', status: 'running' }, 'volume', [
        { kind: 'volume', name: 'penguins-logs' },
      ]),
    );
  });

  it('through a bind mount it stays on the host, and docker volume rm cannot touch it', () => {
    const state = script([...lifecycle(BIND), { type: 'stop' }, { type: 'rm' }]);
    const where = locateFile(state, '/app/logs/predictions.log', BIND);
    expect(where.newest).toBeNull();
    expect(where.seenByNewest).toBeNull();
    expect(where.locations).toEqual([{ kind: 'bind', hostPath: '/home/you/penguins-logs' }]);
  });

  it('after rm of the container and docker volume rm, nothing holds the file', () => {
    const state = script([
      ...lifecycle(VOLUME),
      { type: 'stop' },
      { type: 'rm' },
      { type: 'volumeRm', name: 'penguins-logs' },
    ]);
    expect(locateFile(state, '/app/logs/predictions.log', VOLUME).locations).toEqual([]);
  });

  it('in a tmpfs mount it is found while the container runs, and gone after docker stop', () => {
    const running = script([{ type: 'run', mount: TMPFS }, write]);
    expect(locateFile(running, 'logs/predictions.log', TMPFS)).toEqual(
      predictionsLog({ id: 'c1', status: 'running' }, 'tmpfs', [{ kind: 'tmpfs', id: 'c1' }]),
    );
    const stopped = script([{ type: 'run', mount: TMPFS }, write, { type: 'stop' }]);
    expect(locateFile(stopped, 'logs/predictions.log', TMPFS)).toEqual(
      predictionsLog({ id: 'c1', status: 'exited' }, null, []),
    );
  });

  it('a file outside the mount path goes to the writable layer even with a volume', () => {
    const state = script([
      { type: 'run', mount: VOLUME },
      { type: 'writeFile', path: '/tmp/scratch.txt', content: 'x' },
      { type: 'stop' },
    ]);
    expect(locateFile(state, '/tmp/scratch.txt', VOLUME).locations).toEqual([
      { kind: 'container', id: 'c1', status: 'exited' },
    ]);
  });
});
