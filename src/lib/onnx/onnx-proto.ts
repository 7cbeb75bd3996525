/**
 * The subset of onnx.proto this project reads and writes, declared as a protobufjs reflection
 * schema (`Root.fromJSON`) with the field numbers of onnx/onnx.proto3, plus a small codec that
 * walks that schema with protobufjs' `Reader` and `Writer`.
 *
 * Why not `Type.encode`/`Type.decode`? protobufjs builds those with `new Function(...)`
 * (util.codegen), which a Content-Security-Policy without 'unsafe-eval' blocks. Walking the
 * reflected fields instead needs no code generation, and it lets the decoder enforce the limits
 * that hostile files call for: nesting depth, a budget of repeated values, and strict bounds on
 * every length prefix. Fields this schema does not declare (training_info, functions, …) are
 * skipped, so any valid ONNX file decodes.
 *
 * Field names are onnx.proto's own snake_case names, so the decoded objects read like the spec.
 */
import { Reader, Root, Writer, type Field, type INamespace, type Type } from 'protobufjs/light.js';

const repeated = 'repeated';
const packed = { packed: true };

/**
 * The schema, message by message. Each `id` is the field number in onnx/onnx.proto3
 * (ONNX 1.x; the numbers never change between releases, new fields only get new numbers).
 */
