/**
 * Reads any ONNX file into a summary a page can show: IR version, producer, opsets, inputs and
 * outputs with types and shapes, nodes with their attributes, initializers and metadata. Bytes
 * come from the reader's disk, so nothing here throws: every failure is a typed result.
 */
import type { SoftmaxModel } from '../model/types';
import { SOFTMAX_TENSOR_NAMES } from './contract';
import { SOFTMAX_ONNX_OP_TYPES } from './encode';
import {
  DataType,
  decodeModelProto,
  ONNX_ATTRIBUTE_TYPES,
  ONNX_DATA_TYPES,
  ProtoDecodeError,
  type AttributeProto,
  type GraphProto,
  type ModelProto,
  type TensorProto,
  type TypeProto,
  type ValueInfoProto,
} from './onnx-proto';

/** Largest file `decodeOnnx` reads by default (100 MiB), checked before anything is parsed. */
export const MAX_ONNX_BYTES = 100 * 1024 * 1024;

/** Limits for `decodeOnnx`. */
export interface DecodeOnnxOptions {
  /** Largest input accepted, in bytes. Default `MAX_ONNX_BYTES`. */
  maxBytes?: number;
  /** Most nodes listed in the summary (all are counted). Default 1000. */
  maxNodes?: number;
  /** Most initializers listed in the summary (all are counted). Default 1000. */
  maxInitializers?: number;
}

/** Why a file could not be summarized. */
export type OnnxDecodeErrorKind = 'empty' | 'too-large' | 'malformed' | 'not-onnx' | 'limit';

/** A failure, worded for the reader. */
export interface OnnxDecodeError {
  kind: OnnxDecodeErrorKind;
  message: string;
}

/** One dimension of a shape: a fixed size, a named symbolic size, or unknown. */
export type OnnxDimension = { value: number } | { param: string } | { unknown: true };

/** The type of a graph input or output. */
export type OnnxTypeSummary =
  | { kind: 'tensor' | 'sparse_tensor'; elemType: string; shape: OnnxDimension[] | null }
  | { kind: 'sequence' | 'optional'; elem: OnnxTypeSummary | null }
  | { kind: 'map'; keyType: string; value: OnnxTypeSummary | null }
  | { kind: 'unknown' };

/** A graph input or output. */
export interface OnnxValueSummary {
  name: string;
  type: OnnxTypeSummary;
  /** The type written compactly, for example `FLOAT[batch, 4]`. */
  typeText: string;
  docString: string;
  /** True when an initializer has the same name (older exporters list weights as inputs). */
  isInitializer: boolean;
}

/** A node attribute, its value shown as text. */
export interface OnnxAttributeSummary {
  name: string;
  /** AttributeType name, for example `INT` or `FLOATS`. */
  type: string;
  /** The value, shortened for display (`1`, `[0, 1, …]`, `'text'`, `graph 'body' (12 nodes)`). */
  value: string;
}

/** A graph node. */
export interface OnnxNodeSummary {
  name: string;
  opType: string;
  /** Operator domain; empty for the default ONNX domain. */
  domain: string;
  inputs: string[];
  outputs: string[];
  attributes: OnnxAttributeSummary[];
}

/** A stored tensor (weights and other constants). */
export interface OnnxInitializerSummary {
  name: string;
  /** TensorProto.DataType name, for example `FLOAT`. */
  dataType: string;
  dims: number[];
  /** Product of the dims (1 for a scalar). */
  elementCount: number;
  /** Bytes of tensor data stored in the file (0 when external). */
  byteSize: number;
  /** Where the values are: `raw_data`, the typed `*_data` fields, an external file, or nowhere. */
  storage: 'raw_data' | 'typed_fields' | 'external' | 'empty';
}

/** How often an operator appears in the graph. */
export interface OnnxOperatorCount {
  opType: string;
  domain: string;
  count: number;
}

/** The main graph. */
export interface OnnxGraphSummary {
  name: string;
  docString: string;
  inputs: OnnxValueSummary[];
  outputs: OnnxValueSummary[];
  /** All nodes in the file's graph. */
  nodeCount: number;
  /** The first `maxNodes` nodes. */
  nodes: OnnxNodeSummary[];
  nodesTruncated: boolean;
  /** Operator histogram, most frequent first. */
  operatorCounts: OnnxOperatorCount[];
  initializerCount: number;
  /** The first `maxInitializers` initializers. */
  initializers: OnnxInitializerSummary[];
  initializersTruncated: boolean;
  /** Bytes of all initializer data stored in the file. */
  initializerBytes: number;
  /** Number of value_info entries (intermediate types the exporter recorded). */
  valueInfoCount: number;
  sparseInitializerCount: number;
}

