/**
 * Binning of a reference and a current sample into shared bins, as Evidently does before PSI and
 * Jensen–Shannon (evidently.calculations.stattests.utils.get_binned_data).
 *
 * Reading of Evidently's default ("auto") rule: a numerical column whose *reference* sample has more
 * than 20 distinct values gets equal-width bins from numpy.histogram_bin_edges over the
 * concatenation of reference and current with bins='sturges'; anything else (categorical columns, and
 * numerical columns with ≤ 20 distinct reference values) gets one bin per distinct value seen in
 * either sample. Shares are counts divided by the sample size. The `n_bins=30` argument Evidently
 * passes is not used by that code path. numpy's integer-data rule (width ≥ 1 for integer dtype) can
 * never change the result here: Sturges' width is below 1 only when the range is below
 * log2(n) + 1 ≤ 18, and integer data in such a range has at most 19 distinct values, so it is
 * binned per value anyway.
 */

import { quantileSorted } from '../stats/quantile';

/** A category value of a categorical column. */
export type Category = string | number | boolean;

/** How the bins were formed. */
export type BinningKind = 'equal-width' | 'quantile' | 'per-value';

/** Binning requested by a caller; 'auto' is Evidently's rule described in the module comment. */
export type BinningOption = 'auto' | BinningKind;

/** One bin shared by the reference and the current sample. */
export interface DistributionBin {
  /** Display label: "[lower, upper)" for numeric bins, the category as text otherwise. */
  label: string;
  /** Numeric range of the bin (absent for per-value bins). */
  range?: { lower: number; upper: number };
  /** The category of a per-value bin (absent for numeric bins). */
  category?: Category;
  /** Reference rows in the bin. */
  refCount: number;
  /** Current rows in the bin. */
  curCount: number;
  /** refCount / reference size. */
  refShare: number;
  /** curCount / current size. */
  curShare: number;
}

/** Reference and current samples binned together. */
export interface BinnedDistributions {
  /** How the bins were formed. */
  kind: BinningKind;
  /** Bin edges (numeric binnings only; length = bins + 1). */
  edges: number[];
  /** The bins, in ascending order of value. */
  bins: DistributionBin[];
  /** Reference size after dropping missing values. */
  refSize: number;
  /** Current size after dropping missing values. */
  curSize: number;
}

/** Options for `binDistributions`. */
export interface BinningOptions {
  /** 'numeric' data is binned by value ranges under 'auto'; 'categorical' always per value. */
  kind?: 'numeric' | 'categorical';
  /** Binning rule; default 'auto' (Evidently's). */
  binning?: BinningOption;
  /** Number of reference-quantile bins for binning 'quantile' (default 10). */
  quantileBins?: number;
}

/**
 * Bin edges as numpy.histogram_bin_edges(values, bins='sturges') for a sample of size n with the
 * given min and max: Sturges' width ptp / (log2(n) + 1), bin count ceil((max − min) / width), edges
 * from numpy.linspace (i·step + min, the last edge set to max exactly). A constant sample gets one
 * bin [v − 0.5, v + 0.5].
 */
export function sturgesBinEdges(min: number, max: number, n: number): number[] {
  if (n === 0 || !Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  let first = min;
  let last = max;
  const ptp = max - min;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const width = ptp / (Math.log2(n) + 1);
  const binCount = width ? Math.ceil((last - first) / width) : 1;
  const step = (last - first) / binCount;
  const edges = new Array<number>(binCount + 1);
  for (let i = 0; i < binCount; i++) edges[i] = i * step + first;
  edges[binCount] = last;
  return edges;
}

/**
 * Counts per bin as numpy.histogram(values, edges): bins are [e_k, e_{k+1}) except the last, which
 * is closed; values outside [e_0, e_last] are not counted. With `openEnds`, the first and last bins
 * also take everything below / above them (used for quantile bins). Each value is placed by a guess
 * from equal spacing, corrected against the actual edges, so no sort is needed.
 */
export function histogramCounts(
  values: ArrayLike<number>,
  edges: readonly number[],
  openEnds = false,
): number[] {
  const bins = edges.length - 1;
  const counts = new Array<number>(bins).fill(0);
  const first = edges[0] as number;
  const last = edges[bins] as number;
  const scale = bins / (last - first);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!(v >= first && v <= last)) {
      if (openEnds && v < first) counts[0] = (counts[0] as number) + 1;
      else if (openEnds && v > last) counts[bins - 1] = (counts[bins - 1] as number) + 1;
      continue;
    }
    let k = Math.min(bins - 1, Math.max(0, Math.floor((v - first) * scale)));
    while (k > 0 && v < (edges[k] as number)) k--;
    while (k < bins - 1 && v >= (edges[k + 1] as number)) k++;
    counts[k] = (counts[k] as number) + 1;
  }
  return counts;
}

const isMissing = (v: unknown): boolean =>
  v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));

