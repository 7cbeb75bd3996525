/**
 * Field-level messages for widget forms. A control's error element is found through its
 * `aria-describedby` list (the id that points at an element with `data-field-error`), so the
 * markup (`Field.astro`) and the message always agree, and screen readers read the message with
 * the field. Messages are set as text, never as markup.
 */

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** The error element a control names in `aria-describedby`, if any. */
export function errorElementFor(control: Element): HTMLElement | null {
  const ids = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  for (const id of ids) {
    const candidate = control.ownerDocument.getElementById(id);
    if (candidate?.hasAttribute('data-field-error')) return candidate;
  }
  return null;
}

/**
 * Shows `message` at the field (or clears it with `null`) and sets `aria-invalid`.
 * Returns whether the field is valid, so checks can be chained.
 */
export function setFieldError(control: Element, message: string | null): boolean {
  const target = errorElementFor(control);
  control.setAttribute('aria-invalid', String(message !== null));
  if (target) {
    target.textContent = message ?? '';
    target.hidden = message === null;
  }
  return message === null;
}

/** Clears every field message inside `root`. */
export function clearFieldErrors(root: ParentNode): void {
  for (const control of root.querySelectorAll('[aria-invalid="true"]'))
    setFieldError(control, null);
}

/** The first control inside `root` that shows an error, if any. */
export function firstInvalid(root: ParentNode): Control | null {
  return root.querySelector<Control>('[aria-invalid="true"]');
}

/** Whether any control inside `root` shows an error (a run must not start while one does). */
export function hasFieldErrors(root: ParentNode): boolean {
  return firstInvalid(root) !== null;
}

/**
 * Applies a map of field messages (`name` → message) to the named controls of `form`, clearing
 * the others, and focuses the first field in error. Returns whether every field is valid.
 */
export function showFieldErrors(
  form: HTMLFormElement,
  errors: Readonly<Record<string, string | undefined>>,
): boolean {
  let first: Control | null = null;
  for (const element of Array.from(form.elements)) {
    if (!(element instanceof HTMLElement) || !('name' in element)) continue;
    const control = element as Control;
    if (!control.name || !errorElementFor(control)) continue;
    const message = errors[control.name];
    setFieldError(control, message ?? null);
    if (message !== undefined && first === null) first = control;
  }
  first?.focus();
  return first === null;
}

/**
 * Selects whole line `line` (1-based, clamped) of a text field, focuses it and scrolls it into
 * view: how an error message that names a line takes the reader to it.
 */
export function selectLine(textarea: HTMLTextAreaElement, line: number): void {
  const lines = textarea.value.split('\n');
  const index = Math.min(Math.max(line, 1), lines.length) - 1;
  let start = 0;
  for (let i = 0; i < index; i++) start += (lines[i] ?? '').length + 1;
  const end = start + (lines[index] ?? '').length;
  textarea.focus();
  textarea.setSelectionRange(start, end);
  const lineHeight = Number.parseFloat(getComputedStyle(textarea).lineHeight) || 20;
  textarea.scrollTop = Math.max(0, (index - 3) * lineHeight);
}
