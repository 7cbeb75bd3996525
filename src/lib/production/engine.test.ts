import { describe, expect, it } from 'vitest';
import { cleanPenguins } from '../data/penguins';
import { cleanSeattleWeather } from '../data/seattle-weather';
import { readVegaDataText } from '../data/vega-files-node';
import { createProductionSimulation, type ProductionSimulation, yieldToEventLoop } from './engine';
import { trainInitialModel } from './offline';
import {
  type BatchPredictor,
  type ModelDeployer,
  typeScriptDeployer,
  typeScriptPredictor,
} from './predictor';
import { buildScenario, PENGUIN_STREAM_DEFAULTS, type ScenarioId } from './scenarios';
import type { SimulationSettings } from './settings';

const penguins = cleanPenguins(JSON.parse(await readVegaDataText('penguins.json'))).rows;
const weather = cleanSeattleWeather(await readVegaDataText('seattle-weather.csv')).rows;
// Latency is the one measured quantity; a frozen clock makes whole runs exactly repeatable.
const frozen = () => 0;

async function runToEnd(
  id: ScenarioId,
  seed: number,
  overrides: Partial<SimulationSettings> = {},
  wrap: (p: BatchPredictor) => BatchPredictor = (p) => p,
  deployer: ModelDeployer = typeScriptDeployer(frozen),
): Promise<ProductionSimulation> {
  const scenario = buildScenario(id, { penguins, weather }, seed);
  const sim = createProductionSimulation(
    scenario,
    { ...scenario.defaults, ...overrides },
    wrap(typeScriptPredictor(trainInitialModel(scenario), frozen)),
    deployer,
  );
  while (!sim.done) await sim.tick();
  await sim.dispose();
  return sim;
}

function accuracyAt(sim: ProductionSimulation, step: number): number {
  return sim.points.find((p) => p.step >= step)?.accuracy ?? Number.NaN;
}

describe('the control scenario', () => {
  it('never retrains over the default run length, for several seeds', async () => {
    for (const seed of [1, 2, 3, 4, 5, 7]) {
      const sim = await runToEnd('control', seed);
      expect(sim.step).toBe(PENGUIN_STREAM_DEFAULTS.length);
      expect(sim.versions).toHaveLength(1);
      expect(sim.events.filter((e) => e.kind === 'retrain-started')).toEqual([]);
    }
  });

  it('raises no data-drift alert with the widget’s default seed', async () => {
    const sim = await runToEnd('control', 7);
    expect(sim.events.filter((e) => e.kind === 'data-drift-alert')).toEqual([]);
    expect(sim.points.at(-1)!.cumulativeAccuracy).toBeGreaterThan(0.95);
  });
});

describe('the unit-bug scenario', () => {
  it('alerts on body-mass drift before the accuracy visibly drops', async () => {
    const sim = await runToEnd('unit-bug', 7);
    const alert = sim.events.find((e) => e.kind === 'data-drift-alert');
    expect(alert?.message).toContain('body_mass_g');
    const firstLow = sim.points.find(
      (p) => p.step > 800 && p.accuracy < sim.settings.accuracyThreshold,
    );
    expect(alert!.step).toBeGreaterThan(800);
    expect(alert!.step).toBeLessThan(firstLow!.step);
    // Labels lag by 300 requests, so the model's answers on kilograms cannot be scored before 1100.
    expect(firstLow!.step).toBeGreaterThan(800 + sim.settings.labelDelay);
  });
});

