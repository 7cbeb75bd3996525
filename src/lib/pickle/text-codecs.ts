/**
 * The byte-to-text codecs a pickle's arguments go through, written to fail exactly where CPython's
 * fail and with CPython 3.11's messages: UTF-8 (strict, or with 'surrogatepass' as pickle uses for
 * str), ASCII, Latin-1, `codecs.escape_decode` (STRING's backslash escapes) and
 * 'raw-unicode-escape' (protocol 0's UNICODE). The message formats are those of
 * UnicodeDecodeError.__str__ ("'utf-8' codec can't decode byte 0xc3 in position 0: invalid
 * continuation byte") and of Objects/bytesobject.c's escape decoder.
 */

/** A Python exception: its type name (`UnicodeDecodeError`, `ValueError`, …) and message. */
export class PythonError extends Error {
  /** Makes the error; `pyType` is the Python exception class name. */
  constructor(
    readonly pyType: string,
    message: string,
  ) {
    super(message);
  }
}

const hex2 = (b: number): string => b.toString(16).padStart(2, '0');

/** UnicodeDecodeError.__str__: one byte, or a range of bytes, and the reason. */
function decodeError(codec: string, bytes: Uint8Array, start: number, end: number, reason: string) {
  const where =
    end - start === 1
      ? `byte 0x${hex2(bytes[start] ?? 0)} in position ${start}`
      : `bytes in position ${start}-${end - 1}`;
  return new PythonError('UnicodeDecodeError', `'${codec}' codec can't decode ${where}: ${reason}`);
}

/** Latin-1: every byte is the code point of the same value (first `limit` bytes). */
export function latin1(bytes: Uint8Array, limit = bytes.length): string {
  let out = '';
  const end = Math.min(bytes.length, limit);
  for (let i = 0; i < end; i++) out += String.fromCharCode(bytes[i] ?? 0);
  return out;
}

/** `bytes.decode('ascii')`: throws UnicodeDecodeError at the first byte ≥ 0x80. */
export function decodeAscii(bytes: Uint8Array): string {
  const bad = bytes.findIndex((b) => b >= 0x80);
  if (bad >= 0) throw decodeError('ascii', bytes, bad, bad + 1, 'ordinal not in range(128)');
  return latin1(bytes);
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Allowed range of the second byte after a lead byte (Unicode Table 3-7); later bytes are 80–BF. */
function secondByteRange(lead: number, surrogatePass: boolean): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return surrogatePass ? [0x80, 0xbf] : [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

/** Length of the sequence a lead byte starts (0 when it cannot start one). */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * `str(bytes, 'utf-8')`, or with `surrogatePass` `str(bytes, 'utf-8', 'surrogatepass')` (encoded
 * surrogates ED A0 80 … become lone surrogates). Throws UnicodeDecodeError as CPython reports it:
 * "invalid start byte", "invalid continuation byte" or "unexpected end of data".
 */
export function decodeUtf8(bytes: Uint8Array, surrogatePass: boolean): string {
  try {
    return fatalUtf8.decode(bytes);
  } catch {
    // Fall through: find the error (or the encoded surrogates) byte by byte.
  }
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i] as number;
    const length = sequenceLength(lead);
    if (length === 0) throw decodeError('utf-8', bytes, i, i + 1, 'invalid start byte');
    let codePoint = length === 1 ? lead : lead & (0xff >> (length + 1));
    // An encoded surrogate is first a strict error at ED; 'surrogatepass' then takes all three
    // bytes, or, when it cannot, the strict error stands.
    const surrogate = surrogatePass && lead === 0xed && (bytes[i + 1] ?? 0) >= 0xa0;
    for (let k = 1; k < length; k++) {
      const b = bytes[i + k];
      if (surrogate && (b === undefined || b < 0x80 || b > 0xbf)) {
        throw decodeError('utf-8', bytes, i, i + 1, 'invalid continuation byte');
      }
      if (b === undefined)
        throw decodeError('utf-8', bytes, i, bytes.length, 'unexpected end of data');
      const [lo, hi] = k === 1 ? secondByteRange(lead, surrogatePass) : [0x80, 0xbf];
      if (b < lo || b > hi)
        throw decodeError('utf-8', bytes, i, i + k, 'invalid continuation byte');
      codePoint = (codePoint << 6) | (b & 0x3f);
    }
    out += String.fromCodePoint(codePoint);
    i += length;
  }
  return out;
}

