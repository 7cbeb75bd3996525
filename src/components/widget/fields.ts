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
