import { describe, expect, it } from 'vitest';
import { createRng } from '../sim/rng';
import { percentileOfSorted, WindowedPercentiles } from './percentiles';

describe('percentileOfSorted (numpy linear)', () => {
  it('interpolates between order statistics', () => {
    // 1..10: p50 at position 4.5 → 5.5; p95 at 8.55 → 9.55; p99 at 8.91 → 9.91.
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentileOfSorted(values, 50)).toBeCloseTo(5.5, 12);
    expect(percentileOfSorted(values, 95)).toBeCloseTo(9.55, 12);
    expect(percentileOfSorted(values, 99)).toBeCloseTo(9.91, 12);
    expect(percentileOfSorted([7], 99)).toBe(7);
    expect(Number.isNaN(percentileOfSorted([], 50))).toBe(true);
  });
});

describe('WindowedPercentiles', () => {
  it('only counts the last N values', () => {
    const tracker = new WindowedPercentiles(4);
    for (const v of [100, 100, 100, 1, 2, 3, 4]) tracker.add(v);
    // Window holds 1, 2, 3, 4: p50 = 2.5.
    expect(tracker.summary()).toMatchObject({ p50: 2.5, count: 4 });
  });

  it('equals sorting the window from scratch', () => {
    const rng = createRng(42);
    const tracker = new WindowedPercentiles(250);
    const all: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const latency = rng.exponential(1 / 20);
      all.push(latency);
      tracker.add(latency);
      if (i % 97 === 0) {
        const window = all.slice(-250).sort((a, b) => a - b);
        expect(tracker.percentile(95)).toBe(percentileOfSorted(window, 95));
        expect(tracker.percentile(50)).toBe(percentileOfSorted(window, 50));
      }
    }
  });
});
