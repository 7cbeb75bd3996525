/**
 * The train-and-verify widget's lazy boundary: imported on the reader's first click, it
 * orchestrates src/lib (training, ONNX encoding, the runtime, the parity and latency checks) and
 * keeps the current model, its bytes and its runtime session together, so a result of an older
 * model is never shown for a newer one. No DOM here: the view renders what these methods return.
 */
import { FEATURE_BOUNDS } from '../../lib/api/schemas';
import { sha256Hex } from '../../lib/data/hash';
import { penguinFeatureVector, PENGUIN_FEATURE_NAMES } from '../../lib/data/penguins';
import { decodeSoftmaxOutputs, SOFTMAX_TENSOR_NAMES } from '../../lib/onnx/contract';
import type { OnnxDecodeResult } from '../../lib/onnx/decode';
import { validateMeasurementText, validateTrainForm } from '../../lib/model/form-input';
import { compareLatency, type LatencyComparison } from '../../lib/model/latency';
import { compareWithRuntime, type ParityReport } from '../../lib/model/parity';
import { trainPenguinRun, type PenguinRun } from '../../lib/model/penguin-run';
import { predictProba, predictRow } from '../../lib/model/predict';
import { serializedSizes, type SerializedSizes } from '../../lib/model/serialized-size';
import type { TrainOptions } from '../../lib/model/train';
import { createSession, type Ort, type OrtSession } from '../../lib/runtime/ort';
import { fetchBytes, loadPenguins } from '../widget/assets';
import { nextTask } from '../widget/tasks';

export { TrainingCancelled } from '../../lib/model/train';
export type { PenguinRun };

/** Single-row predictions repeated per timed TypeScript pass, so a pass outlasts many clock ticks. */
export const TS_REPEATS = 50;
/** Rows in the batch timing, as in the booklet's benchmark budget. */
export const BATCH_ROWS = 10_000;

/** How the page's file compares with the published `models/penguins.onnx`. */
export type PublishedComparison =
  | { kind: 'unavailable' }
  | {
      kind: 'compared';
      result: ReturnType<typeof import('../../lib/onnx/compare').compareOnnxArtifacts>;
    };

/** What Serialize produced. */
export interface Serialized {
  bytes: Uint8Array;
  /** A blob: URL of the bytes for the download link (revoked when the model changes). */
  downloadUrl: string;
  digest: string;
  fileName: string;
  sizes: SerializedSizes;
  decoded: OnnxDecodeResult;
  published: PublishedComparison;
}

/** What Load and verify measured. */
export interface Verified {
  rows: number;
  /** Rows in the timed batch, and repeats of a TypeScript row pass (for the method note). */
  batchRows: number;
  tsRepeats: number;
  parity: ParityReport;
  latency: LatencyComparison;
}

/** One penguin's probabilities and which model computed them. */
export interface Prediction {
  classes: readonly string[];
  probabilities: number[];
  byRuntime: boolean;
}

/** The text of a form's fields, by name (from FormData). */
export type FormText = Readonly<Record<string, string>>;

/** Validates the training settings as typed (messages per field). */
export const checkTrainForm = (text: FormText) =>
  validateTrainForm({
    seed: text['seed'] ?? '',
    epochs: text['epochs'] ?? '',
    learningRate: text['learningRate'] ?? '',
  });

/** Validates the four measurements as typed (messages per field). */
export const checkPenguin = (text: FormText) =>
  validateMeasurementText(
    Object.fromEntries(PENGUIN_FEATURE_NAMES.map((name) => [name, text[name] ?? ''])) as Record<
      (typeof PENGUIN_FEATURE_NAMES)[number],
      string
    >,
    FEATURE_BOUNDS,
  );

/** The model, its ONNX bytes and its runtime session, replaced together. */
export class TrainSession {
  #run: PenguinRun | null = null;
  #serialized: Serialized | null = null;
  #session: OrtSession | null = null;
  #ort: Ort | null = null;
  /** Bumped for every new model, so late results of an older one are dropped. */
  #generation = 0;

  get run(): PenguinRun | null {
    return this.#run;
  }
  get serialized(): Serialized | null {
    return this.#serialized;
  }
  get verified(): boolean {
    return this.#session !== null;
  }

  /** Trains on the published data; the previous model stays until the new one is finished. */
  async train(
    options: TrainOptions,
    hooks: {
      signal: AbortSignal;
      onChunk: (history: PenguinRun['history'], epoch: number) => void;
    },
  ): Promise<PenguinRun> {
    const { rows, report } = await loadPenguins();
    const run = await trainPenguinRun(rows, report, options, {
      signal: hooks.signal,
      onChunk: (trainer) => hooks.onChunk(trainer.history, trainer.epoch),
    });
    this.#generation += 1;
    this.#run = run;
    this.#dropSerialized();
    await this.#releaseSession();
    return run;
  }

