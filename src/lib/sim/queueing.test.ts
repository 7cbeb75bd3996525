import { describe, expect, it } from 'vitest';
import {
  createSimulation,
  runSimulation,
  validateSimulationConfig,
  type SimulationConfig,
} from './queueing';
import { simulationConfig } from './scenario-fixtures';

// Queueing-theory values are computed here from their textbook definitions, independently of
// src/lib/sim/theory.ts, so the simulator is checked against theory rather than against itself.

function factorial(n: number): number {
  let f = 1;
  for (let k = 2; k <= n; k++) f *= k;
  return f;
}

/** Erlang C from its definition: P(wait) = [a^c/c! · c/(c−a)] / [Σ_{k<c} a^k/k! + a^c/c! · c/(c−a)]. */
function erlangCByDefinition(c: number, a: number): number {
  const top = (a ** c / factorial(c)) * (c / (c - a));
  let sum = 0;
  for (let k = 0; k < c; k++) sum += a ** k / factorial(k);
  return top / (sum + top);
}

/** M/M/c mean wait in queue Wq = C(c, a) / (cμ − λ), a = λ/μ. */
function mmcMeanWait(lambda: number, mu: number, c: number): number {
  return erlangCByDefinition(c, lambda / mu) / (c * mu - lambda);
}

/** A long shared-queue run: M/M/c when service is exponential. */
function mmcRun(lambda: number, mu: number, c: number, arrivals: number, seed = 1) {
  const duration = arrivals / lambda;
  return runSimulation({
    seed,
    arrivalRate: lambda,
    duration,
    warmup: duration * 0.02,
    service: { kind: 'exponential', rate: mu },
    replicas: c,
    policy: 'shared-queue',
    bucketWidth: duration / 10,
  });
}

const relativeError = (actual: number, expected: number) => Math.abs(actual / expected - 1);

describe('shared FCFS queue with exponential service matches M/M/c theory', () => {
  it('checks the test formula itself on a hand-worked case: c = 2, a = 1 gives C = 1/3', () => {
    // Σ_{k<2} 1/k! = 2; a^c/c! · c/(c−a) = 1/2 · 2 = 1; C = 1 / (2 + 1).
    expect(erlangCByDefinition(2, 1)).toBeCloseTo(1 / 3, 12);
  });

  // Run lengths keep the estimator's standard error near 1% or below (measured over seeds:
  // about 1.3% at 10^6 arrivals for ρ = 0.75 and 2.3% at 2·10^6 for ρ = 0.9), so 3% is a
  // three-sigma bound, not a lucky seed.
  it.each([
    { lambda: 3, mu: 2, c: 3, arrivals: 1_000_000 }, // ρ = 0.5
    { lambda: 1.5, mu: 1, c: 2, arrivals: 2_000_000 }, // ρ = 0.75
  ])(
    'Wq = C(c, a)/(cμ − λ) within 3% for λ=$lambda, μ=$mu, c=$c',
    ({ lambda, mu, c, arrivals }) => {
      const result = mmcRun(lambda, mu, c, arrivals);
      expect(relativeError(result.meanWait, mmcMeanWait(lambda, mu, c))).toBeLessThan(0.03);
      expect(relativeError(result.utilization, lambda / (c * mu))).toBeLessThan(0.01);
      expect(result.dropped).toBe(0);
    },
  );

  it('Wq within 3% at ρ = 0.9 (λ = 3.6, μ = 1, c = 4)', () => {
    const result = mmcRun(3.6, 1, 4, 11_000_000);
    // Erlang C here: a = 3.6, Wq ≈ 1.87 s, so the queue is long and slow to average.
    expect(relativeError(result.meanWait, mmcMeanWait(3.6, 1, 4))).toBeLessThan(0.03);
  }, 180_000);

  it('M/M/1 mean time in system is 1/(μ − λ) within 3%', () => {
    const result = mmcRun(0.8, 1, 1, 2_000_000, 3);
    expect(relativeError(result.latency.mean, 1 / (1 - 0.8))).toBeLessThan(0.03);
    // The median of an exponential with rate μ − λ (the M/M/1 sojourn time) is ln 2/(μ − λ).
    expect(relativeError(result.latency.p50, Math.LN2 / (1 - 0.8))).toBeLessThan(0.03);
  });
});

