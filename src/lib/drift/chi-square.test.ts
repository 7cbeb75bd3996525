import { describe, expect, it } from 'vitest';
import { chiSquareGoodnessOfFit, chiSquareTest } from './chi-square';

describe('chiSquareGoodnessOfFit', () => {
  it('matches a hand computation', () => {
    // expected = ref proportions × 100 = 50, 30, 20; statistic = 20²/50 + 0 + 20²/20 = 28; dof 2,
    // and with 2 dof the survival function is e^{−x/2} = e^{−14}.
    const result = chiSquareGoodnessOfFit([50, 30, 20], [30, 30, 40]);
    expect(result.statistic).toBeCloseTo(28, 12);
    expect(result.dof).toBe(2);
    expect(result.pValue / Math.exp(-14)).toBeCloseTo(1, 11);
  });

  it('scales the reference counts to the current total', () => {
    // ref 20/60 of 80 → expected 10/30 of 40; statistic = 10²/10 + 10²/30 = 13.333…
    expect(chiSquareGoodnessOfFit([20, 60], [20, 20]).statistic).toBeCloseTo(40 / 3, 12);
  });

  it('gives p = 0 for a category the reference never saw', () => {
    expect(chiSquareGoodnessOfFit([10, 0], [5, 5]).pValue).toBe(0);
  });

  it('gives NaN, as scipy does, when there is nothing to compare', () => {
    expect(chiSquareGoodnessOfFit([10], [5]).pValue).toBeNaN();
    expect(chiSquareGoodnessOfFit([10], [5]).statistic).toBe(0);
    expect(chiSquareGoodnessOfFit([10, 0], [5, 0]).pValue).toBeNaN();
    expect(chiSquareGoodnessOfFit([3, 4], [0, 0]).pValue).toBeNaN();
  });

  it('leaves out a category empty in both samples, degrees of freedom included', () => {
    const withEmpty = chiSquareGoodnessOfFit([50, 0, 30, 20], [30, 0, 30, 40]);
    expect(withEmpty.dof).toBe(2);
    expect(withEmpty.pValue).toBe(chiSquareGoodnessOfFit([50, 30, 20], [30, 30, 40]).pValue);
  });
});

describe('chiSquareTest on raw values', () => {
  it('counts each category in both samples', () => {
    const ref = ['x', 'y', 'y', 'z'];
    const cur = ['x', 'x', 'y', 'z'];
    expect(chiSquareTest(ref, cur).statistic).toBeCloseTo(
      chiSquareGoodnessOfFit([1, 2, 1], [2, 1, 1]).statistic,
      14,
    );
  });
});
