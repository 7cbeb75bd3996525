/**
 * Writes a trained softmax-regression model as an ONNX file that onnxruntime (web, Python or
 * C++) can run. The graph is the model's forward pass written with standard ONNX operators:
 *
 *   z = (features − mean) / std        Sub, Div      (standardization learned on the training split)
 *   logits = z · weights + bias        MatMul, Add
 *   probabilities = softmax(logits)    Softmax(axis=1)
 *   label = argmax(logits)             ArgMax(axis=1, keepdims=0), int64 index into `classes`
 *
 * Training metadata (feature names, classes, seed, data hash, metrics, …) travels inside the file
 * as ModelProto.metadata_props, so the artifact explains itself.
 */
import type { SoftmaxModel } from '../model/types';
import { SOFTMAX_TENSOR_NAMES } from './contract';
import {
  AttributeType,
  DataType,
  encodeModelProto,
  type AttributeProto,
  type NodeProto,
  type ProtoInit,
  type TensorProto,
  type ValueInfoProto,
} from './onnx-proto';

/** IR version written by default: ONNX 1.13+ (IR 8) — every onnxruntime since 1.14 reads it. */
export const DEFAULT_IR_VERSION = 8;
/** Default-domain opset written by default (opset 17, ONNX 1.12). */
export const DEFAULT_OPSET_VERSION = 17;
/** ModelProto.producer_name of files this encoder writes. */
export const ONNX_PRODUCER_NAME = 'mlops-booklet';
/** ModelProto.producer_version of files this encoder writes. */
export const ONNX_PRODUCER_VERSION = '0.1.0';

/** The operator types of the encoded graph, in node order (the decoder's `readSoftmaxModelFromOnnx` checks them). */
export const SOFTMAX_ONNX_OP_TYPES = ['Sub', 'Div', 'MatMul', 'Add', 'Softmax', 'ArgMax'] as const;

/** Options for `encodeSoftmaxModel`. */
export interface EncodeSoftmaxOptions {
  /** ModelProto.ir_version. Default `DEFAULT_IR_VERSION`. */
  irVersion?: number;
  /** Version of the default ("ai.onnx") opset. Default `DEFAULT_OPSET_VERSION`. */
  opsetVersion?: number;
  /** GraphProto.name. Default `softmax_regression`. */
  graphName?: string;
  /** Extra metadata_props entries; they may not replace the standard keys. */
  extraMetadata?: Record<string, string>;
}

/** Float32 tensor bytes, little-endian as TensorProto.raw_data requires, whatever the host's byte order. */
function float32LittleEndian(values: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return bytes;
}

function floatInitializer(
  name: string,
  dims: number[],
  values: readonly number[],
  doc: string,
): ProtoInit<TensorProto> {
  return {
    name,
    dims,
    data_type: DataType.FLOAT,
    raw_data: float32LittleEndian(values),
    doc_string: doc,
  };
}

function tensorValue(
  name: string,
  elemType: number,
  dims: (number | string)[],
  doc = '',
): ProtoInit<ValueInfoProto> {
  return {
    name,
    doc_string: doc,
    type: {
      tensor_type: {
        elem_type: elemType,
        shape: {
          dim: dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })),
        },
      },
    },
  };
}

function intAttribute(name: string, value: number): ProtoInit<AttributeProto> {
  return { name, type: AttributeType.INT, i: value };
}

function node(
  name: string,
  opType: string,
  input: string[],
  output: string[],
  attribute: ProtoInit<AttributeProto>[] = [],
  doc = '',
): ProtoInit<NodeProto> {
  return { name, op_type: opType, input, output, attribute, doc_string: doc };
}

/** Checks the model's arrays agree in size and hold finite numbers, so the file cannot be inconsistent. */
function validate(model: SoftmaxModel): { features: number; classes: number } {
  const features = model.featureNames.length;
  const classes = model.classes.length;
  const fail = (what: string) => {
    throw new RangeError(`encodeSoftmaxModel: ${what}`);
  };
  if (features === 0) fail('the model has no features');
  if (classes < 2) fail('a softmax model needs at least two classes');
  if (model.featureUnits.length !== features)
    fail('featureUnits and featureNames differ in length');
  if (model.mean.length !== features || model.std.length !== features)
    fail('mean/std must have one entry per feature');
  if (model.weights.length !== features) fail('weights must have one row per feature');
  if (model.weights.some((row) => row.length !== classes))
    fail('every weights row must have one entry per class');
  if (model.bias.length !== classes) fail('bias must have one entry per class');
  const all = [...model.mean, ...model.std, ...model.weights.flat(), ...model.bias];
  if (all.some((v) => !Number.isFinite(v))) fail('parameters must be finite numbers');
  if (model.std.some((s) => s === 0)) fail('std must not be 0 (division in the graph)');
  return { features, classes };
}

