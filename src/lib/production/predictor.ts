/**
 * The seam between the production simulator and a model. The engine only knows `BatchPredictor`
 * and `ModelDeployer`, so the page plugs in onnxruntime-web sessions and the unit tests plug in
 * the plain TypeScript forward pass, and both run the same simulation code.
 */
import { argmax, predictProba } from '../model/predict';
import type { SoftmaxModel } from '../model/types';

/** What one batched forward pass returns. */
export interface BatchPrediction {
  /** Predicted class of every row. */
  labels: string[];
  /** Class probabilities of every row, in the model's class order. */
  probabilities: number[][];
  /** Measured wall-clock time of the forward pass, in milliseconds. */
  latencyMs: number;
}

/** A deployed model answering batches of requests. */
export interface BatchPredictor {
  /** Short description shown to the reader, e.g. "onnxruntime-web session". */
  readonly description: string;
  /** Runs the model on rows of raw features, in the model's feature order; rejects on failure. */
  predictBatch(rows: readonly (readonly number[])[]): Promise<BatchPrediction>;
  /** Frees whatever the predictor holds (an inference session); it is not used afterwards. */
  release(): Promise<void>;
}

/** Turns a freshly trained model into a serving predictor (export + load, or a plain wrapper). */
export interface ModelDeployer {
  /** Builds a predictor for `model`; the old predictor keeps serving until this resolves. */
  deploy(model: SoftmaxModel): Promise<BatchPredictor>;
}

/** A clock in milliseconds (performance.now by default; injectable for tests). */
export type Clock = () => number;

const defaultClock: Clock = () => performance.now();

/** A predictor that runs src/lib/model/predict.ts directly (no onnxruntime). */
export function typeScriptPredictor(
  model: SoftmaxModel,
  clock: Clock = defaultClock,
): BatchPredictor {
  return {
    description: 'TypeScript forward pass',
    predictBatch(rows) {
      const start = clock();
      const probabilities = predictProba(model, rows);
      const labels = probabilities.map((p) => String(model.classes[argmax(p)]));
      return Promise.resolve({ labels, probabilities, latencyMs: clock() - start });
    },
    release: () => Promise.resolve(),
  };
}

/** A deployer that wraps each new model in `typeScriptPredictor`. */
export function typeScriptDeployer(clock: Clock = defaultClock): ModelDeployer {
  return { deploy: (model) => Promise.resolve(typeScriptPredictor(model, clock)) };
}
