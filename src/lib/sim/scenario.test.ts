import { describe, expect, it } from 'vitest';
import { ROUTING_POLICIES, runSimulation, type SimulationConfig } from './queueing';
import {
  arrivalRateSweep,
  capacity,
  meanServiceSeconds,
  mmcTheory,
  offeredUtilization,
  parseSimulatorInput,
  policyComparison,
  SWEEP_ARRIVALS_PER_RUN,
  SWEEP_LOAD_FRACTIONS,
  type SimulatorField,
  type SimulatorInput,
} from './scenario';
import { FORM_AUTOSCALER, simulatorInput as input } from './scenario-fixtures';

function config(
  changes: Partial<Record<SimulatorField, string>> = {},
  rest: Partial<SimulatorInput> = {},
): SimulationConfig {
  const parsed = parseSimulatorInput(input(changes, rest));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.config;
}

describe('parseSimulatorInput', () => {
  it('turns the default form into seconds-based config', () => {
    expect(config()).toEqual({
      seed: 1,
      arrivalRate: 80,
      duration: 60,
      warmup: 5,
      service: { kind: 'exponential', rate: 100 },
      overhead: 0,
      replicas: 1,
      serversPerReplica: 1,
      queueCapacity: Infinity,
      policy: 'round-robin',
    });
  });

  it('reports each bad field at the field, in words', () => {
    const parsed = parseSimulatorInput(
      input({
        arrivalRate: 'fast',
        replicas: '2.5',
        serviceMeanMs: '',
        queueCapacity: '-1',
        warmup: '40',
      }),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.arrivalRate).toMatch(/^Not a number/);
    expect(parsed.errors.replicas).toBe('Must be a whole number from 1 to 32.');
    expect(parsed.errors.serviceMeanMs).toMatch(/^Required/);
    expect(parsed.errors.queueCapacity).toMatch(/Leave it empty for no limit/);
    expect(parsed.errors.warmup).toMatch(/half the duration/);
  });

  it('refuses runs that would simulate too many requests', () => {
    const parsed = parseSimulatorInput(input({ arrivalRate: '5000', duration: '60' }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.arrivalRate).toMatch(/300,000 requests/);
  });

  it('needs measurements before using measured service times, then uses them in seconds', () => {
    const missing = parseSimulatorInput(input({}, { serviceKind: 'measured' }));
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(Object.keys(missing.errors)).toEqual(['serviceKind']);
    const measured = config(
      { serviceMeanMs: 'ignored', overheadMs: '5' },
      { serviceKind: 'measured', measuredMs: [0.5, 1.5] },
    );
    expect(measured.service).toEqual({ kind: 'empirical', samples: [0.0005, 0.0015] });
    expect(meanServiceSeconds(measured)).toBeCloseTo(0.001 + 0.005, 12);
  });

  it('checks the autoscaler fields only when autoscaling, and the start count against its range', () => {
    expect(parseSimulatorInput(input({ minReplicas: 'x' })).ok).toBe(true);
    const parsed = parseSimulatorInput(
      input({ replicas: '10', maxReplicas: '8' }, { autoscale: true }),
    );
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.errors.replicas).toBe('With autoscaling, start between 1 and 8 replicas.');
    const scaled = config({ replicas: '2' }, { autoscale: true });
    expect(scaled.autoscaler).toEqual(FORM_AUTOSCALER);
  });

  it('turns a spike factor into a rate change at half time', () => {
    expect(config({ spikeFactor: '3' }).rateChanges).toEqual([{ at: 30, rate: 240 }]);
  });

  it('rejects an unknown policy', () => {
    const parsed = parseSimulatorInput(input({}, { policy: 'fastest' }));
    expect(parsed.ok).toBe(false);
  });
});

describe('capacity and offeredUtilization', () => {
  it('is c·k / E[S], and ρ = λ / capacity', () => {
    const c = config({
      replicas: '3',
      serversPerReplica: '2',
      serviceMeanMs: '20',
      overheadMs: '5',
    });
    // E[S] = 25 ms, so each server completes 40 per second; 6 servers → 240 per second.
    expect(capacity(c)).toBeCloseTo(240, 9);
    expect(offeredUtilization(c)).toBeCloseTo(80 / 240, 12);
  });
});

