/**
 * The pickle inspector's lazy boundary: imported on first use, it reads a sample or the reader's
 * file and disassembles it with src/lib/pickle (nothing is ever unpickled). Every outcome is a
 * value: a disassembly with its verdict, or a message for the file field.
 */
import {
  disassemblePickle,
  MAX_PICKLE_BYTES,
  type PickleDisassembly,
} from '../../lib/pickle/disassemble';
import { pickleVerdict, type PickleVerdict } from '../../lib/pickle/verdict';
import { fetchBytes } from '../widget/assets';
import { readUpload } from './upload';

/** What the inspector shows for one file. */
export type PickleInspection =
  | { ok: true; name: string; disassembly: PickleDisassembly; verdict: PickleVerdict }
  | { ok: false; name: string; message: string };

function inspect(name: string, bytes: Uint8Array): PickleInspection {
  const disassembly = disassemblePickle(bytes, { maxBytes: MAX_PICKLE_BYTES });
  return { ok: true, name, disassembly, verdict: pickleVerdict(disassembly) };
}

/** Inspects one of the published samples (a download failure is thrown, for Retry). */
export async function inspectSample(file: string): Promise<PickleInspection> {
  return inspect(file, await fetchBytes(`samples/${file}`));
}

/** Inspects a file the reader picked; empty files are read too, since Python refuses them in its own words. */
export async function inspectUpload(file: File): Promise<PickleInspection> {
  if (file.size === 0) return inspect(file.name, new Uint8Array(0));
  const read = await readUpload(file, MAX_PICKLE_BYTES);
  return read.ok
    ? inspect(file.name, read.bytes)
    : { ok: false, name: file.name, message: read.message };
}
