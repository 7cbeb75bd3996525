/**
 * Distributions of the Kolmogorov–Smirnov statistic.
 *
 * - `kolmogorovCdf`/`kolmogorovSf`: the limiting Kolmogorov distribution K(x) of √n·Dₙ
 *   (scipy.stats.kstwobign).
 * - `smirnovSf`: the exact one-sided P(Dₙ⁺ ≥ x) (scipy.special.smirnov).
 * - `kolmogorovSmirnovSf`: P(Dₙ ≥ x) for the two-sided one-sample statistic at finite n
 *   (scipy.stats.kstwo.sf), choosing between exact and asymptotic methods the way
 *   Simard & L'Ecuyer (2011) recommend and scipy implements.
 */

import { logGamma } from './special';

const SQRT_TWO_PI = Math.sqrt(2 * Math.PI);
const PI_SQUARED = Math.PI * Math.PI;

/**
 * Limiting Kolmogorov CDF K(x) = 1 − 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²x²}
 * = (√(2π)/x) Σ_{k≥1} e^{−(2k−1)²π²/(8x²)}; the second (theta-transformed) series is used
 * for x < 1 where the first converges slowly.
 */
export function kolmogorovCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 0;
  if (x < 1) {
    const factor = -PI_SQUARED / (8 * x * x);
    let sum = 0;
    for (let k = 1; k < 100; k++) {
      const m = 2 * k - 1;
      const term = Math.exp(factor * m * m);
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    return Math.min(1, (SQRT_TWO_PI / x) * sum);
  }
  return 1 - kolmogorovSf(x);
}

/** Limiting Kolmogorov survival function 1 − K(x) (scipy.stats.kstwobign.sf), accurate in the tail. */
export function kolmogorovSf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 1) return 1 - kolmogorovCdf(x);
  let sum = 0;
  let sign = 1;
  for (let k = 1; k < 100; k++) {
    const term = Math.exp(-2 * k * k * x * x);
    sum += sign * term;
    sign = -sign;
    if (term < 1e-17 * sum) break;
  }
  return Math.max(0, 2 * sum);
}

/**
 * Exact one-sided Smirnov survival function P(Dₙ⁺ ≥ x) by the Birnbaum–Tingey (1951) formula
 *   x · Σ_{j=0}^{⌊n(1−x)⌋} C(n, j) (1 − x − j/n)^{n−j} (x + j/n)^{j−1},
 * summed in log space so that large n neither overflows nor underflows.
 */
export function smirnovSf(n: number, x: number): number {
  if (!Number.isInteger(n) || n <= 0 || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  if (x >= 1) return 0;
  const t = n * x;
  const jMax = Math.floor(n - t);
  const logTerms = new Float64Array(jMax + 1);
  // ln C(n, j) is accumulated with Kahan compensation: thousands of small log steps would otherwise
  // drift by ~1e-11, which shows up as relative error in the sum.
  let logBinomial = 0;
  let compensation = 0;
  let maxLog = -Infinity;
  let count = 0;
  for (let j = 0; j <= jMax; j++) {
    if (j > 0) {
      const y = Math.log((n - j + 1) / j) - compensation;
      const sum = logBinomial + y;
      compensation = sum - logBinomial - y;
      logBinomial = sum;
    }
    const remaining = n - j - t; // n·(1 − x − j/n), written to avoid cancellation
    if (remaining <= 0 && n - j > 0) continue; // 0^{positive} contributes nothing
    // log1p keeps ln(1 − x − j/n) accurate when the argument is close to 1.
    const logTerm =
      logBinomial +
      (n - j > 0 ? (n - j) * Math.log1p(-(t + j) / n) : 0) +
      (j - 1) * Math.log((t + j) / n);
    logTerms[count++] = logTerm;
    if (logTerm > maxLog) maxLog = logTerm;
  }
  let sum = 0;
  for (let i = 0; i < count; i++) sum += Math.exp((logTerms[i] as number) - maxLog);
  const value = x * sum * Math.exp(maxLog);
  return Math.min(1, Math.max(0, value));
}

/** log(n!/nⁿ), used to scale the Durbin matrix result. */
function logFactorialOverPower(n: number): number {
  return logGamma(n + 1) - n * Math.log(n);
}

// Multiplies two m×m row-major matrices into `out`.
function multiplyInto(a: Float64Array, b: Float64Array, out: Float64Array, m: number): void {
  out.fill(0);
  for (let i = 0; i < m; i++) {
    const rowOut = i * m;
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k] as number;
      if (aik === 0) continue;
      const rowB = k * m;
      for (let j = 0; j < m; j++)
        out[rowOut + j] = (out[rowOut + j] as number) + aik * (b[rowB + j] as number);
    }
  }
}

