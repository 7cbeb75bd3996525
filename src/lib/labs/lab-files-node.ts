/**
 * Node-only: every generated file of the Python labs, from the installed vega-datasets and the
 * booklet's own model (the bytes `npm run build:model` and the site publish), with the page's
 * predictions computed by onnxruntime-web in Node, the same wasm runtime the page loads.
 * `scripts/write-lab-data.ts` writes these files; a test checks the committed copies equal them.
 */
import { defaultPenguinArtifact } from '../artifacts/penguins-node';
import { readVegaDataText } from '../data/vega-files';
import { PENGUIN_FEATURE_NAMES, penguinFeatureVector } from '../data/penguins';
import { createSession } from '../runtime';
import { nodeOrtLoader } from '../runtime/node';
import { bookletSplitCsv, type LabFile, pagePredictions, penguinsRawCsv } from './lab-files';

/** Lab folders, as the original booklet named its modules. */
export const LAB_FOLDERS = {
  model: '01_Model_Deployment',
  docker: '02_Docker_Containerization',
  api: '03_Cloud_Deployment_and_APIs',
  cicd: '04_CI_CD_Pipeline',
  monitoring: '05_Monitoring_and_Retraining',
} as const;

/** Serializes JSON the way every generated file is written: two-space indent, final newline. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Runs the published ONNX bytes in onnxruntime-web on the held-out rows; row-major float32 probabilities. */
async function ortWebProbabilities(onnx: Uint8Array, rows: number[][]): Promise<Float32Array> {
  const ort = await nodeOrtLoader().load();
  const session = await createSession(ort, onnx);
  const input = new ort.Tensor('float32', Float32Array.from(rows.flat()), [
    rows.length,
    PENGUIN_FEATURE_NAMES.length,
  ]);
  const out = await session.run({ features: input });
  const probabilities = out['probabilities'];
  if (!probabilities || !(probabilities.data instanceof Float32Array)) {
    throw new Error('the booklet model has no float32 "probabilities" output');
  }
  return probabilities.data;
}

/** Files for modules 01–03, with paths relative to `labs/`, in a stable order. */
export async function penguinLabFiles(): Promise<LabFile[]> {
  const raw: unknown = JSON.parse(await readVegaDataText('penguins.json'));
  const { onnx, card, run } = await defaultPenguinArtifact();
  const csv = penguinsRawCsv(raw);
  const probabilities = await ortWebProbabilities(onnx, run.split.test.map(penguinFeatureVector));
  const predictions = pagePredictions(
    run,
    probabilities,
    'booklet-penguins.onnx',
    card.artifact.sha256,
  );
  const m = LAB_FOLDERS.model;
  const a = LAB_FOLDERS.api;
  return [
    { path: `${m}/data/penguins.csv`, content: csv },
    { path: `${m}/data/booklet_split.csv`, content: bookletSplitCsv(run) },
    { path: `${m}/models/booklet-penguins.onnx`, content: onnx },
    { path: `${m}/models/booklet-penguins.model-card.json`, content: jsonText(card) },
    { path: `${m}/models/booklet-penguins.page-predictions.json`, content: jsonText(predictions) },
    { path: `${a}/data/penguins.csv`, content: csv },
    { path: `${a}/models/booklet-penguins.onnx`, content: onnx },
  ];
}

/**
 * Files for modules 04 and 05: the same penguins CSV, and (for monitoring) Seattle's daily
 * weather byte for byte as vega-datasets ships it, for the seasonal drift.
 */
export async function opsLabFiles(): Promise<LabFile[]> {
  const csv = penguinsRawCsv(JSON.parse(await readVegaDataText('penguins.json')));
  const weather = await readVegaDataText('seattle-weather.csv');
  const c = LAB_FOLDERS.cicd;
  const o = LAB_FOLDERS.monitoring;
  return [
    { path: `${c}/data/penguins.csv`, content: csv },
    { path: `${o}/data/penguins.csv`, content: csv },
    { path: `${o}/data/seattle-weather.csv`, content: weather },
  ];
}

/** Every generated lab file. Modules add their writer here. */
export async function labDataFiles(): Promise<LabFile[]> {
  return [...(await penguinLabFiles()), ...(await opsLabFiles())];
}
