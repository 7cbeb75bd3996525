/** Chi-squared goodness-of-fit test of current category counts against reference proportions. */

import { perValueBins, type Category } from './binning';
import { chiSquaredSf } from './special';

/** Result of a chi-squared goodness-of-fit test. */
export interface ChiSquareResult {
  /** Pearson's statistic Σ (observed − expected)² / expected. */
  statistic: number;
  /** P(χ²_{k−1} ≥ statistic). */
  pValue: number;
  /** Degrees of freedom, categories − 1. */
  dof: number;
}

/**
 * Chi-squared goodness of fit as Evidently's `chisquare` stattest: observed = current counts,
 * expected = reference counts × (current n / reference n), p = χ² survival function with k − 1
 * degrees of freedom (scipy.stats.chisquare). A category the reference never saw but the current
 * sample has gives an infinite statistic and p = 0. A category empty in both samples is not a
 * category of either and is left out, degrees of freedom included. As scipy returns: with an empty
 * sample the statistic and p are NaN; with a single category the statistic is 0 and p is NaN.
 */
export function chiSquareGoodnessOfFit(
  refCounts: readonly number[],
  curCounts: readonly number[],
): ChiSquareResult {
  const length = Math.min(refCounts.length, curCounts.length);
  let refTotal = 0;
  let curTotal = 0;
  let k = 0;
  for (let i = 0; i < length; i++) {
    const r = refCounts[i] as number;
    const c = curCounts[i] as number;
    refTotal += r;
    curTotal += c;
    if (r !== 0 || c !== 0) k++;
  }
  const dof = Math.max(0, k - 1);
  if (refTotal <= 0 || curTotal <= 0) return { statistic: Number.NaN, pValue: Number.NaN, dof };
  const scale = curTotal / refTotal;
  let statistic = 0;
  for (let i = 0; i < length; i++) {
    const observed = curCounts[i] as number;
    const expected = (refCounts[i] as number) * scale;
    if (expected === 0) {
      if (observed > 0) statistic = Infinity;
      continue;
    }
    const d = observed - expected;
    statistic += (d * d) / expected;
  }
  // One category: the statistic is 0 but there is no distribution to test it against (dof 0).
  const pValue = k < 2 ? Number.NaN : statistic === Infinity ? 0 : chiSquaredSf(statistic, dof);
  return { statistic, pValue, dof };
}

/** Chi-squared test on raw categorical samples: counts per distinct value, then `chiSquareGoodnessOfFit`. */
export function chiSquareTest(
  reference: ArrayLike<Category | null | undefined>,
  current: ArrayLike<Category | null | undefined>,
): ChiSquareResult {
  const { bins } = perValueBins(reference, current);
  return chiSquareGoodnessOfFit(
    bins.map((b) => b.refCount),
    bins.map((b) => b.curCount),
  );
}
