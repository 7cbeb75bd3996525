/**
 * Stable nbformat 4.5 cell ids. An id depends only on the chapter slug, the cell's position and its
 * content, so regenerating an unchanged chapter gives byte-identical notebooks (no random UUIDs).
 */

const FNV_OFFSET_BASIS_32 = 0x811c9dc5;
const FNV_PRIME_32 = 0x01000193;

/**
 * 32-bit FNV-1a hash of the UTF-8 bytes of `text` (Fowler–Noll–Vo, FNV-1a variant: xor the byte,
 * then multiply by the 32-bit FNV prime 16777619 modulo 2^32), as an unsigned integer.
 */
export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET_BASIS_32;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME_32) >>> 0;
  }
  return hash >>> 0;
}

/** Longest slug prefix kept in an id, leaving room for `-NNN-xxxxxxxx` within nbformat's 64 chars. */
const MAX_SLUG_LENGTH = 40;

/** Reduces a slug to nbformat's id alphabet `[a-zA-Z0-9-_]`, replacing anything else with `_`. */
export function idSafeSlug(slug: string): string {
  let safe = '';
  for (const char of slug) {
    const code = char.codePointAt(0) ?? 0;
    const allowed =
      (code >= 0x30 && code <= 0x39) ||
      (code >= 0x41 && code <= 0x5a) ||
      (code >= 0x61 && code <= 0x7a) ||
      char === '-' ||
      char === '_';
    safe += allowed ? char : '_';
  }
  safe = safe.slice(0, MAX_SLUG_LENGTH);
  return safe.length > 0 ? safe : 'cell';
}

/**
 * Cell id `<slug>-<index>-<hash>`: the index keeps ids unique when two cells share a source,
 * the hash of type, index and source makes an edited cell get a new id.
 */
export function makeCellId(slug: string, index: number, cellType: string, source: string): string {
  const hash = fnv1a32(`${slug}\u0000${index}\u0000${cellType}\u0000${source}`);
  return `${idSafeSlug(slug)}-${String(index).padStart(3, '0')}-${hash.toString(16).padStart(8, '0')}`;
}
