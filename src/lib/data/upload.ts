/**
 * The size check every file input in the booklet runs before reading a byte: a file over the
 * limit is refused with a sentence for the field, so a huge file is never pulled into memory.
 */
import { formatBytes } from '../format';

/** A message for the field when the file cannot be read, or null when its size is acceptable. */
export function uploadSizeProblem(name: string, size: number, maxBytes: number): string | null {
  const shown = name.length > 80 ? `${name.slice(0, 77)}…` : name;
  if (!Number.isFinite(size) || size < 0) return `“${shown}” has no readable size.`;
  if (size === 0) return `“${shown}” is empty (0 bytes): there is nothing to inspect.`;
  if (size > maxBytes) {
    return `“${shown}” is ${formatBytes(size)}; this inspector reads files up to ${formatBytes(maxBytes)}. It was not read.`;
  }
  return null;
}
