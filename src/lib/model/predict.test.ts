import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { argmax, predictLabels, predictOne, predictProba, predictRow, softmax } from './predict';
import { handWorkedModel } from './fixtures';
import type { SoftmaxModel } from './types';

// A 2-feature, 2-class model small enough to work by hand.
const model: SoftmaxModel = handWorkedModel({
  featureNames: ['u', 'v'],
  classes: ['left', 'right'],
  mean: [1, 2],
  std: [2, 4],
  weights: [
    [1, -1],
    [0.5, 0],
  ],
  bias: [0, 0.5],
});

// x = (3, 6): z = ((3−1)/2, (6−2)/4) = (1, 1); logits = (0 + 1·1 + 1·0.5, 0.5 + 1·(−1) + 1·0) = (1.5, −0.5)
// p(left) = 1 / (1 + e^(−2)) = 0.8807970779778823
const P_LEFT_A = 0.8807970779778823;
// x = (1, 2): z = (0, 0); logits = (0, 0.5); p(right) = 1 / (1 + e^(−0.5)) = 0.6224593312018546
const P_RIGHT_B = 0.6224593312018546;

describe('softmax', () => {
  it('matches the hand-worked softmax of (1, 2, 3)', () => {
    // e^k / (e + e² + e³) for k = 1, 2, 3.
    const p = softmax([1, 2, 3]);
    expect(p[0]).toBeCloseTo(0.09003057317038046, 14);
    expect(p[1]).toBeCloseTo(0.24472847105479764, 14);
    expect(p[2]).toBeCloseTo(0.6652409557748218, 14);
  });

  it('stays finite for huge logits and is shift-invariant', () => {
    expect(softmax([1000, 1000])).toEqual([0.5, 0.5]);
    expect(softmax([1000, 0])[0]).toBe(1);
    expect(softmax([-1000, -999])[1]).toBeCloseTo(1 / (1 + Math.exp(-1)), 14);
  });
});

describe('predict', () => {
  it('matches the hand computation for one row', () => {
    const [left, right] = predictRow(model, [3, 6]);
    expect(left).toBeCloseTo(P_LEFT_A, 14);
    expect(right).toBeCloseTo(1 - P_LEFT_A, 14);
  });

  it('takes a list of rows or a flat Float32Array with a row count', () => {
    const fromRows = predictProba(model, [
      [3, 6],
      [1, 2],
    ]);
    const fromFlat = predictProba(model, { data: Float32Array.of(3, 6, 1, 2), rows: 2 });
    expect(fromRows[1]?.[1]).toBeCloseTo(P_RIGHT_B, 14);
    // These inputs are exact in float32, so both forms agree exactly.
    expect(fromFlat).toEqual(fromRows);
    expect(predictLabels(model, { data: Float32Array.of(3, 6, 1, 2), rows: 2 })).toEqual([
      'left',
      'right',
    ]);
  });

  it('predictOne keys probabilities by class and picks the most probable', () => {
    const prediction = predictOne(model, { v: 6, u: 3 });
    expect(prediction.label).toBe('left');
    expect(prediction.probabilities['left']).toBeCloseTo(P_LEFT_A, 14);
    expect(prediction.probabilities['right']).toBeCloseTo(1 - P_LEFT_A, 14);
  });

  it('predictOne names a missing feature', () => {
    expect(() => predictOne(model, { u: 3 })).toThrow(new TypeError('missing feature "v"'));
  });

  it('argmax returns the first of tied maxima', () => {
    expect(argmax([0.2, 0.4, 0.4])).toBe(1);
    expect(argmax([1])).toBe(0);
  });
});

describe('predict.ts source', () => {
  it('imports nothing but the model types', () => {
    const source = readFileSync(new URL('./predict.ts', import.meta.url), 'utf8');
    const specifiers = [
      ...source.matchAll(/^\s*(?:import|export)\b[^;]*?from\s+['"]([^'"]+)['"]/gm),
    ].map((m) => m[1]);
    expect(specifiers).toEqual(['./types']);
    expect(source).not.toMatch(/\bimport\s*\(/);
    expect(source).not.toMatch(/\brequire\s*\(/);
    expect(source).not.toMatch(/from\s+['"][^'"]*train/);
  });
});
