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
 * The schema and enum tables are in `onnx-proto-schema.ts`, the decoded shapes in
 * `onnx-proto-types.ts`; this module re-exports both.
 */
import { Reader, Writer, type Field, type Type } from 'protobufjs/light.js';
import { onnxRoot } from './onnx-proto-schema';
import type { ModelProto, ProtoInit } from './onnx-proto-types';

export * from './onnx-proto-schema';
export type * from './onnx-proto-types';

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

/** How one scalar type is written and read: both sides in one entry, so that they agree. */
interface ScalarCodec {
  write(w: Writer, value: unknown): void;
  read(r: Reader): unknown;
}

const SCALAR_CODECS: ReadonlyMap<string, ScalarCodec> = new Map(
  Object.entries({
    float: { write: (w, v) => w.float(Number(v)), read: (r) => r.float() },
    double: { write: (w, v) => w.double(Number(v)), read: (r) => r.double() },
    int32: { write: (w, v) => w.int32(Number(v)), read: (r) => r.int32() },
    int64: {
      write: (w, v) => w.int64(toLongBits(v)),
      read: (r) => BigInt.asIntN(64, readVarint64(r)),
    },
    uint64: { write: (w, v) => w.int64(toLongBits(v)), read: (r) => readVarint64(r) },
    string: { write: (w, v) => w.string(String(v)), read: (r) => r.string() },
    bytes: {
      write: (w, v) => w.bytes(v instanceof Uint8Array ? v : new Uint8Array(0)),
      read: (r) => r.bytes(),
    },
  } satisfies Record<string, ScalarCodec>),
);

function writeScalar(w: Writer, type: string, value: unknown): void {
  const codec = SCALAR_CODECS.get(type);
  if (!codec) throw new TypeError(`onnx-proto: no writer for scalar type ${type}`);
  codec.write(w, value);
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
  const codec = SCALAR_CODECS.get(type);
  if (!codec) throw new ProtoDecodeError('malformed', `no reader for scalar type ${type}`);
  return codec.read(r);
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
