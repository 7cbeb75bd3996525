import { describe, expect, it } from 'vitest';
import { jensenShannonDistance, jensenShannonDrift } from './jensen-shannon';

describe('jensenShannonDistance (scipy.spatial.distance.jensenshannon)', () => {
  it('matches the scipy documentation examples', () => {
    expect(jensenShannonDistance([1, 0, 0], [0, 1, 0], 2)).toBeCloseTo(1, 14);
    expect(jensenShannonDistance([1, 0], [0.5, 0.5])).toBeCloseTo(0.46450140402245893, 14);
    expect(jensenShannonDistance([1, 0, 0], [1, 0, 0])).toBe(0);
  });

  it('matches a hand computation and normalizes its inputs', () => {
    // p = (1, 0), q = (.5, .5), m = (.75, .25): KL(p‖m) = ln(4/3), KL(q‖m) = ½ln(2/3) + ½ln 2.
    const divergence = (Math.log(4 / 3) + 0.5 * Math.log(2 / 3) + 0.5 * Math.log(2)) / 2;
    expect(jensenShannonDistance([2, 0], [3, 3])).toBeCloseTo(Math.sqrt(divergence), 14);
    expect(Number.isNaN(jensenShannonDistance([1], [1, 2]))).toBe(true);
  });

  it('is bounded by √ln 2 in nats', () => {
    expect(jensenShannonDistance([1, 0], [0, 1])).toBeCloseTo(Math.sqrt(Math.LN2), 14);
  });
});

describe('jensenShannonDrift (Evidently jensenshannon stattest)', () => {
  it('compares per-value shares without filling empty bins', () => {
    const result = jensenShannonDrift(['a', 'a', 'b', 'b'], ['a', 'a'], { kind: 'categorical' });
    expect(result.value).toBeCloseTo(jensenShannonDistance([0.5, 0.5], [1, 0]), 14);
    expect(result.binned.bins).toHaveLength(2);
  });
});

describe('jensenShannonDrift on string categories', () => {
  it('bins strings per value without being told the kind', () => {
    // Reference shares (1, 2, 3) = 0, 2/3, 1/3; current 1/3 each; m = 1/6, 1/2, 1/3.
    // KL(ref‖m) = (2/3)ln(4/3); KL(cur‖m) = (1/3)ln 2 + (1/3)ln(2/3) = (1/3)ln(4/3);
    // JS² = ½(KL(ref‖m) + KL(cur‖m)) = ½ln(4/3).
    const result = jensenShannonDrift(['3', '2', '2'], ['1', '2', '3']);
    expect(result.binned.kind).toBe('per-value');
    expect(result.value).toBeCloseTo(Math.sqrt(0.5 * Math.log(4 / 3)), 14);
    expect(result.value).toBeCloseTo(0.379264, 6);
  });
});