describe('the label-swap scenario', () => {
  it('triggers a retrain on low accuracy, swaps the model, and accuracy recovers', async () => {
    const sim = await runToEnd('label-swap', 7);
    const preDrift = accuracyAt(sim, 800 + sim.settings.labelDelay); // labels of requests < 800 only
    const accepted = sim.versions.filter((v) => v.version > 1 && v.accepted);
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    expect(accepted[0]!.reasons).toContain('accuracy');
    expect(accepted[0]!.metrics!.challenger).toBeGreaterThan(accepted[0]!.metrics!.champion);
    // No input drifted: concept drift is invisible to the input monitors.
    expect(
      sim.events.filter((e) => e.kind === 'data-drift-alert' && e.step < accepted[0]!.step),
    ).toEqual([]);
    // Once the new model's answers are labelled, the sliding accuracy is back near its old level.
    const recovered = accuracyAt(
      sim,
      accepted[0]!.step + sim.settings.labelDelay + sim.settings.accuracyWindow,
    );
    expect(preDrift).toBeGreaterThan(0.9);
    expect(recovered).toBeGreaterThan(preDrift - 0.05);
    const worst = Math.min(
      ...sim.points
        .filter((p) => p.step > 1100 && p.step < accepted[0]!.step)
        .map((p) => p.accuracy),
    );
    expect(worst).toBeLessThan(0.5);
  });
});

describe('the seasonal scenario', () => {
  it('alerts on seasonal drift and retrains when the winter accuracy stays low', async () => {
    const sim = await runToEnd('seasonal', 7);
    expect(sim.events.some((e) => e.kind === 'data-drift-alert')).toBe(true);
    expect(sim.versions.some((v) => v.version > 1 && v.reasons.includes('accuracy'))).toBe(true);
  });
});

