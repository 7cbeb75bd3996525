/**
 * Bench for chapter 3's queueing simulator: events per second in Node for a shared M/M/8 queue
 * and for power-of-two routing over 10 replicas with an autoscaler, the time `result()` takes to
 * summarize a million requests, and the longest `step(20_000)` chunk (a widget's chunk size;
 * DESIGN.md allows no main-thread task over 50 ms). Run alone with `npx tsx scripts/bench/sim.ts`.
 */
import { pathToFileURL } from 'node:url';
import { createSimulation, type SimulationConfig } from '../../src/lib/sim/queueing';
import { median } from '../../src/lib/stats/quantile';

const round = (x: number, digits = 2) => Number(x.toFixed(digits));

function measure(config: SimulationConfig, chunk: number) {
  const simulation = createSimulation(config);
  let longestChunk = 0;
  const start = performance.now();
  for (;;) {
    const t0 = performance.now();
    const progress = simulation.step(chunk);
    longestChunk = Math.max(longestChunk, performance.now() - t0);
    if (progress.done) break;
  }
  const stepMs = performance.now() - start;
  const t1 = performance.now();
  const result = simulation.result();
  const resultMs = performance.now() - t1;
  return { eventsPerSecond: (result.events / stepMs) * 1000, resultMs, longestChunk };
}

const mmc: SimulationConfig = {
  seed: 1,
  arrivalRate: 7.2,
  duration: 1_000_000 / 7.2,
  service: { kind: 'exponential', rate: 1 },
  replicas: 8,
  policy: 'shared-queue',
};

const balanced: SimulationConfig = {
  seed: 2,
  arrivalRate: 9,
  rateChanges: [{ at: 40_000, rate: 14 }],
  duration: 1_000_000 / 10,
  service: { kind: 'empirical', samples: [0.4, 0.6, 0.9, 1.1, 2.5] },
  overhead: 0.02,
  replicas: 10,
  queueCapacity: 50,
  policy: 'power-of-two',
  autoscaler: {
    targetUtilization: 0.7,
    interval: 15,
    scaleUpDelay: 5,
    coldStart: 10,
    minReplicas: 5,
    maxReplicas: 40,
  },
};

/** Runs the simulator bench. */
export async function run(): Promise<Record<string, number | string>> {
  measure({ ...mmc, duration: mmc.duration / 10 }, 1_000_000); // warm-up
  const shared = [0, 1, 2].map(() => measure(mmc, 1_000_000));
  const p2c = [0, 1, 2].map(() => measure(balanced, 1_000_000));
  const chunked = measure(balanced, 20_000);
  return {
    'sim.mmc8_events_per_s_median': Math.round(median(shared.map((r) => r.eventsPerSecond))),
    'sim.power_of_two_autoscaled_events_per_s_median': Math.round(
      median(p2c.map((r) => r.eventsPerSecond)),
    ),
    'sim.result_1m_requests_ms_median': round(median(shared.map((r) => r.resultMs))),
    'sim.step_20k_events_ms_max': round(chunked.longestChunk),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await run());
}
