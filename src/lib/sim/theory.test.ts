import { describe, expect, it } from 'vitest';
import { erlangB, erlangC, mmc } from './theory';

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
