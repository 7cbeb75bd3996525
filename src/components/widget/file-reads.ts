/**
 * The start-up of a widget that reads a file and shows what is inside: one file input for the
 * reader's own file, buttons (`data-file`) for files the booklet publishes, and one result area
 * (`data-out`), all inside the host's form or beside it. Every read runs
 * through `WidgetChrome.run` (busy guard, progress, Retry), and every answer is shown the same way:
 * a file that could not be read empties the result and puts its message at the field.
 */
import type { WidgetChrome } from './chrome';
import { type Child, fill, focusResult, part } from './dom';
import { setFieldError } from './fields';

/** What reading one file gave: an answer to show, or why the file was not read. */
export type FileRead = { ok: true; name: string } | { ok: false; name: string; message: string };

/** What to show for a file that was read. */
export interface FileAnswer {
  view: Child[];
  status: string;
  /** The message at the file field (`null` for none). */
  fieldError: string | null;
}

/** The reads of one file-reading widget. */
export interface FileReadsOptions<T extends FileRead> {
  /** Reads the booklet's own file named by a button's `data-file`. */
  readPublished(file: string): Promise<T>;
  /** Reads a file picked in the file input. */
  readUpload(file: File): Promise<T>;
  /** The status line for a file that was not read. */
  failed(name: string): string;
  /** What to show for a file that was read; `fromInput` says whether it came from the input. */
  answer(result: Extract<T, { ok: true }>, fromInput: boolean): FileAnswer;
}

/**
 * Wires `host`'s file input, `data-file` buttons and form (a submit does nothing: every read
 * starts itself), reporting through `chrome`. The answer goes to the `data-out` element, hidden and
 * empty while there is none.
 */
export function wireFileReads<T extends FileRead>(
  host: HTMLElement,
  chrome: WidgetChrome,
  options: FileReadsOptions<T>,
): void {
  const input = part<HTMLInputElement>(host, 'input[type="file"]');
  const out = part(host, '[data-out]');
  const buttons = [...host.querySelectorAll<HTMLButtonElement>('button[data-file]')];
  const show = (result: T, fromInput: boolean) => {
    if (!result.ok) {
      setFieldError(input, result.message);
      // The last file's answer would be read as this file's: clear it.
      out.hidden = true;
      fill(out);
      chrome.status(options.failed(result.name));
      input.focus();
      return;
    }
    const answer = options.answer(result as Extract<T, { ok: true }>, fromInput);
    setFieldError(input, answer.fieldError);
    fill(out, ...answer.view);
    out.hidden = false;
    chrome.status(answer.status);
    focusResult(out);
  };
  const run = (read: () => Promise<T>, fromInput: boolean) =>
    void chrome.run(async () => show(await read(), fromInput), {
      disable: [...buttons, input],
      busyStatus: 'Reading the file…',
    });
  for (const button of buttons) {
    const file = button.dataset['file'] ?? '';
    button.addEventListener('click', () => run(() => options.readPublished(file), false));
  }
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) run(() => options.readUpload(file), true);
  });
  part(host, 'form').addEventListener('submit', (event) => event.preventDefault());
}
