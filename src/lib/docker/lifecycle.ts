/**
 * Container and volume lifecycle as a pure state machine, for the "what does a volume keep" widget.
 * The rules are Docker's (docs.docker.com/engine/storage/):
 * - a container is the image's read-only layers plus one writable layer of its own; the writable
 *   layer survives stop/start and is deleted with the container (`docker rm`);
 * - a named volume lives outside any container, survives `docker rm`, and is attached again by the
 *   next `docker run -v name:/path`; an empty new volume is first filled with whatever the image
 *   has at the mount path;
 * - a bind mount shows a host directory at the mount path, so writes land on the host, and the
 *   image's files at that path are hidden while it is mounted;
 * - `docker volume rm` refuses a volume that any container, even a stopped one, still references;
 * - a tmpfs mount (Linux only) keeps files in the host's memory, outside the writable layer, hides
 *   the image's files at its path, and is removed when the container stops
 *   (docs.docker.com/engine/storage/tmpfs/).
 * Every action returns a new state and a sentence; invalid actions return an error sentence.
 */
import { cleanPath } from './dockerignore';
import {
  absolute,
  pickContainer,
  refuse,
  plural,
  replaceContainer,
  underTarget,
  withFile,
} from './lifecycle-helpers';
import { remove, removeVolume } from './lifecycle-remove';

/** A mount requested by `docker run`. */
export type MountSpec =
  | { mode: 'none' }
  | { mode: 'volume'; name: string; target: string }
  | { mode: 'bind'; hostPath: string; target: string }
  | { mode: 'tmpfs'; target: string };

/** A container's state. */
export interface ContainerState {
  /** Container id (`c1`, `c2`, ...). */
  id: string;
  /** Running, or stopped (`exited`). */
  status: 'running' | 'exited';
  /** Files written into the container's own writable layer (absolute path → content). */
  writable: ReadonlyMap<string, string>;
  /** Files in its tmpfs mount, if it has one (path relative to the mount → content). */
  tmpfs: ReadonlyMap<string, string>;
  /** The mount it was started with. */
  mount: MountSpec;
}

/** The whole simulated Docker host. */
export interface LifecycleState {
  /** Image name, for sentences. */
  imageName: string;
  /** Read-only image files (absolute path → content). */
  imageFiles: ReadonlyMap<string, string>;
  /** Working directory relative paths are resolved against. */
  workdir: string;
  /** Existing containers in creation order. */
  containers: readonly ContainerState[];
  /** Named volumes: name → files keyed by path relative to the volume root. */
  volumes: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Host directories used by bind mounts: host path → files keyed by relative path. */
  hostDirs: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Number for the next container id. */
  nextId: number;
}

/** An action on the simulated host (each mirrors one docker command). */
export type LifecycleAction =
  | { type: 'run'; mount: MountSpec }
  | { type: 'writeFile'; path: string; content: string; containerId?: string }
  | { type: 'stop'; containerId?: string }
  | { type: 'start'; containerId?: string }
  | { type: 'rm'; containerId?: string; force?: boolean }
  | { type: 'volumeRm'; name: string };

/** Outcome of an action: the new state and what happened, or the unchanged state and why not. */
export type LifecycleResult =
  | { ok: true; state: LifecycleState; event: string }
  | { ok: false; state: LifecycleState; error: string };

/** Where a file a container sees comes from. */
export type FileSource = 'image' | 'container' | 'volume' | 'bind' | 'tmpfs';

/** A file as seen from inside a container. */
export interface VisibleFile {
  /** Absolute path inside the container. */
  path: string;
  /** File content. */
  content: string;
  /** The layer or mount that supplies it. */
  source: FileSource;
}

/** Creates a host with one image and nothing else. */
export function createLifecycle(
  imageName: string,
  imageFiles: Readonly<Record<string, string>>,
  workdir = '/app',
): LifecycleState {
  const files = new Map<string, string>();
  for (const [path, content] of Object.entries(imageFiles)) files.set(absolute(path, '/'), content);
  return {
    imageName,
    imageFiles: files,
    workdir: absolute(workdir, '/'),
    containers: [],
    volumes: new Map(),
    hostDirs: new Map(),
    nextId: 1,
  };
}

function describeMount(mount: MountSpec): string {
  if (mount.mode === 'volume') return `named volume ${mount.name} at ${mount.target}`;
  if (mount.mode === 'bind') return `host directory ${mount.hostPath} at ${mount.target}`;
  if (mount.mode === 'tmpfs') return `tmpfs mount at ${mount.target}`;
  return 'no mount';
}

