import { describe, expect, it } from 'vitest';
import { driftScore, featureHistogram, SMALLEST_PLOTTED_P } from './report';

describe('driftScore', () => {
  it('is −log10 p for p-values and the distance itself for distances', () => {
    expect(driftScore(0.05, 'p-value')).toBeCloseTo(1.30103, 5);
    expect(driftScore(1, 'p-value')).toBe(-0);
    expect(driftScore(1e-300, 'p-value')).toBe(-Math.log10(SMALLEST_PLOTTED_P));
    expect(driftScore(0.37, 'distance')).toBe(0.37);
    expect(driftScore(Number.NaN, 'p-value')).toBeNaN();
  });
});

describe('featureHistogram', () => {
  it('bins both samples with Sturges edges over the pooled range and returns shares', () => {
    // Pooled: 8 values over [0, 7]; Sturges: log2(8) + 1 = 4 bins of width 1.75.
    const reference = [[0], [1], [2], [3]];
    const current = [[4], [5], [6], [7]];
    const h = featureHistogram(reference, current, 0)!;
    expect(h.edges).toEqual([0, 1.75, 3.5, 5.25, 7]);
    expect(h.reference).toEqual([0.5, 0.5, 0, 0]);
    expect(h.current).toEqual([0, 0, 0.5, 0.5]);
  });

  it('is null when a side has no finite value', () => {
    expect(featureHistogram([[Number.NaN]], [[1]], 0)).toBeNull();
    expect(featureHistogram([[1]], [], 0)).toBeNull();
  });
});
