/**
 * The data files shipped beside the Python labs (`labs/NN_Module/…`), produced from the same
 * vega-datasets records and the same training run as the site, so a lab reads exactly what the
 * page reads. Pure functions from data to file contents; `./lab-files-node.ts` writes them.
 */
import { PENGUIN_FEATURE_NAMES, penguinFeatureVector, type PenguinRow } from '../data/penguins';
import type { DefaultPenguinModel } from '../model/default-model';
import { argmax, predictProba } from '../model/predict';

/** One file of a lab folder: its path under `labs/` and its bytes or text. */
export interface LabFile {
  path: string;
  content: Uint8Array | string;
}

/** Columns of vega-datasets' penguins.json, in file order; the CSV keeps these names. */
export const PENGUIN_RAW_COLUMNS = [
  'Species',
  'Island',
  'Beak Length (mm)',
  'Beak Depth (mm)',
  'Flipper Length (mm)',
  'Body Mass (g)',
  'Sex',
] as const;

/** One CSV field (RFC 4180): null and undefined become an empty field; text is quoted when needed. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  // String(number) is the shortest text that reads back as the same double (ECMA-262
  // Number::toString), so pandas parses exactly the numbers the page uses.
  const text = typeof value === 'number' ? String(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows of values as CSV text with a header line, `\n` line ends and a final newline. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return `${lines.join('\n')}\n`;
}

/**
 * vega-datasets' penguins.json as CSV, record for record and field for field: nulls become empty
 * fields and markers such as "." are kept, so the lab's cleaning sees what the page's cleaning sees.
 * Throws a TypeError when the input is not an array of objects.
 */
export function penguinsRawCsv(raw: unknown): string {
  if (!Array.isArray(raw)) throw new TypeError('penguins.json must be an array of records');
  const rows = raw.map((record: unknown, i) => {
    if (typeof record !== 'object' || record === null) {
      throw new TypeError(`penguins.json record ${i} is not an object`);
    }
    const r = record as Record<string, unknown>;
    const unknown = Object.keys(r).filter(
      (k) => !(PENGUIN_RAW_COLUMNS as readonly string[]).includes(k),
    );
    if (unknown.length > 0)
      throw new TypeError(`record ${i} has unexpected fields ${unknown.join(', ')}`);
    return PENGUIN_RAW_COLUMNS.map((column) => r[column]);
  });
  return toCsv(PENGUIN_RAW_COLUMNS, rows);
}

/**
 * Which part of the booklet's split every raw record went to: `row` is the 0-based record index in
 * penguins.csv, `split` is `train`, `test` or `dropped` (removed by cleaning).
 */
export function bookletSplitCsv(run: Pick<DefaultPenguinModel, 'split' | 'report'>): string {
  const part = new Map<number, string>();
  for (const row of run.split.train) part.set(row.id, 'train');
  for (const row of run.split.test) part.set(row.id, 'test');
  const rows = Array.from({ length: run.report.rawRecords }, (_, id) => [
    id,
    part.get(id) ?? 'dropped',
  ]);
  return toCsv(['row', 'split'], rows);
}

/** The page's predictions on one held-out penguin. */
export interface PagePrediction {
  /** Record index in penguins.csv. */
  row: number;
  species: string;
  /** The four measurements in `feature_names` order, as fed to the model. */
  features: number[];
  /** Class probabilities from the page's TypeScript forward pass (float64). */
  typescript_probabilities: number[];
  /** Class probabilities from onnxruntime-web running the published ONNX file (float32). */
  onnxruntime_web_probabilities: number[];
  /** Predicted class: the argmax of the onnxruntime-web probabilities, as the page reports it. */
  label: string;
}

/** The JSON the lab compares Python onnxruntime against. */
export interface PagePredictions {
  description: string;
  model_file: string;
  model_sha256: string;
  model_version: string;
  feature_names: string[];
  classes: string[];
  rows: PagePrediction[];
}

/**
 * Packages the page's predictions on the held-out rows. `ortProbabilities` holds onnxruntime-web's
 * row-major float32 output for `run.split.test`, in that order.
 */
export function pagePredictions(
  run: Pick<DefaultPenguinModel, 'model' | 'split'>,
  ortProbabilities: Float32Array,
  modelFile: string,
  modelSha256: string,
): PagePredictions {
  const { model, split } = run;
  const width = model.classes.length;
  const test: readonly PenguinRow[] = split.test;
  if (ortProbabilities.length !== test.length * width) {
    throw new RangeError(
      `expected ${test.length * width} probabilities, got ${ortProbabilities.length}`,
    );
  }
  const ts = predictProba(model, test.map(penguinFeatureVector));
  const rows = test.map((penguin, i): PagePrediction => {
    const ort = Array.from(ortProbabilities.subarray(i * width, (i + 1) * width));
    return {
      row: penguin.id,
      species: penguin.species,
      features: penguinFeatureVector(penguin),
      typescript_probabilities: ts[i] ?? [],
      onnxruntime_web_probabilities: ort,
      label: String(model.classes[argmax(ort)]),
    };
  });
  return {
    description:
      'Predictions of the booklet page on its held-out penguins: the TypeScript forward pass and onnxruntime-web on the published ONNX file. Written by scripts/write-lab-data.ts.',
    model_file: modelFile,
    model_sha256: modelSha256,
    model_version: model.provenance.version,
    feature_names: [...PENGUIN_FEATURE_NAMES],
    classes: [...model.classes],
    rows,
  };
}