describe('mmcTheory', () => {
  it('gives the M/M/1 figures for one single-server replica', () => {
    const theory = mmcTheory(config());
    expect(theory.applies).toBe(true);
    if (!theory.applies) return;
    // λ = 80, μ = 100: ρ = 0.8, W = 1/(μ − λ) = 50 ms, Wq = ρ/(μ − λ) = 40 ms, L = λW = 4.
    expect(theory.figures.model).toBe('M/M/1');
    expect(theory.figures.utilization).toBeCloseTo(0.8, 12);
    expect(theory.figures.meanLatency).toBeCloseTo(0.05, 12);
    expect(theory.figures.meanWait).toBeCloseTo(0.04, 12);
    expect(theory.figures.meanInSystem).toBeCloseTo(4, 12);
    expect(theory.figures.p99).toBeCloseTo(Math.log(100) / 20, 9);
  });

  it('splits λ across replicas under random routing', () => {
    const theory = mmcTheory(config({ replicas: '2', arrivalRate: '160' }, { policy: 'random' }));
    if (!theory.applies) throw new Error(theory.reason);
    // Each replica is an M/M/1 with λ = 80, μ = 100.
    expect(theory.figures.model).toMatch(/^2 × M\/M\/1/);
    expect(theory.figures.meanLatency).toBeCloseTo(0.05, 12);
    expect(theory.figures.meanInSystem).toBeCloseTo(8, 12);
  });

  it('pools the servers for one shared queue', () => {
    const theory = mmcTheory(
      config({ replicas: '2', arrivalRate: '100' }, { policy: 'shared-queue' }),
    );
    if (!theory.applies) throw new Error(theory.reason);
    // M/M/2 with λ = 100, μ = 100: a = 1, C = 1/3, Wq = C/(2μ − λ) = 1/300 s, W = Wq + 10 ms.
    expect(theory.figures.model).toMatch(/^M\/M\/2/);
    expect(theory.figures.probabilityOfWait).toBeCloseTo(1 / 3, 12);
    expect(theory.figures.meanLatency).toBeCloseTo(1 / 300 + 0.01, 12);
  });

  it('declines for load-aware routing over several replicas, overhead, caps, spikes and autoscaling', () => {
    expect(mmcTheory(config({ replicas: '2' })).applies).toBe(false);
    expect(mmcTheory(config({ overheadMs: '1' })).applies).toBe(false);
    expect(mmcTheory(config({ queueCapacity: '10' })).applies).toBe(false);
    expect(mmcTheory(config({ spikeFactor: '2' })).applies).toBe(false);
    expect(mmcTheory(config({}, { autoscale: true })).applies).toBe(false);
  });

  it('reports no steady state at or beyond saturation', () => {
    const theory = mmcTheory(config({ arrivalRate: '120' }));
    if (!theory.applies) throw new Error(theory.reason);
    expect(theory.figures.meanLatency).toBe(Infinity);
    expect(theory.figures.p99).toBeNaN();
    expect(theory.figures.throughput).toBeCloseTo(100, 12);
  });
});

describe('arrivalRateSweep', () => {
  it('visits fixed fractions of one replica capacity, on one replica, without autoscaler or spike', () => {
    const base = config(
      { replicas: '4', spikeFactor: '2', serversPerReplica: '2' },
      { autoscale: false },
    );
    const runs = arrivalRateSweep(base);
    // One replica with 2 servers of 100 per second each: 200 per second.
    expect(runs.map((run) => run.arrivalRate)).toEqual(
      SWEEP_LOAD_FRACTIONS.map((f) => Number((200 * f).toPrecision(3))),
    );
    for (const run of runs) {
      expect(run.replicas).toBe(1);
      expect(run.rateChanges).toBeUndefined();
      expect(run.seed).toBe(base.seed);
      expect(run.arrivalRate * run.duration).toBeLessThanOrEqual(SWEEP_ARRIVALS_PER_RUN + 1e-6);
      expect(run.warmup! / run.duration).toBeCloseTo(5 / 60, 12);
    }
  });

  it('shows p99 growing with λ and exploding past saturation', () => {
    const p99 = arrivalRateSweep(config()).map((run) => runSimulation(run).latency.p99);
    const atHalf = p99[SWEEP_LOAD_FRACTIONS.indexOf(0.5)]!;
    const nearFull = p99[SWEEP_LOAD_FRACTIONS.indexOf(0.98)]!;
    const overloaded = p99[SWEEP_LOAD_FRACTIONS.indexOf(1.2)]!;
    // M/M/1 p99 = ln(100)/(μ − λ): 92 ms at ρ = 0.5 and 2.3 s at ρ = 0.98 in steady state (a
    // one-minute run falls short of that near saturation, but stays far above light load).
    expect(atHalf).toBeGreaterThan(0.06);
    expect(atHalf).toBeLessThan(0.13);
    expect(nearFull).toBeGreaterThan(5 * atHalf);
    // Past saturation the queue grows all run long: p99 is seconds, not milliseconds.
    expect(overloaded).toBeGreaterThan(2 * nearFull);
  });
});

describe('policyComparison', () => {
  it('runs every policy on the same seed and config', () => {
    const base = config({ replicas: '4', arrivalRate: '300' });
    const runs = policyComparison(base);
    expect(runs.map((r) => r.policy)).toEqual([...ROUTING_POLICIES]);
    for (const run of runs) expect({ ...run.config, policy: base.policy }).toEqual(base);
  });
});
