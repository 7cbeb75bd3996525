/** Population Stability Index, as Evidently's `psi` stattest computes it. */

import {
  binDistributions,
  type BinnedDistributions,
  type BinningOptions,
  type Category,
  type DistributionBin,
} from './binning';

/** A bin of a PSI computation, with the shares actually used in the formula. */
export interface PsiBin extends DistributionBin {
  /** Reference share after Evidently's empty-bin replacement. */
  refShareUsed: number;
  /** Current share after Evidently's empty-bin replacement. */
  curShareUsed: number;
  /** This bin's term (ref − cur)·ln(ref/cur). */
  contribution: number;
}

/** Result of `populationStabilityIndex`. */
export interface PsiResult {
  /** PSI = Σ (ref_i − cur_i)·ln(ref_i / cur_i). */
  value: number;
  /** How the bins were formed. */
  kind: BinnedDistributions['kind'];
  /** Bin edges for numeric binnings (bins + 1 values), empty for per-value bins. */
  edges: number[];
  /** The bins, for drawing a histogram. */
  bins: PsiBin[];
}

/**
 * Evidently's replacement for empty bins (get_binned_data with feel_zeroes=True): zero shares become
 * 0.0001, or (smallest non-zero share)/10⁶ when that smallest share is itself ≤ 0.0001. Shares are
 * not renormalized afterwards. Applied to the reference and the current shares separately.
 */
export function fillEmptyShares(shares: readonly number[]): number[] {
  let smallest = Infinity;
  for (const s of shares) if (s !== 0 && s < smallest) smallest = s;
  if (!Number.isFinite(smallest)) return shares.slice();
  const fill = smallest <= 0.0001 ? smallest / 1e6 : 0.0001;
  return shares.map((s) => (s === 0 ? fill : s));
}

/**
 * PSI of already-binned reference and current shares (empty bins filled as Evidently does). NaN
 * when either sample is empty: there are no shares to compare (Evidently raises there).
 */
export function psiFromBins(binned: BinnedDistributions): PsiResult {
  if (binned.refSize === 0 || binned.curSize === 0) {
    const bins = binned.bins.map((bin): PsiBin => ({
      ...bin,
      refShareUsed: 0,
      curShareUsed: 0,
      contribution: Number.NaN,
    }));
    return { value: Number.NaN, kind: binned.kind, edges: binned.edges, bins };
  }
  const refUsed = fillEmptyShares(binned.bins.map((b) => b.refShare));
  const curUsed = fillEmptyShares(binned.bins.map((b) => b.curShare));
  let value = 0;
  const bins = binned.bins.map((bin, i): PsiBin => {
    const r = refUsed[i] as number;
    const c = curUsed[i] as number;
    const contribution = (r - c) * Math.log(r / c);
    value += contribution;
    return { ...bin, refShareUsed: r, curShareUsed: c, contribution };
  });
  return { value, kind: binned.kind, edges: binned.edges, bins };
}

/**
 * Population Stability Index between a reference and a current sample,
 * PSI = Σ (ref_i − cur_i)·ln(ref_i / cur_i) over shared bins of proportions.
 * Default binning is Evidently's (see binning.ts): Sturges equal-width bins over the pooled range for
 * numeric data with > 20 distinct reference values, one bin per value otherwise (always for strings
 * and booleans, which make the column categorical unless `kind` says otherwise); `binning: 'quantile'`
 * uses reference-decile bins instead. Empty bins follow Evidently's 0.0001 rule (`fillEmptyShares`).
 */
export function populationStabilityIndex(
  reference: ArrayLike<Category | null | undefined>,
  current: ArrayLike<Category | null | undefined>,
  options: BinningOptions = {},
): PsiResult {
  return psiFromBins(binDistributions(reference, current, options));
}
