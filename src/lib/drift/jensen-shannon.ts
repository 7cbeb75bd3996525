/** Jensen–Shannon distance, as scipy.spatial.distance.jensenshannon and Evidently's stattest use it. */

import {
  binDistributions,
  type BinnedDistributions,
  type BinningOptions,
  type Category,
} from './binning';

// x·ln(x/y) with the conventions of scipy.special.rel_entr: 0 when x = 0, +∞ when y = 0 < x.
function relativeEntropyTerm(x: number, y: number): number {
  if (x === 0 && y >= 0) return 0;
  if (x > 0 && y > 0) return x * Math.log(x / y);
  return Infinity;
}

/**
 * Jensen–Shannon distance √(JS(p‖q)) with JS = ½ KL(p‖m) + ½ KL(q‖m), m = (p + q)/2, as
 * scipy.spatial.distance.jensenshannon(p, q, base): p and q are first scaled to sum to 1, the natural
 * logarithm is used unless `base` is given. Returns NaN for mismatched lengths or a zero vector.
 */
export function jensenShannonDistance(
  p: readonly number[],
  q: readonly number[],
  base?: number,
): number {
  if (p.length !== q.length || p.length === 0) return Number.NaN;
  let sumP = 0;
  let sumQ = 0;
  for (let i = 0; i < p.length; i++) {
    sumP += p[i] as number;
    sumQ += q[i] as number;
  }
  if (!(sumP > 0) || !(sumQ > 0)) return Number.NaN;
  let divergence = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = (p[i] as number) / sumP;
    const qi = (q[i] as number) / sumQ;
    const mi = (pi + qi) / 2;
    divergence += relativeEntropyTerm(pi, mi) + relativeEntropyTerm(qi, mi);
  }
  if (base !== undefined) divergence /= Math.log(base);
  // Rounding can leave a tiny negative divergence for identical inputs.
  return Math.sqrt(Math.max(0, divergence / 2));
}

/** Result of `jensenShannonDrift`. */
export interface JensenShannonResult {
  /** The Jensen–Shannon distance (natural log). */
  value: number;
  /** The bins whose shares were compared. */
  binned: BinnedDistributions;
}

/**
 * Jensen–Shannon distance between a reference and a current sample, as Evidently's `jensenshannon`
 * stattest: the same shared bins as PSI (Sturges equal-width bins for numeric data with > 20 distinct
 * reference values, per value otherwise) but without the empty-bin replacement, then
 * `jensenShannonDistance` with the natural logarithm.
 */
export function jensenShannonDrift(
  reference: ArrayLike<Category | null | undefined>,
  current: ArrayLike<Category | null | undefined>,
  options: BinningOptions = {},
): JensenShannonResult {
  const binned = binDistributions(reference, current, options);
  const value = jensenShannonDistance(
    binned.bins.map((b) => b.refShare),
    binned.bins.map((b) => b.curShare),
  );
  return { value, binned };
}
