/** Pooled two-proportion z-test, as Evidently's `z` stattest. */

import { perValueBins, type Category } from './binning';
import { normalSf } from './special';

/** Result of a two-proportion z-test. */
export interface ZTestResult {
  /** z = (p₁ − p₂) / √(P(1 − P)(1/n₁ + 1/n₂)) with the pooled proportion P. */
  statistic: number;
  /** Two-sided p-value 2·(1 − Φ(|z|)). */
  pValue: number;
  /** Share of ones in the reference. */
  refProportion: number;
  /** Share of ones in the current sample. */
  curProportion: number;
}

/**
 * Pooled two-proportion z-test on 0/1 (or boolean) samples, two-sided. The p-value is computed as
 * 2·Φc(|z|) rather than Evidently's 2·(1 − Φ(|z|)), which agrees wherever the latter is not rounded
 * to 0. When the pooled proportion is 0 or 1 (no variation at all) p = 1.
 */
export function twoProportionZTest(
  refBinary: ArrayLike<number | boolean>,
  curBinary: ArrayLike<number | boolean>,
): ZTestResult {
  const n1 = refBinary.length;
  const n2 = curBinary.length;
  let ones1 = 0;
  let ones2 = 0;
  for (let i = 0; i < n1; i++) if (refBinary[i]) ones1++;
  for (let i = 0; i < n2; i++) if (curBinary[i]) ones2++;
  const p1 = n1 > 0 ? ones1 / n1 : Number.NaN;
  const p2 = n2 > 0 ? ones2 / n2 : Number.NaN;
  if (n1 === 0 || n2 === 0)
    return { statistic: Number.NaN, pValue: Number.NaN, refProportion: p1, curProportion: p2 };
  const pooled = (ones1 + ones2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  if (variance === 0) return { statistic: 0, pValue: 1, refProportion: p1, curProportion: p2 };
  const statistic = (p1 - p2) / Math.sqrt(variance);
  const pValue = Math.min(1, 2 * normalSf(Math.abs(statistic)));
  return { statistic, pValue, refProportion: p1, curProportion: p2 };
}

/**
 * z-test on a two-valued categorical column, as Evidently maps it: the smallest category (in sorted
 * order) becomes 0 and the other 1; samples with the same single value give p = 1.
 */
export function twoProportionZTestCategorical(
  reference: ArrayLike<Category | null | undefined>,
  current: ArrayLike<Category | null | undefined>,
): ZTestResult {
  const { bins, refSize, curSize } = perValueBins(reference, current);
  const first = bins[0];
  if (first === undefined) {
    return {
      statistic: Number.NaN,
      pValue: Number.NaN,
      refProportion: Number.NaN,
      curProportion: Number.NaN,
    };
  }
  // Rebuild 0/1 vectors only by their counts: ones are everything except the first category.
  const refOnes = refSize - first.refCount;
  const curOnes = curSize - first.curCount;
  const ref = new Uint8Array(refSize);
  ref.fill(1, 0, refOnes);
  const cur = new Uint8Array(curSize);
  cur.fill(1, 0, curOnes);
  return twoProportionZTest(ref, cur);
}
