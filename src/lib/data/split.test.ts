import { describe, expect, it } from 'vitest';
import { stratifiedSplit } from './split';

interface Item {
  id: number;
  label: string;
}

// 50 a, 30 b and 7 c, interleaved (position i takes label (37·i mod 87); 37 is coprime to 87) so
// that the input is not grouped by class.
const labels = [
  ...Array<string>(50).fill('a'),
  ...Array<string>(30).fill('b'),
  ...Array<string>(7).fill('c'),
];
const items: Item[] = labels.map((_, i) => ({ id: i, label: labels[(37 * i) % 87] ?? '' }));
const countOf = (rows: Item[], label: string): number =>
  rows.filter((r) => r.label === label).length;
const key = (r: Item): string => r.label;

describe('stratifiedSplit', () => {
  it('puts round(f · n) of every class in test, so class shares are within one row of exact', () => {
    const split = stratifiedSplit(items, { testFraction: 0.2, seed: 1, key });
    for (const label of ['a', 'b', 'c']) {
      const n = countOf(items, label);
      const exact = 0.2 * n;
      expect(Math.abs(countOf(split.test, label) - exact)).toBeLessThanOrEqual(0.5);
      expect(countOf(split.test, label)).toBe(Math.round(exact));
      expect(countOf(split.train, label)).toBe(n - Math.round(exact));
    }
  });

  it('is disjoint and covering, with indices that point at the rows', () => {
    const split = stratifiedSplit(items, { testFraction: 0.3, seed: 7, key });
    const ids = [...split.train, ...split.test].map((r) => r.id).sort((x, y) => x - y);
    expect(ids).toEqual(items.map((r) => r.id));
    expect(new Set(ids).size).toBe(items.length);
    split.trainIndices.forEach((index, j) => expect(items[index]).toBe(split.train[j]));
    split.testIndices.forEach((index, j) => expect(items[index]).toBe(split.test[j]));
  });

  it('keeps input order inside each part', () => {
    const split = stratifiedSplit(items, { testFraction: 0.25, seed: 3, key });
    const increasing = (xs: number[]): boolean =>
      xs.every((x, i) => i === 0 || x > (xs[i - 1] ?? -1));
    expect(increasing(split.trainIndices)).toBe(true);
    expect(increasing(split.testIndices)).toBe(true);
  });

  it('is deterministic for a seed and differs for another seed', () => {
    const a = stratifiedSplit(items, { testFraction: 0.2, seed: 42, key });
    const b = stratifiedSplit(items, { testFraction: 0.2, seed: 42, key });
    const c = stratifiedSplit(items, { testFraction: 0.2, seed: 43, key });
    expect(b.testIndices).toEqual(a.testIndices);
    expect(c.testIndices).not.toEqual(a.testIndices);
  });

  it('handles the edge fractions 0 and 1 and rejects others', () => {
    expect(stratifiedSplit(items, { testFraction: 0, seed: 1, key }).test).toHaveLength(0);
    expect(stratifiedSplit(items, { testFraction: 1, seed: 1, key }).train).toHaveLength(0);
    expect(() => stratifiedSplit(items, { testFraction: 1.5, seed: 1, key })).toThrow(RangeError);
    expect(() => stratifiedSplit(items, { testFraction: Number.NaN, seed: 1, key })).toThrow(
      RangeError,
    );
  });
});
