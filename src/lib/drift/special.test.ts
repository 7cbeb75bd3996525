import { describe, expect, it } from 'vitest';
import {
  chiSquaredCdf,
  chiSquaredSf,
  erf,
  erfc,
  logGamma,
  normalCdf,
  normalSf,
  regularizedGammaP,
  regularizedGammaQ,
} from './special';

const relativeError = (actual: number, expected: number): number =>
  Math.abs(actual - expected) / Math.abs(expected);

describe('logGamma', () => {
  it('matches factorials and Γ(1/2) = √π', () => {
    let factorial = 1;
    for (let n = 1; n <= 20; n++) {
      // Γ(n + 1) = n!
      expect(logGamma(n + 1)).toBeCloseTo(Math.log((factorial *= n)), 13);
    }
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(logGamma(1.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI) / 2), 14);
    expect(logGamma(1)).toBeCloseTo(0, 14);
  });
});

describe('regularized incomplete gamma', () => {
  it('Q(n, x) equals the Poisson sum e^{−x} Σ_{k<n} x^k/k! for integer n', () => {
    for (const n of [1, 2, 3, 5, 10, 25]) {
      for (const x of [0.1, 0.9, 2.5, 7, 30, 60]) {
        let term = 1;
        let sum = 1;
        for (let k = 1; k < n; k++) sum += term *= x / k;
        const expected = Math.exp(-x) * sum;
        expect(relativeError(regularizedGammaQ(n, x), expected)).toBeLessThan(1e-12);
        expect(regularizedGammaP(n, x) + regularizedGammaQ(n, x)).toBeCloseTo(1, 14);
      }
    }
  });

  it('handles the edges', () => {
    expect(regularizedGammaP(2, 0)).toBe(0);
    expect(regularizedGammaQ(2, 0)).toBe(1);
    expect(Number.isNaN(regularizedGammaP(-1, 1))).toBe(true);
  });
});

describe('erf / erfc', () => {
  it('matches Abramowitz & Stegun Table 7.1 values', () => {
    expect(erf(0.5)).toBeCloseTo(0.5204998778130465, 14);
    expect(erf(1)).toBeCloseTo(0.8427007929497149, 14);
    expect(relativeError(erfc(2), 0.004677734981047266)).toBeLessThan(1e-12);
    expect(relativeError(erfc(5), 1.5374597944280349e-12)).toBeLessThan(1e-12);
    expect(erf(-1)).toBeCloseTo(-0.8427007929497149, 14);
    expect(erfc(-1)).toBeCloseTo(1.8427007929497149, 14);
    expect(erf(0)).toBe(0);
  });
});

describe('normal distribution', () => {
  it('matches published quantiles and tail areas', () => {
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 7);
    expect(normalCdf(1.6448536269514722)).toBeCloseTo(0.95, 14);
    expect(normalCdf(2.3263478740408408)).toBeCloseTo(0.99, 14);
    expect(relativeError(normalCdf(-3), 0.0013498980316301)).toBeLessThan(1e-12);
    expect(normalCdf(0)).toBe(0.5);
    // A&S 26.2.3 tail: Q(6) = 9.8658765e−10.
    expect(relativeError(normalSf(6), 9.865876450376981e-10)).toBeLessThan(1e-12);
    expect(normalSf(1.2) + normalCdf(1.2)).toBeCloseTo(1, 15);
  });
});

describe('chi-squared distribution', () => {
  it('matches standard critical values', () => {
    expect(chiSquaredSf(3.841459, 1)).toBeCloseTo(0.05, 7);
    expect(chiSquaredSf(5.991465, 2)).toBeCloseTo(0.05, 7);
    expect(chiSquaredSf(18.307038, 10)).toBeCloseTo(0.05, 7);
    expect(chiSquaredSf(6.634897, 1)).toBeCloseTo(0.01, 7);
    expect(chiSquaredCdf(18.307038, 10)).toBeCloseTo(0.95, 7);
  });

  it('with 2 degrees of freedom is the exponential survival e^{−x/2}', () => {
    for (const x of [0.01, 1, 7.5, 28, 100, 600]) {
      expect(relativeError(chiSquaredSf(x, 2), Math.exp(-x / 2))).toBeLessThan(1e-12);
    }
  });

  it('is 1 at 0 and decreasing', () => {
    expect(chiSquaredSf(0, 4)).toBe(1);
    expect(chiSquaredSf(3, 4)).toBeGreaterThan(chiSquaredSf(4, 4));
  });
});
