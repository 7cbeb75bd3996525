/**
 * The seam between the HTTP layer and a model. The app only knows `Predictor`, so the same app
 * serves an onnxruntime session in Node, the same session in the page, a plain function in tests,
 * or nothing yet while a model loads.
 */
import type { Ort, OrtSession } from '../runtime';
import {
  assertSoftmaxSessionNames,
  decodeSoftmaxOutputs,
  SOFTMAX_TENSOR_NAMES,
} from '../onnx/contract';
import { FEATURE_NAMES } from './schemas';

/** Result of one batched forward pass. */
export interface PredictorOutput {
  /** Row-major probabilities, `n` rows by `classes.length` columns. */
  probabilities: Float32Array;
  /** Index into `classes` of the predicted class, one per row. */
  labels: number[];
  /** Class labels of the model that answered (a swap between calls cannot mix models). */
  classes: readonly string[];
  /** Version of the model that answered. */
  version: string;
  /** Id of the model file that answered (`sha256:<hex>` or the promoted `MODEL_ID`). */
  modelId: string;
}

/**
 * A model behind the API.
 *
 * - `version` and `classes` may change over the predictor's life (a hot swap), so callers read
 *   them per request rather than caching them.
 * - `predict` takes `n` rows of raw (unstandardized) features, row-major in `FEATURE_NAMES`
 *   order, and must only be called while `isReady()` is true; it rejects on any model failure.
 */
export interface Predictor {
  /** Version label of the loaded model, reported in responses and in `model_info`. */
  readonly version: string;
  /**
   * Id of the loaded model file (see `resolveModelId`), reported as `model_id` by `/readyz` and
   * in the `x-model-id` header of predictions; `none` while no model is loaded.
   */
  readonly modelId: string;
  /** Class labels, in the order of the probability columns. */
  readonly classes: readonly string[];
  /** Whether `predict` can be called now. */
  isReady(): boolean;
  /** Why the predictor is not ready, phrased for an operator (shown by `/readyz`). */
  notReadyReason(): string;
  /** Runs the model on `n` rows of `FEATURE_NAMES.length` features each. */
  predict(rows: Float32Array, n: number): Promise<PredictorOutput>;
}

/** Number of input features every predictor takes, per row. */
export const FEATURE_COUNT = FEATURE_NAMES.length;

/** Index of the largest value in `row[offset .. offset + width)`; the first one on ties. */
export function argmax(values: ArrayLike<number>, offset: number, width: number): number {
  let best = 0;
  let bestValue = -Infinity;
  for (let j = 0; j < width; j++) {
    const value = values[offset + j] ?? -Infinity;
    if (value > bestValue) {
      bestValue = value;
      best = j;
    }
  }
  return best;
}

/** A predictor that is always ready, answering with `predict`. */
function readyPredictor(
  version: string,
  modelId: string,
  classes: string[],
  predict: Predictor['predict'],
): Predictor {
  return { version, modelId, classes, isReady: () => true, notReadyReason: () => '', predict };
}

/**
 * Wraps a function from feature rows to probability rows (for tests, or the page's plain
 * TypeScript forward pass). Labels are the argmax of each row. A function has no file to hash,
 * so its `modelId` is whatever the caller names it (`none` by default).
 */
export function createFunctionPredictor(
  fn: (rows: number[][]) => number[][] | Promise<number[][]>,
  options: { version: string; classes: readonly string[]; modelId?: string },
): Predictor {
  const classes = [...options.classes];
  const modelId = options.modelId ?? 'none';
  return readyPredictor(options.version, modelId, classes, async (rows, n) => {
    const input: number[][] = [];
    for (let i = 0; i < n; i++)
      input.push(Array.from(rows.subarray(i * FEATURE_COUNT, (i + 1) * FEATURE_COUNT)));
    const output = await fn(input);
    if (output.length !== n)
      throw new Error(`Predictor function returned ${output.length} rows for ${n}.`);
    const probabilities = new Float32Array(n * classes.length);
    const labels: number[] = [];
    output.forEach((row, i) => {
      if (row.length !== classes.length) {
        throw new Error(
          `Predictor function returned ${row.length} columns for ${classes.length} classes.`,
        );
      }
      probabilities.set(row, i * classes.length);
      labels.push(argmax(row, 0, classes.length));
    });
    return { probabilities, labels, classes, version: options.version, modelId };
  });
}

