/**
 * Reads any ONNX file into a summary a page can show: IR version, producer, opsets, inputs and
 * outputs with types and shapes, nodes with their attributes, initializers and metadata. Bytes
 * come from the reader's disk, so nothing here throws: every failure is a typed result.
 * Phases: read and check the bytes (`read-model.ts`), then summarize (here); the summary's
 * shapes are in `summary-types.ts`, and reading the booklet's own model back in `read-softmax.ts`.
 */
import {
  ONNX_ATTRIBUTE_TYPES,
  ONNX_DATA_TYPES,
  type AttributeProto,
  type GraphProto,
  type TensorProto,
  type TypeProto,
  type ValueInfoProto,
} from './onnx-proto';
import { causeText, clip, failure, MAX_ONNX_BYTES, parseModel } from './read-model';
import type {
  OnnxDimension,
  OnnxTypeSummary,
  OnnxValueSummary,
  OnnxAttributeSummary,
  OnnxInitializerSummary,
  OnnxOperatorCount,
  OnnxGraphSummary,
  OnnxSummary,
  OnnxDecodeResult,
} from './summary-types';

export * from './summary-types';

export { MAX_ONNX_BYTES } from './read-model';
export type { OnnxDecodeError, OnnxDecodeErrorKind } from './read-model';
export { readSoftmaxModelFromOnnx } from './read-softmax';
export type { ReadSoftmaxResult } from './read-softmax';

/** Limits for `decodeOnnx`. */
export interface DecodeOnnxOptions {
  /** Largest input accepted, in bytes. Default `MAX_ONNX_BYTES`. */
  maxBytes?: number;
  /** Most nodes listed in the summary (all are counted). Default 1000. */
  maxNodes?: number;
  /** Most initializers listed in the summary (all are counted). Default 1000. */
  maxInitializers?: number;
}

const num = (v: bigint): number => Number(v);
const utf8 = new TextDecoder('utf-8');

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
    return failure('malformed', `Could not summarize this file (${causeText(e)}).`);
  }
}