const isHex = (b: number | undefined) =>
  b !== undefined &&
  ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66));

const SIMPLE_ESCAPES: Readonly<Record<number, number>> = {
  0x5c: 0x5c, // \\
  0x27: 0x27, // \'
  0x22: 0x22, // \"
  0x61: 0x07, // \a
  0x62: 0x08, // \b
  0x66: 0x0c, // \f
  0x6e: 0x0a, // \n
  0x72: 0x0d, // \r
  0x74: 0x09, // \t
  0x76: 0x0b, // \v
};

/**
 * `codecs.escape_decode`: the backslash escapes of a bytes literal. Unknown escapes keep their
 * backslash; octal escapes take up to three digits (modulo 256); ValueError for a bad \x escape
 * or a trailing backslash.
 */
export function escapeDecode(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const b = data[i] as number;
    if (b !== 0x5c) {
      out.push(b);
      continue;
    }
    const next = data[i + 1];
    if (next === undefined) throw new PythonError('ValueError', 'Trailing \\ in string');
    const simple = SIMPLE_ESCAPES[next];
    if (next === 0x0a) {
      i += 1; // backslash-newline is a line continuation
    } else if (simple !== undefined) {
      out.push(simple);
      i += 1;
    } else if (next >= 0x30 && next <= 0x37) {
      let value = 0;
      let j = i + 1;
      while (j < i + 4 && (data[j] ?? 0) >= 0x30 && (data[j] ?? 0) <= 0x37) {
        value = value * 8 + ((data[j] as number) - 0x30);
        j++;
      }
      out.push(value & 0xff);
      i = j - 1;
    } else if (next === 0x78) {
      if (!isHex(data[i + 2]) || !isHex(data[i + 3])) {
        throw new PythonError('ValueError', `invalid \\x escape at position ${i}`);
      }
      out.push(parseInt(String.fromCharCode(data[i + 2] ?? 0, data[i + 3] ?? 0), 16));
      i += 3;
    } else {
      out.push(0x5c);
    }
  }
  return Uint8Array.from(out);
}

/**
 * The 'raw-unicode-escape' codec: \uXXXX and \UXXXXXXXX escapes after an odd number of
 * backslashes; every other byte is its Latin-1 character. UnicodeDecodeError for a truncated or
 * out-of-range escape, reported over the bytes from the backslash run to the offending byte.
 */
export function rawUnicodeEscapeDecode(data: Uint8Array): string {
  let out = '';
  for (let i = 0; i < data.length;) {
    if (data[i] !== 0x5c) {
      out += String.fromCharCode(data[i++] as number);
      continue;
    }
    const start = i;
    while (data[i] === 0x5c) {
      out += '\\';
      i++;
    }
    const kind = data[i];
    if ((i - start) % 2 === 0 || (kind !== 0x75 && kind !== 0x55)) continue;
    out = out.slice(0, -1); // the escape's own backslash
    const width = kind === 0x75 ? 4 : 8;
    const reason = kind === 0x75 ? 'truncated \\uXXXX escape' : 'truncated \\UXXXXXXXX escape';
    i++;
    let codePoint = 0;
    for (let k = 0; k < width; k++, i++) {
      if (!isHex(data[i])) throw decodeError('rawunicodeescape', data, start, i, reason);
      codePoint = codePoint * 16 + parseInt(String.fromCharCode(data[i] as number), 16);
    }
    if (codePoint > 0x10ffff) {
      throw decodeError('rawunicodeescape', data, start, i, '\\Uxxxxxxxx out of range');
    }
    out += String.fromCodePoint(codePoint);
  }
  return out;
}