export const ONNX_PROTO_DESCRIPTOR: INamespace = {
  nested: {
    onnx: {
      nested: {
        ModelProto: {
          fields: {
            ir_version: { type: 'int64', id: 1 }, // int64 ir_version = 1;
            producer_name: { type: 'string', id: 2 }, // string producer_name = 2;
            producer_version: { type: 'string', id: 3 }, // string producer_version = 3;
            domain: { type: 'string', id: 4 }, // string domain = 4;
            model_version: { type: 'int64', id: 5 }, // int64 model_version = 5;
            doc_string: { type: 'string', id: 6 }, // string doc_string = 6;
            graph: { type: 'GraphProto', id: 7 }, // GraphProto graph = 7;
            opset_import: { rule: repeated, type: 'OperatorSetIdProto', id: 8 }, // repeated OperatorSetIdProto opset_import = 8;
            metadata_props: { rule: repeated, type: 'StringStringEntryProto', id: 14 }, // repeated StringStringEntryProto metadata_props = 14;
          },
        },
        StringStringEntryProto: {
          fields: {
            key: { type: 'string', id: 1 }, // string key = 1;
            value: { type: 'string', id: 2 }, // string value = 2;
          },
        },
        OperatorSetIdProto: {
          fields: {
            domain: { type: 'string', id: 1 }, // string domain = 1;
            version: { type: 'int64', id: 2 }, // int64 version = 2;
          },
        },
        GraphProto: {
          fields: {
            node: { rule: repeated, type: 'NodeProto', id: 1 }, // repeated NodeProto node = 1;
            name: { type: 'string', id: 2 }, // string name = 2;
            initializer: { rule: repeated, type: 'TensorProto', id: 5 }, // repeated TensorProto initializer = 5;
            doc_string: { type: 'string', id: 10 }, // string doc_string = 10;
            input: { rule: repeated, type: 'ValueInfoProto', id: 11 }, // repeated ValueInfoProto input = 11;
            output: { rule: repeated, type: 'ValueInfoProto', id: 12 }, // repeated ValueInfoProto output = 12;
            value_info: { rule: repeated, type: 'ValueInfoProto', id: 13 }, // repeated ValueInfoProto value_info = 13;
            sparse_initializer: { rule: repeated, type: 'SparseTensorProto', id: 15 }, // repeated SparseTensorProto sparse_initializer = 15;
          },
        },
        NodeProto: {
          fields: {
            input: { rule: repeated, type: 'string', id: 1 }, // repeated string input = 1;
            output: { rule: repeated, type: 'string', id: 2 }, // repeated string output = 2;
            name: { type: 'string', id: 3 }, // string name = 3;
            op_type: { type: 'string', id: 4 }, // string op_type = 4;
            attribute: { rule: repeated, type: 'AttributeProto', id: 5 }, // repeated AttributeProto attribute = 5;
            doc_string: { type: 'string', id: 6 }, // string doc_string = 6;
            domain: { type: 'string', id: 7 }, // string domain = 7;
          },
        },
        AttributeProto: {
          fields: {
            name: { type: 'string', id: 1 }, // string name = 1;
            f: { type: 'float', id: 2 }, // float f = 2;
            i: { type: 'int64', id: 3 }, // int64 i = 3;
            s: { type: 'bytes', id: 4 }, // bytes s = 4;
            t: { type: 'TensorProto', id: 5 }, // TensorProto t = 5;
            g: { type: 'GraphProto', id: 6 }, // GraphProto g = 6;
            floats: { rule: repeated, type: 'float', id: 7, options: packed }, // repeated float floats = 7;
            ints: { rule: repeated, type: 'int64', id: 8, options: packed }, // repeated int64 ints = 8;
            strings: { rule: repeated, type: 'bytes', id: 9 }, // repeated bytes strings = 9;
            tensors: { rule: repeated, type: 'TensorProto', id: 10 }, // repeated TensorProto tensors = 10;
            graphs: { rule: repeated, type: 'GraphProto', id: 11 }, // repeated GraphProto graphs = 11;
            doc_string: { type: 'string', id: 13 }, // string doc_string = 13;
            type: { type: 'int32', id: 20 }, // AttributeType type = 20; (enum read as its number)
            ref_attr_name: { type: 'string', id: 21 }, // string ref_attr_name = 21;
            sparse_tensor: { type: 'SparseTensorProto', id: 22 }, // SparseTensorProto sparse_tensor = 22;
            sparse_tensors: { rule: repeated, type: 'SparseTensorProto', id: 23 }, // repeated SparseTensorProto sparse_tensors = 23;
          },
        },
        ValueInfoProto: {
          fields: {
            name: { type: 'string', id: 1 }, // string name = 1;
            type: { type: 'TypeProto', id: 2 }, // TypeProto type = 2;
            doc_string: { type: 'string', id: 3 }, // string doc_string = 3;
          },
        },
        TensorProto: {
          fields: {
            dims: { rule: repeated, type: 'int64', id: 1, options: packed }, // repeated int64 dims = 1;
            data_type: { type: 'int32', id: 2 }, // int32 data_type = 2;
            float_data: { rule: repeated, type: 'float', id: 4, options: packed }, // repeated float float_data = 4 [packed = true];
            int32_data: { rule: repeated, type: 'int32', id: 5, options: packed }, // repeated int32 int32_data = 5 [packed = true];
            string_data: { rule: repeated, type: 'bytes', id: 6 }, // repeated bytes string_data = 6;
            int64_data: { rule: repeated, type: 'int64', id: 7, options: packed }, // repeated int64 int64_data = 7 [packed = true];
            name: { type: 'string', id: 8 }, // string name = 8;
            raw_data: { type: 'bytes', id: 9 }, // bytes raw_data = 9;
            double_data: { rule: repeated, type: 'double', id: 10, options: packed }, // repeated double double_data = 10 [packed = true];
            uint64_data: { rule: repeated, type: 'uint64', id: 11, options: packed }, // repeated uint64 uint64_data = 11 [packed = true];
            doc_string: { type: 'string', id: 12 }, // string doc_string = 12;
            external_data: { rule: repeated, type: 'StringStringEntryProto', id: 13 }, // repeated StringStringEntryProto external_data = 13;
            data_location: { type: 'int32', id: 14 }, // DataLocation data_location = 14; (enum read as its number)
          },
        },
        SparseTensorProto: {
          fields: {
            values: { type: 'TensorProto', id: 1 }, // TensorProto values = 1;
            indices: { type: 'TensorProto', id: 2 }, // TensorProto indices = 2;
            dims: { rule: repeated, type: 'int64', id: 3, options: packed }, // repeated int64 dims = 3;
          },
        },
        TensorShapeProto: {
          fields: {
            dim: { rule: repeated, type: 'Dimension', id: 1 }, // repeated Dimension dim = 1;
          },
          nested: {
            Dimension: {
              oneofs: { value: { oneof: ['dim_value', 'dim_param'] } },
              fields: {
                dim_value: { type: 'int64', id: 1 }, // int64 dim_value = 1; (oneof value)
                dim_param: { type: 'string', id: 2 }, // string dim_param = 2; (oneof value)
                denotation: { type: 'string', id: 3 }, // string denotation = 3;
              },
            },
          },
        },
        TypeProto: {
          oneofs: {
            value: {
              oneof: [
                'tensor_type',
                'sequence_type',
                'map_type',
                'sparse_tensor_type',
                'optional_type',
              ],
            },
          },
          fields: {
            tensor_type: { type: 'Tensor', id: 1 }, // Tensor tensor_type = 1;
            sequence_type: { type: 'Sequence', id: 4 }, // Sequence sequence_type = 4;
            map_type: { type: 'Map', id: 5 }, // Map map_type = 5;
            denotation: { type: 'string', id: 6 }, // string denotation = 6;
            sparse_tensor_type: { type: 'SparseTensor', id: 8 }, // SparseTensor sparse_tensor_type = 8;
            optional_type: { type: 'Optional', id: 9 }, // Optional optional_type = 9;
          },
          nested: {
            Tensor: {
              fields: {
                elem_type: { type: 'int32', id: 1 }, // int32 elem_type = 1;
                shape: { type: 'TensorShapeProto', id: 2 }, // TensorShapeProto shape = 2;
              },
            },
            Sequence: {
              fields: { elem_type: { type: 'TypeProto', id: 1 } }, // TypeProto elem_type = 1;
            },
            Map: {
              fields: {
                key_type: { type: 'int32', id: 1 }, // int32 key_type = 1;
                value_type: { type: 'TypeProto', id: 2 }, // TypeProto value_type = 2;
              },
            },
            Optional: {
              fields: { elem_type: { type: 'TypeProto', id: 1 } }, // TypeProto elem_type = 1;
            },
            SparseTensor: {
              fields: {
                elem_type: { type: 'int32', id: 1 }, // int32 elem_type = 1;
                shape: { type: 'TensorShapeProto', id: 2 }, // TensorShapeProto shape = 2;
              },
            },
          },
        },
      },
    },
  },
};

