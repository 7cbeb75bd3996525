/**
 * The ONNX inspector's lazy boundary: imported on first use (it pulls in the protobuf decoder),
 * it reads the reader's file or the published model and decodes it with src/lib/onnx/decode.ts.
 * Every outcome is a value: a summary, or a message for the file field.
 */
import { decodeOnnx, MAX_ONNX_BYTES, type OnnxSummary } from '../../lib/onnx/decode';
import { loadModelBytes } from '../widget/assets';
import { readUpload } from './upload';

/** What the inspector shows: a summary, or why the file could not be inspected. */
export type OnnxInspection =
  { ok: true; name: string; summary: OnnxSummary } | { ok: false; name: string; message: string };

function inspect(name: string, bytes: Uint8Array): OnnxInspection {
  const result = decodeOnnx(bytes);
  return result.ok
    ? { ok: true, name, summary: result.summary }
    : { ok: false, name, message: `“${name}” could not be inspected. ${result.error.message}` };
}

/** Inspects a file the reader picked (refused before reading when empty or over 100 MB). */
export async function inspectUpload(file: File): Promise<OnnxInspection> {
  const read = await readUpload(file, MAX_ONNX_BYTES);
  return read.ok
    ? inspect(file.name, read.bytes)
    : { ok: false, name: file.name, message: read.message };
}

/** Inspects the booklet's published model (a download failure is thrown, for Retry). */
export async function inspectPublished(): Promise<OnnxInspection> {
  return inspect('penguins.onnx', await loadModelBytes());
}
