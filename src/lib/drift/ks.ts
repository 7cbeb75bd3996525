/**
 * Two-sample Kolmogorov–Smirnov test, matching scipy.stats.ks_2samp(a, b, method='auto') with the
 * default two-sided alternative.
 */

import { kolmogorovSmirnovSf } from './kolmogorov';
import { gcd, roundHalfEven, sortedFinite } from './sorted';

/** Result of a two-sample KS test. */
export interface KsResult {
  /** D = sup |F₁(x) − F₂(x)| over the pooled sample. */
  statistic: number;
  /** Two-sided p-value P(D ≥ observed) under the null of one common continuous distribution. */
  pValue: number;
  /** The branch taken: see `ksMethodFor` (with 'auto': exact when max(n1, n2) ≤ 10000, scipy's MAX_AUTO_N). */
  method: 'exact' | 'asymptotic';
  /** Size of the first sample after dropping NaN. */
  n1: number;
  /** Size of the second sample after dropping NaN. */
  n2: number;
}

/** Largest sample size for which `method: 'auto'` uses the exact distribution (scipy's MAX_AUTO_N). */
export const KS_EXACT_MAX_N = 10_000;

/**
 * Two-sample KS statistic on already sorted samples, as the integer h = D·lcm(n1, n2): D is a
 * multiple of 1/lcm, so integer arithmetic makes the exact lattice computation unambiguous.
 * Equal values advance both empirical CDFs before the difference is taken (searchsorted 'right').
 */
export function ksStatisticLattice(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  const g = gcd(n1, n2);
  const n1g = n1 / g;
  const n2g = n2 / g;
  let i = 0;
  let j = 0;
  let best = 0;
  while (i < n1 || j < n2) {
    const v =
      i < n1
        ? j < n2
          ? Math.min(a[i] as number, b[j] as number)
          : (a[i] as number)
        : (b[j] as number);
    while (i < n1 && a[i] === v) i++;
    while (j < n2 && b[j] === v) j++;
    // F1 − F2 = (i·n2 − j·n1)/(n1·n2) = (i·n2g − j·n1g)/lcm.
    const diff = Math.abs(i * n2g - j * n1g);
    if (diff > best) best = diff;
  }
  return best;
}

/**
 * P(D_{m,n} ≥ h/lcm) for equal sizes m = n (lcm = n), by the reflection principle:
 *   2 Σ_{k≥1} (−1)^{k−1} C(2n, n − kh) / C(2n, n),
 * evaluated as 2·A₁(1 − A₂(1 − A₃(…))) with A_k = C(2n, n−kh)/C(2n, n−(k−1)h), a product of h ratios,
 * so no large binomial is ever formed and there is no subtractive cancellation.
 */
export function ksExactSfEqualSizes(n: number, h: number): number {
  if (h <= 0) return 1;
  if (h > n) return 0;
  let p = 0;
  for (let k = Math.floor(n / h); k >= 1; k--) {
    let ratio = 1;
    const base = (k - 1) * h;
    for (let j = 0; j < h; j++) ratio *= (n - base - j) / (n + base + j + 1);
    p = ratio * (1 - p);
  }
  return Math.min(1, Math.max(0, 2 * p));
}

/**
 * P(D_{n1,n2} ≥ h/lcm) by counting lattice paths (Hodges 1958). A path from (0,0) to (n1,n2) steps
 * +1 in i (a value from sample 1) or j (sample 2); all C(n1+n2, n1) paths are equally likely under
 * the null. The statistic reaches h exactly when the path touches a point with |i·n2g − j·n1g| ≥ h.
 * U(i,j) is the share of paths to (i,j) that touched such a point: U = 1 outside the band, U(0,0) = 0,
 * and inside U(i,j) = (i·U(i−1,j) + j·U(i,j−1)) / (i+j), because i/(i+j) of the paths to (i,j)
 * arrive from (i−1,j). Working with the outside share directly (as Viehmann 2021 suggests) keeps
 * small p-values accurate, and only the band of each row is visited: O(n1 · band) time.
 */