/** The reflected schema. */
export const onnxRoot: Root = Root.fromJSON(ONNX_PROTO_DESCRIPTOR).resolveAll() as Root;

/** TensorProto.DataType numbers (onnx.proto3 `enum DataType`) and their names. */
export const ONNX_DATA_TYPES: Readonly<Record<number, string>> = {
  0: 'UNDEFINED',
  1: 'FLOAT',
  2: 'UINT8',
  3: 'INT8',
  4: 'UINT16',
  5: 'INT16',
  6: 'INT32',
  7: 'INT64',
  8: 'STRING',
  9: 'BOOL',
  10: 'FLOAT16',
  11: 'DOUBLE',
  12: 'UINT32',
  13: 'UINT64',
  14: 'COMPLEX64',
  15: 'COMPLEX128',
  16: 'BFLOAT16',
  17: 'FLOAT8E4M3FN',
  18: 'FLOAT8E4M3FNUZ',
  19: 'FLOAT8E5M2',
  20: 'FLOAT8E5M2FNUZ',
  21: 'UINT4',
  22: 'INT4',
  23: 'FLOAT4E2M1',
  24: 'FLOAT8E8M0',
};

/** The TensorProto.DataType numbers the encoder uses. */
export const DataType = { FLOAT: 1, INT64: 7 } as const;

/** AttributeProto.AttributeType numbers (onnx.proto3 `enum AttributeType`) and their names. */
export const ONNX_ATTRIBUTE_TYPES: Readonly<Record<number, string>> = {
  0: 'UNDEFINED',
  1: 'FLOAT',
  2: 'INT',
  3: 'STRING',
  4: 'TENSOR',
  5: 'GRAPH',
  6: 'FLOATS',
  7: 'INTS',
  8: 'STRINGS',
  9: 'TENSORS',
  10: 'GRAPHS',
  11: 'SPARSE_TENSOR',
  12: 'SPARSE_TENSORS',
};

/** The AttributeType numbers the encoder uses. */
export const AttributeType = { FLOAT: 1, INT: 2, STRING: 3 } as const;

// ---------- decoded message shapes (scalars default as in proto3; absent messages are undefined) ----------

