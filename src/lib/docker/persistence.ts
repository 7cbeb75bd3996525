/**
 * "Where is my file now?" for the volumes widget: after any sequence of lifecycle actions, which
 * containers' writable layers, named volume or host directory still hold a path, and whether the
 * newest container sees it. This is the lesson of the widget in one answer: a file in a writable
 * layer dies with its container, a file in a volume or bind-mounted directory does not, and a
 * file in a tmpfs mount does not even survive `docker stop`.
 */
import { cleanPath } from './dockerignore';
import { visibleFiles } from './lifecycle';
import type { FileSource, LifecycleState, MountSpec } from './lifecycle';

/** A place that holds a copy of the file. */
export type FileLocation =
  | { kind: 'container'; id: string; status: 'running' | 'exited' }
  | { kind: 'tmpfs'; id: string }
  | { kind: 'volume'; name: string }
  | { kind: 'bind'; hostPath: string };

/** Answer of {@link locateFile}. */
export interface FileWhereabouts {
  /** The absolute path asked about. */
  path: string;
  /** Newest container, or null when there is none. */
  newest: { id: string; status: 'running' | 'exited' } | null;
  /** Where the newest container's view of the path comes from, or null when it does not see it. */
  seenByNewest: FileSource | null;
  /** Every place that still stores the path. */
  locations: FileLocation[];
}

/** Path relative to a mount target, or null when outside it (or the mount point itself). */
function relativeTo(path: string, target: string): string | null {
  if (target === '/') return path === '/' ? null : path.slice(1);
  return path.startsWith(`${target}/`) ? path.slice(target.length + 1) : null;
}

/**
 * Finds every copy of `rawPath` (absolute, or relative to the image's working directory):
 * containers' writable layers, plus the named volume or host directory of `mount` — the mount a
 * `docker run` in this scenario uses, which still names the storage after every container is gone.
 */
export function locateFile(
  state: LifecycleState,
  rawPath: string,
  mount: MountSpec,
): FileWhereabouts {
  const trimmed = rawPath.trim();
  const path = cleanPath(trimmed.startsWith('/') ? trimmed : `${state.workdir}/${trimmed}`);
  const locations: FileLocation[] = [];
  for (const container of state.containers) {
    if (container.writable.has(path))
      locations.push({ kind: 'container', id: container.id, status: container.status });
    const own = container.mount;
    const rel = own.mode === 'tmpfs' ? relativeTo(path, cleanPath(own.target)) : null;
    if (rel !== null && container.tmpfs.has(rel))
      locations.push({ kind: 'tmpfs', id: container.id });
  }
  if (mount.mode !== 'none') {
    const rel = relativeTo(path, cleanPath(mount.target));
    if (rel !== null) {
      if (mount.mode === 'volume' && state.volumes.get(mount.name)?.has(rel) === true)
        locations.push({ kind: 'volume', name: mount.name });
      if (mount.mode === 'bind' && state.hostDirs.get(mount.hostPath)?.has(rel) === true)
        locations.push({ kind: 'bind', hostPath: mount.hostPath });
    }
  }
  const last = state.containers[state.containers.length - 1];
  const seen =
    last === undefined
      ? undefined
      : visibleFiles(state, last.id).find((file) => file.path === path);
  return {
    path,
    newest: last === undefined ? null : { id: last.id, status: last.status },
    seenByNewest: seen?.source ?? null,
    locations,
  };
}
