/** Wasserstein-1 distance and Evidently's normalized variant. */

import { meanAndStd, sortedFinite } from './sorted';

/**
 * First Wasserstein distance between two sorted samples, ∫ |F_a(x) − F_b(x)| dx, in one merge pass
 * over the pooled values (the definition scipy.stats.wasserstein_distance evaluates).
 */
export function wasserstein1Sorted(a: Float64Array, b: Float64Array): number {
  const na = a.length;
  const nb = b.length;
  if (na === 0 || nb === 0) return Number.NaN;
  let i = 0;
  let j = 0;
  let previous = Math.min(a[0] as number, b[0] as number);
  let total = 0;
  const invA = 1 / na;
  const invB = 1 / nb;
  while (i < na || j < nb) {
    const takeA = j >= nb || (i < na && (a[i] as number) <= (b[j] as number));
    const v = takeA ? (a[i] as number) : (b[j] as number);
    // Between the previous pooled value and v both empirical CDFs are constant.
    const gap = v - previous;
    if (gap !== 0) total += Math.abs(i * invA - j * invB) * gap;
    previous = v;
    if (takeA) i++;
    else j++;
  }
  return total;
}

/** First Wasserstein (earth mover's) distance between two samples, as scipy.stats.wasserstein_distance(a, b). NaN dropped. */
export function wasserstein1(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return wasserstein1Sorted(sortedFinite(a), sortedFinite(b));
}

/** Floor for the reference standard deviation in `normedWasserstein` (Evidently's 0.001). */
export const NORMED_WASSERSTEIN_STD_FLOOR = 0.001;

/**
 * Wasserstein-1 divided by the reference's population standard deviation (ddof = 0), the standard
 * deviation floored at 0.001 — Evidently's `wasserstein` stattest (wasserstein_distance_norm).
 */
export function normedWasserstein(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
): number {
  const ref = sortedFinite(reference);
  const cur = sortedFinite(current);
  return normedWassersteinSorted(ref, cur);
}

/** `normedWasserstein` on samples already sorted ascending and free of NaN. */
export function normedWassersteinSorted(ref: Float64Array, cur: Float64Array): number {
  if (ref.length === 0 || cur.length === 0) return Number.NaN;
  const { std } = meanAndStd(ref);
  return wasserstein1Sorted(ref, cur) / Math.max(std, NORMED_WASSERSTEIN_STD_FLOOR);
}