/** onnx.StringStringEntryProto */
export interface StringStringEntryProto {
  key: string;
  value: string;
}
/** onnx.OperatorSetIdProto */
export interface OperatorSetIdProto {
  domain: string;
  version: bigint;
}
/** onnx.TensorShapeProto.Dimension */
export interface TensorShapeDimension {
  dim_value: bigint;
  dim_param: string;
  denotation: string;
  /** Which member of the `value` oneof was present, if any. */
  value?: 'dim_value' | 'dim_param';
}
/** onnx.TensorShapeProto */
export interface TensorShapeProto {
  dim: TensorShapeDimension[];
}
/** onnx.TypeProto.Tensor and onnx.TypeProto.SparseTensor */
export interface TypeProtoTensor {
  elem_type: number;
  shape?: TensorShapeProto;
}
/** onnx.TypeProto */
export interface TypeProto {
  tensor_type?: TypeProtoTensor;
  sequence_type?: { elem_type?: TypeProto };
  map_type?: { key_type: number; value_type?: TypeProto };
  sparse_tensor_type?: TypeProtoTensor;
  optional_type?: { elem_type?: TypeProto };
  denotation: string;
}
/** onnx.ValueInfoProto */
export interface ValueInfoProto {
  name: string;
  type?: TypeProto;
  doc_string: string;
}
/** onnx.TensorProto */
export interface TensorProto {
  dims: bigint[];
  data_type: number;
  float_data: number[];
  int32_data: number[];
  string_data: Uint8Array[];
  int64_data: bigint[];
  name: string;
  raw_data: Uint8Array;
  double_data: number[];
  uint64_data: bigint[];
  doc_string: string;
  external_data: StringStringEntryProto[];
  data_location: number;
}
/** onnx.SparseTensorProto */
export interface SparseTensorProto {
  values?: TensorProto;
  indices?: TensorProto;
  dims: bigint[];
}
/** onnx.AttributeProto */
export interface AttributeProto {
  name: string;
  f: number;
  i: bigint;
  s: Uint8Array;
  t?: TensorProto;
  g?: GraphProto;
  floats: number[];
  ints: bigint[];
  strings: Uint8Array[];
  tensors: TensorProto[];
  graphs: GraphProto[];
  doc_string: string;
  type: number;
  ref_attr_name: string;
  sparse_tensor?: SparseTensorProto;
  sparse_tensors: SparseTensorProto[];
}
/** onnx.NodeProto */
export interface NodeProto {
  input: string[];
  output: string[];
  name: string;
  op_type: string;
  attribute: AttributeProto[];
  doc_string: string;
  domain: string;
}
/** onnx.GraphProto */
export interface GraphProto {
  node: NodeProto[];
  name: string;
  initializer: TensorProto[];
  doc_string: string;
  input: ValueInfoProto[];
  output: ValueInfoProto[];
  value_info: ValueInfoProto[];
  sparse_initializer: SparseTensorProto[];
}
/** onnx.ModelProto */
export interface ModelProto {
  ir_version: bigint;
  producer_name: string;
  producer_version: string;
  domain: string;
  model_version: bigint;
  doc_string: string;
  graph?: GraphProto;
  opset_import: OperatorSetIdProto[];
  metadata_props: StringStringEntryProto[];
}

/**
 * What the encoder accepts for a decoded shape `T`: every field optional, int64 fields as
 * `number` or `bigint`.
 */
export type ProtoInit<T> = T extends bigint
  ? number | bigint
  : T extends Uint8Array
    ? Uint8Array
    : T extends (infer U)[]
      ? ProtoInit<U>[]
      : T extends object
        ? { [K in keyof T]?: ProtoInit<T[K]> | undefined }
        : T;

// ---------- encoding ----------

const LENGTH_DELIMITED = 2;

function wireTypeOf(type: string): number {
  switch (type) {
    case 'float':
    case 'fixed32':
    case 'sfixed32':
      return 5;
    case 'double':
    case 'fixed64':
    case 'sfixed64':
      return 1;
    case 'int32':
    case 'int64':
    case 'uint32':
    case 'uint64':
    case 'bool':
    case 'sint32':
    case 'sint64':
      return 0;
    default:
      return LENGTH_DELIMITED; // string, bytes, messages
  }
}

const isPackable = (field: Field) => wireTypeOf(field.type) !== LENGTH_DELIMITED;

function toLongBits(value: unknown): { low: number; high: number; unsigned: boolean } {
  const big = typeof value === 'bigint' ? value : BigInt(Math.trunc(Number(value)));
  const bits = BigInt.asUintN(64, big);
  return { low: Number(bits & 0xffffffffn) | 0, high: Number(bits >> 32n) | 0, unsigned: false };
}

