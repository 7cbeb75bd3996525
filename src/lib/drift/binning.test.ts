import { describe, expect, it } from 'vitest';
import { binDistributions, histogramCounts, perValueBins, sturgesBinEdges } from './binning';

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('sturgesBinEdges (numpy.histogram_bin_edges, bins="sturges")', () => {
  it('uses ceil(log2 n) + 1 equal-width bins', () => {
    // n = 100: log2(100) + 1 = 7.64 → 8 bins of width 99/8 = 12.375.
    const edges = sturgesBinEdges(0, 99, 100);
    expect(edges).toHaveLength(9);
    expect(edges[1]).toBeCloseTo(12.375, 12);
    expect(edges[8]).toBe(99);
  });

  it('gives exactly log2(n) + 1 bins when n is a power of two', () => {
    // n = 64 → 7 bins (numpy: [0, 1.428…, …, 10]).
    const edges = sturgesBinEdges(0, 10, 64);
    expect(edges).toHaveLength(8);
    expect(edges[1]).toBeCloseTo(10 / 7, 12);
  });

  it('widens a constant sample to one bin [v − 0.5, v + 0.5]', () => {
    expect(sturgesBinEdges(3, 3, 3)).toEqual([2.5, 3.5]);
  });
});

describe('histogramCounts (numpy.histogram with explicit edges)', () => {
  it('uses half-open bins with a closed last bin and ignores values outside', () => {
    expect(histogramCounts([0, 1, 1.5, 2, 3, 4, -1, 5], [0, 1, 2, 4])).toEqual([1, 2, 3]);
  });

  it('sends outside values to the end bins when asked', () => {
    expect(histogramCounts([-5, 0.5, 9], [0, 1, 2], true)).toEqual([2, 1]);
  });
});

describe('binDistributions (Evidently get_binned_data)', () => {
  it('bins numeric data with > 20 distinct reference values by Sturges over the pooled range', () => {
    // ref 0..99, cur 50..149: pooled n = 200 → 9 bins of width 149/9 = 16.56 (worked by hand).
    const binned = binDistributions(range(0, 99), range(50, 149));
    expect(binned.kind).toBe('equal-width');
    expect(binned.bins.map((b) => b.refCount)).toEqual([17, 17, 16, 17, 16, 17, 0, 0, 0]);
    expect(binned.bins.map((b) => b.curCount)).toEqual([0, 0, 0, 17, 16, 17, 16, 17, 17]);
    expect(binned.bins[0]?.refShare).toBeCloseTo(0.17, 15);
  });

  it('bins per value when the reference has ≤ 20 distinct values, and for categoricals', () => {
    const numeric = binDistributions([1, 2, 2, 3], [2, 4]);
    expect(numeric.kind).toBe('per-value');
    expect(numeric.bins.map((b) => b.label)).toEqual(['1', '2', '3', '4']);
    const categorical = perValueBins(['b', 'a', 'b', null], ['c', 'a', undefined]);
    expect(categorical.bins.map((b) => [b.label, b.refCount, b.curCount])).toEqual([
      ['a', 1, 1],
      ['b', 2, 0],
      ['c', 0, 1],
    ]);
    expect(categorical.refSize).toBe(3);
  });

  it('drops NaN and infinities from numeric samples', () => {
    const binned = binDistributions([1, Number.NaN, Infinity, 2], [1, -Infinity], {
      binning: 'per-value',
    });
    expect(binned.refSize).toBe(2);
    expect(binned.curSize).toBe(1);
  });
});
