import { describe, expect, it } from 'vitest';
import { createRng } from '../sim/rng';
import { quantileSorted } from '../stats/quantile';
import { WindowedPercentiles } from './percentiles';

describe('WindowedPercentiles', () => {
  it('only counts the last N values', () => {
    const tracker = new WindowedPercentiles(4);
    for (const v of [100, 100, 100, 1, 2, 3, 4]) tracker.add(v);
    // Window holds 1, 2, 3, 4: p50 = 2.5; p95 at position 2.85 → 3.85 (type 7).
    expect(tracker.summary()).toMatchObject({ p50: 2.5, count: 4 });
    expect(tracker.percentile(95)).toBeCloseTo(3.85, 12);
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
        expect(tracker.percentile(95)).toBe(quantileSorted(window, 0.95));
        expect(tracker.percentile(50)).toBe(quantileSorted(window, 0.5));
      }
    }
  });
});
