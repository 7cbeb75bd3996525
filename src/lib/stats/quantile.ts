/**
 * The booklet's one sample quantile: linear interpolation between order statistics, Hyndman and
 * Fan's definition 7 (Hyndman & Fan 1996, "Sample Quantiles in Statistical Packages", The American
 * Statistician 50(4)), which is numpy.quantile's default method='linear' and R's quantile(type = 7).
 *
 * For a sorted sample x[0..n-1] and 0 ≤ q ≤ 1: h = (n − 1)·q, j = ⌊h⌋, g = h − j, and
 * Q(q) = x[j] + g·(x[j+1] − x[j]) (x[j+1] is x[n−1] past the end). The interpolation is written as
 * numpy's `_lerp` writes it (from the upper neighbour when g ≥ 0.5) so that results agree with
 * numpy to the last bit, not just to rounding. Simulations, drift bins, monitoring windows, the
 * production engine and every bench use this file, so a "p95" means the same number everywhere.
 */

/** numpy's `_lerp`: a + (b − a)·t, computed from b when t ≥ 0.5 for symmetric rounding. */
function lerp(a: number, b: number, t: number): number {
  // Equal neighbours (including ±Infinity) need no arithmetic; Infinity − Infinity would be NaN.
  if (t === 0 || a === b) return a;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** Type-7 quantile from a reader of the sorted sample's k-th value; shared by sort and select. */
function interpolate(n: number, q: number, at: (k: number) => number): number {
  if (n === 0 || !(q >= 0 && q <= 1)) return Number.NaN;
  const h = (n - 1) * q;
  const j = Math.floor(h);
  return lerp(at(j), at(Math.min(j + 1, n - 1)), h - j);
}

/**
 * The q-quantile (0 ≤ q ≤ 1, type 7) of values already sorted ascending. NaN for an empty sample
 * or q outside [0, 1]. Drop NaN values first: numpy returns NaN for a sample containing one.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  return interpolate(sorted.length, q, (k) => sorted[k] as number);
}

/** Several type-7 quantiles of an unsorted sample (sorted once, numerically, on a copy). */
export function quantiles(values: ArrayLike<number>, qs: readonly number[]): number[] {
  const sorted = Float64Array.from(values).sort();
  return qs.map((q) => quantileSorted(sorted, q));
}

/** The type-7 median of an unsorted sample (NaN when empty). */
export function median(values: ArrayLike<number>): number {
  return quantiles(values, [0.5])[0] as number;
}

/**
 * Several type-7 quantiles without a full sort: quickselect places the needed order statistics
 * in O(n) expected time. Reorders `values` in place; pass a copy to keep the original order.
 */
export function selectQuantiles(values: Float64Array, qs: readonly number[]): number[] {
  const n = values.length;
  const needed = new Set<number>();
  for (const q of qs) {
    if (!(q >= 0 && q <= 1)) continue;
    const h = (n - 1) * q;
    needed.add(Math.floor(h));
    needed.add(Math.min(Math.floor(h) + 1, n - 1));
  }
  // Select ranks in increasing order, each within the part right of the previous one.
  let lo = 0;
  for (const k of [...needed].sort((a, b) => a - b)) {
    if (k < 0) continue;
    selectInPlace(values, k, lo, n - 1);
    lo = k;
  }
  return qs.map((q) => interpolate(n, q, (k) => values[k] as number));
}

/** Hoare-partition quickselect: afterwards values[k] is the k-th smallest of values[left..right]. */
function selectInPlace(values: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    // Median of three as pivot keeps sorted or reversed input linear.
    const mid = left + ((right - left) >> 1);
    const a = values[left] as number;
    const b = values[mid] as number;
    const c = values[right] as number;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = left;
    let j = right;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        const tmp = values[i] as number;
        values[i] = values[j] as number;
        values[j] = tmp;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}
