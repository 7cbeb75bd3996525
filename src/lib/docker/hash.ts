/**
 * A small non-cryptographic string hash for cache keys in the build simulation. Two 32-bit FNV-1a
 * passes with different offset bases give a 64-bit digest, so accidental collisions between the
 * few thousand keys a simulated build creates are vanishingly unlikely (birthday bound ~2^-40).
 * FNV-1a as specified by Fowler, Noll and Vo: for each byte, xor it in, then multiply by 16777619.
 */

const FNV_PRIME = 0x01000193;
const FNV_OFFSET = 0x811c9dc5;
// Second lane: a different (arbitrary, fixed) start state so the two halves are independent.
const SECOND_OFFSET = 0x9747b28c;

/**
 * 64-bit digest of a string's UTF-8 bytes, as 16 hex digits: the first 8 are standard 32-bit
 * FNV-1a, the last 8 the same recurrence from a second start state. The UTF-8 bytes are produced
 * on the fly (lone surrogates become U+FFFD, as TextEncoder does), so nothing is allocated.
 */
export function hashString(text: string): string {
  let a = FNV_OFFSET;
  let b = SECOND_OFFSET;
  const feed = (byte: number): void => {
    a = Math.imul(a ^ byte, FNV_PRIME);
    b = Math.imul(b ^ byte, FNV_PRIME);
  };
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      feed(code);
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else {
        code = 0xfffd;
      }
    }
    if (code < 0x800) {
      feed(0xc0 | (code >> 6));
    } else if (code < 0x10000) {
      feed(0xe0 | (code >> 12));
      feed(0x80 | ((code >> 6) & 0x3f));
    } else {
      feed(0xf0 | (code >> 18));
      feed(0x80 | ((code >> 12) & 0x3f));
      feed(0x80 | ((code >> 6) & 0x3f));
    }
    feed(0x80 | (code & 0x3f));
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
