import { describe, expect, it } from 'vitest';
import { runSimulation, type SimulationConfig } from './queueing';
import {
  coveringDomain,
  latencySeries,
  littleCheck,
  measuredSummary,
  niceCeil,
  readyMarkers,
  replicaSeries,
  sweepReport,
} from './report';
import { arrivalRateSweep } from './scenario';
import { FORM_AUTOSCALER, simulationConfig } from './scenario-fixtures';

const base = simulationConfig({
  arrivalRate: 80,
  duration: 20,
  warmup: 2,
  service: { kind: 'exponential', rate: 100 },
  policy: 'round-robin',
});

describe('niceCeil and coveringDomain', () => {
  it('rounds up to 1, 2 or 5 × 10ⁿ (hand-worked)', () => {
    expect(niceCeil(0.7)).toBe(1);
    expect(niceCeil(1)).toBe(1);
    expect(niceCeil(1.2)).toBe(2);
    expect(niceCeil(3)).toBe(5);
    expect(niceCeil(120)).toBe(200);
    expect(niceCeil(0)).toBe(1);
    expect(niceCeil(Number.NaN)).toBe(1);
  });
  it('covers every finite value and the extras, ignoring NaN and Infinity', () => {
    expect(coveringDomain([3, Number.NaN, 7, Infinity], [12])).toEqual([0, 20]);
    expect(coveringDomain([])).toEqual([0, 1]);
  });
});

describe('littleCheck', () => {
  it("is L = λW from the run's own figures (hand-worked on a fake result)", () => {
    const result = runSimulation(base);
    const check = littleCheck(result);
    expect(check.predicted).toBeCloseTo(result.throughput * result.latency.mean, 12);
    expect(check.measured).toBe(result.meanInSystem);
    // Little's law holds for the run up to edge effects of the window.
    expect(Math.abs(check.predicted - check.measured) / check.measured).toBeLessThan(0.1);
  });
});

describe('sweepReport', () => {
  const runs = arrivalRateSweep(base).map((config) => ({ config, result: runSimulation(config) }));
  const report = sweepReport(base, runs);

  it('has one row and one point per run, the saturated ones included (issue 15 #4)', () => {
    expect(report.rows).toHaveLength(12);
    expect(report.simulated).toHaveLength(12);
    // μ = 100/s, one server: the last run is at 1.2 × 100 = 120 requests/s.
    expect(report.capacity).toBeCloseTo(100, 12);
    expect(report.rows.at(-1)?.arrivalRate).toBe(120);
    expect(report.rows.at(-1)?.rho).toBeCloseTo(1.2, 12);
    expect(report.rows[0]?.rho).toBeCloseTo(0.1, 12);
  });

  it('draws every point and the capacity marker inside its domains', () => {
    for (const p of [...report.simulated, ...report.theory]) {
      expect(p.x).toBeGreaterThanOrEqual(report.xDomain[0]);
      expect(p.x).toBeLessThanOrEqual(report.xDomain[1]);
      expect(p.y).toBeGreaterThanOrEqual(report.yDomain[0]);
      expect(p.y).toBeLessThanOrEqual(report.yDomain[1]);
    }
    // 120 requests/s is the largest λ; the axis runs to 200, past the capacity marker at 100.
    expect(report.xDomain).toEqual([0, 200]);
  });

  it('gives M/M/1 theory only where a steady state exists (ρ < 1)', () => {
    // M/M/1 at ρ = 0.5: p99 = ln(100)/(μ − λ) = 4.60517/50 s = 92.1 ms.
    const half = report.rows.find((r) => r.arrivalRate === 50);
    expect(half?.theoryP99).toBeCloseTo(Math.log(100) / 50, 6);
    expect(report.rows.filter((r) => r.rho >= 1).every((r) => Number.isNaN(r.theoryP99))).toBe(
      true,
    );
    expect(report.theory).toHaveLength(10);
  });
});

describe('latency and replica series', () => {
  const config: SimulationConfig = {
    ...base,
    duration: 60,
    warmup: 5,
    replicas: 2,
    rateChanges: [{ at: 30, rate: 160 }],
    // The default form's autoscaler.
    autoscaler: FORM_AUTOSCALER,
  };
  const result = runSimulation(config);

  it('keeps the latency lines inside their domain with the autoscaler on (issue 15 #4)', () => {
    const s = latencySeries(result, config.duration);
    for (const p of [...s.p50, ...s.p99].filter((q) => Number.isFinite(q.y))) {
      expect(p.y).toBeLessThanOrEqual(s.yDomain[1]);
      expect(p.x).toBeLessThanOrEqual(s.xDomain[1]);
    }
  });

  it('keeps the replica lines inside their domain', () => {
    const s = replicaSeries(result, 8);
    for (const p of [...s.ready, ...s.starting]) expect(p.y).toBeLessThanOrEqual(s.yDomain[1]);
    expect(s.yDomain).toEqual([0, 8]);
  });

  it('lists one marker per change of the ready count, in time order', () => {
    const markers = readyMarkers(result);
    const changes = result.replicaTimeline.filter(
      (c, i, all) => i > 0 && c.ready !== all[i - 1]?.ready,
    );
    expect(markers.map((m) => m.x)).toEqual(changes.map((c) => c.time));
    expect(markers.every((m) => /^\d+ ready$/.test(m.label))).toBe(true);
  });
});

describe('measuredSummary (issue 15 #6)', () => {
  it('never shows a digit finer than the clock, and says when a time is below one tick', () => {
    // A 0.1 ms clock: 0.5 ms stays "0.5 ms", never "500.0 µs".
    const s = measuredSummary([0.5, 0.5, 0.6, 0.4, 0.5], 0.1, 2.6);
    expect(s.median).toBe('0.5 ms');
    expect(s.max).toBe('0.6 ms');
    expect(s.resolution).toBe('0.1 ms');
    // 2.6 ms over 5 requests = 0.52 ms; the batch's error is 0.1/5 = 0.02 ms, so two decimals.
    expect(s.batchMean).toBe('0.52 ms');
    expect(measuredSummary([0, 0, 0], 0.1, 0.1).median).toBe('< 0.1 ms');
  });
});
