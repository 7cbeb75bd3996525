/**
 * Bench for the model library: default training time, single-row inference latency and a
 * 10k-row batch forward pass through src/lib/model/predict.ts (the plain TypeScript baseline the
 * lead compares with onnxruntime-web). Run alone with `npx tsx scripts/bench/model.ts`.
 */
import { pathToFileURL } from 'node:url';
import {
  cleanPenguins,
  penguinFeaturesByName,
  penguinFeatureVector,
} from '../../src/lib/data/penguins';
import { readVegaDataText } from '../../src/lib/data/vega-files-node';
import {
  DEFAULT_PENGUIN_SETTINGS,
  penguinTrainingData,
  splitPenguins,
  trainDefaultPenguinModel,
} from '../../src/lib/model/default-model';
import { predictOne, predictProba } from '../../src/lib/model/predict';
import { createTrainer } from '../../src/lib/model/train';
import { createRng } from '../../src/lib/sim/rng';
import { median, quantileSorted } from '../../src/lib/stats/quantile';

const round = (ms: number, digits = 4): number => Number(ms.toFixed(digits));

/** Runs the model benches and returns figures in milliseconds. */
export async function run(): Promise<Record<string, number | string>> {
  const raw: unknown = JSON.parse(await readVegaDataText('penguins.json'));
  const { rows } = cleanPenguins(raw);
  const settings = DEFAULT_PENGUIN_SETTINGS;
  const split = splitPenguins(rows, settings);
  const data = penguinTrainingData(split.train);
  const { seed, epochs, learningRate, l2 } = settings;

  // Training only (standardize + gradient descent), as a widget's Train button runs it.
  const trainOnce = (): number => {
    const start = performance.now();
    createTrainer(data, { seed, epochs, learningRate, l2 }).step(epochs);
    return performance.now() - start;
  };
  trainOnce(); // warm-up: JIT
  const trainMs = median(Array.from({ length: 5 }, trainOnce));

  // Whole default pipeline: clean, split, train, evaluate, hash the training rows.
  await trainDefaultPenguinModel(raw);
  const pipelineSamples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await trainDefaultPenguinModel(raw);
    pipelineSamples.push(performance.now() - start);
  }
  const { model, metrics } = await trainDefaultPenguinModel(raw);

  // Single-row latency through predictOne, timed call by call.
  const inputs = split.test.map(penguinFeaturesByName);
  for (let i = 0; i < 5000; i++) predictOne(model, inputs[i % inputs.length] ?? {});
  const singles: number[] = [];
  for (let i = 0; i < 20_000; i++) {
    const features = inputs[i % inputs.length] ?? {};
    const start = performance.now();
    predictOne(model, features);
    singles.push(performance.now() - start);
  }
  singles.sort((a, b) => a - b);

  // 10k-row batch as one flat Float32Array, like the tensor handed to onnxruntime.
  const batchRows = 10_000;
  const rng = createRng(1);
  const data32 = new Float32Array(batchRows * 4);
  for (let i = 0; i < batchRows; i++) {
    const source = rows[rng.int(rows.length)];
    if (source) data32.set(penguinFeatureVector(source), i * 4);
  }
  for (let i = 0; i < 5; i++) predictProba(model, { data: data32, rows: batchRows });
  const batchSamples: number[] = [];
  for (let i = 0; i < 20; i++) {
    const start = performance.now();
    predictProba(model, { data: data32, rows: batchRows });
    batchSamples.push(performance.now() - start);
  }

  return {
    'model.train_default_ms_median': round(trainMs, 3),
    'model.train_default_epochs': epochs,
    'model.train_pipeline_ms_median': round(median(pipelineSamples), 3),
    'model.default_test_accuracy': round(metrics.accuracy, 4),
    'model.predict_one_ms_p50': round(quantileSorted(singles, 0.5)),
    'model.predict_one_ms_p95': round(quantileSorted(singles, 0.95)),
    'model.predict_batch_10k_ms_median': round(median(batchSamples), 3),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await run());
}
