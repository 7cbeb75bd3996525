import { describe, expect, it } from 'vitest';
import { createRng } from '../sim/rng';
import { chiSquareTest } from './chi-square';
import { defaultDriftTest, detectDrift, isDrifted, type DataFrame } from './detect';
import { ks2Sample } from './ks';
import { normedWasserstein } from './wasserstein';

function frame(rows: number, seed: number, shift: number): DataFrame {
  const rng = createRng(seed);
  const categories = ['red', 'green', 'blue'];
  return {
    x: Array.from({ length: rows }, () => rng.normal() + shift),
    colour: Array.from({ length: rows }, () => categories[rng.int(3)] ?? 'red'),
    flag: Array.from({ length: rows }, () => (rng.next() < 0.3 ? 'yes' : 'no')),
    small: Array.from({ length: rows }, () => rng.int(4)),
  };
}

const schema = {
  x: 'numeric',
  colour: 'categorical',
  flag: 'categorical',
  small: 'numeric',
} as const;

describe('defaultDriftTest (Evidently _get_default_stattest)', () => {
  it('follows the reference-size and distinct-value rules', () => {
    expect(defaultDriftTest('numeric', 1000, 6)).toBe('ks');
    expect(defaultDriftTest('numeric', 1000, 5)).toBe('chisquare');
    expect(defaultDriftTest('numeric', 1000, 2)).toBe('z');
    expect(defaultDriftTest('categorical', 1000, 3)).toBe('chisquare');
    expect(defaultDriftTest('categorical', 1000, 2)).toBe('z');
    expect(defaultDriftTest('numeric', 1001, 6)).toBe('wasserstein');
    expect(defaultDriftTest('numeric', 1001, 5)).toBe('jensenshannon');
    expect(defaultDriftTest('categorical', 1001, 2)).toBe('jensenshannon');
  });
});

describe('detectDrift', () => {
  it('picks the default tests for a small reference and flags only the shifted column', () => {
    const reference = frame(500, 11, 0);
    const current = frame(400, 12, 1);
    const result = detectDrift(reference, current, schema);
    expect(result.columns.map((c) => c.test)).toEqual(['ks', 'chisquare', 'z', 'chisquare']);
    const x = result.columns[0];
    expect(x?.kind).toBe('p-value');
    expect(x?.threshold).toBe(0.05);
    expect(x?.value).toBe(ks2Sample(reference.x as number[], current.x as number[]).pValue);
    expect(x?.drifted).toBe(true);
    expect(result.columns[1]?.value).toBe(
      chiSquareTest(reference.colour as string[], current.colour as string[]).pValue,
    );
    expect(result.columns.slice(1).every((c) => !c.drifted)).toBe(true);
    expect(result.driftedCount).toBe(1);
    expect(result.share).toBe(0.25);
    expect(result.datasetDrift).toBe(false);
  });

  it('switches to distances above 1000 reference rows', () => {
    const reference = frame(2000, 3, 0);
    const current = frame(1500, 4, 0.5);
    const result = detectDrift(reference, current, schema);
    expect(result.columns.map((c) => c.test)).toEqual([
      'wasserstein',
      'jensenshannon',
      'jensenshannon',
      'jensenshannon',
    ]);
    const x = result.columns[0];
    expect(x?.kind).toBe('distance');
    expect(x?.threshold).toBe(0.1);
    expect(x?.value).toBeCloseTo(
      normedWasserstein(reference.x as number[], current.x as number[]),
      14,
    );
    expect(x?.drifted).toBe(true);
  });

  it('declares data-set drift when the drifted share reaches driftShare', () => {
    const reference = frame(500, 21, 0);
    const current = frame(500, 22, 1);
    expect(detectDrift(reference, current, schema).datasetDrift).toBe(false);
    const lowered = detectDrift(reference, current, schema, { driftShare: 0.25 });
    expect(lowered.share).toBe(0.25);
    expect(lowered.datasetDrift).toBe(true);
  });

  it('honours per-column and global overrides', () => {
    const reference = frame(500, 7, 0);
    const current = frame(500, 8, 0);
    const result = detectDrift(reference, current, schema, {
      test: 'psi',
      threshold: 0.2,
      columns: { x: { test: 'wasserstein', threshold: 0.01 } },
    });
    expect(result.columns.map((c) => [c.test, c.threshold, c.kind])).toEqual([
      ['wasserstein', 0.01, 'distance'],
      ['psi', 0.2, 'distance'],
      ['psi', 0.2, 'distance'],
      ['psi', 0.2, 'distance'],
    ]);
    // Two samples of the same distribution still differ by more than 1% of a standard deviation.
    expect(result.columns[0]?.drifted).toBe(true);
  });

  it('reports untestable columns instead of throwing and leaves them out of the share', () => {
    const result = detectDrift(
      { a: [1, 2, 3], b: ['u', 'v'], c: [Number.NaN, null] },
      { a: [1, 2, 3], b: ['u', 'v'], c: [1] },
      { a: 'numeric', b: 'categorical', c: 'numeric', missing: 'numeric' },
      { columns: { b: { test: 'ks' } } },
    );
    expect(result.columns.map((c) => c.error !== undefined)).toEqual([false, true, true, true]);
    expect(result.testedCount).toBe(1);
    expect(result.datasetDrift).toBe(false);
  });
});

describe('detectDrift: Evidently verdict rules', () => {
  it('flags KS drift at p equal to the threshold (Evidently: p ≤ threshold)', () => {
    expect(isDrifted('ks', 0.05, 0.05)).toBe(true);
    expect(isDrifted('chisquare', 0.05, 0.05)).toBe(false);
    expect(isDrifted('z', 0.05, 0.05)).toBe(false);
    expect(isDrifted('psi', 0.1, 0.1)).toBe(true);
  });

  it('reports a numeric column holding strings instead of dropping them', () => {
    const result = detectDrift({ x: [1, 2, 'three'] }, { x: [1, 2, 3] }, { x: 'numeric' });
    expect(result.columns[0]?.error).toMatch(/non-number/);
    expect(result.testedCount).toBe(0);
  });
});