export function ksExactSfLattice(n1: number, n2: number, h: number): number {
  if (h <= 0) return 1;
  const g = gcd(n1, n2);
  const n1g = n1 / g;
  const n2g = n2 / g;
  const u = new Float64Array(n2 + 1).fill(1);
  const reciprocal = new Float64Array(n1 + n2 + 1);
  for (let k = 1; k <= n1 + n2; k++) reciprocal[k] = 1 / k;
  // Row i = 0: points (0, j) with j·n1g < h are inside and reached by a single all-inside path.
  const firstHi = Math.min(n2, Math.ceil(h / n1g) - 1);
  for (let j = 0; j <= firstHi; j++) u[j] = 0;
  for (let i = 1; i <= n1; i++) {
    const centre = i * n2g;
    // Inside means centre − h < j·n1g < centre + h.
    const lo = Math.max(0, Math.floor((centre - h) / n1g) + 1);
    const hi = Math.min(n2, Math.ceil((centre + h) / n1g) - 1);
    if (lo > hi) return 1;
    // Entries below lo are never read again; entries above the previous band still hold 1.
    let left = 1;
    for (let j = lo; j <= hi; j++) {
      let value = (i * (u[j] as number) + j * left) * (reciprocal[i + j] as number);
      // Flush values far below any reportable p-value to zero: subnormal arithmetic is ~100× slower
      // and the answer changes by less than 1e-290.
      if (value < 1e-290) value = 0;
      u[j] = value;
      left = value;
    }
  }
  return Math.min(1, Math.max(0, u[n2] as number));
}

/** How `ks2Sample` computes the p-value, as scipy.stats.ks_2samp's `method` argument. */
export type KsMethod = 'auto' | 'exact' | 'asymp';

// scipy gives up on 'exact' when lcm(n1, n2) would overflow a 32-bit integer (n1g ≥ INT32_MAX / n2g).
const INT32_MAX = 2_147_483_647;

/** Which branch scipy.stats.ks_2samp takes for `method` and the two sample sizes. */
export function ksMethodFor(n1: number, n2: number, method: KsMethod): KsResult['method'] {
  if (method === 'asymp') return 'asymptotic';
  if (method === 'auto') return Math.max(n1, n2) <= KS_EXACT_MAX_N ? 'exact' : 'asymptotic';
  const g = gcd(n1, n2);
  return n1 / g >= INT32_MAX / (n2 / g) ? 'asymptotic' : 'exact';
}

/**
 * Two-sample KS test, two-sided, as scipy.stats.ks_2samp(a, b, method) (default 'auto'). With 'auto':
 * exact when max(n1, n2) ≤ 10000 (p = P(D ≥ d) with d rounded onto the 1/lcm lattice), otherwise
 * asymptotic with scipy's choice kstwo.sf(d, round(n1·n2/(n1+n2))) — the finite-n one-sample
 * Kolmogorov distribution at the effective size, rounded half to even as numpy.round does.
 * 'exact' always uses the lattice count unless lcm(n1, n2) overflows 32 bits (scipy's own switch to
 * 'asymp'); 'asymp' always uses kstwo.sf. NaN values are dropped first (scipy's nan_policy='omit',
 * and what Evidently does before its tests). Throws RangeError when a sample is empty (scipy raises too).
 */
export function ks2Sample(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  method: KsMethod = 'auto',
): KsResult {
  const sa = sortedFinite(a);
  const sb = sortedFinite(b);
  return ks2SampleSorted(sa, sb, method);
}

/** `ks2Sample` on samples that are already sorted ascending and free of NaN. */
export function ks2SampleSorted(
  sa: Float64Array,
  sb: Float64Array,
  method: KsMethod = 'auto',
): KsResult {
  const n1 = sa.length;
  const n2 = sb.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('ks2Sample needs two non-empty samples');
  const h = ksStatisticLattice(sa, sb);
  const lcm = (n1 / gcd(n1, n2)) * n2;
  const statistic = h / lcm;
  if (ksMethodFor(n1, n2, method) === 'exact') {
    const pValue = n1 === n2 ? ksExactSfEqualSizes(n1, h) : ksExactSfLattice(n1, n2, h);
    return { statistic, pValue, method: 'exact', n1, n2 };
  }
  const effectiveN = roundHalfEven((n1 * n2) / (n1 + n2));
  const pValue = kolmogorovSmirnovSf(effectiveN, statistic);
  return { statistic, pValue, method: 'asymptotic', n1, n2 };
}