// Rescales a matrix by a power of two so its largest entry is near 1; returns the log2 shift removed.
function renormalize(a: Float64Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i] as number);
    if (v > max) max = v;
  }
  if (max === 0 || !Number.isFinite(max)) return 0;
  const shift = Math.round(Math.log2(max));
  if (shift === 0) return 0;
  const scale = 2 ** -shift;
  for (let i = 0; i < a.length; i++) a[i] = (a[i] as number) * scale;
  return shift;
}

/**
 * Exact two-sided CDF P(Dₙ < d) by the Durbin matrix method as given by Marsaglia, Tsang & Wang
 * (2003), "Evaluating Kolmogorov's distribution": with k = ⌈nd⌉, h = k − nd, m = 2k − 1, build the
 * m×m matrix H (H_ij = 1/(i−j+1)! for i−j+1 ≥ 0, corrected in the first column and last row by
 * powers of h), then P = n!/nⁿ · (Hⁿ)_{k,k}. Powers are scaled by 2^e to avoid overflow.
 */
export function kolmogorovSmirnovCdfDurbin(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const inverseFactorial = new Float64Array(m + 1);
  inverseFactorial[0] = 1;
  for (let i = 1; i <= m; i++) inverseFactorial[i] = (inverseFactorial[i - 1] as number) / i;
  const H = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      const p = i - j + 1;
      if (p >= 0) H[i * m + j] = inverseFactorial[p] as number;
    }
  }
  for (let i = 0; i < m; i++) {
    H[i * m] = (H[i * m] as number) - h ** (i + 1) * (inverseFactorial[i + 1] as number);
    H[(m - 1) * m + i] =
      (H[(m - 1) * m + i] as number) - h ** (m - i) * (inverseFactorial[m - i] as number);
  }
  if (2 * h - 1 > 0)
    H[(m - 1) * m] =
      (H[(m - 1) * m] as number) + (2 * h - 1) ** m * (inverseFactorial[m] as number);

  // Hⁿ by binary powering, tracking a base-2 exponent alongside the matrices.
  let result: Float64Array<ArrayBuffer> | null = null;
  let resultShift = 0;
  let base: Float64Array<ArrayBuffer> = H.slice();
  let baseShift = 0;
  let scratch: Float64Array<ArrayBuffer> = new Float64Array(m * m);
  let power = n;
  while (power > 0) {
    if (power & 1) {
      if (result === null) {
        result = base.slice();
        resultShift = baseShift;
      } else {
        multiplyInto(result, base, scratch, m);
        const tmp = result;
        result = scratch;
        scratch = tmp;
        resultShift += baseShift + renormalize(result);
      }
    }
    power = Math.floor(power / 2);
    if (power > 0) {
      multiplyInto(base, base, scratch, m);
      const tmp = base;
      base = scratch;
      scratch = tmp;
      baseShift = 2 * baseShift + renormalize(base);
    }
  }
  const centre = (result as Float64Array)[(k - 1) * m + (k - 1)] as number;
  if (centre <= 0) return 0;
  const logP = Math.log(centre) + resultShift * Math.LN2 + logFactorialOverPower(n);
  return Math.min(1, Math.exp(logP));
}

/**
 * Pelz–Good (1976) asymptotic expansion of P(Dₙ ≤ x) to order n^{−3/2}, in the form given by
 * Simard & L'Ecuyer (2011): K₀(z) + K₁(z)/√n + K₂(z)/n + K₃(z)/n^{3/2} with z = x√n, each Kᵢ written as
 * a theta-type series in q = e^{−π²/(8z²)} over odd integers plus, for K₂ and K₃, a series over all
 * integers in e^{−π²k²/(2z²)}.
 */
