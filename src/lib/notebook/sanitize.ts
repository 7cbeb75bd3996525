/**
 * HTML that a notebook carries is untrusted: a cell's `text/html` output or raw HTML in markdown
 * could hold scripts, event handlers or `javascript:` links. Everything passes through
 * hast-util-sanitize (the sanitizer behind rehype-sanitize) before it reaches a page.
 */
import type { Element, Nodes, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { sanitize, type Schema } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';

/**
 * The only HTML a rich output may keep: data tables, as pandas writes them (`DataFrame._repr_html_`:
 * a `<div>` around a `<table>`, a `<style scoped>` block, and a `<p>` with the shape). No attribute
 * survives except the spans of header and data cells, so there are no classes, styles, ids or URLs.
 */
export const TABLE_OUTPUT_SCHEMA: Schema = {
  tagNames: [
    'div',
    'p',
    'span',
    'br',
    'b',
    'strong',
    'i',
    'em',
    'code',
    'table',
    'caption',
    'colgroup',
    'col',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
  ],
  attributes: { th: ['colSpan', 'rowSpan'], td: ['colSpan', 'rowSpan'] },
  // Elements removed together with their content; any other unknown element is unwrapped.
  strip: ['script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math'],
  protocols: {},
  allowComments: false,
  allowDoctypes: false,
};

/** Text content of a hast node, for deciding whether a header cell is empty. */
export function hastText(node: Nodes): string {
  if (node.type === 'text') return node.value;
  if ('children' in node) return node.children.map((child) => hastText(child)).join('');
  return '';
}

/**
 * A header cell with no text (pandas' top-left corner above the index column) describes nothing,
 * and assistive technology would announce it as a header of the index column; it becomes a `<td>`.
 */
function demoteEmptyHeaderCells(node: Root | Element): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'th' && hastText(child).trim() === '') child.tagName = 'td';
    demoteEmptyHeaderCells(child);
  }
}

/** True when the tree holds at least one `<table>`. */
function hasTable(node: Nodes): boolean {
  if (node.type === 'element' && node.tagName === 'table') return true;
  return 'children' in node && node.children.some((child) => hasTable(child));
}

/**
 * Sanitizes a `text/html` output down to its tables. Returns the safe HTML, or null when the output
 * is not a table (an interactive report, a widget, a styled banner): the caller shows the output's
 * `text/plain` form instead, so nothing is half-rendered.
 */
export function sanitizeTableHtml(html: string): string | null {
  const clean = sanitize(fromHtml(html, { fragment: true }), TABLE_OUTPUT_SCHEMA) as Root;
  if (!hasTable(clean)) return null;
  demoteEmptyHeaderCells(clean);
  return toHtml(clean);
}