/** The metadata_props entries describing the model's inputs, outputs and provenance. */
export function softmaxModelMetadata(model: SoftmaxModel): Record<string, string> {
  const p = model.provenance;
  return {
    feature_names: JSON.stringify(model.featureNames),
    feature_units: JSON.stringify(model.featureUnits),
    classes: JSON.stringify(model.classes),
    seed: String(p.seed),
    epochs: String(p.epochs),
    learning_rate: String(p.learningRate),
    l2: String(p.l2),
    data_hash: p.dataHash,
    metrics: JSON.stringify(p.metrics),
    version: p.version,
    training_runtime: 'TypeScript softmax regression (mlops-booklet src/lib/model)',
    input_layout: `${SOFTMAX_TENSOR_NAMES.input}: float32 [batch, ${model.featureNames.length}] in feature_names order, raw units`,
    output_layout: `${SOFTMAX_TENSOR_NAMES.probabilities}: float32 [batch, ${model.classes.length}] in classes order; ${SOFTMAX_TENSOR_NAMES.label}: int64 [batch], index into classes`,
  };
}

/**
 * Encodes a softmax-regression model as ONNX bytes (ModelProto). Throws a RangeError when the
 * model's arrays disagree in size or hold non-finite numbers.
 */
export function encodeSoftmaxModel(
  model: SoftmaxModel,
  options: EncodeSoftmaxOptions = {},
): Uint8Array {
  const { features: f, classes: c } = validate(model);
  const n = SOFTMAX_TENSOR_NAMES;
  const batch = n.batchDim;
  const metadata = { ...(options.extraMetadata ?? {}), ...softmaxModelMetadata(model) };

  const graph = {
    name: options.graphName ?? 'softmax_regression',
    doc_string:
      `Softmax regression over ${f} features (${model.featureNames.join(', ')}) and ${c} classes ` +
      `(${model.classes.join(', ')}). z = (features - mean) / std; logits = z · weights + bias; ` +
      'probabilities = softmax(logits); label = argmax(logits).',
    input: [
      tensorValue(
        n.input,
        DataType.FLOAT,
        [batch, f],
        `Raw measurements in the order ${model.featureNames.join(', ')}.`,
      ),
    ],
    output: [
      tensorValue(
        n.probabilities,
        DataType.FLOAT,
        [batch, c],
        `Class probabilities in the order ${model.classes.join(', ')}.`,
      ),
      tensorValue(n.label, DataType.INT64, [batch], 'Index of the most likely class.'),
    ],
    initializer: [
      floatInitializer('mean', [f], model.mean, 'Per-feature mean of the training split.'),
      floatInitializer(
        'std',
        [f],
        model.std,
        'Per-feature population standard deviation of the training split.',
      ),
      floatInitializer(
        'weights',
        [f, c],
        model.weights.flat(),
        'Weights, one row per feature, one column per class.',
      ),
      floatInitializer('bias', [c], model.bias, 'One bias per class.'),
    ],
    node: [
      node('standardize_sub', 'Sub', [n.input, 'mean'], ['centered']),
      node('standardize_div', 'Div', ['centered', 'std'], ['standardized']),
      node('linear_matmul', 'MatMul', ['standardized', 'weights'], ['linear_scores']),
      node('linear_add', 'Add', ['linear_scores', 'bias'], [n.logits]),
      node('softmax', 'Softmax', [n.logits], [n.probabilities], [intAttribute('axis', 1)]),
      node(
        'argmax',
        'ArgMax',
        [n.logits],
        [n.label],
        [intAttribute('axis', 1), intAttribute('keepdims', 0)],
      ),
    ],
    value_info: [
      tensorValue('centered', DataType.FLOAT, [batch, f]),
      tensorValue('standardized', DataType.FLOAT, [batch, f]),
      tensorValue('linear_scores', DataType.FLOAT, [batch, c]),
      tensorValue(n.logits, DataType.FLOAT, [batch, c]),
    ],
  };

  return encodeModelProto({
    ir_version: options.irVersion ?? DEFAULT_IR_VERSION,
    producer_name: ONNX_PRODUCER_NAME,
    producer_version: ONNX_PRODUCER_VERSION,
    doc_string: `${model.provenance.version}: softmax-regression classifier exported by the MLOps booklet.`,
    graph,
    opset_import: [{ domain: '', version: options.opsetVersion ?? DEFAULT_OPSET_VERSION }],
    metadata_props: Object.entries(metadata).map(([key, value]) => ({ key, value })),
  });
}