export function kolmogorovSmirnovCdfPelzGood(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const z8 = z4 * z4;
  const logQ = -PI_SQUARED / (8 * z2);
  if (logQ < -708) return 0;
  const pi4 = PI_SQUARED * PI_SQUARED;
  const pi6 = pi4 * PI_SQUARED;
  const maxK = Math.ceil((16 * z) / Math.PI);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let k = 1; k <= maxK; k++) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const m4 = m2 * m2;
    const m6 = m4 * m2;
    const w = Math.exp(logQ * m2);
    s0 += w;
    s1 += ((PI_SQUARED * m2) / 4 - z2) * w;
    s2 +=
      (6 * z6 +
        2 * z4 +
        ((PI_SQUARED * (2 * z4 - 5 * z2)) / 4) * m2 +
        ((pi4 * (1 - 2 * z2)) / 16) * m4) *
      w;
    s3 +=
      (-30 * z6 -
        90 * z8 +
        ((PI_SQUARED * (135 * z4 - 96 * z6)) / 4) * m2 +
        ((pi4 * (212 * z4 - 60 * z2)) / 16) * m4 +
        ((pi6 * (5 - 30 * z2)) / 64) * m6) *
      w;
  }
  let e2 = 0;
  let e3 = 0;
  const logR = -PI_SQUARED / (2 * z2);
  for (let k = 1; k <= maxK; k++) {
    const k2 = k * k;
    const w = Math.exp(logR * k2);
    e2 += k2 * w;
    e3 += (3 * z2 - PI_SQUARED * k2) * k2 * w;
  }
  const K0 = (SQRT_TWO_PI / z) * s0;
  const K1 = (SQRT_TWO_PI / (6 * z4)) * s1;
  const K2 =
    (SQRT_TWO_PI / (72 * z4 * z2 * z)) * s2 - ((PI_SQUARED * SQRT_TWO_PI) / (36 * z2 * z)) * e2;
  const K3 = (SQRT_TWO_PI / (6480 * z8 * z2)) * s3 + ((PI_SQUARED * SQRT_TWO_PI) / (216 * z6)) * e3;
  const sqrtN = Math.sqrt(n);
  return K0 + K1 / sqrtN + K2 / n + K3 / (n * sqrtN);
}

const clip01 = (p: number): number => Math.min(1, Math.max(0, p));

/**
 * Two-sided one-sample Kolmogorov–Smirnov survival function P(Dₙ ≥ x), as scipy.stats.kstwo.sf.
 * Method choice follows Simard & L'Ecuyer (2011) as scipy implements it:
 *   nx ≤ 1 or nx ≥ n−1: Ruben–Gambino closed forms;  x ≥ 0.5: 2·smirnov(n, x) (exact there);
 *   n ≤ 140: Durbin matrix for nx² ≤ 4 (scipy uses Pomeranz for 0.754693 < nx² ≤ 4, another exact
 *     method for the same quantity), else 2·smirnov(n, x);
 *   n > 140: 0 for nx² ≥ 370, 2·smirnov for nx² ≥ 2.2, else 1 − CDF with the CDF from the Durbin matrix
 *     when n ≤ 100000 and n·x^{3/2} ≤ 1.4, otherwise from the Pelz–Good expansion.
 */
export function kolmogorovSmirnovSf(n: number, x: number): number {
  if (!Number.isInteger(n) || n <= 0 || Number.isNaN(x)) return Number.NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    // Ruben–Gambino: P(Dₙ < x) = n!/nⁿ (2nx − 1)ⁿ for 1/(2n) ≤ x ≤ 1/n.
    const cdf = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    return clip01(1 - cdf);
  }
  if (t >= n - 1) return clip01(2 * (1 - x) ** n);
  if (x >= 0.5) return clip01(2 * smirnovSf(n, x));
  const nxSquared = t * x;
  if (n <= 140) {
    if (nxSquared <= 4) return clip01(1 - kolmogorovSmirnovCdfDurbin(n, x));
    return clip01(2 * smirnovSf(n, x));
  }
  if (nxSquared >= 370) return 0;
  if (nxSquared >= 2.2) return clip01(2 * smirnovSf(n, x));
  const cdf =
    n <= 100_000 && n * x ** 1.5 <= 1.4
      ? kolmogorovSmirnovCdfDurbin(n, x)
      : kolmogorovSmirnovCdfPelzGood(n, x);
  return clip01(1 - cdf);
}