// Orders categories deterministically: booleans, then numbers ascending, then strings by code unit.
function compareCategories(a: Category, b: Category): number {
  const rank = (v: Category): number =>
    typeof v === 'boolean' ? 0 : typeof v === 'number' ? 1 : 2;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Counts of each non-missing value of a sample. */
export function valueCounts(values: ArrayLike<Category | null | undefined>): Map<Category, number> {
  const counts = new Map<Category, number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isMissing(v)) continue;
    const key = v as Category;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** One bin per distinct non-missing value seen in either sample, with counts and shares. */
export function perValueBins(
  reference: ArrayLike<Category | null | undefined>,
  current: ArrayLike<Category | null | undefined>,
): BinnedDistributions {
  const refCounts = valueCounts(reference);
  const curCounts = valueCounts(current);
  const keys = [...new Set<Category>([...refCounts.keys(), ...curCounts.keys()])].sort(
    compareCategories,
  );
  let refSize = 0;
  for (const c of refCounts.values()) refSize += c;
  let curSize = 0;
  for (const c of curCounts.values()) curSize += c;
  const bins = keys.map((key): DistributionBin => {
    const refCount = refCounts.get(key) ?? 0;
    const curCount = curCounts.get(key) ?? 0;
    return {
      label: String(key),
      category: key,
      refCount,
      curCount,
      refShare: refSize > 0 ? refCount / refSize : 0,
      curShare: curSize > 0 ? curCount / curSize : 0,
    };
  });
  return { kind: 'per-value', edges: [], bins, refSize, curSize };
}

function formatEdge(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4)));
}

function numericBins(
  kind: 'equal-width' | 'quantile',
  edges: number[],
  ref: Float64Array,
  cur: Float64Array,
): BinnedDistributions {
  const openEnds = kind === 'quantile';
  const refCounts = histogramCounts(ref, edges, openEnds);
  const curCounts = histogramCounts(cur, edges, openEnds);
  const last = edges.length - 2;
  const bins = refCounts.map((refCount, k): DistributionBin => {
    const lower = edges[k] as number;
    const upper = edges[k + 1] as number;
    const curCount = curCounts[k] as number;
    return {
      label: `[${formatEdge(lower)}, ${formatEdge(upper)}${k === last ? ']' : ')'}`,
      range: { lower, upper },
      refCount,
      curCount,
      refShare: ref.length > 0 ? refCount / ref.length : 0,
      curShare: cur.length > 0 ? curCount / cur.length : 0,
    };
  });
  return { kind, edges, bins, refSize: ref.length, curSize: cur.length };
}

function minMax(values: Float64Array, into: { min: number; max: number }): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v < into.min) into.min = v;
    if (v > into.max) into.max = v;
  }
}

/** Equal-width Sturges bins over the pooled range of two finite numeric samples (Evidently's numeric rule). */
export function equalWidthBins(ref: Float64Array, cur: Float64Array): BinnedDistributions {
  const range = { min: Infinity, max: -Infinity };
  minMax(ref, range);
  minMax(cur, range);
  return numericBins(
    'equal-width',
    sturgesBinEdges(range.min, range.max, ref.length + cur.length),
    ref,
    cur,
  );
}

/**
 * Reference-quantile bins (the common PSI "deciles of the reference" variant): interior edges are
 * the reference quantiles at k/bins (numpy 'linear' method), duplicates merged; the first and last
 * bins are open-ended so every current value is counted. Reported outer edges are the pooled min/max.
 */
export function quantileBins(
  ref: Float64Array,
  cur: Float64Array,
  binCount = 10,
): BinnedDistributions {
  const count = Math.max(1, Math.floor(binCount));
  const refSorted = ref.slice().sort();
  const interior: number[] = [];
  for (let k = 1; k < count; k++) {
    const q = quantileSorted(refSorted, k / count);
    if (
      !Number.isNaN(q) &&
      (interior.length === 0 || q > (interior[interior.length - 1] as number))
    ) {
      interior.push(q);
    }
  }
  const range = { min: Infinity, max: -Infinity };
  minMax(ref, range);
  minMax(cur, range);
  if (!Number.isFinite(range.min)) return numericBins('quantile', [0, 1], ref, cur);
  const lower = range.min;
  const upper = range.max > lower ? range.max : lower + 1;
  const edges = [lower, ...interior.filter((e) => e > lower && e < upper), upper];
  return numericBins('quantile', edges, ref, cur);
}

/** Number of distinct values in `values`, counting no further than `cap`. */
export function distinctCountUpTo(values: ArrayLike<number>, cap: number): number {
  const seen = new Set<number>();
  for (let i = 0; i < values.length && seen.size < cap; i++) seen.add(values[i] as number);
  return seen.size;
}

/**
 * Bins a reference and a current sample together. Numeric input drops NaN (and ±Infinity, which
 * Evidently replaces with NaN before its tests); categorical input drops null/undefined/NaN.
 */
export function binDistributions(
  reference: ArrayLike<Category | null | undefined>,
  current: ArrayLike<Category | null | undefined>,
  options: BinningOptions = {},
): BinnedDistributions {
  const kind = options.kind ?? 'numeric';
  const binning = options.binning ?? 'auto';
  if (kind === 'categorical') return perValueBins(reference, current);
  const ref = finiteNumbers(reference);
  const cur = finiteNumbers(current);
  if (binning === 'per-value') return perValueBins(ref, cur);
  if (binning === 'quantile') return quantileBins(ref, cur, options.quantileBins ?? 10);
  if (binning === 'equal-width' || distinctCountUpTo(ref, 21) > 20) return equalWidthBins(ref, cur);
  return perValueBins(ref, cur);
}

/** The finite numbers of a sample, in order (non-numbers, NaN and ±Infinity dropped). */
export function finiteNumbers(values: ArrayLike<unknown>): Float64Array {
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number' && Number.isFinite(v)) count++;
  }
  if (count === values.length && values instanceof Float64Array) return values;
  const out = new Float64Array(count);
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number' && Number.isFinite(v)) out[k++] = v;
  }
  return out;
}
