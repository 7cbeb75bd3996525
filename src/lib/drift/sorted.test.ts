import { describe, expect, it } from 'vitest';
import { createRng } from '../sim/rng';
import { gcd, meanAndStd, roundHalfEven, sortedFinite, sortFloat64InPlace } from './sorted';

describe('sortFloat64InPlace', () => {
  it('orders large arrays exactly like a numeric comparison sort, −0 before +0', () => {
    const rng = createRng(3);
    const values = Float64Array.from({ length: 50_000 }, () =>
      rng.next() < 0.05 ? -0 : rng.normal() * 10 ** (rng.int(40) - 20),
    );
    values.set(
      [Infinity, -Infinity, 0, -0, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE],
      0,
    );
    const expected = Array.from(values).sort(
      (a, b) => a - b || (Object.is(a, -0) ? -1 : Object.is(b, -0) ? 1 : 0),
    );
    const actual = sortFloat64InPlace(values.slice());
    for (let i = 0; i < expected.length; i++) expect(Object.is(actual[i], expected[i])).toBe(true);
  });

  it('handles small arrays too', () => {
    expect(Array.from(sortFloat64InPlace(Float64Array.from([3, -1, 2])))).toEqual([-1, 2, 3]);
  });
});

describe('sortedFinite', () => {
  it('drops NaN and keeps the rest sorted', () => {
    expect(Array.from(sortedFinite([2, Number.NaN, -Infinity, 1]))).toEqual([-Infinity, 1, 2]);
  });
});

describe('meanAndStd', () => {
  it('uses the population standard deviation (ddof = 0)', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations sum to 32, 32 / 8 = 4 → std 2.
    expect(meanAndStd([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ mean: 5, std: 2 });
  });
});

describe('gcd and roundHalfEven', () => {
  it('behave as math.gcd and numpy.round', () => {
    expect(gcd(12, 18)).toBe(6);
    expect(gcd(10000, 9999)).toBe(1);
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 2.4, 2.6, 5000.5].map(roundHalfEven)).toEqual([
      0, 2, 2, -0, -2, 2, 3, 5000,
    ]);
  });
});