/** Everything `decodeOnnx` reports about a file. */
export interface OnnxSummary {
  byteLength: number;
  irVersion: number;
  producerName: string;
  producerVersion: string;
  domain: string;
  modelVersion: number;
  docString: string;
  /** Operator sets the model imports; domain `''` is the default ONNX opset. */
  opsetImports: { domain: string; version: number }[];
  /** ModelProto.metadata_props, in file order. */
  metadata: { key: string; value: string }[];
  /** The main graph, or `null` for a model without one (a function library). */
  graph: OnnxGraphSummary | null;
}

/** Result of `decodeOnnx`. */
export type OnnxDecodeResult =
  { ok: true; summary: OnnxSummary } | { ok: false; error: OnnxDecodeError };

const num = (v: bigint): number => Number(v);
const utf8 = new TextDecoder('utf-8');

/** Recognizes file types readers often pick by mistake, for a clearer message than "malformed". */
function sniffOtherFormat(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'a PNG image';
  if (starts(0xff, 0xd8, 0xff)) return 'a JPEG image';
  if (starts(0x50, 0x4b, 0x03, 0x04))
    return 'a ZIP archive (PyTorch .pt and Keras .keras files are ZIP archives)';
  if (starts(0x1f, 0x8b)) return 'a gzip-compressed file';
  if (starts(0x89, 0x48, 0x44, 0x46)) return 'an HDF5 file (such as a Keras .h5 model)';
  if (bytes[0] === 0x80 && (bytes[1] ?? 0) >= 2 && (bytes[1] ?? 0) <= 5)
    return 'a Python pickle (open it with the pickle inspector instead)';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'a PDF document';
  const first = bytes[0];
  if (first === 0x7b || first === 0x5b) return 'a JSON or text file';
  return null;
}