function writeScalar(w: Writer, type: string, value: unknown): void {
  switch (type) {
    case 'float':
      w.float(Number(value));
      break;
    case 'double':
      w.double(Number(value));
      break;
    case 'int32':
      w.int32(Number(value));
      break;
    case 'int64':
    case 'uint64':
      w.int64(toLongBits(value));
      break;
    case 'string':
      w.string(String(value));
      break;
    case 'bytes':
      w.bytes(value instanceof Uint8Array ? value : new Uint8Array(0));
      break;
    default:
      throw new TypeError(`onnx-proto: no writer for scalar type ${type}`);
  }
}

function isDefaultScalar(value: unknown): boolean {
  if (value instanceof Uint8Array) return value.length === 0;
  return value === 0 || value === 0n || value === '' || value === false;
}

function writeFieldValue(w: Writer, field: Field, value: unknown): void {
  const resolved = field.resolvedType;
  if (resolved && 'fieldsArray' in resolved) {
    w.uint32((field.id << 3) | LENGTH_DELIMITED).fork();
    writeMessage(w, resolved as Type, value as Record<string, unknown>);
    w.ldelim();
  } else {
    w.uint32((field.id << 3) | wireTypeOf(field.type));
    writeScalar(w, field.type, value);
  }
}

const sortedFieldsCache = new WeakMap<Type, Field[]>();
function sortedFields(type: Type): Field[] {
  let fields = sortedFieldsCache.get(type);
  if (!fields) {
    fields = [...type.fieldsArray].sort((a, b) => a.id - b.id);
    sortedFieldsCache.set(type, fields);
  }
  return fields;
}

function writeMessage(w: Writer, type: Type, value: Record<string, unknown>): void {
  for (const field of sortedFields(type)) {
    const v = value[field.name];
    if (v === undefined || v === null) continue;
    if (field.repeated) {
      const items = v as unknown[];
      if (items.length === 0) continue;
      if (field.packed && isPackable(field)) {
        w.uint32((field.id << 3) | LENGTH_DELIMITED).fork();
        for (const item of items) writeScalar(w, field.type, item);
        w.ldelim();
      } else {
        for (const item of items) writeFieldValue(w, field, item);
      }
    } else if (field.resolvedType || field.partOf || !isDefaultScalar(v)) {
      // proto3: plain scalars equal to their default are omitted; oneof members and messages
      // have explicit presence, so they are written whenever they are set.
      writeFieldValue(w, field, v);
    }
  }
}

/** Serializes a ModelProto with this schema. */
export function encodeModelProto(model: ProtoInit<ModelProto>): Uint8Array {
  const writer = new Writer();
  writeMessage(writer, onnxRoot.lookupType('onnx.ModelProto'), model as Record<string, unknown>);
  return writer.finish();
}

// ---------- decoding ----------

/** A decode failure; `decodeModelProto` throws only this. */
export class ProtoDecodeError extends Error {
  constructor(
    /** `malformed`: not valid protobuf for this schema; `limit`: a safety limit was hit. */
    readonly kind: 'malformed' | 'limit',
    message: string,
  ) {
    super(message);
    this.name = 'ProtoDecodeError';
  }
}

/** Safety limits for decoding untrusted bytes. */
export interface ProtoDecodeLimits {
  /** Deepest message nesting accepted (subgraphs nest graphs inside attributes). Default 64. */
  maxDepth?: number;
  /** Most repeated-field elements decoded in total across the file. Default 20 000 000. */
  maxRepeatedValues?: number;
}

interface DecodeState {
  maxDepth: number;
  budget: number;
}

function readVarint64(r: Reader): bigint {
  let result = 0n;
  let shift = 0n;
  for (let i = 0; i < 10; i++) {
    if (r.pos >= r.len)
      throw new ProtoDecodeError('malformed', 'a varint runs past the end of the data');
    const byte = r.buf[r.pos++] ?? 0;
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return BigInt.asUintN(64, result);
    shift += 7n;
  }
  throw new ProtoDecodeError('malformed', 'a varint is longer than 10 bytes');
}

function readScalar(r: Reader, type: string): unknown {
  switch (type) {
    case 'float':
      return r.float();
    case 'double':
      return r.double();
    case 'int32':
      return r.int32();
    case 'int64':
      return BigInt.asIntN(64, readVarint64(r));
    case 'uint64':
      return readVarint64(r);
    case 'string':
      return r.string();
    case 'bytes':
      return r.bytes();
    default:
      throw new ProtoDecodeError('malformed', `no reader for scalar type ${type}`);
  }
}