function validMount(mount: MountSpec): string | null {
  if (mount.mode === 'none') return null;
  if (!mount.target.startsWith('/')) return `mount target ${mount.target} must be an absolute path`;
  if (mount.mode === 'volume' && !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(mount.name)) {
    return `"${mount.name}" is not a valid volume name: use letters, digits, '_', '.' or '-'`;
  }
  if (mount.mode === 'bind' && !mount.hostPath.startsWith('/'))
    return `bind-mount source ${mount.hostPath} must be an absolute host path`;
  return null;
}

/** Applies one action; never throws. */
export function applyLifecycleAction(
  state: LifecycleState,
  action: LifecycleAction,
): LifecycleResult {
  switch (action.type) {
    case 'run':
      return run(state, action.mount);
    case 'writeFile':
      return writeFile(state, action.path, action.content, action.containerId);
    case 'stop':
      return setRunning(state, action.containerId, false);
    case 'start':
      return setRunning(state, action.containerId, true);
    case 'rm':
      return remove(state, action.containerId, action.force === true);
    case 'volumeRm':
      return removeVolume(state, action.name);
    default:
      return refuse(state, 'Unknown action.');
  }
}

/** `docker stop` (`running` false) or `docker start` (`running` true) of one container. */
function setRunning(
  state: LifecycleState,
  containerId: string | undefined,
  running: boolean,
): LifecycleResult {
  const container = pickContainer(state, containerId);
  if (typeof container === 'string')
    return refuse(state, `Cannot ${running ? 'start' : 'stop'}: ${container}.`);
  if ((container.status === 'running') === running) {
    const already = running ? 'running' : 'stopped';
    return { ok: true, state, event: `${container.id} is already ${already}; nothing changes.` };
  }
  const tmpfs = container.mount.mode === 'tmpfs' ? container.mount.target : null;
  const writable = plural(container.writable.size, 'file');
  if (running) {
    const freshTmpfs = tmpfs === null ? '' : ` Its tmpfs mount at ${tmpfs} starts empty.`;
    const started = { ...container, status: 'running' as const };
    const event = `Started ${container.id} again, with the same writable layer (${writable}) it had when it stopped.${freshTmpfs}`;
    return { ok: true, state: replaceContainer(state, started), event };
  }
  // A tmpfs mount is removed when the container stops; the writable layer stays.
  const tmpfsLost =
    tmpfs === null
      ? ''
      : ` Its tmpfs mount at ${tmpfs} is removed, and its ${plural(container.tmpfs.size, 'file')} with it.`;
  const stopped = { ...container, status: 'exited' as const, tmpfs: new Map<string, string>() };
  const event = `Stopped ${container.id}. Its writable layer (${writable}) stays on disk, so docker start brings it back as it was.${tmpfsLost}`;
  return { ok: true, state: replaceContainer(state, stopped), event };
}

function run(state: LifecycleState, mount: MountSpec): LifecycleResult {
  const problem = validMount(mount);
  if (problem !== null) return refuse(state, `Cannot run: ${problem}.`);
  const id = `c${state.nextId}`;
  const normalized: MountSpec =
    mount.mode === 'none' ? mount : { ...mount, target: cleanPath(mount.target) };
  let volumes = state.volumes;
  let hostDirs = state.hostDirs;
  let detail = 'It has no mount, so everything it writes goes into its own writable layer.';
  if (normalized.mode === 'volume') {
    const existing = state.volumes.get(normalized.name);
    if (existing !== undefined && existing.size > 0) {
      detail = `Named volume ${normalized.name} already exists with ${plural(existing.size, 'file')}, and it is mounted again at ${normalized.target}.`;
    } else {
      // Docker copies the image's files at the mount path into an empty volume on first use.
      const seeded = new Map<string, string>();
      for (const [path, content] of state.imageFiles) {
        const rel = underTarget(path, normalized.target);
        if (rel !== null && rel !== '') seeded.set(rel, content);
      }
      const nextVolumes = new Map(state.volumes);
      nextVolumes.set(normalized.name, seeded);
      volumes = nextVolumes;
      detail =
        (existing === undefined
          ? `Docker created named volume ${normalized.name} and mounted it at ${normalized.target}`
          : `Named volume ${normalized.name} was empty; it is mounted at ${normalized.target}`) +
        (seeded.size > 0
          ? `, first copying the image's ${plural(seeded.size, 'file')} from ${normalized.target} into it.`
          : '.');
    }
  } else if (normalized.mode === 'tmpfs') {
    const hidden = [...state.imageFiles.keys()].filter(
      (path) => underTarget(path, normalized.target) !== null,
    ).length;
    detail =
      `A tmpfs mount at ${normalized.target} keeps what is written there in the host's memory, outside the writable layer` +
      (hidden > 0
        ? `, and the image's ${plural(hidden, 'file')} at that path are hidden while it is mounted.`
        : '.');
  } else if (normalized.mode === 'bind') {
    if (!state.hostDirs.has(normalized.hostPath)) {
      const nextHostDirs = new Map(state.hostDirs);
      nextHostDirs.set(normalized.hostPath, new Map());
      hostDirs = nextHostDirs;
    }
    const hidden = [...state.imageFiles.keys()].filter(
      (path) => underTarget(path, normalized.target) !== null,
    ).length;
    detail =
      `Host directory ${normalized.hostPath} is bind-mounted at ${normalized.target}: writes there land on the host` +
      (hidden > 0
        ? `, and the image's ${plural(hidden, 'file')} at that path are hidden while it is mounted.`
        : '.');
  }
  const container: ContainerState = {
    id,
    status: 'running',
    writable: new Map(),
    tmpfs: new Map(),
    mount: normalized,
  };
  return {
    ok: true,
    state: {
      ...state,
      containers: [...state.containers, container],
      volumes,
      hostDirs,
      nextId: state.nextId + 1,
    },
    event: `docker run created and started ${id} from ${state.imageName}. ${detail}`,
  };
}

