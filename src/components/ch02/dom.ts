/**
 * Tiny element builders for the chapter-2 widgets. Text always goes in through `textContent`
 * (strings passed as children become text nodes), so reader input can never become HTML.
 */

/** Options for {@link el}. */
export interface ElementOptions {
  /** Space-separated class names. */
  className?: string;
  /** Text content (set before children are appended). */
  text?: string;
  /** Attributes to set. */
  attrs?: Record<string, string>;
}

/** Creates an HTML element with classes, text, attributes and children (strings become text nodes). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions = {},
  children: readonly (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.className !== undefined) element.className = options.className;
  if (options.text !== undefined) element.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs ?? {}))
    element.setAttribute(name, value);
  for (const child of children) element.append(child);
  return element;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates an SVG element with attributes and optional text. */
export function svgEl(
  tag: string,
  attrs: Record<string, string | number>,
  text?: string,
): SVGElement {
  const element = document.createElementNS(SVG_NS, tag) as SVGElement;
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** Replaces an element's children. */
export function fill(parent: Element, children: readonly (Node | string)[]): void {
  parent.replaceChildren(...children);
}

/** Selects whole line `line` (1-based) of a textarea, focuses it and scrolls it into view. */
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
