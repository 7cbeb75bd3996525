/**
 * The shape of a trained softmax-regression model, shared by training, inference, the ONNX
 * encoder and the API. It holds only plain numbers so it can cross a worker boundary or be
 * written as JSON without losing anything.
 */
export interface SoftmaxModel {
  /** Input feature names, in column order (for example `beak_length_mm`). */
  featureNames: string[];
  /** Unit of each feature, same order as `featureNames` (for example `mm`, `g`). */
  featureUnits: string[];
  /** Class labels, in the order of the probability columns. */
  classes: string[];
  /** Per-feature mean learned on the training split (standardization). */
  mean: number[];
  /** Per-feature population standard deviation learned on the training split (never 0). */
  std: number[];
  /** Weights, `featureNames.length` rows by `classes.length` columns, applied to standardized inputs. */
  weights: number[][];
  /** One bias per class. */
  bias: number[];
  /** Where the model came from: recorded in the ONNX metadata and the model card. */
  provenance: ModelProvenance;
}

/** How a model was trained, so an artifact can be traced back to its data and settings. */
export interface ModelProvenance {
  /** Seed for the split and the weight initialisation. */
  seed: number;
  /** Number of full passes over the training split. */
  epochs: number;
  /** Gradient-descent step size. */
  learningRate: number;
  /** L2 penalty on the weights. */
  l2: number;
  /** SHA-256 hex of the cleaned training rows (see src/lib/data). */
  dataHash: string;
  /** Held-out metrics at export time, for example `{ accuracy: 0.98 }`. */
  metrics: Record<string, number>;
  /** Free-form version label such as `penguins-v1`. */
  version: string;
}