describe('the engine', () => {
  it('is deterministic under the seed', async () => {
    const a = await runToEnd('unit-bug', 11, { injectedErrorRate: 0.05, injectedLatencyMs: 5 });
    const b = await runToEnd('unit-bug', 11, { injectedErrorRate: 0.05, injectedLatencyMs: 5 });
    expect(a.events).toEqual(b.events);
    expect(a.points).toEqual(b.points);
  });

  it('tells the same seeded story on a busy machine: measured latency changes no event', async () => {
    // A clock whose readings jump around like a loaded machine's (timer jitter, a slow stretch
    // halfway): only the measured latency may differ from the frozen-clock run.
    let t = 0;
    let calls = 0;
    const busy = () => {
      calls++;
      t += calls % 7 === 0 ? 40 + (calls % 13) : calls > 4000 ? 9 : 0.1;
      return t;
    };
    const seeded = { injectedErrorRate: 0.02, injectedLatencyMs: 3 };
    const quiet = await runToEnd('unit-bug', 7, seeded);
    const loaded = await runToEnd(
      'unit-bug',
      7,
      seeded,
      () =>
        typeScriptPredictor(trainInitialModel(buildScenario('unit-bug', { penguins }, 7)), busy),
      typeScriptDeployer(busy),
    );
    expect(loaded.events).toEqual(quiet.events);
    expect(loaded.versions).toEqual(quiet.versions);
    expect(loaded.points.map((p) => [p.accuracy, p.errorRateWithInjected, p.version])).toEqual(
      quiet.points.map((p) => [p.accuracy, p.errorRateWithInjected, p.version]),
    );
    // The measured latency itself did change: it is shown, labelled measured, and decides nothing.
    expect(loaded.points.at(-1)!.latency.p95).toBeGreaterThan(0);
    expect(quiet.points.at(-1)!.latency.p95).toBe(0);
  });

  it('serves every request exactly once, across the hot swap', async () => {
    let served = 0;
    const counting = (p: BatchPredictor): BatchPredictor => ({
      ...p,
      predictBatch: async (rows) => {
        served += rows.length;
        return p.predictBatch(rows);
      },
    });
    const holdoutRows: number[] = [];
    const deployer: ModelDeployer = {
      deploy: async (model) => {
        const inner = typeScriptPredictor(model, frozen);
        let first = true;
        return {
          ...inner,
          // The first call on a new model is the holdout check, not traffic.
          predictBatch: async (rows) => {
            if (first) {
              first = false;
              holdoutRows.push(rows.length);
              return inner.predictBatch(rows);
            }
            served += rows.length;
            return inner.predictBatch(rows);
          },
        };
      },
    };
    const sim = await runToEnd('label-swap', 7, {}, counting, deployer);
    expect(sim.versions.length).toBeGreaterThan(1);
    // The old champion also answers the holdout once per retrain.
    expect(served - holdoutRows.reduce((s, n) => s + n, 0)).toBe(PENGUIN_STREAM_DEFAULTS.length);
  });

  it('releases the old model only after the new one serves', async () => {
    const log: string[] = [];
    const tracked = (name: string, p: BatchPredictor): BatchPredictor => ({
      ...p,
      predictBatch: (rows) => {
        log.push(`run ${name}`);
        return p.predictBatch(rows);
      },
      release: async () => {
        log.push(`release ${name}`);
      },
    });
    let versions = 1;
    const deployer: ModelDeployer = {
      deploy: async (model) => tracked(`v${++versions}`, typeScriptPredictor(model, frozen)),
    };
    await runToEnd('label-swap', 7, {}, (p) => tracked('v1', p), deployer);
    const released = log.indexOf('release v1');
    expect(released).toBeGreaterThan(0);
    expect(log.slice(0, released).filter((l) => l === 'run v2').length).toBe(1); // the holdout check
    expect(log.slice(released + 1).every((l) => l !== 'run v1')).toBe(true);
  });

  it('keeps the champion when the challenger is worse on the holdout', async () => {
    let releasedChallengers = 0;
    const alwaysGentoo: ModelDeployer = {
      deploy: async () => ({
        description: 'constant',
        predictBatch: async (rows) => ({
          labels: rows.map(() => 'Gentoo'),
          probabilities: rows.map(() => [0, 0, 1]),
          latencyMs: 0,
        }),
        release: async () => {
          releasedChallengers++;
        },
      }),
    };
    // A scheduled retrain in the control: the serving model is right about 99% of the time,
    // a constant answer only on the Gentoo share (about 36%).
    const sim = await runToEnd(
      'control',
      7,
      { scheduleEvery: 500, cooldown: 100_000 },
      (p) => p,
      alwaysGentoo,
    );
    expect(sim.versions[1]?.reasons).toEqual(['schedule']);
    expect(sim.versions[1]?.accepted).toBe(false);
    expect(sim.championVersion).toBe(1);
    expect(sim.events.some((e) => e.kind === 'challenger-rejected')).toBe(true);
    expect(releasedChallengers).toBe(1);
  });

  it('reports a failed retrain and keeps serving', async () => {
    const broken: ModelDeployer = { deploy: () => Promise.reject(new Error('export failed')) };
    const sim = await runToEnd('label-swap', 7, {}, (p) => p, broken);
    expect(sim.step).toBe(PENGUIN_STREAM_DEFAULTS.length);
    expect(sim.events.find((e) => e.kind === 'retrain-failed')?.message).toContain('export failed');
    expect(sim.championVersion).toBe(1);
  });

  it('counts injected failures and delay apart from the measured ones', async () => {
    const sim = await runToEnd('control', 3, { injectedErrorRate: 0.1, injectedLatencyMs: 20 });
    const last = sim.points.at(-1)!;
    expect(last.errorRate).toBe(0);
    // 200-request window, p = 0.1: the count is Binomial(200, 0.1), mean 20, sd ≈ 4.2.
    expect(last.errorRateWithInjected).toBeGreaterThan(0.04);
    expect(last.errorRateWithInjected).toBeLessThan(0.16);
    expect(last.latency.p50).toBe(0);
    // Exponential delay with mean 20 ms: median 20·ln 2 ≈ 13.9 ms, p95 20·ln 20 ≈ 59.9 ms.
    expect(last.latencyWithInjected.p50).toBeGreaterThan(10);
    expect(last.latencyWithInjected.p50).toBeLessThan(18);
    expect(last.latencyWithInjected.p95).toBeGreaterThan(45);
    expect(last.latencyWithInjected.p95).toBeLessThan(75);
    expect(sim.events.some((e) => e.kind === 'error-rate-alert')).toBe(true);
    expect(sim.events.some((e) => e.kind === 'latency-alarm')).toBe(true);
  });

  it('applies injection changed during a run from the next tick, and logs it', async () => {
    const scenario = buildScenario('control', { penguins }, 2);
    const sim = createProductionSimulation(
      scenario,
      scenario.defaults,
      typeScriptPredictor(trainInitialModel(scenario), frozen),
      typeScriptDeployer(frozen),
    );
    for (let i = 0; i < 10; i++) await sim.tick();
    sim.inject(1, 0);
    for (let i = 0; i < 10; i++) await sim.tick();
    // 200 requests before (none failed), 200 after (all failed): the 200-request window is all errors.
    expect(sim.points[9]!.errorRateWithInjected).toBe(0);
    expect(sim.points[19]!.errorRateWithInjected).toBe(1);
    expect(sim.points[19]!.errorRate).toBe(0);
    expect(sim.events.find((e) => e.kind === 'injection')).toMatchObject({ step: 200 });
    expect(sim.settings.injectedErrorRate).toBe(1);
    await sim.dispose();
  });

  it('counts a failing model call as measured errors without stopping', async () => {
    let calls = 0;
    const flaky = (p: BatchPredictor): BatchPredictor => ({
      ...p,
      predictBatch: (rows) =>
        ++calls === 3 ? Promise.reject(new Error('session lost')) : p.predictBatch(rows),
    });
    const scenario = buildScenario('control', { penguins }, 1);
    const sim = createProductionSimulation(
      scenario,
      scenario.defaults,
      flaky(typeScriptPredictor(trainInitialModel(scenario), frozen)),
      typeScriptDeployer(frozen),
    );
    for (let i = 0; i < 3; i++) await sim.tick();
    expect(sim.points[2]!.errorRate).toBeCloseTo(20 / 60, 12);
    expect(sim.events.find((e) => e.kind === 'request-failure')?.message).toContain('session lost');
    await sim.dispose();
  });

  it('retrains on the data-drift alert only when asked to', async () => {
    const off = await runToEnd('unit-bug', 7);
    const on = await runToEnd('unit-bug', 7, { retrainOnDataDrift: true });
    expect(off.versions.every((v) => !v.reasons.includes('data-drift'))).toBe(true);
    expect(on.versions[1]?.reasons).toContain('data-drift');
  });
});