function writeFile(
  state: LifecycleState,
  rawPath: string,
  content: string,
  containerId: string | undefined,
): LifecycleResult {
  const container = pickContainer(state, containerId);
  if (typeof container === 'string') return refuse(state, `Cannot write: ${container}.`);
  if (container.status !== 'running') {
    return refuse(
      state,
      `Cannot write into ${container.id}: it is stopped, and docker exec needs a running container. Start it first.`,
    );
  }
  if (rawPath.trim() === '') return refuse(state, 'Cannot write: the path is empty.');
  const path = absolute(rawPath.trim(), state.workdir);
  if (path === '/') return refuse(state, 'Cannot write: / is a directory.');
  const mount = container.mount;
  if (mount.mode !== 'none') {
    const rel = underTarget(path, mount.target);
    if (rel === '')
      return refuse(state, `Cannot write: ${path} is the mount point itself, a directory.`);
    if (rel !== null) {
      if (mount.mode === 'tmpfs') {
        const tmpfs = new Map(container.tmpfs);
        tmpfs.set(rel, content);
        return {
          ok: true,
          state: replaceContainer(state, { ...container, tmpfs }),
          event: `Wrote ${path} in ${container.id}. It lands in the tmpfs mount, in memory, so it is gone as soon as the container stops.`,
        };
      }
      if (mount.mode === 'volume') {
        const volumes = withFile(state.volumes, mount.name, rel, content);
        return {
          ok: true,
          state: { ...state, volumes },
          event: `Wrote ${path} in ${container.id}. It lands in named volume ${mount.name}, outside the container, so it outlives docker rm.`,
        };
      }
      const hostDirs = withFile(state.hostDirs, mount.hostPath, rel, content);
      return {
        ok: true,
        state: { ...state, hostDirs },
        event: `Wrote ${path} in ${container.id}. Through the bind mount it is really ${mount.hostPath}/${rel} on the host, visible there at once.`,
      };
    }
  }
  const writable = new Map(container.writable);
  writable.set(path, content);
  const overridesImage = state.imageFiles.has(path);
  return {
    ok: true,
    state: replaceContainer(state, { ...container, writable }),
    event:
      `Wrote ${path} in ${container.id}'s writable layer` +
      (overridesImage
        ? ' (copy-on-write: the image keeps its original, this container sees the new one)'
        : '') +
      '. It survives stop and start, but not docker rm.',
  };
}

/** Files a container sees, path-sorted: image files, overlaid by its writable layer, with the mount on top. */
export function visibleFiles(state: LifecycleState, containerId: string): VisibleFile[] {
  const container = state.containers.find((candidate) => candidate.id === containerId);
  if (container === undefined) return [];
  const seen = new Map<string, VisibleFile>();
  const mount = container.mount;
  const hidden = (path: string): boolean =>
    mount.mode !== 'none' && underTarget(path, mount.target) !== null;
  for (const [path, content] of state.imageFiles)
    if (!hidden(path)) seen.set(path, { path, content, source: 'image' });
  for (const [path, content] of container.writable)
    if (!hidden(path)) seen.set(path, { path, content, source: 'container' });
  if (mount.mode !== 'none') {
    const files =
      mount.mode === 'volume'
        ? state.volumes.get(mount.name)
        : mount.mode === 'bind'
          ? state.hostDirs.get(mount.hostPath)
          : container.tmpfs;
    for (const [rel, content] of files ?? []) {
      const path = cleanPath(`${mount.target}/${rel}`);
      seen.set(path, { path, content, source: mount.mode });
    }
  }
  return [...seen.values()].sort((a, b) => compareText(a.path, b.path));
}

/** One-line description of a mount, for labels. */
export function mountLabel(mount: MountSpec): string {
  return describeMount(mount);
}

/** Orders strings by UTF-16 code units: stable across locales, unlike localeCompare. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
