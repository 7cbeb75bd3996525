/**
 * The volumes lab's lazy boundary: imported on the first button press, it keeps one simulated
 * Docker host per column (no mount, named volume, bind mount, tmpfs), checks the two text fields,
 * runs the same command in all four (src/lib/docker/lifecycle.ts) and hands the states to the view.
 */
import { lifecycleCommand } from '../../lib/docker/commands';
import { checkContainerPath, checkFileContent } from '../../lib/docker/input-limits';
import { applyLifecycleAction, createLifecycle } from '../../lib/docker/lifecycle';
import type { LifecycleAction, MountSpec } from '../../lib/docker/lifecycle';
import { part } from '../widget/dom';
import { setFieldError } from '../widget/fields';
import { renderColumn, renderHistory, VOLUME_NAME } from './volume-view';
import type { Column } from './volume-view';

const MOUNTS: Record<string, MountSpec> = {
  none: { mode: 'none' },
  volume: { mode: 'volume', name: VOLUME_NAME, target: '/app/logs' },
  bind: { mode: 'bind', hostPath: '/home/you/penguins-logs', target: '/app/logs' },
  tmpfs: { mode: 'tmpfs', target: '/app/logs' },
};

/** What one button does in a column, or null for an unknown button. */
function actionFor(name: string, mount: MountSpec): LifecycleAction | null {
  switch (name) {
    case 'run':
      return { type: 'run', mount };
    case 'stop':
    case 'start':
    case 'rm':
      return { type: name };
    case 'volumeRm':
      return { type: 'volumeRm', name: VOLUME_NAME };
    default:
      return null;
  }
}

function imageFilesOf(json: string | undefined): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json ?? '{}');
  } catch (error) {
    // Written at build time by the component; a broken attribute means an empty image.
    if (error instanceof SyntaxError) return {};
    throw error;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  return Object.fromEntries(
    Object.entries(parsed).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

/** One lab on the page. */
export class VolumeSession {
  readonly #root: HTMLElement;
  readonly #imageName: string;
  readonly #imageFiles: Record<string, string>;
  #columns: Column[] = [];
  #history: string[] = [];

  constructor(root: HTMLElement) {
    this.#root = root;
    this.#imageName = root.dataset['imageName'] ?? 'penguins-api:1.0.0';
    this.#imageFiles = imageFilesOf(root.dataset['image']);
    this.#reset();
  }

  #reset(): void {
    this.#history = [];
    this.#columns = [...this.#root.querySelectorAll<HTMLElement>('[data-column]')].map(
      (section) => ({
        mount: MOUNTS[section.dataset['column'] ?? 'none'] ?? { mode: 'none' },
        state: createLifecycle(this.#imageName, this.#imageFiles, '/app'),
        section,
        command: 'none yet',
        outcome: null,
        written: null,
      }),
    );
  }

  /** Checks a field as the reader types, so an over-long value is flagged at once. */
  checkField(input: HTMLInputElement): void {
    if (input.name === 'content') setFieldError(input, checkFileContent(input.value));
    else if (input.name === 'path' && input.getAttribute('aria-invalid') === 'true')
      setFieldError(input, checkContainerPath(input.value));
  }

  /** Runs the button `name` in every column; returns the sentence for the result line. */
  act(name: string): string {
    if (name === 'reset') {
      this.#reset();
      this.#render();
      return 'Started over: no containers, no volumes.';
    }
    let label = name === 'volumeRm' ? `docker volume rm ${VOLUME_NAME}` : `docker ${name}`;
    let write: { path: string; content: string } | null = null;
    if (name === 'write') {
      const path = part<HTMLInputElement>(this.#root, 'input[name="path"]');
      const content = part<HTMLInputElement>(this.#root, 'input[name="content"]');
      const pathOk = setFieldError(path, checkContainerPath(path.value));
      const contentOk = setFieldError(content, checkFileContent(content.value));
      if (!pathOk || !contentOk) {
        (pathOk ? content : path).focus();
        return 'Nothing ran: fix the field marked in red first.';
      }
      write = { path: path.value.trim(), content: content.value };
      label = `write ${write.path}`;
    }
    for (const column of this.#columns) {
      const action =
        write === null ? actionFor(name, column.mount) : { type: 'writeFile' as const, ...write };
      if (action === null) return `Unknown command ${name}.`;
      column.command = lifecycleCommand(column.state, action);
      const result = applyLifecycleAction(column.state, action);
      column.state = result.state;
      column.outcome = result.ok
        ? { ok: true, text: result.event }
        : { ok: false, text: result.error };
      if (result.ok && write !== null) column.written = write.path;
    }
    this.#history.push(label);
    this.#render();
    const failed = this.#columns.filter((column) => column.outcome?.ok === false).length;
    return (
      `Ran “${label}” in all ${this.#columns.length} columns` +
      (failed > 0 ? `; Docker refused it in ${failed} of them (see the red messages).` : '.')
    );
  }

  #render(): void {
    renderHistory(part(this.#root, '[data-out="history"]'), this.#history);
    for (const column of this.#columns) renderColumn(column);
  }
}
