/**
 * The first phase of reading an uploaded ONNX file: the size cap, recognizing other formats
 * readers pick by mistake, the protobuf decode and the sanity checks that tell a model from bytes
 * that merely parse. Failures are typed results worded for the reader; nothing throws.
 */
import { decodeModelProto, ProtoDecodeError, type ModelProto } from './onnx-proto';

/** Largest file `decodeOnnx` reads by default (100 MiB), checked before anything is parsed. */
export const MAX_ONNX_BYTES = 100 * 1024 * 1024;

/** Why a file could not be summarized. */
export type OnnxDecodeErrorKind = 'empty' | 'too-large' | 'malformed' | 'not-onnx' | 'limit';

/** A failure, worded for the reader. */
export interface OnnxDecodeError {
  kind: OnnxDecodeErrorKind;
  message: string;
}

/** A failed read: the typed result every reader in this folder returns instead of throwing. */
export function failure(
  kind: OnnxDecodeErrorKind,
  message: string,
): { ok: false; error: OnnxDecodeError } {
  return { ok: false, error: { kind, message } };
}

/** The message of a caught value, for a reader-facing sentence. */
export function causeText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

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
export function clip(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Decodes ModelProto bytes with the size cap, format sniffing and sanity checks `decodeOnnx` applies. */
export function parseModel(
  bytes: Uint8Array,
  maxBytes: number,
): { ok: true; model: ModelProto } | { ok: false; error: OnnxDecodeError } {
  if (bytes.length === 0) return failure('empty', 'The file is empty.');
  if (bytes.length > maxBytes)
    return failure(
      'too-large',
      `The file is ${bytes.length} bytes; the limit here is ${maxBytes} bytes.`,
    );
  const other = sniffOtherFormat(bytes);
  if (other) return failure('not-onnx', `This looks like ${other}, not an ONNX model.`);
  let model: ModelProto;
  try {
    model = decodeModelProto(bytes);
  } catch (e) {
    const detail = causeText(e);
    return e instanceof ProtoDecodeError && e.kind === 'limit'
      ? failure('limit', `The file is too complex to inspect here (${detail}).`)
      : failure(
          'malformed',
          `This is not a readable ONNX file: the protobuf data is damaged or truncated (${detail}).`,
        );
  }
  // Any byte string can happen to parse as *some* protobuf. A model declares its IR version
  // (1 to a few dozen) and carries a graph or at least an opset import.
  const ir = model.ir_version;
  if (ir < 1n || ir > 1000n || (!model.graph && model.opset_import.length === 0))
    return failure('not-onnx', 'This file is not an ONNX model: it has no IR version or no graph.');
  return { ok: true, model };
}