describe("Little's law and losses", () => {
  const lossy = simulationConfig({
    seed: 5,
    arrivalRate: 9,
    duration: 50_000,
    warmup: 1_000,
    replicas: 10,
    queueCapacity: 3,
    policy: 'power-of-two',
  });

  it('L = λW and Lq = λWq over the window, for a lossy multi-queue system', () => {
    const result = runSimulation(lossy);
    const span = result.window.end - result.window.start;
    const admittedRate = (result.arrivals - result.dropped) / span;
    expect(result.dropped).toBeGreaterThan(0);
    expect(relativeError(result.meanInSystem, admittedRate * result.latency.mean)).toBeLessThan(
      0.01,
    );
    expect(relativeError(result.meanInQueue, admittedRate * result.meanWait)).toBeLessThan(0.01);
  });

  it('drops nothing when queues are unbounded, for every policy', () => {
    for (const policy of ['round-robin', 'random', 'least-outstanding', 'power-of-two'] as const) {
      const result = runSimulation({ ...lossy, policy, queueCapacity: Infinity, duration: 5_000 });
      expect(result.dropped, policy).toBe(0);
      expect(result.dropRate).toBe(0);
    }
  });

  it('M/M/1/K blocking probability matches (1 − ρ)ρ^K / (1 − ρ^{K+1}) within 3%', () => {
    // K = 3 in the system: one in service plus a queue of two.
    const rho = 0.8;
    const k = 3;
    const blocking = ((1 - rho) * rho ** k) / (1 - rho ** (k + 1)); // = 0.173442
    const result = runSimulation({
      seed: 8,
      arrivalRate: rho,
      duration: 1_000_000 / rho,
      service: { kind: 'exponential', rate: 1 },
      replicas: 1,
      queueCapacity: k - 1,
      policy: 'round-robin',
    });
    expect(relativeError(result.dropRate, blocking)).toBeLessThan(0.03);
  });
});

describe('service-time models', () => {
  it('empirical samples plus overhead follow the Pollaczek–Khinchine mean wait', () => {
    // Service is 0.1 or 0.3 s, equally likely, plus 0.05 s: E[S] = 0.25, E[S²] = (0.15² + 0.35²)/2.
    const lambda = 2;
    const meanS = 0.25;
    const meanS2 = (0.15 ** 2 + 0.35 ** 2) / 2;
    const rho = lambda * meanS;
    const wq = (lambda * meanS2) / (2 * (1 - rho)); // M/G/1: Wq = λE[S²] / (2(1 − ρ)) = 0.145
    const result = runSimulation({
      seed: 2,
      arrivalRate: lambda,
      duration: 500_000,
      warmup: 1_000,
      service: { kind: 'empirical', samples: [0.1, 0.3] },
      overhead: 0.05,
      replicas: 1,
      policy: 'shared-queue',
    });
    expect(relativeError(result.meanWait, wq)).toBeLessThan(0.03);
    expect(relativeError(result.utilization, rho)).toBeLessThan(0.01);
    expect(relativeError(result.latency.mean, wq + meanS)).toBeLessThan(0.03);
  });
});

