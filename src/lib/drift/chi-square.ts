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
 * sample has gives an infinite statistic and p = 0; a category empty in both adds nothing. With a
 * single category there is nothing to compare and p = 1 (scipy would return NaN).
 */
export function chiSquareGoodnessOfFit(
  refCounts: readonly number[],
  curCounts: readonly number[],
): ChiSquareResult {
  const k = Math.min(refCounts.length, curCounts.length);
  let refTotal = 0;
  let curTotal = 0;
  for (let i = 0; i < k; i++) {
    refTotal += refCounts[i] as number;
    curTotal += curCounts[i] as number;
  }
  const dof = k - 1;
  if (k < 2 || refTotal <= 0 || curTotal <= 0)
    return { statistic: 0, pValue: 1, dof: Math.max(0, dof) };
  const scale = curTotal / refTotal;
  let statistic = 0;
  for (let i = 0; i < k; i++) {
    const observed = curCounts[i] as number;
    const expected = (refCounts[i] as number) * scale;
    if (expected === 0) {
      if (observed > 0) statistic = Infinity;
      continue;
    }
    const d = observed - expected;
    statistic += (d * d) / expected;
  }
  const pValue = statistic === Infinity ? 0 : chiSquaredSf(statistic, dof);
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
