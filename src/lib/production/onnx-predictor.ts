/**
 * The simulator's predictor backed by a real onnxruntime session: every tick's batch goes through
 * one `session.run`, and retrained models are exported to ONNX and loaded into a new session.
 * Only types come from the runtime module here; the caller passes the loaded runtime in, so this
 * file never pulls onnxruntime into a page by itself.
 */
import type { SoftmaxModel } from '../model/types';
import type { Ort, OrtSession } from '../runtime/ort';
import { decodeSoftmaxOutputs, probabilityRow, SOFTMAX_TENSOR_NAMES } from '../onnx/contract';
import type { BatchPredictor, Clock, ModelDeployer } from './predictor';

/** The parts of a session the predictor uses (`OrtSession` satisfies it). */
export interface SessionLike {
  run(feeds: Parameters<OrtSession['run']>[0]): ReturnType<OrtSession['run']>;
  release(): Promise<void>;
}

/** What the predictor needs to know about the model in the session. */
export interface OnnxModelShape {
  /** Class labels in probability-column order. */
  classes: readonly string[];
  /** Number of input features per row. */
  featureCount: number;
}

/**
 * Wraps a session: rows become one float32 [n, featureCount] tensor, the `label` output (int64
 * index) becomes class names, and `latencyMs` is the measured time of `session.run` alone.
 */
export function onnxPredictor(
  ort: Pick<Ort, 'Tensor'>,
  session: SessionLike,
  shape: OnnxModelShape,
  clock: Clock = () => performance.now(),
): BatchPredictor {
  const { classes, featureCount: width } = shape;
  return {
    description: 'onnxruntime-web session',
    async predictBatch(rows) {
      const n = rows.length;
      const data = new Float32Array(n * width);
      rows.forEach((row, i) => {
        if (row.length !== width)
          throw new Error(`Row ${i} has ${row.length} values, expected ${width}.`);
        data.set(row, i * width);
      });
      const input = new ort.Tensor('float32', data, [n, width]);
      const start = clock();
      const outputs = await session.run({ [SOFTMAX_TENSOR_NAMES.input]: input });
      const latencyMs = clock() - start;
      const decoded = decodeSoftmaxOutputs(outputs, n, classes.length);
      const labels = decoded.labels.map((index) => classes[index] as string);
      const probabilities = labels.map((_, i) => probabilityRow(decoded, i, classes.length));
      return { labels, probabilities, latencyMs };
    },
    release: () => session.release(),
  };
}

/**
 * A deployer that exports each model with `encode` (encodeSoftmaxModel, passed in so the page can
 * load the encoder on demand) and loads it with `createSession`.
 */
export function onnxDeployer(
  ort: Pick<Ort, 'Tensor'>,
  encode: (model: SoftmaxModel) => Uint8Array,
  createSession: (bytes: Uint8Array) => Promise<SessionLike>,
  clock?: Clock,
): ModelDeployer {
  return {
    async deploy(model) {
      const bytes = encode(model);
      // Export and session creation each take milliseconds; keep them in separate tasks.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const session = await createSession(bytes);
      return onnxPredictor(
        ort,
        session,
        { classes: model.classes, featureCount: model.featureNames.length },
        clock,
      );
    },
  };
}
