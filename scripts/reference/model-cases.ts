/**
 * Model cases for the Python reference suite: ONNX files the booklet exports (the published one and
 * ones trained with other settings) with onnxruntime-web's outputs on them (reference/test_onnx.py),
 * and trainer runs with their data, split and held-out predictions (reference/test_training.py).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultPenguinArtifact } from '../../src/lib/artifacts/penguins-node';
import { cleanPenguins, penguinFeatureVector } from '../../src/lib/data/penguins';
import { cleanSeattleWeather } from '../../src/lib/data/seattle-weather';
import { readVegaDataText } from '../../src/lib/data/vega-files-node';
import { trainDefaultPenguinModel } from '../../src/lib/model/default-model';
import { predictLabels, predictProba } from '../../src/lib/model/predict';
import { softmaxObjective, type TrainOptions } from '../../src/lib/model/train';
import type { SoftmaxModel } from '../../src/lib/model/types';
import { SOFTMAX_TENSOR_NAMES } from '../../src/lib/onnx/contract';
import { encodeSoftmaxModel } from '../../src/lib/onnx/encode';
import { trainInitialModel } from '../../src/lib/production/offline';
import { buildScenario } from '../../src/lib/production/scenarios';
import { createSession } from '../../src/lib/runtime';
import { nodeOrtLoader } from '../../src/lib/runtime/ort-node';

/** Float32 values as plain numbers (exact in JSON: every float32 is a double). */
const asFloat32 = (rows: readonly number[][]): number[][] =>
  rows.map((r) => Array.from(Float32Array.from(r)));

/** Rows a model was never meant to see, to probe the graph's arithmetic at the edges. */
function edgeRows(width: number): number[][] {
  const rows = [new Array(width).fill(0), new Array(width).fill(-1), new Array(width).fill(1e4)];
  rows.push(Array.from({ length: width }, (_, j) => (j % 2 ? 1e-3 : 3e3)));
  return rows;
}

async function onnxRuntimeWeb(bytes: Uint8Array, rows: number[][]) {
  const ort = await nodeOrtLoader().load();
  const session = await createSession(ort, bytes);
  const width = rows[0]?.length ?? 0;
  const data = Float32Array.from(rows.flat());
  const feeds = {
    [SOFTMAX_TENSOR_NAMES.input]: new ort.Tensor('float32', data, [rows.length, width]),
  };
  const out = await session.run(feeds);
  const probs = out[SOFTMAX_TENSOR_NAMES.probabilities]?.data as Float32Array;
  const labels = out[SOFTMAX_TENSOR_NAMES.label]?.data as BigInt64Array;
  const k = probs.length / rows.length;
  return {
    probabilities: rows.map((_, i) => Array.from(probs.subarray(i * k, (i + 1) * k))),
    labels: Array.from(labels, (v) => Number(v)),
  };
}

/** Exports the booklet's models to `dir` and runs each through onnxruntime-web (src/lib/runtime). */
export async function onnxCases(dir: string) {
  const raw = JSON.parse(await readVegaDataText('penguins.json'));
  const penguins = cleanPenguins(raw).rows;
  const weather = cleanSeattleWeather(await readVegaDataText('seattle-weather.csv')).rows;
  const penguinRows = [...penguins.map(penguinFeatureVector), ...edgeRows(4)];
  const published = await defaultPenguinArtifact();
  const custom = async (settings: Partial<TrainOptions>) =>
    (await trainDefaultPenguinModel(raw, settings)).model;
  const seasonal = buildScenario('seasonal', { weather }, 1);
  const models: { id: string; bytes: Uint8Array; rows: number[][] }[] = [
    { id: 'published', bytes: published.onnx, rows: penguinRows },
    {
      id: 'penguins-seed7-epochs60-lr0.3-l2-0',
      bytes: encodeSoftmaxModel(await custom({ seed: 7, epochs: 60, learningRate: 0.3, l2: 0 })),
      rows: penguinRows,
    },
    {
      id: 'penguins-seed3-epochs800-l2-0.05-opset13-ir7',
      bytes: encodeSoftmaxModel(
        await custom({ seed: 3, epochs: 800, learningRate: 0.5, l2: 0.05 }),
        { opsetVersion: 13, irVersion: 7 },
      ),
      rows: penguinRows,
    },
    {
      id: 'weather-seasonal-initial',
      bytes: encodeSoftmaxModel(trainInitialModel(seasonal)),
      rows: [
        ...seasonal.stream.slice(0, 400).map((r) => r.x),
        ...edgeRows(seasonal.featureNames.length),
      ],
    },
  ];
  const cases = [];
  for (const m of models) {
    const file = `${m.id}.onnx`;
    await writeFile(join(dir, file), m.bytes);
    const rows = asFloat32(m.rows);
    cases.push({ id: m.id, file, inputs: rows, web: await onnxRuntimeWeb(m.bytes, rows) });
  }
  return cases;
}

function gradientNorm(model: SoftmaxModel, x: number[][], labels: number[], l2: number): number {
  const d = model.mean.length;
  const k = model.classes.length;
  const z = new Float64Array(x.length * d);
  x.forEach((row, i) => {
    for (let j = 0; j < d; j++)
      z[i * d + j] = ((row[j] as number) - (model.mean[j] as number)) / (model.std[j] as number);
  });
  const objective = softmaxObjective(
    { z, labels: Int32Array.from(labels), n: x.length, d, k },
    { weights: Float64Array.from(model.weights.flat()), bias: Float64Array.from(model.bias) },
    l2,
  );
  let squares = 0;
  for (const g of objective.gradWeights) squares += g * g;
  for (const g of objective.gradBias) squares += g * g;
  return Math.sqrt(squares);
}

/** Trainer runs on the penguin split: the booklet's defaults, and runs long enough to converge. */
export async function trainingCases() {
  const raw = JSON.parse(await readVegaDataText('penguins.json'));
  const settings: (Partial<TrainOptions> & { id: string })[] = [
    { id: 'booklet-default', seed: 42, epochs: 200, learningRate: 1, l2: 0.001 },
    { id: 'converged-l2-0.01', seed: 42, epochs: 5000, learningRate: 1, l2: 0.01 },
    { id: 'converged-l2-0.05-seed9', seed: 9, epochs: 5000, learningRate: 1, l2: 0.05 },
    { id: 'short-l2-0.1', seed: 5, epochs: 40, learningRate: 0.5, l2: 0.1 },
  ];
  const cases = [];
  for (const { id, ...options } of settings) {
    const run = await trainDefaultPenguinModel(raw, options);
    const { model, split } = run;
    const trainX = split.train.map(penguinFeatureVector);
    const trainY = split.train.map((r) => r.species);
    const testX = split.test.map(penguinFeatureVector);
    const labels = trainY.map((y) => model.classes.indexOf(y));
    cases.push({
      id,
      options,
      classes: model.classes,
      trainX,
      trainY,
      testX,
      testY: split.test.map((r) => r.species),
      mean: model.mean,
      std: model.std,
      weights: model.weights,
      bias: model.bias,
      finalLoss: run.history[run.history.length - 1]?.loss,
      gradientNorm: gradientNorm(model, trainX, labels, options.l2 ?? 0),
      testProbabilities: predictProba(model, testX),
      testLabels: predictLabels(model, testX),
      accuracy: run.metrics.accuracy,
    });
  }
  return cases;
}
