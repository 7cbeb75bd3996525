import { describe, expect, it } from 'vitest';
import { createRng, shuffled } from './rng';

describe('createRng', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(sa);
  });

  it('draws uniforms in [0, 1) with mean near 1/2 and variance near 1/12', () => {
    const rng = createRng(7);
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
      sumSq += u * u;
    }
    const mean = sum / n;
    expect(mean).toBeCloseTo(0.5, 2);
    expect(sumSq / n - mean * mean).toBeCloseTo(1 / 12, 2);
  });

  it('draws exponentials with mean 1/rate and normals with mean 0 and variance 1', () => {
    const rng = createRng(11);
    const n = 200_000;
    let e = 0;
    let z = 0;
    let z2 = 0;
    for (let i = 0; i < n; i++) {
      e += rng.exponential(4);
      const x = rng.normal();
      z += x;
      z2 += x * x;
    }
    expect(e / n).toBeCloseTo(0.25, 2);
    expect(z / n).toBeCloseTo(0, 1);
    expect(z2 / n).toBeCloseTo(1, 1);
  });
});

describe('shuffled', () => {
  it('returns a permutation and leaves the input alone', () => {
    const input = [1, 2, 3, 4, 5, 6, 7, 8];
    const out = shuffled(input, createRng(3));
    expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...out].sort((x, y) => x - y)).toEqual(input);
  });
});
