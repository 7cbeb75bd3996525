import { describe, expect, it } from 'vitest';
import { median, quantileSorted, quantiles, selectQuantiles } from './quantile';
import { createRng } from '../sim/rng';

describe('quantileSorted (Hyndman–Fan type 7, numpy method="linear")', () => {
  it('matches values worked by hand: h = (n − 1)q, interpolate between x[⌊h⌋] and x[⌊h⌋ + 1]', () => {
    // [1, 2, 3, 4]: q = 0.5 → h = 1.5 → 2 + 0.5·1; q = 0.25 → h = 0.75 → 1 + 0.75·1.
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    // q = 0.9 → h = 2.7 → 3 + 0.7·1 = 3.7.
    expect(quantileSorted([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 14);
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    // [10, 20], q = 0.3 → h = 0.3 → 10 + 0.3·10 = 13.
    expect(quantileSorted([10, 20], 0.3)).toBeCloseTo(13, 12);
    // 1..10, q = 0.95 → h = 8.55 → 9 + 0.55·1 = 9.55; q = 0.99 → h = 8.91 → 9.91.
    const ten = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(quantileSorted(ten, 0.95)).toBeCloseTo(9.55, 12);
    expect(quantileSorted(ten, 0.99)).toBeCloseTo(9.91, 12);
    // 101 values 0..100: the p-quantile is exactly 100p.
    const hundred = Array.from({ length: 101 }, (_, i) => i);
    expect(quantileSorted(hundred, 0.95)).toBeCloseTo(95, 12);
  });

  it('rounds as numpy does: from the upper neighbour when the weight is at least one half', () => {
    // numpy.quantile([0.1, 0.2], 0.7) prints 0.17; the naive 0.1 + 0.1·0.7 gives 0.16999999999999998.
    expect(quantileSorted([0.1, 0.2], 0.7)).toBe(0.17);
    // numpy.quantile([0.1, 0.7], 0.7) prints 0.5199999999999999 (naive: 0.52).
    expect(quantileSorted([0.1, 0.7], 0.7)).toBe(0.5199999999999999);
    // Below one half numpy interpolates from the lower neighbour: numpy.quantile([0.1, 0.7], 0.3) is 0.28.
    expect(quantileSorted([0.1, 0.7], 0.3)).toBe(0.28);
  });

  it('handles one value, an empty sample, infinities and q outside [0, 1]', () => {
    expect(quantileSorted([7], 0.9)).toBe(7);
    expect(quantileSorted([], 0.5)).toBeNaN();
    expect(quantileSorted([1, 2], 1.5)).toBeNaN();
    expect(quantileSorted([1, 2], Number.NaN)).toBeNaN();
    expect(quantileSorted([1, Infinity, Infinity], 0.75)).toBe(Infinity);
    expect(quantileSorted([-Infinity, 0], 0)).toBe(-Infinity);
  });
});

describe('quantiles and median', () => {
  it('sort numerically (not as strings) before interpolating', () => {
    expect(quantiles([10, 9, 100, 1], [0, 0.5, 1])).toEqual([1, 9.5, 100]);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('selectQuantiles', () => {
  it('agrees exactly with sorting on random, sorted, reversed and tied samples', () => {
    const rng = createRng(9);
    const samples = [
      Array.from({ length: 1001 }, () => rng.exponential(1)),
      Array.from({ length: 500 }, (_, i) => i),
      Array.from({ length: 500 }, (_, i) => 500 - i),
      Array.from({ length: 300 }, () => rng.int(4)),
      [3],
      [2, 1],
    ];
    const qs = [0, 0.5, 0.95, 0.99, 1];
    for (const sample of samples) {
      const sorted = [...sample].sort((a, b) => a - b);
      const expected = qs.map((q) => quantileSorted(sorted, q));
      expect(selectQuantiles(Float64Array.from(sample), qs)).toEqual(expected);
    }
    expect(selectQuantiles(new Float64Array(0), [0.5])).toEqual([NaN]);
  });
});