describe('routing policies', () => {
  const highLoad = (policy: SimulationConfig['policy']) =>
    simulationConfig({
      seed: 13,
      arrivalRate: 9.5,
      duration: 60_000,
      warmup: 2_000,
      replicas: 10,
      policy,
    });

  it('power-of-two choices beats random on p99 at ρ = 0.95; least-outstanding is best of the three', () => {
    const random = runSimulation(highLoad('random'));
    const twoChoices = runSimulation(highLoad('power-of-two'));
    const leastOutstanding = runSimulation(highLoad('least-outstanding'));
    // With random routing each replica is an M/M/1 queue at ρ = 0.95 (p99 ≈ ln(100)/0.05 ≈ 92 s);
    // sampling two replicas removes most of that tail.
    expect(twoChoices.latency.p99).toBeLessThan(random.latency.p99 / 3);
    expect(leastOutstanding.latency.p99).toBeLessThanOrEqual(twoChoices.latency.p99);
    expect(relativeError(random.latency.p99, Math.log(100) / 0.05)).toBeLessThan(0.15);
  });

  it('round-robin spreads load evenly across replicas', () => {
    const result = runSimulation({
      seed: 4,
      arrivalRate: 2,
      duration: 200_000,
      service: { kind: 'exponential', rate: 1 },
      replicas: 4,
      policy: 'round-robin',
    });
    expect(result.replicaUtilization).toHaveLength(4);
    for (const u of result.replicaUtilization) expect(relativeError(u, 0.5)).toBeLessThan(0.02);
  });
});

describe('autoscaler', () => {
  const config = simulationConfig({
    seed: 21,
    arrivalRate: 2,
    rateChanges: [
      { at: 600, rate: 8 },
      { at: 1800, rate: 2 },
    ],
    duration: 3000,
    replicas: 4,
    policy: 'least-outstanding',
    bucketWidth: 60,
    autoscaler: {
      targetUtilization: 0.6,
      interval: 15,
      scaleUpDelay: 5,
      coldStart: 10,
      minReplicas: 2,
      maxReplicas: 20,
      scaleDownStabilization: 120,
    },
  });

  it('scales up after the spike, with the configured delay, and back down after it', () => {
    const result = runSimulation(config);
    const timeline = result.replicaTimeline;
    // Decisions happen on the 15 s evaluation grid; a replica is ready 5 + 10 s later. (Before
    // the spike, 15 s windows of 30 requests are noisy enough to trigger small adjustments too.)
    const firstStart = timeline.find((change) => change.time >= 600 && change.starting > 0);
    if (!firstStart) throw new Error('no scale-up after the spike');
    expect(firstStart.time % 15).toBeCloseTo(0, 9);
    expect(firstStart.time).toBeLessThanOrEqual(630); // within two evaluations of the spike
    const readyIndex = timeline.findIndex(
      (change) => Math.abs(change.time - (firstStart.time + 15)) < 1e-9,
    );
    expect(readyIndex).toBeGreaterThan(0);
    expect(timeline[readyIndex]?.ready).toBeGreaterThan(
      timeline[readyIndex - 1]?.ready ?? Infinity,
    );
    const beforeSpike = timeline.filter((change) => change.time < 600);
    for (const change of beforeSpike) expect(change.ready).toBeLessThanOrEqual(6);
    for (const change of timeline) {
      expect(change.ready + change.starting).toBeLessThanOrEqual(20);
      expect(change.ready).toBeGreaterThanOrEqual(2);
    }
    // At 8 req/s and μ = 1, the target of 60% needs about 8/0.6 ≈ 13.3 replicas.
    const duringSpike = result.timeSeries.find((bucket) => bucket.start === 1740);
    expect(duringSpike?.replicas).toBeGreaterThanOrEqual(12);
    expect(duringSpike?.replicas).toBeLessThanOrEqual(15);
    // Back at 2 req/s: 2/0.6 ≈ 3.3, so 3 or 4 replicas once the stabilization window has passed.
    const last = result.timeSeries[result.timeSeries.length - 1];
    expect(last?.replicas).toBeGreaterThanOrEqual(3);
    expect(last?.replicas).toBeLessThanOrEqual(5);
  });

  it('keeps latency bounded once the new replicas are ready', () => {
    const result = runSimulation(config);
    const spikeStart = result.timeSeries.find((bucket) => bucket.start === 600);
    const settled = result.timeSeries.find((bucket) => bucket.start === 1500);
    // The first minute of the spike queues up; a few minutes later p95 is back near service times.
    expect(spikeStart?.p95 ?? 0).toBeGreaterThan(settled?.p95 ?? Infinity);
    expect(settled?.p95 ?? Infinity).toBeLessThan(5);
  });
});

