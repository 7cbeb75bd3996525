import { describe, expect, it } from 'vitest';
import { quantileSorted, quantiles, selectQuantiles } from './quantile';
import { createRng } from './rng';

describe('quantileSorted (Hyndman–Fan type 7)', () => {
  it('matches numpy.quantile on small samples worked by hand', () => {
    // numpy.quantile([1, 2, 3, 4], q): h = 3q, interpolate between x[floor h] and x[floor h + 1].
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    // 101 values 0..100: the p-quantile is exactly 100p.
    const hundred = Array.from({ length: 101 }, (_, i) => i);
    expect(quantileSorted(hundred, 0.95)).toBeCloseTo(95, 12);
    expect(quantileSorted(hundred, 0.99)).toBeCloseTo(99, 12);
  });

  it('handles one value, an empty sample and q outside [0, 1]', () => {
    expect(quantileSorted([7], 0.9)).toBe(7);
    expect(quantileSorted([], 0.5)).toBeNaN();
    expect(quantileSorted([1, 2], 1.5)).toBeNaN();
  });
});

describe('quantiles', () => {
  it('sorts numerically (not as strings) before interpolating', () => {
    expect(quantiles([10, 9, 100, 1], [0, 0.5, 1])).toEqual([1, 9.5, 100]);
  });
});

describe('selectQuantiles', () => {
  it('agrees with sorting on random, sorted, reversed and tied samples', () => {
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
