/**
 * Bench for the production simulator (src/lib/production): simulator steps (ticks) per second
 * and requests per second over whole runs, with the plain TypeScript predictor and with
 * onnxruntime-web sessions in Node (the same engine the page runs, through nodeOrtLoader), plus
 * the slowest tick's wall time (the swap tick waits for the retrain, which itself yields every
 * ~8 ms, so this is not one main-thread task). Run alone with
 * `npx tsx scripts/bench/production.ts`.
 */
import { pathToFileURL } from 'node:url';
import { cleanPenguins } from '../../src/lib/data/penguins';
import { cleanSeattleWeather } from '../../src/lib/data/seattle-weather';
import { readVegaDataText } from '../../src/lib/data/vega-files-node';
import { encodeSoftmaxModel } from '../../src/lib/onnx/encode';
import { createProductionSimulation } from '../../src/lib/production/engine';
import { trainInitialModel } from '../../src/lib/production/offline';
import { onnxDeployer, onnxPredictor } from '../../src/lib/production/onnx-predictor';
import {
  type BatchPredictor,
  type ModelDeployer,
  typeScriptDeployer,
  typeScriptPredictor,
} from '../../src/lib/production/predictor';
import {
  buildScenario,
  type ProductionScenario,
  type ScenarioId,
} from '../../src/lib/production/scenarios';
import { createSession } from '../../src/lib/runtime/ort';
import { nodeOrtLoader } from '../../src/lib/runtime/ort-node';
import { median } from '../../src/lib/stats/quantile';

const round = (x: number, digits = 3): number => Number(x.toFixed(digits));

type Backend = (
  scenario: ProductionScenario,
) => Promise<{ initial: BatchPredictor; deployer: ModelDeployer }>;

async function timeRun(
  scenario: ProductionScenario,
  backend: Backend,
): Promise<{ ms: number; ticks: number; maxTickMs: number }> {
  const { initial, deployer } = await backend(scenario);
  const sim = createProductionSimulation(scenario, scenario.defaults, initial, deployer);
  let maxTickMs = 0;
  const start = performance.now();
  while (!sim.done) {
    const t0 = performance.now();
    await sim.tick();
    maxTickMs = Math.max(maxTickMs, performance.now() - t0);
  }
  const ms = performance.now() - start;
  await sim.dispose();
  return { ms, ticks: sim.points.length, maxTickMs };
}

/** Runs the production benches. */
export async function run(): Promise<Record<string, number | string>> {
  const penguins = cleanPenguins(JSON.parse(await readVegaDataText('penguins.json'))).rows;
  const weather = cleanSeattleWeather(await readVegaDataText('seattle-weather.csv')).rows;
  const ort = await nodeOrtLoader().load();
  const typeScript: Backend = async (scenario) => ({
    initial: typeScriptPredictor(trainInitialModel(scenario)),
    deployer: typeScriptDeployer(),
  });
  const onnx: Backend = async (scenario) => {
    const model = trainInitialModel(scenario);
    const open = (bytes: Uint8Array) => createSession(ort, bytes);
    return {
      initial: onnxPredictor(ort, await open(encodeSoftmaxModel(model)), {
        classes: model.classes,
        featureCount: model.featureNames.length,
      }),
      deployer: onnxDeployer(ort, encodeSoftmaxModel, open),
    };
  };

  const out: Record<string, number | string> = {};
  const cases: [ScenarioId, string][] = [
    ['label-swap', 'penguins label swap (2000 requests, 100 ticks, 1 retrain)'],
    ['seasonal', 'seasonal weather (1217 days, 174 ticks, 1 retrain)'],
  ];
  for (const [id] of cases) {
    const scenario = buildScenario(id, { penguins, weather }, 7);
    for (const [name, backend] of [
      ['ts', typeScript],
      ['ort', onnx],
    ] as const) {
      await timeRun(scenario, backend); // warm-up
      const runs = [];
      for (let i = 0; i < 5; i++) runs.push(await timeRun(scenario, backend));
      const ms = median(runs.map((r) => r.ms));
      const ticks = runs[0]?.ticks ?? 0;
      out[`${id}_${name}_run_ms`] = round(ms, 1);
      out[`${id}_${name}_ticks_per_s`] = round((1000 * ticks) / ms, 0);
      out[`${id}_${name}_requests_per_s`] = round((1000 * scenario.stream.length) / ms, 0);
      out[`${id}_${name}_slowest_tick_wall_ms`] = round(
        Math.max(...runs.map((r) => r.maxTickMs)),
        2,
      );
    }
  }
  out['note'] =
    'Median of 5 whole runs after one warm-up; a tick serves one batch and does all monitoring. ' +
    'ORT = onnxruntime-web wasm in Node via nodeOrtLoader(), one session.run per tick; ' +
    'retraining includes training, ONNX export and a new session; the slowest tick is the swap, whose wall time includes waiting for the chunked retrain. ' +
    cases.map(([id, text]) => `${id}: ${text}`).join('; ');
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await run());
}
