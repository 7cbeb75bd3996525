/**
 * Tiny DOM builders for chapter 1's widgets. Every piece of text goes in through
 * `textContent` (via `append` of strings), so file contents and reader input never become HTML.
 */

/** A cell: plain text, or an element built by the caller. */
export type Cell = string | number | Node;

/** Creates an element with a class name and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string | null,
  ...children: Cell[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children.map((c) => (typeof c === 'number' ? String(c) : c)));
  return node;
}

/** Options for `dataTable`. */
export interface TableOptions {
  /** Visible caption: also the table's accessible name. */
  caption: string;
  headers: string[];
  rows: Cell[][];
  /** Render the first cell of each row as a row header. */
  rowHeaders?: boolean;
  /** Class names per column (for example `num` to right-align numbers). */
  columnClasses?: (string | null)[];
}

/**
 * A captioned table inside a horizontally scrollable wrapper. The wrapper is focusable and
 * named, so keyboard users can scroll it (axe's scrollable-region-focusable rule).
 */
export function dataTable(options: TableOptions): HTMLElement {
  const table = h('table', 'ch01-table');
  table.append(h('caption', null, options.caption));
  const head = h('thead', null);
  const headRow = h('tr', null);
  options.headers.forEach((label, i) => {
    const th = h('th', options.columnClasses?.[i] ?? null, label);
    th.scope = 'col';
    headRow.append(th);
  });
  head.append(headRow);
  const body = h('tbody', null);
  for (const row of options.rows) {
    const tr = h('tr', null);
    row.forEach((cell, i) => {
      const isHeader = options.rowHeaders === true && i === 0;
      const td = h(isHeader ? 'th' : 'td', options.columnClasses?.[i] ?? null, cell);
      if (isHeader) td.setAttribute('scope', 'row');
      tr.append(td);
    });
    body.append(tr);
  }
  table.append(head, body);
  const wrapper = h('div', 'ch01-scroll', table);
  wrapper.tabIndex = 0;
  wrapper.setAttribute('role', 'region');
  wrapper.setAttribute('aria-label', options.caption);
  return wrapper;
}

/** A definition list from label/value pairs. */
export function factList(pairs: [string, Cell][]): HTMLDListElement {
  const dl = h('dl', 'ch01-facts');
  for (const [label, value] of pairs) dl.append(h('dt', null, label), h('dd', null, value));
  return dl;
}

/** Lets the browser paint and handle input between chunks of work. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
