import { describe, expect, it } from 'vitest';
import { createRng } from '../sim/rng';
import { kolmogorovSmirnovSf } from './kolmogorov';
import {
  ks2Sample,
  ksExactSfEqualSizes,
  ksExactSfLattice,
  ksMethodFor,
  KS_EXACT_MAX_N,
} from './ks';

// D for one labelling of N distinct pooled values: walk the sequence, tracking both ECDFs.
function statisticOfLabels(labels: readonly boolean[], n1: number, n2: number): number {
  let i = 0;
  let j = 0;
  let best = 0;
  for (const inFirst of labels) {
    if (inFirst) i++;
    else j++;
    best = Math.max(best, Math.abs(i / n1 - j / n2));
  }
  return best;
}

// Exact P(D ≥ d) by enumerating all C(n1 + n2, n1) assignments of labels to the pooled values.
function enumeratedPValue(n1: number, n2: number, observed: number): number {
  const total = n1 + n2;
  let hits = 0;
  let count = 0;
  const labels = new Array<boolean>(total).fill(false);
  const visit = (position: number, remaining: number): void => {
    if (remaining === 0) {
      count++;
      if (statisticOfLabels(labels, n1, n2) >= observed - 1e-12) hits++;
      return;
    }
    for (let p = position; p <= total - remaining; p++) {
      labels[p] = true;
      visit(p + 1, remaining - 1);
      labels[p] = false;
    }
  };
  visit(0, n1);
  return hits / count;
}

describe('ks2Sample statistic', () => {
  it('computes D by hand on tied data', () => {
    // Pooled values 1..4: F_a = 1/4, 3/4, 1, 1; F_b = 0, 1/4, 3/4, 1 → differences .25, .5, .25, 0.
    expect(ks2Sample([1, 2, 2, 3], [2, 3, 3, 4]).statistic).toBeCloseTo(0.5, 15);
    // At 0: F_a = 2/3, F_b = 1/4 → 5/12; at 1 both are 1.
    expect(ks2Sample([0, 0, 1], [0, 1, 1, 1]).statistic).toBeCloseTo(5 / 12, 15);
    // Identical samples: every tie advances both CDFs together, D = 0 and p = 1.
    const same = ks2Sample([3, 1, 2, 2], [2, 2, 1, 3]);
    expect(same.statistic).toBe(0);
    expect(same.pValue).toBe(1);
  });

  it('drops NaN and rejects empty samples', () => {
    expect(ks2Sample([1, Number.NaN, 2], [3, 4]).n1).toBe(2);
    expect(() => ks2Sample([], [1])).toThrow(RangeError);
  });
});

describe('ks2Sample exact p-value', () => {
  it('equals the share of label assignments with D ≥ observed (enumeration)', () => {
    const rng = createRng(20240601);
    for (const [n1, n2] of [
      [3, 4],
      [5, 5],
      [4, 7],
      [6, 6],
      [6, 8],
      [2, 9],
    ] as const) {
      for (let trial = 0; trial < 4; trial++) {
        const a = Array.from({ length: n1 }, () => rng.normal());
        const b = Array.from({ length: n2 }, () => rng.normal() + trial * 0.6);
        const result = ks2Sample(a, b);
        expect(result.method).toBe('exact');
        expect(result.pValue).toBeCloseTo(enumeratedPValue(n1, n2, result.statistic), 12);
      }
    }
  });

  it('lattice DP and reflection formula agree for equal sizes', () => {
    for (const [n, h] of [
      [20, 5],
      [50, 9],
      [300, 40],
      [1000, 60],
    ] as const) {
      expect(ksExactSfLattice(n, n, h)).toBeCloseTo(ksExactSfEqualSizes(n, h), 12);
    }
  });

  it('keeps small p-values accurate in relative terms', () => {
    // n = m = 10, D = 1: only the 2 fully separated orderings out of C(20, 10) = 184756.
    expect(ksExactSfEqualSizes(10, 10) / (2 / 184756)).toBeCloseTo(1, 12);
    expect(ksExactSfLattice(10, 12, 60) / (2 / 646646)).toBeCloseTo(1, 12);
  });

  it('matches scipy 1.17.1 on seeded data', () => {
    const rng = createRng(7);
    const a = Array.from({ length: 1000 }, () => Math.round(rng.normal() * 10) / 10);
    const b = Array.from({ length: 733 }, () => Math.round((rng.normal() + 0.1) * 10) / 10);
    const result = ks2Sample(a, b);
    expect(result.method).toBe('exact');
    // scipy.stats.ks_2samp on the same numbers: statistic 0.10880900409276945, pvalue 8.027690579104287e-05
    expect(result.statistic).toBeCloseTo(0.10880900409276945, 14);
    expect(result.pValue / 8.027690579104287e-5).toBeCloseTo(1, 10);
  });
});

describe('ks2Sample asymptotic branch', () => {
  it('switches above 10000 rows and uses kstwo.sf at round-half-even n1·n2/(n1+n2)', () => {
    const rng = createRng(99);
    const a = Array.from({ length: KS_EXACT_MAX_N + 1 }, () => rng.normal());
    const b = Array.from({ length: KS_EXACT_MAX_N + 1 }, () => rng.normal() + 0.05);
    const result = ks2Sample(a, b);
    expect(result.method).toBe('asymptotic');
    // en = 10001/2 = 5000.5, which numpy.round sends to 5000 (half to even).
    expect(result.pValue).toBe(kolmogorovSmirnovSf(5000, result.statistic));
    expect(ks2Sample(a.slice(0, KS_EXACT_MAX_N), b.slice(0, 50)).method).toBe('exact');
  });

  it('matches scipy 1.17.1 on seeded data', () => {
    const rng = createRng(8);
    const a = Array.from({ length: 12000 }, () => rng.normal());
    const b = Array.from({ length: 20000 }, () => rng.normal() + 0.02);
    const result = ks2Sample(a, b);
    // scipy.stats.ks_2samp on the same numbers: statistic 0.010950000000000015, pvalue 0.32721741122869474
    expect(result.statistic).toBeCloseTo(0.010950000000000015, 14);
    expect(result.pValue).toBeCloseTo(0.32721741122869474, 11);
  });
});

describe('ks2Sample method option (scipy ks_2samp method)', () => {
  it('chooses the branch as scipy does', () => {
    expect(ksMethodFor(10_000, 5, 'auto')).toBe('exact');
    expect(ksMethodFor(10_001, 5, 'auto')).toBe('asymptotic');
    expect(ksMethodFor(20_000, 20_001, 'exact')).toBe('exact');
    // lcm = 2·10⁵·(2·10⁵ − 1) overflows int32: scipy switches to asymp.
    expect(ksMethodFor(200_000, 199_999, 'exact')).toBe('asymptotic');
    expect(ksMethodFor(3, 4, 'asymp')).toBe('asymptotic');
  });

  it('gives the asymptotic p-value on request: D = 1 for disjoint samples', () => {
    const result = ks2Sample([1, 2, 3], [4, 5, 6, 7], 'asymp');
    expect(result.method).toBe('asymptotic');
    expect(result.statistic).toBe(1);
    // kstwo.sf(1, round(12/7) = 2) = 0: D cannot exceed 1.
    expect(result.pValue).toBe(0);
  });
});
