import { describe, expect, it } from 'vitest';
import { createRng } from '../sim/rng';
import {
  domainClassifierDrift,
  fitLogisticRegression,
  logisticDecision,
  rocAuc,
} from './domain-classifier';

/** Root of a decreasing-minus-increasing function by bisection: an independent solver. */
function bisect(f: (t: number) => number, lo: number, hi: number): number {
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (f(lo) * f(mid) <= 0) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

describe('rocAuc', () => {
  it('matches the AUC worked by hand by counting pairs', () => {
    // positives 0.35, 0.8; negatives 0.1, 0.4: pairs won 0.35>0.1, 0.8>0.1, 0.8>0.4 → 3 of 4
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBe(0.75);
  });

  it('counts a tie as half a pair, and gives 1 and 0 for perfect and reversed rankings', () => {
    // positives 2, 3; negatives 1, 2: pairs 2>1, 2=2 (½), 3>1, 3>2 → 3.5 of 4
    expect(rocAuc([1, 2, 2, 3], [false, false, true, true])).toBe(0.875);
    expect(rocAuc([5, 5, 5, 5], [true, false, true, false])).toBe(0.5);
    expect(rocAuc([1, 2, 3], [false, true, true])).toBe(1);
    expect(rocAuc([1, 2, 3], [true, true, false])).toBe(0);
  });

  it('refuses one-class labels, NaN scores and mismatched lengths', () => {
    expect(() => rocAuc([1, 2], [true, true])).toThrow(RangeError);
    expect(() => rocAuc([1, Number.NaN], [true, false])).toThrow(RangeError);
    expect(() => rocAuc([1, 2], [true])).toThrow(RangeError);
  });
});

describe('fitLogisticRegression', () => {
  it('finds the optimum worked by hand for two symmetric points', () => {
    // x = −1 (class 0), +1 (class 1): already standardised; by symmetry b = 0 and w solves
    // d/dw [½w² + 2·log(1 + e^(−w))] = w − 2/(1 + e^w) = 0.
    const model = fitLogisticRegression([[-1], [1]], [0, 1], { C: 1 });
    const w = bisect((t) => t - 2 / (1 + Math.exp(t)), 0, 5);
    expect(model.weights[0]).toBeCloseTo(w, 10);
    expect(model.bias).toBeCloseTo(0, 10);
    expect(model.mean).toEqual([0]);
    expect(model.scale).toEqual([1]);
  });

  it('puts the class share into the bias when the column carries no signal', () => {
    // a constant column: the weight is 0 and σ(b) = 3/4, so b = ln 3
    const model = fitLogisticRegression([[5], [5], [5], [5]], [1, 1, 1, 0]);
    expect(model.weights[0]).toBeCloseTo(0, 12);
    expect(model.bias).toBeCloseTo(Math.log(3), 10);
    expect(model.scale).toEqual([1]);
  });

  it('stays finite on perfectly separable rows, shrinking more with a smaller C', () => {
    const x = [[0], [1], [2], [10], [11], [12]];
    const y: (0 | 1)[] = [0, 0, 0, 1, 1, 1];
    const loose = fitLogisticRegression(x, y, { C: 10 });
    const tight = fitLogisticRegression(x, y, { C: 0.1 });
    expect(Number.isFinite(loose.weights[0])).toBe(true);
    expect(loose.weights[0]!).toBeGreaterThan(tight.weights[0]!);
    expect(logisticDecision(loose, [11])).toBeGreaterThan(0);
    expect(logisticDecision(loose, [1])).toBeLessThan(0);
  });
});

describe('domainClassifierDrift', () => {
  it('gives exactly 0.5 when the current sample repeats the reference', () => {
    // row i of both samples lands in the same fold with the same score: every score is tied
    // with exactly one row of the other class
    const rng = createRng(1);
    const rows = Array.from({ length: 40 }, () => [rng.normal(), rng.normal()]);
    const result = domainClassifierDrift(rows, rows);
    expect(result.auc).toBe(0.5);
    expect(result.folds.slice(0, 6)).toEqual([0, 1, 2, 3, 4, 0]);
  });

  it('gives 1 for samples that do not overlap, and names the column that moved', () => {
    const rng = createRng(2);
    const reference = Array.from({ length: 60 }, () => [rng.normal(), rng.normal()]);
    const current = Array.from({ length: 60 }, () => [rng.normal(), rng.normal() + 10]);
    const result = domainClassifierDrift(reference, current);
    expect(result.auc).toBe(1);
    expect(Math.abs(result.weights[1]!)).toBeGreaterThan(5 * Math.abs(result.weights[0]!));
    expect(result.weights[1]!).toBeGreaterThan(0);
  });

  it('stays near 0.5 on two independent draws of one distribution', () => {
    const rng = createRng(3);
    const draw = () =>
      Array.from({ length: 300 }, () => [rng.normal(), rng.normal(), rng.normal()]);
    const result = domainClassifierDrift(draw(), draw());
    // null standard deviation of the AUC ≈ √((n₁+n₂+1)/(12·n₁·n₂)) ≈ 0.024 (Mann–Whitney)
    expect(Math.abs(result.auc - 0.5)).toBeLessThan(0.1);
  });

  it('sees a change in the correlation that no single column shows', () => {
    // both columns are N(0,1) in both samples, but y = x in the reference and y = −x now; a
    // linear domain classifier cannot see it either (the boundary is not linear): the limit
    const rng = createRng(4);
    const reference = Array.from({ length: 200 }, () => {
      const v = rng.normal();
      return [v, v + 0.1 * rng.normal()];
    });
    const current = Array.from({ length: 200 }, () => {
      const v = rng.normal();
      return [v, -v + 0.1 * rng.normal()];
    });
    const linear = domainClassifierDrift(reference, current);
    expect(Math.abs(linear.auc - 0.5)).toBeLessThan(0.1);
    // with the product x·y as a third column the same classifier separates them
    const withProduct = (rows: number[][]) => rows.map(([a, b]) => [a!, b!, a! * b!]);
    const product = domainClassifierDrift(withProduct(reference), withProduct(current));
    expect(product.auc).toBeGreaterThan(0.95);
  });

  it('refuses too few rows or folds', () => {
    expect(() => domainClassifierDrift([[1], [2]], [[3], [4], [5], [6], [7]])).toThrow(RangeError);
    expect(() => domainClassifierDrift([[1], [2]], [[3], [4]], { folds: 1 })).toThrow(RangeError);
  });
});
