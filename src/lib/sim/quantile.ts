/**
 * Sample quantiles for latency summaries, by linear interpolation between order statistics:
 * Hyndman and Fan's definition 7, the default of numpy.quantile and R's quantile(type = 7).
 */

/** The q-quantile (0 ≤ q ≤ 1) of values already sorted ascending; NaN for an empty sample. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0 || !(q >= 0 && q <= 1)) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo] ?? NaN;
  const b = sorted[hi] ?? NaN;
  return a + (h - lo) * (b - a);
}

/** Several quantiles of an unsorted sample (sorted once, on a copy). */
export function quantiles(values: ArrayLike<number>, qs: readonly number[]): number[] {
  const sorted = Float64Array.from(values).sort();
  return qs.map((q) => quantileSorted(sorted, q));
}

/**
 * Several quantiles (type 7) without a full sort: quickselect places the needed order statistics
 * in O(n) expected time. Reorders `values` in place; pass a copy to keep the original order.
 */
export function selectQuantiles(values: Float64Array, qs: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return qs.map(() => NaN);
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
    selectInPlace(values, k, lo, n - 1);
    lo = k;
  }
  return qs.map((q) => {
    if (!(q >= 0 && q <= 1)) return NaN;
    const h = (n - 1) * q;
    const i = Math.floor(h);
    const a = values[i] as number;
    const b = values[Math.min(i + 1, n - 1)] as number;
    return a + (h - i) * (b - a);
  });
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
