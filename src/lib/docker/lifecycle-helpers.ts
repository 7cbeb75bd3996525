/**
 * Small helpers shared by the lifecycle state machine (lifecycle.ts) and its removal actions
 * (lifecycle-remove.ts): path arithmetic, container lookup and wording.
 */
import { cleanPath } from './dockerignore';
import type { ContainerState, LifecycleResult, LifecycleState } from './lifecycle';

/** `path` made absolute against `workdir`, normalized. */
export function absolute(path: string, workdir: string): string {
  return cleanPath(path.startsWith('/') ? path : `${workdir}/${path}`);
}

/** Path of `path` relative to mount target `target`, or null when it is outside the mount. */
export function underTarget(path: string, target: string): string | null {
  if (target === '/') return path.slice(1);
  if (path === target) return '';
  return path.startsWith(`${target}/`) ? path.slice(target.length + 1) : null;
}

/** "1 file", "2 files". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `stores` with `rel` set to `content` in the store named `name` (created if missing). */
export function withFile(
  stores: ReadonlyMap<string, ReadonlyMap<string, string>>,
  name: string,
  rel: string,
  content: string,
): ReadonlyMap<string, ReadonlyMap<string, string>> {
  const next = new Map(stores);
  const files = new Map(stores.get(name) ?? []);
  files.set(rel, content);
  next.set(name, files);
  return next;
}

/** A refused action: the state unchanged, and why. */
export function refuse(state: LifecycleState, error: string): LifecycleResult {
  return { ok: false, state, error };
}

/** The container `id` (the newest when undefined), or why there is none. */
export function pickContainer(
  state: LifecycleState,
  id: string | undefined,
): ContainerState | string {
  if (state.containers.length === 0) return 'there is no container: run one first';
  if (id === undefined) return state.containers[state.containers.length - 1] as ContainerState;
  return state.containers.find((container) => container.id === id) ?? `no container named ${id}`;
}

/** `state` with the container of the same id replaced by `next`. */
export function replaceContainer(state: LifecycleState, next: ContainerState): LifecycleState {
  return {
    ...state,
    containers: state.containers.map((container) => (container.id === next.id ? next : container)),
  };
}
