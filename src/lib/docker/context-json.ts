/** Reads a build-context listing shipped in the page as JSON, keeping only well-formed entries. */
import type { ContextFile } from './cache';

/** Parses `[{ path, version, size?, files? }]`; anything malformed is dropped, never thrown. */
export function parseContextJson(text: string | undefined): ContextFile[] {
  if (!text) return [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    // A malformed listing is treated as an empty context; anything else is a real fault.
    if (error instanceof SyntaxError) return [];
    throw error;
  }
  if (!Array.isArray(data)) return [];
  const out: ContextFile[] = [];
  for (const item of data) {
    if (typeof item !== 'object' || item === null) continue;
    const { path, version, size, files } = item as Record<string, unknown>;
    if (typeof path !== 'string' || path === '' || typeof version !== 'string') continue;
    const file: ContextFile = { path, version };
    if (typeof size === 'number' && Number.isFinite(size) && size >= 0) file.size = size;
    if (typeof files === 'number' && Number.isInteger(files) && files > 0) file.files = files;
    out.push(file);
  }
  return out;
}
