import { describe, expect, it } from 'vitest';
import { normalSf } from './special';
import { twoProportionZTest, twoProportionZTestCategorical } from './z-test';

const ones = (count: number, total: number): number[] =>
  Array.from({ length: total }, (_, i) => (i < count ? 1 : 0));

describe('twoProportionZTest', () => {
  it('matches a hand computation', () => {
    // p1 = .5, p2 = .7, pooled .6: se = √(.24·(1/100 + 1/100)) = √.0048; z = −.2/√.0048 = −2.8867513.
    const result = twoProportionZTest(ones(50, 100), ones(70, 100));
    expect(result.statistic).toBeCloseTo(-0.2 / Math.sqrt(0.0048), 12);
    expect(result.statistic).toBeCloseTo(-2.8867513459, 9);
    expect(result.pValue).toBeCloseTo(2 * normalSf(2.8867513459481287), 12);
    // Normal table: Q(2.89) ≈ 0.001926, so p ≈ 0.0039.
    expect(result.pValue).toBeCloseTo(0.0039, 4);
  });

  it('accepts booleans and gives p = 1 without variation', () => {
    expect(twoProportionZTest([true, true], [true]).pValue).toBe(1);
    expect(twoProportionZTest([true, false], [false, true]).pValue).toBeCloseTo(1, 14);
  });
});

describe('twoProportionZTestCategorical', () => {
  it('maps the first sorted category to 0, as Evidently does', () => {
    const ref = [...new Array<string>(50).fill('no'), ...new Array<string>(50).fill('yes')];
    const cur = [...new Array<string>(30).fill('no'), ...new Array<string>(70).fill('yes')];
    const result = twoProportionZTestCategorical(ref, cur);
    expect(result.refProportion).toBeCloseTo(0.5, 15);
    expect(result.curProportion).toBeCloseTo(0.7, 15);
    expect(result.pValue).toBeCloseTo(twoProportionZTest(ones(50, 100), ones(70, 100)).pValue, 14);
  });
});
