import { describe, expect, it } from 'vitest';
import {
  kolmogorovCdf,
  kolmogorovSf,
  kolmogorovSmirnovCdfDurbin,
  kolmogorovSmirnovCdfPelzGood,
  kolmogorovSmirnovSf,
  smirnovSf,
} from './kolmogorov';

describe('limiting Kolmogorov distribution K(x)', () => {
  it.each([
    [1.36, 0.9505],
    [1.63, 0.9902],
  ])('matches the published table: K(%d) = %d', (x, cdf) => {
    expect(kolmogorovCdf(x)).toBeCloseTo(cdf, 4);
  });

  // Critical values of √n·D at α = 0.10, 0.05, 0.01: 1.2238, 1.3581, 1.6276.
  it.each([
    [1.2238, 0.1],
    [1.3581, 0.05],
    [1.6276, 0.01],
  ])('matches the published critical values: 1 − K(%d) = %d', (x, alpha) => {
    expect(kolmogorovSf(x)).toBeCloseTo(alpha, 4);
  });

  it('agrees between its two series where both converge', () => {
    for (const x of [0.6, 0.9, 1.0, 1.2]) {
      // Direct alternating series, written out independently here.
      let alternating = 0;
      for (let k = 1; k < 200; k++) alternating += (k % 2 ? 1 : -1) * Math.exp(-2 * k * k * x * x);
      expect(kolmogorovCdf(x)).toBeCloseTo(1 - 2 * alternating, 12);
    }
    expect(kolmogorovCdf(0)).toBe(0);
    expect(kolmogorovSf(10)).toBeLessThan(1e-80);
  });
});

describe('one-sided Smirnov distribution', () => {
  it('n = 1: D⁺ = 1 − U, so P(D⁺ ≥ x) = 1 − x', () => {
    for (const x of [0.1, 0.5, 0.9]) expect(smirnovSf(1, x)).toBeCloseTo(1 - x, 14);
  });

  it('n = 2 matches the distribution worked out by hand', () => {
    // D⁺ = max(1/2 − U₍₁₎, 1 − U₍₂₎). For x ≥ 1/2: P = P(U₍₂₎ ≤ 1 − x) = (1 − x)².
    expect(smirnovSf(2, 0.7)).toBeCloseTo(0.09, 14);
    // For x < 1/2: P(D⁺ < x) = P(U₍₁₎ > 1/2 − x, U₍₂₎ > 1 − x) = 2∫_{1−x}^{1} (u − (1/2 − x)) du;
    // at x = 0.3 that is 2·[(0.5 − 0.2) − (0.245 − 0.14)] = 0.39, so P(D⁺ ≥ 0.3) = 0.61.
    expect(smirnovSf(2, 0.3)).toBeCloseTo(0.61, 14);
  });

  it('approaches e^{−2z²} for large n', () => {
    const n = 200_000;
    expect(smirnovSf(n, 1 / Math.sqrt(n))).toBeCloseTo(Math.exp(-2), 2);
  });
});

describe('two-sided Kolmogorov–Smirnov distribution at finite n (scipy.stats.kstwo)', () => {
  it('n = 1: D₁ = max(U, 1 − U), so P(D₁ ≥ x) = 2(1 − x) on [1/2, 1]', () => {
    expect(kolmogorovSmirnovSf(1, 0.7)).toBeCloseTo(0.6, 14);
    expect(kolmogorovSmirnovSf(1, 0.55)).toBeCloseTo(0.9, 14);
    expect(kolmogorovSmirnovSf(1, 0.4)).toBe(1);
  });

  it('matches reference values from scipy 1.17.1 across its method branches', () => {
    const cases: [number, number, number][] = [
      [5, 0.3, 0.664], // Durbin matrix
      [10, 0.2, 0.74871904],
      [100, 0.13, 0.0620923406987625], // Pomeranz in scipy, Durbin here
      [140, 0.2, 2.19815633022002e-5], // 2·smirnov
      [141, 0.05, 0.854845693009663], // Pelz–Good
      [500, 0.07, 0.0141683202001907], // 2·smirnov
      [5000, 0.01, 0.695455725391385],
      [50000, 0.005, 0.163533634924348],
      [50000, 0.001, 0.999999999747135], // Durbin, n·x^1.5 ≤ 1.4
      [200000, 0.002, 0.399950853690381], // Pelz–Good above n = 100000
      [20, 0.9, 2.0006866455078e-20], // Ruben–Gambino upper end
    ];
    for (const [n, x, expected] of cases) {
      const actual = kolmogorovSmirnovSf(n, x);
      expect(Math.abs(actual - expected) / expected).toBeLessThan(1e-9);
    }
  });

  it('Durbin and Pelz–Good agree where both are accurate', () => {
    expect(1 - kolmogorovSmirnovCdfDurbin(400, 0.05)).toBeCloseTo(
      1 - kolmogorovSmirnovCdfPelzGood(400, 0.05),
      5,
    );
  });

  it('approaches the limiting distribution', () => {
    const n = 1_000_000;
    expect(kolmogorovSmirnovSf(n, 1.36 / Math.sqrt(n))).toBeCloseTo(kolmogorovSf(1.36), 3);
  });
});