describe('time series, determinism and chunking', () => {
  const base = simulationConfig({
    seed: 99,
    arrivalRate: 5,
    duration: 1_000,
    replicas: 6,
    queueCapacity: 10,
    policy: 'power-of-two',
    bucketWidth: 100,
  });

  it('buckets the run and accounts for every arrival', () => {
    const result = runSimulation(base);
    expect(result.timeSeries.map((bucket) => bucket.start)).toEqual([
      0, 100, 200, 300, 400, 500, 600, 700, 800, 900,
    ]);
    const arrivals = result.timeSeries.reduce((sum, bucket) => sum + bucket.arrivals, 0);
    expect(arrivals).toBe(result.arrivals); // no warmup, so the window is the whole run
    expect(result.completed + result.dropped).toBe(result.arrivals);
    for (const bucket of result.timeSeries) {
      expect(bucket.replicas).toBe(6);
      expect(bucket.p50 ?? 0).toBeLessThanOrEqual(bucket.p95 ?? 0);
      expect(bucket.p95 ?? 0).toBeLessThanOrEqual(bucket.p99 ?? 0);
    }
    // About λ·duration = 5000 arrivals (Poisson: sd ≈ 71).
    expect(Math.abs(result.arrivals - 5000)).toBeLessThan(300);
  });

  it('gives identical results for the same seed, in one go or in small chunks', () => {
    const once = runSimulation(base);
    const simulation = createSimulation(base);
    let last = 0;
    let fraction = 0;
    for (;;) {
      const progress = simulation.step(997);
      expect(progress.events - last).toBeLessThanOrEqual(997);
      expect(progress.fraction).toBeGreaterThanOrEqual(fraction);
      last = progress.events;
      fraction = progress.fraction;
      if (progress.done) break;
    }
    expect(simulation.done).toBe(true);
    expect(simulation.result()).toEqual(once);
    expect(runSimulation({ ...base, seed: 100 }).latency.mean).not.toBe(once.latency.mean);
  });

  it('gives every policy the same arrivals (common random numbers)', () => {
    const a = runSimulation({ ...base, policy: 'random' });
    const b = runSimulation({ ...base, policy: 'round-robin' });
    expect(a.arrivals).toBe(b.arrivals);
    expect(a.timeSeries.map((x) => x.arrivals)).toEqual(b.timeSeries.map((x) => x.arrivals));
  });

  it('returns partial results mid-run', () => {
    const simulation = createSimulation(base);
    simulation.step(2000);
    const partial = simulation.result();
    expect(partial.simulatedTime).toBeGreaterThan(0);
    expect(partial.simulatedTime).toBeLessThan(1000);
    expect(partial.timeSeries.length).toBeLessThanOrEqual(10);
  });
});

describe('validateSimulationConfig', () => {
  const valid = simulationConfig();

  it('accepts a valid config and names each invalid field', () => {
    expect(validateSimulationConfig(valid)).toEqual([]);
    expect(validateSimulationConfig({ ...valid, replicas: 0 })).toEqual([
      'replicas must be a whole number of at least 1.',
    ]);
    expect(validateSimulationConfig({ ...valid, warmup: 10 })).toEqual([
      'warmup must be shorter than duration.',
    ]);
    expect(
      validateSimulationConfig({ ...valid, service: { kind: 'empirical', samples: [] } }),
    ).toHaveLength(1);
    expect(validateSimulationConfig({ ...valid, queueCapacity: 1.5 })).toHaveLength(1);
    expect(
      validateSimulationConfig({
        ...valid,
        replicas: 5,
        autoscaler: {
          targetUtilization: 0,
          interval: 1,
          scaleUpDelay: 0,
          coldStart: 0,
          minReplicas: 1,
          maxReplicas: 4,
        },
      }),
    ).toEqual([
      'autoscaler.targetUtilization must be in (0, 1].',
      'replicas must lie between autoscaler.minReplicas and maxReplicas.',
    ]);
    expect(() => createSimulation({ ...valid, duration: -1 })).toThrow(RangeError);
  });
});
