/**
 * Reads the weights and metadata of the booklet's own softmax model back out of an ONNX file,
 * refusing any other graph. Shares the size cap and sanity checks of `decodeOnnx`.
 */
import type { SoftmaxModel } from '../model/types';
import { SOFTMAX_TENSOR_NAMES } from './contract';
import { SOFTMAX_ONNX_OP_TYPES } from './encode';
import { DataType, type TensorProto } from './onnx-proto';
import {
  causeText,
  clip,
  failure,
  MAX_ONNX_BYTES,
  parseModel,
  type OnnxDecodeError,
} from './read-model';

/** Result of `readSoftmaxModelFromOnnx`. */
export type ReadSoftmaxResult =
  { ok: true; model: SoftmaxModel } | { ok: false; error: OnnxDecodeError };

function floatValues(t: TensorProto): number[] | null {
  if (t.data_type !== DataType.FLOAT) return null;
  if (t.raw_data.length > 0) {
    if (t.raw_data.length % 4 !== 0) return null;
    const view = new DataView(t.raw_data.buffer, t.raw_data.byteOffset, t.raw_data.byteLength);
    return Array.from({ length: t.raw_data.length / 4 }, (_, i) => view.getFloat32(i * 4, true));
  }
  return [...t.float_data];
}

function parseJsonStrings(text: string | undefined): string[] | null {
  if (text === undefined) return null;
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((v) => typeof v === 'string')
      ? (value as string[])
      : null;
  } catch {
    return null;
  }
}

function parseMetrics(text: string | undefined): Record<string, number> {
  if (text === undefined) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    return Object.fromEntries(
      Object.entries(value).filter((e): e is [string, number] => typeof e[1] === 'number'),
    );
  } catch {
    return {};
  }
}

/**
 * Reads the weights and metadata back out of a file written by `encodeSoftmaxModel` (values come
 * back rounded to float32, as stored). Files with another graph are refused with `not-onnx`
 * ("not a model this booklet wrote"); nothing throws.
 */
export function readSoftmaxModelFromOnnx(
  bytes: Uint8Array,
  options: { maxBytes?: number } = {},
): ReadSoftmaxResult {
  try {
    const parsed = parseModel(bytes, options.maxBytes ?? MAX_ONNX_BYTES);
    if (!parsed.ok) return parsed;
    const notOurs = (why: string): ReadSoftmaxResult =>
      failure('not-onnx', `This ONNX file is not a softmax model written by this booklet: ${why}.`);
    const graph = parsed.model.graph;
    if (!graph) return notOurs('it has no graph');
    const ops = graph.node.map((n) => n.op_type);
    if (ops.join(',') !== SOFTMAX_ONNX_OP_TYPES.join(','))
      return notOurs(`its operators are ${clip(ops.join(', '), 120) || 'none'}`);
    if (graph.input[0]?.name !== SOFTMAX_TENSOR_NAMES.input)
      return notOurs(`its input is not named "${SOFTMAX_TENSOR_NAMES.input}"`);
    const meta = new Map(parsed.model.metadata_props.map((p) => [p.key, p.value]));
    const featureNames = parseJsonStrings(meta.get('feature_names'));
    const featureUnits = parseJsonStrings(meta.get('feature_units'));
    const classes = parseJsonStrings(meta.get('classes'));
    if (!featureNames || !featureUnits || !classes)
      return notOurs('feature_names, feature_units or classes metadata is missing');
    const f = featureNames.length;
    const c = classes.length;
    const tensor = (name: string, size: number): number[] | null => {
      const t = graph.initializer.find((i) => i.name === name);
      const values = t ? floatValues(t) : null;
      return values && values.length === size ? values : null;
    };
    const mean = tensor('mean', f);
    const std = tensor('std', f);
    const flatWeights = tensor('weights', f * c);
    const bias = tensor('bias', c);
    if (!mean || !std || !flatWeights || !bias || featureUnits.length !== f) {
      return notOurs('its mean, std, weights or bias do not match the feature and class counts');
    }
    const weights = Array.from({ length: f }, (_, r) => flatWeights.slice(r * c, (r + 1) * c));
    const number = (key: string) => Number(meta.get(key) ?? NaN);
    return {
      ok: true,
      model: {
        featureNames,
        featureUnits,
        classes,
        mean,
        std,
        weights,
        bias,
        provenance: {
          seed: number('seed'),
          epochs: number('epochs'),
          learningRate: number('learning_rate'),
          l2: number('l2'),
          dataHash: meta.get('data_hash') ?? '',
          metrics: parseMetrics(meta.get('metrics')),
          version: meta.get('version') ?? '',
        },
      },
    };
  } catch (e) {
    return failure('malformed', `Could not read the model (${causeText(e)}).`);
  }
}
