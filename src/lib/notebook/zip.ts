/**
 * The downloadable bundle of the labs: the module folders exactly as committed, plus the labs'
 * README, in one zip. Entries are sorted and share a fixed date, so the same files always give
 * the same bytes.
 */
import { zipSync, type Zippable } from 'fflate';
import { isLabZipPath } from './labs';

/** One file of the bundle, by its path relative to `labs/`. */
export interface LabFile {
  path: string;
  content: Uint8Array;
}

/** Outcome of `buildLabsZip`. */
export type LabsZipResult = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

/**
 * Every entry gets the same modification time so unchanged labs give a byte-identical zip.
 * The zip format stores local wall-clock fields (MS-DOS date/time) and fflate fills them with the
 * local-time getters, so the date is built from local fields to be the same in every time zone.
 */
const FIXED_MTIME = new Date(2000, 0, 1, 12, 0, 0);

/**
 * Zips the given files at their `labs/`-relative paths. Files outside the module folders or
 * under caches are refused (the caller lists tracked files; anything else is a bug), as are
 * duplicates. Returns an error, never throws.
 */
export function buildLabsZip(files: readonly LabFile[]): LabsZipResult {
  const zippable: Zippable = {};
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of sorted) {
    if (!isLabZipPath(file.path)) return { ok: false, error: `not a lab file: ${file.path}` };
    if (Object.hasOwn(zippable, file.path))
      return { ok: false, error: `listed twice: ${file.path}` };
    zippable[file.path] = [file.content, { mtime: FIXED_MTIME, level: 9 }];
  }
  try {
    return { ok: true, bytes: zipSync(zippable, { mtime: FIXED_MTIME }) };
  } catch (error) {
    return {
      ok: false,
      error: `zip failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
