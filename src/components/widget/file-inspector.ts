/**
 * What chapter 1's file inspectors share: a file input and buttons that each start one
 * inspection through `WidgetChrome.run` (every control disabled meanwhile, "Reading the file…"),
 * and one way to show an inspection that failed: the message at the field, the last answer
 * cleared and hidden (it would be read as this file's), a status line and focus on the input.
 */
import type { WidgetChrome } from './chrome';
import { fill } from './dom';
import { setFieldError } from './fields';

/** The actions behind the controls, and how a result is shown (`fromInput`: it came from the file input). */
export interface InspectionActions<R> {
  upload: (file: File) => Promise<R>;
  button: (button: HTMLButtonElement) => Promise<R>;
  show: (result: R, fromInput: boolean) => void;
}

/** Wires the file input and the buttons to their inspections; the form never submits. */
export function wireInspections<R>(
  chrome: WidgetChrome,
  input: HTMLInputElement,
  buttons: readonly HTMLButtonElement[],
  actions: InspectionActions<R>,
): void {
  const run = (action: () => Promise<R>, fromInput: boolean) =>
    void chrome.run(async () => actions.show(await action(), fromInput), {
      disable: [...buttons, input],
      busyStatus: 'Reading the file…',
    });
  for (const button of buttons) {
    button.addEventListener('click', () => run(() => actions.button(button), false));
  }
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) run(() => actions.upload(file), true);
  });
  input.form?.addEventListener('submit', (event) => event.preventDefault());
}

/** Shows a failed inspection: `message` at the field, `out` emptied and hidden, `status`, focus. */
export function showFailedInspection(
  chrome: WidgetChrome,
  input: HTMLInputElement,
  out: HTMLElement,
  message: string,
  status: string,
): void {
  setFieldError(input, message);
  out.hidden = true;
  fill(out);
  chrome.status(status);
  input.focus();
}
