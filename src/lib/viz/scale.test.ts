import { describe, expect, it } from 'vitest';
import { extent, linePath, linearScale, niceTicks } from './scale';

describe('linearScale', () => {
  it('maps the ends of the domain to the ends of the range, inverted ranges included', () => {
    const s = linearScale([0, 10], [100, 0]);
    expect(s(0)).toBe(100);
    expect(s(10)).toBe(0);
    expect(s(2.5)).toBe(75);
  });
  it('puts everything in the middle for an empty domain', () => {
    expect(linearScale([3, 3], [0, 50])(3)).toBe(25);
  });
});

describe('niceTicks', () => {
  it('uses 1-2-5 steps', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 100, 4)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(3, 47, 5)).toEqual([10, 20, 30, 40]);
    expect(niceTicks(-1, 1, 4)).toEqual([-1, -0.5, 0, 0.5, 1]);
  });
  it('handles degenerate input', () => {
    expect(niceTicks(5, 5)).toEqual([5]);
    expect(niceTicks(Number.NaN, 1)).toEqual([]);
  });
});

describe('extent and linePath', () => {
  it('ignores non-finite values', () => {
    expect(extent([3, Number.NaN, -2, Infinity, 7])).toEqual([-2, 7]);
    expect(extent([])).toEqual([0, 1]);
  });
  it('breaks the line at gaps', () => {
    expect(
      linePath([
        { x: 0, y: 0 },
        { x: 1, y: 2 },
        { x: 2, y: Number.NaN },
        { x: 3, y: 1 },
      ]),
    ).toBe('M0.00,0.00L1.00,2.00M3.00,1.00');
  });
});
