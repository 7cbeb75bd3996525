import { describe, expect, it } from 'vitest';
import { fillEmptyShares, populationStabilityIndex } from './psi';

const repeat = (value: string, times: number): string[] => new Array<string>(times).fill(value);
const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('populationStabilityIndex', () => {
  it('matches a hand computation over categories', () => {
    // ref shares .5/.3/.2, cur .3/.3/.4: PSI = .2·ln(.5/.3) + 0 + (−.2)·ln(.2/.4) = 0.10216512 + 0.13862944.
    const ref = [...repeat('a', 50), ...repeat('b', 30), ...repeat('c', 20)];
    const cur = [...repeat('a', 30), ...repeat('b', 30), ...repeat('c', 40)];
    const result = populationStabilityIndex(ref, cur, { kind: 'categorical' });
    expect(result.value).toBeCloseTo(0.2 * Math.log(0.5 / 0.3) + 0.2 * Math.log(2), 14);
    expect(result.value).toBeCloseTo(0.2407945609, 9);
    expect(result.bins.map((b) => b.label)).toEqual(['a', 'b', 'c']);
  });

  it('is 0 for identical distributions', () => {
    expect(populationStabilityIndex(range(0, 99), range(0, 99)).value).toBe(0);
  });

  it('replaces empty bins with 0.0001 (Evidently)', () => {
    // cur has no 'b': its share becomes 0.0001 (not renormalized).
    const result = populationStabilityIndex(['a', 'b'], ['a', 'a'], { kind: 'categorical' });
    const expected = (0.5 - 1) * Math.log(0.5 / 1) + (0.5 - 0.0001) * Math.log(0.5 / 0.0001);
    expect(result.value).toBeCloseTo(expected, 12);
    expect(result.bins[1]?.curShareUsed).toBe(0.0001);
  });

  it('uses smallest share / 10⁶ when the smallest non-zero share is ≤ 0.0001', () => {
    expect(fillEmptyShares([0.99995, 0.00005, 0])).toEqual([0.99995, 0.00005, 0.00005 / 1e6]);
    expect(fillEmptyShares([0.6, 0.4, 0])).toEqual([0.6, 0.4, 0.0001]);
  });

  it('matches a hand computation on Sturges bins', () => {
    // Bins worked out in binning.test.ts: ref counts 17,17,16,17,16,17,0,0,0; cur 0,0,0,17,16,17,16,17,17.
    const refCounts = [17, 17, 16, 17, 16, 17, 0, 0, 0];
    const curCounts = [0, 0, 0, 17, 16, 17, 16, 17, 17];
    let expected = 0;
    for (let i = 0; i < 9; i++) {
      const r = (refCounts[i] as number) / 100 || 0.0001;
      const c = (curCounts[i] as number) / 100 || 0.0001;
      expected += (r - c) * Math.log(r / c);
    }
    const result = populationStabilityIndex(range(0, 99), range(50, 149));
    expect(result.value).toBeCloseTo(expected, 12);
    expect(result.edges).toHaveLength(10);
    expect(result.bins.reduce((s, b) => s + b.contribution, 0)).toBeCloseTo(result.value, 12);
  });

  it('offers reference-decile bins', () => {
    // ref 0..99 deciles (9.9, 19.8, …, 89.1): 10 per bin. cur 50..149: 0 in the first five bins,
    // 10 in each of the next four, 60 in the open last bin.
    const result = populationStabilityIndex(range(0, 99), range(50, 149), { binning: 'quantile' });
    expect(result.kind).toBe('quantile');
    expect(result.bins.map((b) => b.refCount)).toEqual(new Array(10).fill(10));
    expect(result.bins.map((b) => b.curCount)).toEqual([0, 0, 0, 0, 0, 10, 10, 10, 10, 60]);
    const expected =
      5 * (0.1 - 0.0001) * Math.log(0.1 / 0.0001) + (0.1 - 0.6) * Math.log(0.1 / 0.6);
    expect(result.value).toBeCloseTo(expected, 12);
  });
});

describe('populationStabilityIndex on string categories (issue 12 regression)', () => {
  it("equals Evidently's 2.934… for ['3','2','2'] vs ['1','2','3'] without being told the kind", () => {
    // Bins 1, 2, 3. Reference shares 0, 2/3, 1/3 → the empty share becomes 0.0001 (1/3 > 0.0001);
    // current shares 1/3 each. PSI = (0.0001 − 1/3)·ln(0.0001·3) + (2/3 − 1/3)·ln 2 + 0
    //   = (1/3 − 0.0001)·ln(10000/3) + ln(2)/3 = 2.703098… + 0.231049… = 2.934147…
    const result = populationStabilityIndex(['3', '2', '2'], ['1', '2', '3']);
    expect(result.kind).toBe('per-value');
    expect(result.bins.map((b) => b.label)).toEqual(['1', '2', '3']);
    expect(result.value).toBeCloseTo((1 / 3 - 0.0001) * Math.log(10000 / 3) + Math.log(2) / 3, 14);
    expect(result.value).toBeCloseTo(2.934147, 6);
  });

  it('treats booleans as categories and refuses numeric bins of strings', () => {
    const result = populationStabilityIndex([true, true, false, false], [true, true, true, false]);
    // Shares false/true: ref .5/.5, cur .25/.75.
    expect(result.value).toBeCloseTo(0.25 * Math.log(2) + -0.25 * Math.log(0.5 / 0.75), 14);
    expect(() => populationStabilityIndex(['a'], ['b'], { kind: 'numeric' })).toThrow(RangeError);
  });

  it('is NaN, not a number from nothing, when one side has no values', () => {
    expect(populationStabilityIndex([], ['a']).value).toBeNaN();
    expect(populationStabilityIndex([Number.NaN], [1, 2]).value).toBeNaN();
  });
});
