/**
 * Inference for a softmax-regression model: the same three steps as the exported ONNX graph.
 *
 *   z      = (x − mean) / std     standardize with the training split's statistics
 *   logits = z · W + b            one score per class
 *   p      = softmax(logits)      scores to probabilities that sum to 1
 *
 * It depends only on the model's shape (./types), never on the training code.
 */
import type { SoftmaxModel } from './types';

/** Feature rows: a list of rows, or one flat row-major buffer (like an ONNX tensor) and its row count. */
export type FeatureRows =
  readonly ArrayLike<number>[] | { readonly data: ArrayLike<number>; readonly rows: number };

/** One prediction: the probability of every class, and the most probable class. */
export interface Prediction {
  probabilities: Record<string, number>;
  label: string;
}

/** softmax(v)_i = exp(v_i − max v) / Σ_j exp(v_j − max v); subtracting the max keeps exp finite. */
export function softmax(logits: readonly number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((v) => Math.exp(v - max));
  const total = exps.reduce((sum, e) => sum + e, 0);
  return exps.map((e) => e / total);
}

/** Class probabilities for one row whose values start at `offset` in `x`, in feature order. */
export function predictRow(model: SoftmaxModel, x: ArrayLike<number>, offset = 0): number[] {
  const z = model.mean.map((mean, j) => (Number(x[offset + j]) - mean) / Number(model.std[j]));
  const logits = model.bias.map((bias, c) =>
    z.reduce((sum, zj, j) => sum + zj * Number(model.weights[j]?.[c]), bias),
  );
  return softmax(logits);
}

/** Class probabilities for every row, in `model.classes` order. */
export function predictProba(model: SoftmaxModel, x: FeatureRows): number[][] {
  if (!('data' in x)) return x.map((row) => predictRow(model, row));
  const width = model.featureNames.length;
  return Array.from({ length: x.rows }, (_, i) => predictRow(model, x.data, i * width));
}

/** Index of the largest value; the first one wins a tie. */
export function argmax(values: readonly number[]): number {
  return values.reduce((best, v, i) => (v > Number(values[best]) ? i : best), 0);
}

/** The most probable class of every row. */
export function predictLabels(model: SoftmaxModel, x: FeatureRows): string[] {
  return predictProba(model, x).map((p) => String(model.classes[argmax(p)]));
}

/** Predicts one row given by feature name; throws a TypeError if a feature is missing. */
export function predictOne(model: SoftmaxModel, features: Record<string, number>): Prediction {
  const row = model.featureNames.map((name) => {
    const value = features[name];
    if (typeof value !== 'number') throw new TypeError(`missing feature "${name}"`);
    return value;
  });
  const p = predictRow(model, row);
  return {
    probabilities: Object.fromEntries(model.classes.map((c, i) => [c, Number(p[i])])),
    label: String(model.classes[argmax(p)]),
  };
}
