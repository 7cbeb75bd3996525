/**
 * The two removal actions of the lifecycle state machine: `docker rm` (the writable layer and any
 * tmpfs mount go with the container; volumes and host directories stay) and `docker volume rm`
 * (refused while any container, even a stopped one, references the volume).
 */
import { cleanPath } from './dockerignore';
import type { LifecycleResult, LifecycleState } from './lifecycle';
import { pickContainer, plural, refuse } from './lifecycle-helpers';

/** `docker rm [-f]` of `containerId` (the newest when undefined). */
export function remove(
  state: LifecycleState,
  containerId: string | undefined,
  force: boolean,
): LifecycleResult {
  const container = pickContainer(state, containerId);
  if (typeof container === 'string') return refuse(state, `Cannot remove: ${container}.`);
  if (container.status === 'running' && !force) {
    return refuse(
      state,
      `Cannot remove ${container.id}: it is running. Stop it first, or force it with docker rm -f.`,
    );
  }
  const mount = container.mount;
  const lost = [
    ...container.writable.keys(),
    ...(mount.mode === 'tmpfs'
      ? [...container.tmpfs.keys()].map((rel) => cleanPath(`${mount.target}/${rel}`))
      : []),
  ];
  const kept =
    container.mount.mode === 'volume'
      ? ` Named volume ${container.mount.name} is not deleted and still holds ${plural(state.volumes.get(container.mount.name)?.size ?? 0, 'file')}; the next docker run -v ${container.mount.name}:${container.mount.target} gets them back.`
      : container.mount.mode === 'bind'
        ? ` Files written through the bind mount stay in ${container.mount.hostPath} on the host.`
        : '';
  return {
    ok: true,
    state: {
      ...state,
      containers: state.containers.filter((candidate) => candidate.id !== container.id),
    },
    event:
      `${force && container.status === 'running' ? 'Killed and removed' : 'Removed'} ${container.id}. ` +
      (lost.length > 0
        ? `Its writable layer${container.mount.mode === 'tmpfs' ? ' and tmpfs mount are' : ' is'} gone, and with ${lost.length === 1 ? 'it' : 'them'} ${lost.join(', ')}.`
        : 'Its writable layer was empty, so nothing is lost.') +
      kept,
  };
}

/** `docker volume rm name`. */
export function removeVolume(state: LifecycleState, name: string): LifecycleResult {
  const files = state.volumes.get(name);
  if (files === undefined) return refuse(state, `Cannot remove volume ${name}: no such volume.`);
  const users = state.containers.filter(
    (container) => container.mount.mode === 'volume' && container.mount.name === name,
  );
  if (users.length > 0) {
    return refuse(
      state,
      `Cannot remove volume ${name}: it is in use by ${users.map((container) => `${container.id} (${container.status})`).join(', ')}. Even a stopped container keeps its volumes in use; remove the container first.`,
    );
  }
  const volumes = new Map(state.volumes);
  volumes.delete(name);
  return {
    ok: true,
    state: { ...state, volumes },
    event: `Removed volume ${name}; its ${plural(files.size, 'file')} are gone for good.`,
  };
}