describe('the drift reference', () => {
  it('becomes the training data of each model swapped in, and only of those', async () => {
    // The rule: after a swap, the new model's training rows are the reference the drift checks
    // use. Each deployed model records its training rows' column means (its standardization),
    // an independent witness of what it was trained on.
    const trainedMeans: number[][] = [];
    const deployer: ModelDeployer = {
      deploy: async (model) => {
        trainedMeans.push(model.mean);
        return typeScriptPredictor(model, frozen);
      },
    };
    const scenario = buildScenario('label-swap', { penguins, weather }, 7);
    const sim = createProductionSimulation(
      scenario,
      { ...scenario.defaults },
      typeScriptPredictor(trainInitialModel(scenario), frozen),
      deployer,
    );
    const columnMeans = (rows: readonly (readonly number[])[]) =>
      rows[0]!.map((_, j) => rows.reduce((s, r) => s + r[j]!, 0) / rows.length);
    expect(sim.reference).toEqual(scenario.training.x);
    let serving = sim.championVersion;
    let swaps = 0;
    while (!sim.done) {
      const before = sim.reference;
      await sim.tick();
      if (sim.championVersion === serving) {
        expect(sim.reference).toBe(before); // a rejected challenger leaves the reference alone
        continue;
      }
      serving = sim.championVersion;
      swaps++;
      const means = trainedMeans[serving - 2]!; // version 2 was the first model deployed
      columnMeans(sim.reference).forEach((m, j) => expect(m).toBeCloseTo(means[j]!, 9));
      expect(sim.reference.length).toBe(
        sim.settings.retrainWindow -
          Math.round(sim.settings.retrainWindow * sim.settings.holdoutFraction),
      );
    }
    await sim.dispose();
    expect(swaps).toBeGreaterThan(0);
  });
});

describe('yieldToEventLoop', () => {
  it('resolves only after timers queued before it have run', async () => {
    const order: string[] = [];
    setTimeout(() => order.push('earlier timer'), 0);
    const waited = yieldToEventLoop().then(() => order.push('after yield'));
    queueMicrotask(() => order.push('microtask'));
    await waited;
    expect(order).toEqual(['microtask', 'earlier timer', 'after yield']);
  });
});
