import { describe, expect, it } from 'vitest';
import { createRng } from '../sim/rng';
import { PageHinkley } from './page-hinkley';

describe('PageHinkley (river.drift.PageHinkley semantics)', () => {
  it('uses river’s defaults', () => {
    const detector = new PageHinkley();
    expect([
      detector.minInstances,
      detector.delta,
      detector.threshold,
      detector.alpha,
      detector.mode,
    ]).toEqual([30, 0.005, 50, 1 - 0.0001, 'both']);
  });

  it('follows the update rule on a hand-worked sequence', () => {
    // threshold 1, min_instances 1, delta 0, alpha 1: x = 0, 0, 3.
    // step 1: mean 0, up = 0, down = 0 (max down stays 0 > −1).
    // step 2: mean 0, same.
    // step 3: mean 1, deviation 2: up = 2 (min 0) → 2 − 0 > 1 → drift.
    const detector = new PageHinkley({ threshold: 1, minInstances: 1, delta: 0, alpha: 1 });
    expect(detector.update(0).drift).toBe(false);
    expect(detector.update(0).drift).toBe(false);
    expect(detector.update(3).drift).toBe(true);
    expect(detector.statistics.increase).toBeCloseTo(2, 14);
    // Next input starts afresh.
    expect(detector.update(0).n).toBe(1);
  });

  it('alarms within a bounded delay after an abrupt change, in either direction', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const rng = createRng(seed);
      const up = new PageHinkley();
      const down = new PageHinkley();
      let upAt = -1;
      let downAt = -1;
      for (let t = 0; t < 1500; t++) {
        const errorRate = t < 1000 ? 0.2 : 0.6;
        if (up.update(rng.next() < errorRate ? 1 : 0).drift && upAt < 0) upAt = t;
        if (
          down.update(t < 1000 ? 5 + 0.3 * rng.normal() : 2 + 0.3 * rng.normal()).drift &&
          downAt < 0
        )
          downAt = t;
      }
      // Error rate +0.4: about 50 / 0.4 = 125 steps; mean −3: about 50 / 3 ≈ 17 steps.
      expect(upAt).toBeGreaterThanOrEqual(1000);
      expect(upAt - 1000).toBeLessThan(250);
      expect(downAt).toBeGreaterThanOrEqual(1000);
      expect(downAt - 1000).toBeLessThan(40);
    }
  });

  it('stays silent on 10 stationary seeded streams at the defaults', () => {
    // λ = 50 is in the stream's own units: the faded sums wander like a random walk, about σ·√n, so
    // the streams here keep σ·√5000 well below 50. Measured over 100 seeds × 5000 steps: 2% of
    // Bernoulli(0.2) error streams alarm; Gaussian σ = 0.25 never does (σ = 0.5 does in 20%).
    for (let seed = 1; seed <= 10; seed++) {
      const rng = createRng(seed * 7919);
      const errors = new PageHinkley();
      const latency = new PageHinkley();
      for (let t = 0; t < 5000; t++) {
        expect(errors.update(rng.next() < 0.2 ? 1 : 0).drift).toBe(false);
        expect(latency.update(20 + 0.25 * rng.normal()).drift).toBe(false);
      }
    }
  });

  it('only watches the requested direction', () => {
    const detector = new PageHinkley({ mode: 'down', threshold: 5 });
    let fired = false;
    for (let t = 0; t < 200; t++) fired ||= detector.update(t < 100 ? 0 : 10).drift;
    expect(fired).toBe(false);
  });
});
