/**
 * Turns simulator state into what the widget draws: drift scores on one scale per test kind, and
 * reference-versus-current histograms. Kept here so the widget holds no arithmetic.
 */
import { equalWidthBins } from '../drift/binning';
import type { ColumnDrift } from '../drift/detect';

/** p-values below this are drawn at the chart's ceiling: −log10 of it is the largest score shown. */
export const SMALLEST_PLOTTED_P = 1e-10;

/**
 * A drift value on a scale where higher means more drift and the threshold is a line:
 * −log10(p) for p-value tests (so p = 0.05 sits at 1.30), the distance itself for distances.
 * NaN (an untested column) stays NaN.
 */
export function driftScore(value: number, kind: ColumnDrift['kind']): number {
  if (Number.isNaN(value)) return Number.NaN;
  if (kind === 'distance') return value;
  return -Math.log10(Math.max(SMALLEST_PLOTTED_P, Math.min(1, value)));
}

/** Reference and current shares of one column over shared equal-width (Sturges) bins. */
export interface FeatureHistogram {
  /** Bin edges, bins + 1 values. */
  edges: number[];
  /** Share of reference rows per bin. */
  reference: number[];
  /** Share of current rows per bin. */
  current: number[];
}

/**
 * Histogram of column `column` of the reference and current rows, with the equal-width Sturges
 * bins over the pooled range that Evidently uses for numeric PSI and Jensen–Shannon. Shares, not
 * counts, so samples of different sizes compare. Null when either side has no finite value.
 */
export function featureHistogram(
  reference: readonly (readonly number[])[],
  current: readonly (readonly number[])[],
  column: number,
): FeatureHistogram | null {
  const pick = (rows: readonly (readonly number[])[]) =>
    Float64Array.from(rows, (row) => row[column] ?? Number.NaN).filter(Number.isFinite);
  const ref = pick(reference);
  const cur = pick(current);
  if (ref.length === 0 || cur.length === 0) return null;
  const binned = equalWidthBins(ref, cur);
  return {
    edges: binned.edges,
    reference: binned.bins.map((b) => b.refShare),
    current: binned.bins.map((b) => b.curShare),
  };
}
