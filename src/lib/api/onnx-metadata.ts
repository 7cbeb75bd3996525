/**
 * Reads the model facts the API needs (`classes`, `version`) from an ONNX file's
 * `metadata_props`, because onnxruntime-web's session does not expose them. Only the top level
 * of ModelProto is walked (field 14 holds StringStringEntryProto { key = 1, value = 2 }); the
 * graph is skipped by length. The input is untrusted, so every failure is a returned result.
 */
import { z } from 'zod';
import type { OnnxPredictorMetadata } from './predictor';

/** `metadata_props` as a plain object, or why the bytes could not be read. */
export type OnnxMetadataResult =
  { ok: true; props: Record<string, string> } | { ok: false; message: string };

class Reader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}
  get done(): boolean {
    return this.pos >= this.bytes.length;
  }
  /** Reads a varint as a number; values above 2^53 are rejected, which no length or tag needs. */
  varint(): number | null {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const byte = this.bytes[this.pos++];
      if (byte === undefined) return null;
      result += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) return result <= Number.MAX_SAFE_INTEGER ? result : null;
      scale *= 128;
    }
    return null;
  }
  take(length: number): Uint8Array | null {
    if (length > this.bytes.length - this.pos) return null;
    const out = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }
  /** Skips one field's payload; false when the wire type is unknown or the data runs out. */
  skip(wireType: number): boolean {
    if (wireType === 0) return this.varint() !== null;
    if (wireType === 1) return this.take(8) !== null;
    if (wireType === 5) return this.take(4) !== null;
    if (wireType === 2) {
      const length = this.varint();
      return length !== null && this.take(length) !== null;
    }
    return false; // groups (3, 4) are not used by onnx.proto
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function readEntry(bytes: Uint8Array): { key: string; value: string } | null {
  const r = new Reader(bytes);
  let key = '';
  let value = '';
  while (!r.done) {
    const tag = r.varint();
    if (tag === null) return null;
    const field = Math.floor(tag / 8);
    const wireType = tag % 8;
    if ((field === 1 || field === 2) && wireType === 2) {
      const length = r.varint();
      const payload = length === null ? null : r.take(length);
      if (!payload) return null;
      let text: string;
      try {
        text = decoder.decode(payload);
      } catch {
        return null;
      }
      if (field === 1) key = text;
      else value = text;
    } else if (!r.skip(wireType)) return null;
  }
  return { key, value };
}

/** Reads ModelProto.metadata_props from ONNX bytes. */
export function readOnnxMetadata(bytes: Uint8Array): OnnxMetadataResult {
  const r = new Reader(bytes);
  const props: Record<string, string> = {};
  while (!r.done) {
    const tag = r.varint();
    if (tag === null || tag < 8) return { ok: false, message: 'Not an ONNX model: bad field tag.' };
    const field = Math.floor(tag / 8);
    const wireType = tag % 8;
    if (field === 14 && wireType === 2) {
      const length = r.varint();
      const payload = length === null ? null : r.take(length);
      const entry = payload ? readEntry(payload) : null;
      if (!entry) return { ok: false, message: 'Not an ONNX model: unreadable metadata entry.' };
      props[entry.key] = entry.value;
    } else if (!r.skip(wireType)) {
      return { ok: false, message: 'Not an ONNX model: truncated or unknown field.' };
    }
  }
  return { ok: true, props };
}

const ClassesSchema = z.array(z.string().min(1)).min(2);

/** Extracts the predictor metadata (`classes` JSON array, `version`) from ONNX bytes. */
export function onnxPredictorMetadata(
  bytes: Uint8Array,
): { ok: true; metadata: OnnxPredictorMetadata } | { ok: false; message: string } {
  const read = readOnnxMetadata(bytes);
  if (!read.ok) return read;
  const { classes: classesText, version } = read.props;
  if (classesText === undefined)
    return { ok: false, message: 'The ONNX metadata has no "classes" entry.' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(classesText);
  } catch {
    return { ok: false, message: 'The ONNX metadata "classes" is not JSON.' };
  }
  const classes = ClassesSchema.safeParse(parsed);
  if (!classes.success) {
    return {
      ok: false,
      message: 'The ONNX metadata "classes" is not an array of at least two labels.',
    };
  }
  if (!version) return { ok: false, message: 'The ONNX metadata has no "version" entry.' };
  return { ok: true, metadata: { classes: classes.data, version } };
}