  /** Encodes the current model as ONNX and compares it with the published file. */
  async serialize(): Promise<Serialized | null> {
    const run = this.#run;
    if (!run || run.diverged) return null;
    const generation = this.#generation;
    const [{ encodeSoftmaxModel }, { decodeOnnx }, { compareOnnxArtifacts }] = await Promise.all([
      import('../../lib/onnx/encode'),
      import('../../lib/onnx/decode'),
      import('../../lib/onnx/compare'),
    ]);
    const bytes = encodeSoftmaxModel(run.model);
    const digest = await sha256Hex(bytes);
    const published = await fetchBytes('models/penguins.onnx').then(
      (file): PublishedComparison => ({
        kind: 'compared',
        result: compareOnnxArtifacts(bytes, file),
      }),
      // Only the comparison needs the published file; the reader's own model is still shown.
      (): PublishedComparison => ({ kind: 'unavailable' }),
    );
    if (generation !== this.#generation) return null;
    const p = run.model.provenance;
    this.#dropSerialized();
    const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' });
    this.#serialized = {
      bytes,
      downloadUrl: URL.createObjectURL(blob),
      digest,
      fileName: `penguins-seed${p.seed}-epochs${p.epochs}.onnx`,
      sizes: serializedSizes(run.model, bytes),
      decoded: decodeOnnx(bytes),
      published,
    };
    await this.#releaseSession();
    return this.#serialized;
  }

  /** Loads the serialized bytes into onnxruntime-web, checks parity and times both models. */
  async verify(ort: Ort): Promise<Verified | null> {
    const run = this.#run;
    const serialized = this.#serialized;
    if (!run || !serialized) return null;
    const generation = this.#generation;
    const session = await createSession(ort, serialized.bytes);
    if (generation !== this.#generation || serialized !== this.#serialized) {
      await session.release();
      return null;
    }
    await this.#releaseSession();
    this.#session = session;
    this.#ort = ort;
    const { model, split } = run;
    const width = model.featureNames.length;
    const x = split.test.map(penguinFeatureVector);
    const n = x.length;
    const input = SOFTMAX_TENSOR_NAMES.input;
    const batch = new ort.Tensor('float32', Float32Array.from(x.flat()), [n, width]);
    const outputs = decodeSoftmaxOutputs(
      await session.run({ [input]: batch }),
      n,
      model.classes.length,
    );
    const parity = compareWithRuntime(
      predictProba(model, x),
      outputs.probabilities,
      outputs.labels,
      model.classes.length,
    );
    const rowTensors = x.map(
      (row) => new ort.Tensor('float32', Float32Array.from(row), [1, width]),
    );
    const big = new Float32Array(BATCH_ROWS * width);
    for (let i = 0; i < BATCH_ROWS; i++) big.set(x[i % n] ?? [], i * width);
    const bigTensor = new ort.Tensor('float32', big, [BATCH_ROWS, width]);
    const latency = await compareLatency(
      {
        ortRows: async () => {
          for (const tensor of rowTensors) await session.run({ [input]: tensor });
        },
        tsRows: () => {
          for (const row of x) predictRow(model, row);
        },
        ortBatch: async () => {
          await session.run({ [input]: bigTensor });
        },
        tsBatch: () => {
          predictProba(model, { data: big, rows: BATCH_ROWS });
        },
      },
      { rows: n, batchRows: BATCH_ROWS, tsRepeats: TS_REPEATS, between: nextTask },
    );
    if (generation !== this.#generation) return null;
    return { rows: n, batchRows: BATCH_ROWS, tsRepeats: TS_REPEATS, parity, latency };
  }

  /** Predicts one penguin: with onnxruntime-web once verified, else with the TypeScript model. */
  async predict(values: Record<string, number>): Promise<Prediction | null> {
    const run = this.#run;
    if (!run || run.diverged) return null;
    const row = PENGUIN_FEATURE_NAMES.map((name) => values[name] ?? Number.NaN);
    const classes = run.model.classes;
    if (this.#session && this.#ort) {
      const tensor = new this.#ort.Tensor('float32', Float32Array.from(row), [1, row.length]);
      const out = decodeSoftmaxOutputs(
        await this.#session.run({ [SOFTMAX_TENSOR_NAMES.input]: tensor }),
        1,
        classes.length,
      );
      return { classes, probabilities: Array.from(out.probabilities), byRuntime: true };
    }
    return { classes, probabilities: predictRow(run.model, row), byRuntime: false };
  }

  /** Forgets the serialized file and revokes its download URL. */
  #dropSerialized(): void {
    if (this.#serialized) URL.revokeObjectURL(this.#serialized.downloadUrl);
    this.#serialized = null;
  }

  /** Frees the runtime session (when the model changes or the page leaves). */
  async #releaseSession(): Promise<void> {
    const old = this.#session;
    this.#session = null;
    await old?.release();
  }

  /** Releases everything; called when the widget leaves the page. */
  dispose(): void {
    this.#generation += 1;
    this.#dropSerialized();
    void this.#releaseSession();
  }
}
