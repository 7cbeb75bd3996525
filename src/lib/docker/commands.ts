/**
 * The docker CLI command that each simulated lifecycle action stands for, so the volumes widget can
 * show the reader exactly what to type on a machine with a Docker engine. Flags are the documented
 * ones (docs.docker.com/reference/cli/docker/): `run -d --init --name`, `-v name:/path` for a
 * named volume, `-v /host/path:/path` for a bind mount, `--tmpfs /path` for a tmpfs mount,
 * `exec -i`, `stop`, `start`, `rm [-f]`,
 * `volume rm`.
 */
import type { LifecycleAction, LifecycleState, MountSpec } from './lifecycle';

// Characters a POSIX shell never treats specially inside a word.
const SAFE_WORD = /^[A-Za-z0-9_./:=@%+,-]+$/;

/**
 * Quotes a word for a POSIX shell: unchanged when it has no special characters, otherwise wrapped
 * in single quotes, with each `'` written as `'\''` (close, escaped quote, reopen).
 */
export function shellQuote(word: string): string {
  if (SAFE_WORD.test(word)) return word;
  return `'${word.replaceAll("'", "'\\''")}'`;
}

/** The `-v` or `--tmpfs` option for a mount, or '' for none. */
export function mountOption(mount: MountSpec): string {
  if (mount.mode === 'tmpfs') return `--tmpfs ${shellQuote(mount.target)}`;
  if (mount.mode === 'volume') return `-v ${shellQuote(`${mount.name}:${mount.target}`)}`;
  if (mount.mode === 'bind') return `-v ${shellQuote(`${mount.hostPath}:${mount.target}`)}`;
  return '';
}

/** The container an action without an explicit id applies to: the newest one, as the simulation picks. */
function targetName(state: LifecycleState, containerId: string | undefined): string {
  if (containerId !== undefined) return containerId;
  return state.containers[state.containers.length - 1]?.id ?? '<container>';
}

/**
 * The command for `action` applied to `state` (before the action). Containers are named after the
 * simulation's ids (`--name c1`), so later commands can refer to them.
 */
export function lifecycleCommand(state: LifecycleState, action: LifecycleAction): string {
  switch (action.type) {
    case 'run': {
      const mount = mountOption(action.mount);
      return ['docker run -d --init', `--name c${state.nextId}`, mount, shellQuote(state.imageName)]
        .filter((part) => part !== '')
        .join(' ');
    }
    case 'writeFile':
      // tee writes its stdin to the file; docker exec runs it in the container's working directory.
      return `echo ${shellQuote(action.content)} | docker exec -i ${targetName(state, action.containerId)} tee ${shellQuote(action.path)}`;
    case 'stop':
      return `docker stop ${targetName(state, action.containerId)}`;
    case 'start':
      return `docker start ${targetName(state, action.containerId)}`;
    case 'rm':
      return `docker rm ${action.force === true ? '-f ' : ''}${targetName(state, action.containerId)}`;
    case 'volumeRm':
      return `docker volume rm ${shellQuote(action.name)}`;
    default:
      return '';
  }
}