function defaultScalar(type: string): unknown {
  switch (type) {
    case 'int64':
    case 'uint64':
      return 0n;
    case 'string':
      return '';
    case 'bytes':
      return new Uint8Array(0);
    default:
      return 0;
  }
}

function spend(state: DecodeState, n: number): void {
  state.budget -= n;
  if (state.budget < 0) throw new ProtoDecodeError('limit', 'too many repeated values');
}

function readLengthEnd(r: Reader, end: number): number {
  const length = r.uint32();
  const stop = r.pos + length;
  if (stop > end)
    throw new ProtoDecodeError('malformed', 'a length prefix runs past its enclosing message');
  return stop;
}

function readMessage(
  r: Reader,
  type: Type,
  end: number,
  depth: number,
  state: DecodeState,
): Record<string, unknown> {
  if (depth > state.maxDepth)
    throw new ProtoDecodeError('limit', `messages nest deeper than ${state.maxDepth} levels`);
  const out: Record<string, unknown> = {};
  for (const field of type.fieldsArray) {
    if (field.repeated) out[field.name] = [];
    else if (!field.resolvedType) out[field.name] = defaultScalar(field.type);
  }
  while (r.pos < end) {
    const tag = r.uint32();
    const id = tag >>> 3;
    const wire = tag & 7;
    if (id === 0) throw new ProtoDecodeError('malformed', 'field number 0 is invalid');
    const field = type.fieldsById[id];
    const message =
      field?.resolvedType && 'fieldsArray' in field.resolvedType
        ? (field.resolvedType as Type)
        : null;
    const expected = field ? (message ? LENGTH_DELIMITED : wireTypeOf(field.type)) : -1;
    if (!field) {
      r.skipType(wire);
      continue;
    }
    if (field.repeated && wire === LENGTH_DELIMITED && expected !== LENGTH_DELIMITED) {
      // packed run of numbers
      const stop = readLengthEnd(r, end);
      const items = out[field.name] as unknown[];
      const outerLen = r.len;
      r.len = stop;
      while (r.pos < stop) {
        spend(state, 1);
        items.push(readScalar(r, field.type));
      }
      r.len = outerLen;
      if (r.pos !== stop)
        throw new ProtoDecodeError('malformed', 'a packed field overruns its length');
      continue;
    }
    if (wire !== expected) {
      // A wire type that does not match the schema is treated like an unknown field, as protobuf does.
      r.skipType(wire);
      continue;
    }
    let value: unknown;
    if (message) {
      const stop = readLengthEnd(r, end);
      // Narrowing the reader's limit makes every read inside the nested message, including
      // protobufjs' own bounds checks, stop at the message's end rather than the buffer's.
      const outerLen = r.len;
      r.len = stop;
      value = readMessage(r, message, stop, depth + 1, state);
      r.len = outerLen;
    } else {
      value = readScalar(r, field.type);
    }
    if (field.repeated) {
      spend(state, 1);
      (out[field.name] as unknown[]).push(value);
    } else {
      out[field.name] = value;
      if (field.partOf) out[field.partOf.name] = field.name;
    }
  }
  if (r.pos !== end)
    throw new ProtoDecodeError('malformed', 'a field runs past the end of its message');
  return out;
}

/**
 * Parses bytes as a ModelProto with this schema. Throws `ProtoDecodeError` (and nothing else)
 * when the bytes are not valid protobuf for it or a limit is hit.
 */
export function decodeModelProto(bytes: Uint8Array, limits: ProtoDecodeLimits = {}): ModelProto {
  const state: DecodeState = {
    maxDepth: limits.maxDepth ?? 64,
    budget: limits.maxRepeatedValues ?? 20_000_000,
  };
  try {
    const reader = new Reader(bytes);
    return readMessage(
      reader,
      onnxRoot.lookupType('onnx.ModelProto'),
      bytes.length,
      0,
      state,
    ) as unknown as ModelProto;
  } catch (error) {
    if (error instanceof ProtoDecodeError) throw error;
    // protobufjs' Reader throws RangeError/Error on reads past the end and on invalid wire types.
    const detail = error instanceof Error ? error.message : String(error);
    throw new ProtoDecodeError('malformed', detail);
  }
}
