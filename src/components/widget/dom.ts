/**
 * The widgets' one set of DOM builders. Every piece of text goes in as a text node (strings passed
 * as children, or `text`), never as markup, so file contents and reader input cannot become HTML.
 */

/** A child: text, a number shown as text, an element, or nothing (skipped). */
export type Child = string | number | Node | null | undefined | false;

/** A tone (booklet.css `[data-tone]`): colour that repeats what the words already say. */
export type Tone = 'good' | 'warn' | 'bad';

/** Attributes for {@link h} and {@link svg}: `class` sets the class name, `false`/`undefined` skip. */
export type Attrs = Record<string, string | number | boolean | undefined>;

function appendChildren(parent: Node & ParentNode, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === 'number' ? String(child) : child);
  }
}

function setAttrs(node: Element, attrs: Attrs | null | undefined): void {
  if (!attrs) return;
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
}

/** Creates an HTML element with attributes and children (`h('p', { class: 'note' }, 'Text')`). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  appendChildren(node, children);
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates an SVG element with attributes and children (strings become text nodes). */
export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  appendChildren(node, children);
  return node;
}

/** Replaces an element's children. */
export function fill(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  appendChildren(parent, children);
}

/** Finds a required element inside `root`, failing loudly when the markup and script disagree. */
export function part<T extends Element = HTMLElement>(root: ParentNode, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`widget markup is missing ${selector}`);
  return found;
}

/** Options for {@link dataTable}. */
export interface TableOptions {
  /** Visible caption: also the accessible name of the scrolling region. */
  caption: string;
  headers: readonly string[];
  rows: readonly (readonly Child[])[];
  /** Render the first cell of each row as a row header. */
  rowHeaders?: boolean;
  /** Class names per column (`num` right-aligns numbers). */
  columnClasses?: readonly (string | null)[];
  /** Hide the caption visually (it still names the table). */
  hideCaption?: boolean;
}

/**
 * A captioned table inside its own horizontally scrolling box, so a wide table never makes the
 * page scroll sideways. The box is focusable and named, so keyboard users can scroll it (axe's
 * scrollable-region-focusable rule).
 */
export function dataTable(options: TableOptions): HTMLElement {
  const cls = (i: number) => options.columnClasses?.[i] ?? undefined;
  const table = h(
    'table',
    { class: 'widget-table' },
    h('caption', { class: options.hideCaption ? 'sr-only' : undefined }, options.caption),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        ...options.headers.map((label, i) => h('th', { scope: 'col', class: cls(i) }, label)),
      ),
    ),
    h(
      'tbody',
      null,
      ...options.rows.map((row) =>
        h(
          'tr',
          null,
          ...row.map((cell, i) =>
            options.rowHeaders === true && i === 0
              ? h('th', { scope: 'row', class: cls(i) }, cell)
              : h('td', { class: cls(i) }, cell),
          ),
        ),
      ),
    ),
  );
  return h(
    'div',
    { class: 'widget-scroll', tabindex: 0, role: 'region', 'aria-label': options.caption },
    table,
  );
}

/** A definition list from label/value pairs. */
export function factList(
  pairs: readonly (readonly [string, Child])[],
  className = 'widget-facts',
): HTMLDListElement {
  const dl = h('dl', { class: className });
  for (const [label, value] of pairs)
    dl.append(h('div', null, h('dt', null, label), h('dd', null, value)));
  return dl;
}

/** One entry of a chart legend. `tone` is a palette index (0–5) shared with the charts. */
export interface LegendItem {
  label: string;
  tone: number;
  dashed?: boolean;
}

/** A chart legend as a list; the swatch colours come from the `--chart-N` palette in CSS. */
export function legend(items: readonly LegendItem[]): HTMLUListElement {
  return h(
    'ul',
    { class: 'widget-legend' },
    ...items.map((item) =>
      h(
        'li',
        null,
        h('span', {
          class: `widget-swatch tone-${item.tone}${item.dashed ? ' dashed' : ''}`,
          'aria-hidden': 'true',
        }),
        item.label,
      ),
    ),
  );
}

/** A "Show details" disclosure whose body is built only when first opened (fewer DOM nodes). */
export function details(
  summary: string,
  build: () => Child | Child[],
  open = false,
): HTMLDetailsElement {
  const box = h('details', { class: 'widget-details' }, h('summary', null, summary));
  let built = false;
  const ensure = () => {
    if (built) return;
    built = true;
    const content = build();
    appendChildren(box, Array.isArray(content) ? content : [content]);
  };
  box.addEventListener('toggle', () => {
    if (box.open) ensure();
  });
  if (open) {
    ensure();
    box.open = true;
  }
  return box;
}

/**
 * Moves keyboard focus to a result the reader just asked for, so it is not lost on the page body
 * after the button that produced it is disabled or re-rendered.
 */
export function focusResult(target: HTMLElement): void {
  if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
  target.focus({ preventScroll: true });
  target.scrollIntoView({ block: 'nearest', behavior: 'auto' });
}

/**
 * Marks results as stale (they no longer match the inputs) or current. Stale results are marked
 * and say so in text via CSS (`[data-stale]::before`), so they are never taken for current ones.
 */
export function markStale(results: HTMLElement, stale: boolean): void {
  if (stale) results.dataset['stale'] = '';
  else delete results.dataset['stale'];
}
