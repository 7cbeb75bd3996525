/**
 * Per-page ids for figures. A figure's title, description, caption and arrowhead marker need ids
 * that are unique on the page, and a page may show the same figure twice; SVG `url(#id)`
 * references and `aria-labelledby` would then point at the first copy. Counting instances per
 * render (keyed by the page's request) keeps the ids unique and the HTML the same on every build.
 */
const seen = new WeakMap<object, Map<string, number>>();

/** `base` for the first figure with that base on this page, then `base-2`, `base-3`, … */
export function figureInstanceId(page: object, base: string): string {
  let counts = seen.get(page);
  if (!counts) {
    counts = new Map();
    seen.set(page, counts);
  }
  const n = (counts.get(base) ?? 0) + 1;
  counts.set(base, n);
  return n === 1 ? base : `${base}-${n}`;
}