/** The parts of an onnxruntime session the predictor uses (an `OrtSession` satisfies it). */
export interface OnnxSessionLike {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Parameters<OrtSession['run']>[0]): ReturnType<OrtSession['run']>;
}

/** Model facts onnxruntime-web does not expose, read from the ONNX `metadata_props` instead. */
export interface OnnxPredictorMetadata {
  version: string;
  classes: readonly string[];
}

/** Options of {@link createOnnxPredictor}. */
export interface OnnxPredictorOptions {
  /** The model file's id, from `resolveModelId` over the bytes the session was created from. */
  modelId: string;
}

/**
 * Adapts an onnxruntime session that follows the booklet's contract: input `features` float32
 * [N, 4] (raw; standardization is inside the graph), outputs `probabilities` float32 [N, C] and
 * `label` int64 [N]. Runs are serialized, because onnxruntime-web's wasm backend runs one
 * inference at a time per session; queuing here keeps concurrent requests from failing.
 */
export function createOnnxPredictor(
  ort: Pick<Ort, 'Tensor'>,
  session: OnnxSessionLike,
  metadata: OnnxPredictorMetadata,
  { modelId }: OnnxPredictorOptions,
): Predictor {
  assertSoftmaxSessionNames(session.inputNames, session.outputNames);
  const classes = [...metadata.classes];
  let queue: Promise<unknown> = Promise.resolve();

  const runOnce = async (rows: Float32Array, n: number): Promise<PredictorOutput> => {
    const input = new ort.Tensor('float32', rows.slice(0, n * FEATURE_COUNT), [n, FEATURE_COUNT]);
    const outputs = await session.run({ [SOFTMAX_TENSOR_NAMES.input]: input });
    const { probabilities, labels } = decodeSoftmaxOutputs(outputs, n, classes.length);
    return { probabilities, labels, classes, version: metadata.version, modelId };
  };

  return readyPredictor(metadata.version, modelId, classes, (rows, n) => {
    const result = queue.then(() => runOnce(rows, n));
    queue = result.catch(() => undefined);
    return result;
  });
}

/** A predictor that is never ready, for a server whose model is missing or still loading. */
export function createUnavailablePredictor(
  reason: string,
  options: { version?: string; classes?: readonly string[] } = {},
): Predictor {
  return {
    version: options.version ?? 'none',
    modelId: 'none',
    classes: [...(options.classes ?? [])],
    isReady: () => false,
    notReadyReason: () => reason,
    predict: () => Promise.reject(new Error(`Predictor not ready: ${reason}`)),
  };
}

/** A predictor whose underlying model can be replaced while the app runs (load, hot swap). */
export interface SwappablePredictor extends Predictor {
  /** Routes every later call to `next`; calls already running finish on the old one. */
  swap(next: Predictor): void;
  /** The predictor currently in use. */
  readonly current: Predictor;
}

/** Creates a predictor that delegates to `initial` until `swap` replaces it. */
export function createSwappablePredictor(initial: Predictor): SwappablePredictor {
  let current = initial;
  return {
    get version() {
      return current.version;
    },
    get modelId() {
      return current.modelId;
    },
    get classes() {
      return current.classes;
    },
    get current() {
      return current;
    },
    isReady: () => current.isReady(),
    notReadyReason: () => current.notReadyReason(),
    predict: (rows, n) => current.predict(rows, n),
    swap(next) {
      current = next;
    },
  };
}
