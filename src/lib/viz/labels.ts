/**
 * Placement of marker labels on a chart so that no two overprint (issue 15 #5: a swap marker's
 * "v2" drawn over a year marker's "2014" read "v22014"). Labels sit just right of their marker
 * on the first row where they fit; a label that fits on no row is left out of the chart (its
 * marker line stays, and the widget lists every event as text).
 */

/** A marker label to place: its marker's x and its estimated width, both in px. */
export interface MarkerLabelInput {
  x: number;
  width: number;
  label: string;
}

/** Where a label goes: the left edge of its text and its row (0 = top), or row null when left out. */
export interface MarkerLabelPlacement {
  label: string;
  left: number;
  row: number | null;
}

/** Options of {@link layoutMarkerLabels}. */
export interface MarkerLabelOptions {
  /** Right edge of the plot area, px: a label never runs past it. */
  right: number;
  /** Left edge of the plot area, px. */
  left?: number;
  /** Rows available (default 3). */
  rows?: number;
  /** Space between a marker and its label, and between two labels on a row (default 3 px). */
  gap?: number;
}

/** A text's width in px, estimated from its length: 0.62 em per character covers digits and Latin letters in the booklet's sans-serif. */
export function estimateTextWidth(text: string, fontSizePx: number): number {
  return Math.ceil(text.length * fontSizePx * 0.62);
}

/**
 * Lays out labels left to right (by marker x, ties in input order): each goes on the first row
 * whose previous label ends at least `gap` before it starts. A label that would pass `right` is
 * drawn to the left of its marker instead. Two placed labels on one row never overlap.
 */
export function layoutMarkerLabels(
  labels: readonly MarkerLabelInput[],
  options: MarkerLabelOptions,
): MarkerLabelPlacement[] {
  const rows = Math.max(1, Math.floor(options.rows ?? 3));
  const gap = options.gap ?? 3;
  const minLeft = options.left ?? Number.NEGATIVE_INFINITY;
  const rowEnds: number[] = Array.from({ length: rows }, () => Number.NEGATIVE_INFINITY);
  const order = labels.map((l, i) => ({ l, i })).sort((a, b) => a.l.x - b.l.x || a.i - b.i);
  const placed: MarkerLabelPlacement[] = new Array<MarkerLabelPlacement>(labels.length);
  for (const { l, i } of order) {
    let left = l.x + gap;
    if (left + l.width > options.right) left = Math.max(minLeft, l.x - gap - l.width);
    const row = rowEnds.findIndex((end) => left >= end + gap);
    if (row >= 0) rowEnds[row] = left + l.width;
    placed[i] = { label: l.label, left, row: row >= 0 ? row : null };
  }
  return placed;
}
