/**
 * The booklet's ONNX contract for the softmax penguin classifier, in one place: the tensor names
 * the encoder writes (src/lib/onnx/encode.ts) and every consumer reads (the API's predictor, the
 * production simulator, chapter 1's parity check, the benches), and the one decoder that turns an
 * onnxruntime run's outputs back into probabilities and class indices.
 *
 *   input          `features`       float32 [batch, F]  raw units, in feature_names order
 *   output         `probabilities`  float32 [batch, C]  softmax, in classes order
 *   output         `label`          int64   [batch]     argmax index into classes
 *
 * No onnxruntime type is imported here (only src/lib/runtime does that): the decoder accepts any
 * record of `{ data }` tensors, which onnxruntime-web's `InferenceSession.run` result satisfies.
 */

/** Names of the graph's inputs, outputs, intermediate values and symbolic batch dimension. */
export const SOFTMAX_TENSOR_NAMES = {
  input: 'features',
  probabilities: 'probabilities',
  label: 'label',
  logits: 'logits',
  batchDim: 'batch',
} as const;

/** The part of a runtime tensor the decoder reads. */
export interface TensorDataLike {
  readonly data: unknown;
}

/** A session's run result: output name → tensor. */
export type SoftmaxRunOutputs = Readonly<Record<string, TensorDataLike | undefined>>;

/** Decoded outputs of a batch of `rows` predictions over `classCount` classes. */
export interface DecodedSoftmaxOutputs {
  /** Row-major [rows, classCount] probabilities, as float32 from the runtime. */
  probabilities: Float32Array;
  /** Per row, the index of the predicted class (the graph's ArgMax), checked to be in range. */
  labels: number[];
}

/** Throws unless a session has the contract's input and both outputs (by name). */
export function assertSoftmaxSessionNames(
  inputNames: readonly string[],
  outputNames: readonly string[],
): void {
  const n = SOFTMAX_TENSOR_NAMES;
  if (!inputNames.includes(n.input))
    throw new Error(`The ONNX model has no input named "${n.input}".`);
  for (const name of [n.probabilities, n.label]) {
    if (!outputNames.includes(name))
      throw new Error(`The ONNX model has no output named "${name}".`);
  }
}

/**
 * Checks and decodes a run's outputs: `probabilities` must be float32 with rows × classCount
 * values and `label` int64 with one value per row, each a valid class index. Throws an Error
 * with a sentence naming the broken output otherwise.
 */
export function decodeSoftmaxOutputs(
  outputs: SoftmaxRunOutputs,
  rows: number,
  classCount: number,
): DecodedSoftmaxOutputs {
  const probabilities = outputs[SOFTMAX_TENSOR_NAMES.probabilities]?.data;
  const label = outputs[SOFTMAX_TENSOR_NAMES.label]?.data;
  if (!(probabilities instanceof Float32Array)) {
    throw new Error('The model output "probabilities" is not a float32 tensor.');
  }
  if (probabilities.length !== rows * classCount) {
    throw new Error(
      `The model returned ${probabilities.length} probabilities for ${rows} rows × ${classCount} classes.`,
    );
  }
  if (!(label instanceof BigInt64Array) || label.length !== rows) {
    throw new Error('The model output "label" is not an int64 tensor with one value per row.');
  }
  const labels = Array.from(label, (value) => Number(value));
  if (labels.some((value) => !(value >= 0 && value < classCount))) {
    throw new Error('The model returned a label outside its classes.');
  }
  return { probabilities, labels };
}

/** Row `i` of a decoded [rows, classCount] probability matrix, as plain numbers. */
export function probabilityRow(
  decoded: DecodedSoftmaxOutputs,
  i: number,
  classCount: number,
): number[] {
  return Array.from(decoded.probabilities.subarray(i * classCount, (i + 1) * classCount));
}
