/**
 * Reading a file the reader picked, defensively (issue 15 #10): the size is checked before a
 * byte is read (uploadSizeProblem), and a read that fails (the file was moved, permissions) is a
 * sentence for the field that keeps the browser's reason, never a thrown error.
 */
import { uploadSizeProblem } from '../../lib/data/upload';

/** The bytes of `file`, or the message to show at its field. */
export type UploadRead = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

/** Reads `file` if it is no larger than `maxBytes` (and not empty). */
export async function readUpload(file: File, maxBytes: number): Promise<UploadRead> {
  const problem = uploadSizeProblem(file.name, file.size, maxBytes);
  if (problem !== null) return { ok: false, message: problem };
  try {
    return { ok: true, bytes: new Uint8Array(await file.arrayBuffer()) };
  } catch (error) {
    // The File API rejects with a DOMException (NotReadableError, NotFoundError); say which.
    const reason =
      error instanceof DOMException ? `${error.name}: ${error.message}` : String(error);
    return { ok: false, message: `“${file.name}” could not be read (${reason}).` };
  }
}