/** Shortens text for display. */
function clip(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** A compact rendering of a type, such as `FLOAT[batch, 4]` or `seq(map(INT64, FLOAT))`. */
export function formatOnnxType(type: OnnxTypeSummary): string {
  switch (type.kind) {
    case 'tensor':
    case 'sparse_tensor': {
      const dims = type.shape
        ? `[${type.shape.map((d) => ('value' in d ? String(d.value) : 'param' in d ? d.param : '?')).join(', ')}]`
        : '[unknown rank]';
      return `${type.kind === 'sparse_tensor' ? 'sparse ' : ''}${type.elemType}${dims}`;
    }
    case 'sequence':
      return `seq(${type.elem ? formatOnnxType(type.elem) : '?'})`;
    case 'optional':
      return `optional(${type.elem ? formatOnnxType(type.elem) : '?'})`;
    case 'map':
      return `map(${type.keyType}, ${type.value ? formatOnnxType(type.value) : '?'})`;
    case 'unknown':
      return 'unknown';
  }
}

function dataTypeName(code: number): string {
  return ONNX_DATA_TYPES[code] ?? `unknown (${code})`;
}

function summarizeType(type: TypeProto | undefined): OnnxTypeSummary {
  if (!type) return { kind: 'unknown' };
  const tensor = type.tensor_type ?? type.sparse_tensor_type;
  if (tensor) {
    const shape = tensor.shape
      ? tensor.shape.dim.map((d): OnnxDimension =>
          d.value === 'dim_value'
            ? { value: num(d.dim_value) }
            : d.value === 'dim_param'
              ? { param: d.dim_param }
              : { unknown: true },
        )
      : null;
    return {
      kind: type.tensor_type ? 'tensor' : 'sparse_tensor',
      elemType: dataTypeName(tensor.elem_type),
      shape,
    };
  }
  if (type.sequence_type)
    return {
      kind: 'sequence',
      elem: type.sequence_type.elem_type ? summarizeType(type.sequence_type.elem_type) : null,
    };
  if (type.optional_type)
    return {
      kind: 'optional',
      elem: type.optional_type.elem_type ? summarizeType(type.optional_type.elem_type) : null,
    };
  if (type.map_type) {
    return {
      kind: 'map',
      keyType: dataTypeName(type.map_type.key_type),
      value: type.map_type.value_type ? summarizeType(type.map_type.value_type) : null,
    };
  }
  return { kind: 'unknown' };
}

function summarizeValue(value: ValueInfoProto, initializerNames: Set<string>): OnnxValueSummary {
  const type = summarizeType(value.type);
  return {
    name: value.name,
    type,
    typeText: formatOnnxType(type),
    docString: value.doc_string,
    isInitializer: initializerNames.has(value.name),
  };
}

function listText(items: string[], total: number): string {
  return `[${items.join(', ')}${total > items.length ? ', …' : ''}]`;
}

function tensorText(t: TensorProto): string {
  return `tensor ${dataTypeName(t.data_type)}[${t.dims.map(num).join(', ')}]`;
}

function summarizeAttribute(a: AttributeProto): OnnxAttributeSummary {
  // IR version 1 files have no `type`; infer it from whichever value field is filled.
  let type = a.type;
  if (type === 0) {
    if (a.floats.length) type = 6;
    else if (a.ints.length) type = 7;
    else if (a.strings.length) type = 8;
    else if (a.tensors.length) type = 9;
    else if (a.graphs.length) type = 10;
    else if (a.t) type = 4;
    else if (a.g) type = 5;
    else if (a.s.length) type = 3;
    else if (a.i !== 0n) type = 2;
    else if (a.f !== 0) type = 1;
  }
  const LIST = 16;
  let value: string;
  switch (type) {
    case 1:
      value = String(Number(a.f.toPrecision(7)));
      break;
    case 2:
      value = a.i.toString();
      break;
    case 3:
      value = JSON.stringify(clip(utf8.decode(a.s)));
      break;
    case 4:
      value = a.t ? tensorText(a.t) : 'tensor';
      break;
    case 5:
      value = a.g ? `graph '${clip(a.g.name, 60)}' (${a.g.node.length} nodes)` : 'graph';
      break;
    case 6:
      value = listText(
        a.floats.slice(0, LIST).map((f) => String(Number(f.toPrecision(7)))),
        a.floats.length,
      );
      break;
    case 7:
      value = listText(
        a.ints.slice(0, LIST).map((i) => i.toString()),
        a.ints.length,
      );
      break;
    case 8:
      value = listText(
        a.strings.slice(0, LIST).map((s) => JSON.stringify(clip(utf8.decode(s), 60))),
        a.strings.length,
      );
      break;
    case 9:
      value = `${a.tensors.length} tensors`;
      break;
    case 10:
      value = `${a.graphs.length} graphs`;
      break;
    case 11:
      value = 'sparse tensor';
      break;
    case 12:
      value = `${a.sparse_tensors.length} sparse tensors`;
      break;
    default:
      value = a.ref_attr_name ? `refers to ${a.ref_attr_name}` : '';
  }
  return { name: a.name, type: ONNX_ATTRIBUTE_TYPES[type] ?? `unknown (${type})`, value };
}

const BYTES_PER_ELEMENT: Readonly<Record<number, number>> = {
  1: 4,
  2: 1,
  3: 1,
  4: 2,
  5: 2,
  6: 4,
  7: 8,
  9: 1,
  10: 2,
  11: 8,
  12: 4,
  13: 8,
  14: 8,
  15: 16,
  16: 2,
};

function summarizeInitializer(t: TensorProto): OnnxInitializerSummary {
  const dims = t.dims.map(num);
  const elementCount = dims.reduce((product, d) => product * d, 1);
  let storage: OnnxInitializerSummary['storage'];
  let byteSize: number;
  if (t.data_location === 1 || t.external_data.length > 0) {
    storage = 'external';
    byteSize = 0;
  } else if (t.raw_data.length > 0) {
    storage = 'raw_data';
    byteSize = t.raw_data.length;
  } else {
    const typed =
      t.float_data.length * 4 +
      t.int32_data.length * (BYTES_PER_ELEMENT[t.data_type] ?? 4) +
      t.int64_data.length * 8 +
      t.double_data.length * 8 +
      t.uint64_data.length * 8 +
      t.string_data.reduce((sum, s) => sum + s.length, 0);
    storage = typed > 0 ? 'typed_fields' : 'empty';
    byteSize = typed;
  }
  return {
    name: t.name,
    dataType: dataTypeName(t.data_type),
    dims,
    elementCount,
    byteSize,
    storage,
  };
}

function summarizeGraph(
  g: GraphProto,
  maxNodes: number,
  maxInitializers: number,
): OnnxGraphSummary {
  const initializerNames = new Set(g.initializer.map((t) => t.name));
  const counts = new Map<string, OnnxOperatorCount>();
  for (const n of g.node) {
    const key = `${n.domain}\u0000${n.op_type}`;
    const entry = counts.get(key) ?? { opType: n.op_type, domain: n.domain, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  const initializers = g.initializer.slice(0, maxInitializers).map(summarizeInitializer);
  return {
    name: g.name,
    docString: g.doc_string,
    inputs: g.input.map((v) => summarizeValue(v, initializerNames)),
    outputs: g.output.map((v) => summarizeValue(v, initializerNames)),
    nodeCount: g.node.length,
    nodes: g.node.slice(0, maxNodes).map((n) => ({
      name: n.name,
      opType: n.op_type,
      domain: n.domain,
      inputs: n.input,
      outputs: n.output,
      attributes: n.attribute.map(summarizeAttribute),
    })),
    nodesTruncated: g.node.length > maxNodes,
    operatorCounts: [...counts.values()].sort(
      (a, b) => b.count - a.count || a.opType.localeCompare(b.opType),
    ),
    initializerCount: g.initializer.length,
    initializers,
    initializersTruncated: g.initializer.length > maxInitializers,
    initializerBytes: g.initializer.reduce((sum, t) => sum + summarizeInitializer(t).byteSize, 0),
    valueInfoCount: g.value_info.length,
    sparseInitializerCount: g.sparse_initializer.length,
  };
}

/** Decodes ModelProto bytes with the size cap, format sniffing and sanity checks `decodeOnnx` applies. */
function parseModel(
  bytes: Uint8Array,
  maxBytes: number,
): { ok: true; model: ModelProto } | { ok: false; error: OnnxDecodeError } {
  if (bytes.length === 0)
    return { ok: false, error: { kind: 'empty', message: 'The file is empty.' } };
  if (bytes.length > maxBytes) {
    return {
      ok: false,
      error: {
        kind: 'too-large',
        message: `The file is ${bytes.length} bytes; the limit here is ${maxBytes} bytes.`,
      },
    };
  }
  const other = sniffOtherFormat(bytes);
  if (other)
    return {
      ok: false,
      error: { kind: 'not-onnx', message: `This looks like ${other}, not an ONNX model.` },
    };
  let model: ModelProto;
  try {
    model = decodeModelProto(bytes);
  } catch (e) {
    const isLimit = e instanceof ProtoDecodeError && e.kind === 'limit';
    const detail = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      error: isLimit
        ? { kind: 'limit', message: `The file is too complex to inspect here (${detail}).` }
        : {
            kind: 'malformed',
            message: `This is not a readable ONNX file: the protobuf data is damaged or truncated (${detail}).`,
          },
    };
  }
  // Any byte string can happen to parse as *some* protobuf. A model declares its IR version
  // (1 to a few dozen) and carries a graph or at least an opset import.
  const ir = model.ir_version;
  if (ir < 1n || ir > 1000n || (!model.graph && model.opset_import.length === 0)) {
    return {
      ok: false,
      error: {
        kind: 'not-onnx',
        message: 'This file is not an ONNX model: it has no IR version or no graph.',
      },
    };
  }
  return { ok: true, model };
}

/**
 * Summarizes any ONNX file. Never throws: empty, oversized, non-protobuf or non-model input
 * gives `{ ok: false, error }`.
 */
export function decodeOnnx(bytes: Uint8Array, options: DecodeOnnxOptions = {}): OnnxDecodeResult {
  try {
    const parsed = parseModel(bytes, options.maxBytes ?? MAX_ONNX_BYTES);
    if (!parsed.ok) return parsed;
    const m = parsed.model;
    const summary: OnnxSummary = {
      byteLength: bytes.length,
      irVersion: num(m.ir_version),
      producerName: m.producer_name,
      producerVersion: m.producer_version,
      domain: m.domain,
      modelVersion: num(m.model_version),
      docString: m.doc_string,
      opsetImports: m.opset_import.map((o) => ({ domain: o.domain, version: num(o.version) })),
      metadata: m.metadata_props.map((p) => ({ key: p.key, value: p.value })),
      graph: m.graph
        ? summarizeGraph(m.graph, options.maxNodes ?? 1000, options.maxInitializers ?? 1000)
        : null,
    };
    return { ok: true, summary };
  } catch (e) {
    // Defensive: the steps above are written not to throw; if one does, it is still a typed result.
    return {
      ok: false,
      error: {
        kind: 'malformed',
        message: `Could not summarize this file (${e instanceof Error ? e.message : String(e)}).`,
      },
    };
  }
}

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
    const notOurs = (why: string): ReadSoftmaxResult => ({
      ok: false,
      error: {
        kind: 'not-onnx',
        message: `This ONNX file is not a softmax model written by this booklet: ${why}.`,
      },
    });
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
    return {
      ok: false,
      error: {
        kind: 'malformed',
        message: `Could not read the model (${e instanceof Error ? e.message : String(e)}).`,
      },
    };
  }
}
