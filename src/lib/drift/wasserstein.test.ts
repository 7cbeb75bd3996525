import { describe, expect, it } from 'vitest';
import { createRng } from '../sim/rng';
import { normedWasserstein, wasserstein1 } from './wasserstein';

describe('wasserstein1', () => {
  it('matches hand-worked values', () => {
    // A shift by 5 moves every unit of mass by 5 (scipy docs example).
    expect(wasserstein1([0, 1, 3], [5, 6, 8])).toBeCloseTo(5, 14);
    // F_a = 1 on [0, 1) against F_b = 0, then |1 − 1/2| on [1, 3): 1 + 1 = 2.
    expect(wasserstein1([0], [1, 3])).toBeCloseTo(2, 14);
    expect(wasserstein1([1, 2, 2], [2, 1, 2])).toBe(0);
  });

  it('equals the mean gap between order statistics for equal sizes', () => {
    const rng = createRng(5);
    const a = Array.from({ length: 257 }, () => rng.normal());
    const b = Array.from({ length: 257 }, () => rng.exponential(1));
    const sa = a.slice().sort((x, y) => x - y);
    const sb = b.slice().sort((x, y) => x - y);
    const expected = sa.reduce((s, v, i) => s + Math.abs(v - (sb[i] as number)), 0) / sa.length;
    expect(wasserstein1(a, b)).toBeCloseTo(expected, 12);
  });

  it('is symmetric', () => {
    expect(wasserstein1([0, 4, 9], [1, 2])).toBeCloseTo(wasserstein1([1, 2], [0, 4, 9]), 14);
  });
});

describe('normedWasserstein (Evidently wasserstein_distance_norm)', () => {
  it('divides by the population standard deviation of the reference', () => {
    // ref [0, 2]: mean 1, ddof=0 std 1. W1([0, 2], [1, 3]) = 1.
    expect(normedWasserstein([0, 2], [1, 3])).toBeCloseTo(1, 14);
    // ref [0, 4]: std 2, W1 to [2, 6] = 2 → 1.
    expect(normedWasserstein([0, 4], [2, 6])).toBeCloseTo(1, 14);
  });

  it('floors the standard deviation at 0.001', () => {
    expect(normedWasserstein([5, 5, 5], [5.5])).toBeCloseTo(0.5 / 0.001, 9);
  });
});
