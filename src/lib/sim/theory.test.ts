import { describe, expect, it } from 'vitest';
import { erlangB, erlangC, mmc, mmcSojournQuantile, mmcSojournSurvival } from './theory';

describe('erlangB', () => {
  it('matches values worked by hand from B = (a^c/c!) / Σ a^k/k!', () => {
    // c = 1: a / (1 + a).  c = 2, a = 1: (1/2) / (1 + 1 + 1/2) = 0.2.
    expect(erlangB(1, 3)).toBeCloseTo(0.75, 12);
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 12);
    // c = 3, a = 2: (8/6) / (1 + 2 + 2 + 8/6) = (4/3) / (19/3) = 4/19.
    expect(erlangB(3, 2)).toBeCloseTo(4 / 19, 12);
  });
});

describe('erlangC', () => {
  it('is ρ for one server and matches the textbook c = 2, a = 1 value of 1/3', () => {
    expect(erlangC(1, 0.9)).toBeCloseTo(0.9, 12);
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    // c = 3, a = 2: C = 3B / (3 − 2(1 − B)) with B = 4/19 → (12/19) / (3 − 30/19) = 12/27 = 4/9.
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 12);
  });

  it('is 1 for an unstable queue and NaN for nonsense', () => {
    expect(erlangC(2, 2)).toBe(1);
    expect(erlangC(0, 1)).toBeNaN();
    expect(erlangC(1.5, 1)).toBeNaN();
  });
});

describe('mmc', () => {
  it('gives M/M/1 W = 1/(μ − λ)', () => {
    const result = mmc(0.9, 1, 1);
    expect(result.meanTimeInSystem).toBeCloseTo(10, 10);
    expect(result.meanWait).toBeCloseTo(9, 10);
    expect(result.utilization).toBeCloseTo(0.9, 12);
  });

  it('gives Wq = C / (cμ − λ) for M/M/3 at λ = 2, μ = 1', () => {
    expect(mmc(2, 1, 3).meanWait).toBeCloseTo(4 / 9, 12);
    expect(mmc(3, 1, 3).meanWait).toBe(Infinity);
  });
});

describe('mmcSojournSurvival and mmcSojournQuantile', () => {
  it('reduce to the M/M/1 result T ~ Exp(μ − λ) for one server', () => {
    // λ = 80, μ = 100: P(T > t) = e^{-20 t}; p50 = ln 2 / 20, p99 = ln 100 / 20.
    expect(mmcSojournSurvival(80, 100, 1, 0.05)).toBeCloseTo(Math.exp(-1), 12);
    expect(mmcSojournQuantile(80, 100, 1, 0.5)).toBeCloseTo(Math.LN2 / 20, 9);
    expect(mmcSojournQuantile(80, 100, 1, 0.99)).toBeCloseTo(Math.log(100) / 20, 9);
  });

  it('matches the hand-worked c = 2, λ = μ = 1 case, where cμ − λ = μ (Erlang-2 wait + service)', () => {
    // C(2, 1) = 1/3, so P(T > t) = (2/3) e^{-t} + (1/3) e^{-t} (1 + t) = e^{-t} (1 + t/3).
    for (const t of [0, 0.5, 1, 3]) {
      expect(mmcSojournSurvival(1, 1, 2, t)).toBeCloseTo(Math.exp(-t) * (1 + t / 3), 9);
    }
    // Its integral, the mean time in system, is 1 + 1/3, as mmc gives.
    expect(mmc(1, 1, 2).meanTimeInSystem).toBeCloseTo(4 / 3, 12);
  });

  it('integrates to the mean time in system W of mmc for a general case', () => {
    // ∫0^∞ P(T > t) dt = E[T]; trapezoids on a fine grid out to where the tail is negligible.
    const [lambda, mu, c] = [7, 2, 5];
    const step = 1e-3;
    let area = 0;
    for (let t = 0; t < 20; t += step) {
      area +=
        ((mmcSojournSurvival(lambda, mu, c, t) + mmcSojournSurvival(lambda, mu, c, t + step)) / 2) *
        step;
    }
    expect(area).toBeCloseTo(mmc(lambda, mu, c).meanTimeInSystem, 5);
  });

  it('returns NaN without a steady state or for p outside (0, 1)', () => {
    expect(mmcSojournSurvival(100, 100, 1, 1)).toBeNaN();
    expect(mmcSojournQuantile(250, 100, 2, 0.99)).toBeNaN();
    expect(mmcSojournQuantile(50, 100, 1, 1)).toBeNaN();
  });
});
