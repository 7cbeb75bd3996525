/**
 * Draws one column of the volumes lab with the widget kit: the verdict (is the file kept, and
 * where), the last command and its outcome, and, folded, what each place holds.
 */
import { visibleFiles } from '../../lib/docker/lifecycle';
import type { FileSource, LifecycleState, MountSpec } from '../../lib/docker/lifecycle';
import { locateFile } from '../../lib/docker/persistence';
import type { FileLocation } from '../../lib/docker/persistence';
import { fill, h, part, type Tone } from '../widget/dom';

/** The named volume every column's `docker run -v` names. */
export const VOLUME_NAME = 'penguins-logs';

/** One column: its mount, its simulated host, and what the last command did there. */
export interface Column {
  mount: MountSpec;
  state: LifecycleState;
  section: HTMLElement;
  command: string;
  outcome: { ok: boolean; text: string } | null;
  /** Path of the last file written successfully in this column. */
  written: string | null;
}

const SOURCE_TEXT: Record<FileSource, string> = {
  image: 'image (read-only layer)',
  container: 'container’s writable layer',
  volume: `volume ${VOLUME_NAME}`,
  bind: 'host directory',
  tmpfs: 'tmpfs mount, in memory',
};

function describeLocation(location: FileLocation): string {
  if (location.kind === 'container') return `${location.id}’s writable layer (${location.status})`;
  if (location.kind === 'tmpfs') return `${location.id}’s tmpfs mount (in memory)`;
  if (location.kind === 'volume') return `volume ${location.name}`;
  return `host directory ${location.hostPath}`;
}

/** The verdict sentence and its tone for the file last written in `column`. */
export function verdict(column: Column): { text: string; tone: Tone | undefined } {
  if (column.written === null) return { text: 'No file written yet.', tone: undefined };
  const where = locateFile(column.state, column.written, column.mount);
  const places = where.locations.map(describeLocation).join(' and ');
  if (where.seenByNewest !== null && where.newest !== null)
    return {
      text: `✓ Kept: ${where.newest.id} sees ${where.path} (stored in ${places || SOURCE_TEXT[where.seenByNewest]}).`,
      tone: 'good',
    };
  if (where.locations.length > 0)
    return {
      text:
        `✓ Kept in ${places}` +
        (where.newest === null
          ? '; no container uses it right now.'
          : `, but the newest container ${where.newest.id} does not see it.`),
      tone: 'good',
    };
  return { text: `✗ Gone: nothing holds ${where.path} any more.`, tone: 'bad' };
}

/** The commands run so far. */
export function renderHistory(list: HTMLElement, history: readonly string[]): void {
  fill(list, ...history.map((entry) => h('li', null, entry)));
}

function listOr(items: HTMLElement[], empty: string): HTMLElement[] {
  return items.length === 0 ? [h('li', null, empty)] : items;
}

/** Redraws one column from its state. */
export function renderColumn(column: Column): void {
  const out = (name: string) => part(column.section, `[data-out="${name}"]`);
  const { state } = column;
  out('command').textContent = column.command;
  const outcome = out('outcome');
  outcome.textContent =
    column.outcome === null
      ? ''
      : `${column.outcome.ok ? '✓' : '✗ Refused:'} ${column.outcome.text}`;
  outcome.classList.toggle('vl-outcome--error', column.outcome?.ok === false);
  const { text, tone } = verdict(column);
  const verdictBox = out('verdict');
  verdictBox.textContent = text;
  if (tone) verdictBox.dataset['tone'] = tone;
  else delete verdictBox.dataset['tone'];

  const containers = state.containers.map((container) => {
    const files = [...container.writable.keys()];
    const status = container.status === 'running' ? 'running' : 'exited';
    const holds = files.length === 0 ? 'empty' : `holds ${files.join(', ')}`;
    return h('li', null, h('strong', null, container.id), ` (${status}): writable layer ${holds}`);
  });
  fill(out('containers'), ...listOr(containers, 'none'));
  const newest = state.containers[state.containers.length - 1];
  out('view-title').textContent =
    newest === undefined ? 'Files the newest container sees' : `Files ${newest.id} sees`;
  const seen =
    newest === undefined
      ? []
      : visibleFiles(state, newest.id).map((file) =>
          h('li', null, h('code', null, file.path), ` from ${SOURCE_TEXT[file.source]}`),
        );
  fill(out('view'), ...listOr(seen, 'no container'));
  const stores = [
    ...[...state.volumes].map(([name, files]) => [`volume ${name}`, files] as const),
    ...[...state.hostDirs].map(([path, files]) => [`host ${path}`, files] as const),
  ];
  const outside = stores.map(([place, files]) =>
    h(
      'li',
      null,
      `${place}: `,
      files.size === 0 ? 'empty' : h('code', null, [...files.keys()].join(', ')),
    ),
  );
  fill(out('outside'), ...listOr(outside, 'nothing'));
}
