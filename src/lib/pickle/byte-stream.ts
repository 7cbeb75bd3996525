/**
 * Phase 1 of the disassembler: the byte stream. A bounds-checked cursor, and each opcode's inline
 * argument decoded as `pickletools.genops` decodes it (Lib/pickletools.py, the `read_*`
 * functions): the same values, and a failure wherever genops raises (short data, a bad literal,
 * text that does not decode). Lengths read from the stream may be hostile, so every read is
 * checked before any allocation.
 */
import type { PickleArgFormat, PickleOpcodeInfo } from './opcode-format';
import { pyBytesRepr, pyFloatRepr, pyStrRepr } from './python-repr';
import type { PickleArg, PickleErrorKind } from './types';
import {
  decodeAscii,
  decodeUtf8,
  escapeDecode,
  latin1,
  PythonError,
  rawUnicodeEscapeDecode,
} from './text-codecs';

/** LONG4 integers longer than this are reported by size only (exact conversion would be slow). */
const MAX_LONG_BYTES = 4096;

/** Why and where reading stopped; `kind` feeds PickleError. */
export class StreamError extends Error {
  /** Makes the error. */
  constructor(
    readonly kind: PickleErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** A bounds-checked reader over the input; every short read throws a StreamError. */
export class Cursor {
  /** Offset of the next unread byte. */
  pos = 0;
  readonly #view: DataView;
  /** Reads `bytes` from offset 0. */
  constructor(readonly bytes: Uint8Array) {
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  /** Bytes not read yet. */
  get remaining(): number {
    return this.bytes.length - this.pos;
  }
  /** Throws unless `n` more bytes are there. */
  need(n: number, what: string): void {
    if (n > this.remaining) {
      throw new StreamError(
        'truncated',
        `${what} needs ${n} byte${n === 1 ? '' : 's'} but only ${this.remaining} remain.`,
      );
    }
  }
  /** One unsigned byte. */
  u8(what: string): number {
    this.need(1, what);
    return this.bytes[this.pos++] as number;
  }
  /** A little-endian fixed-width integer of `width` bytes (2 or 4, signed or not). */
  int(width: 2 | 4, signed: boolean, what: string): number {
    this.need(width, what);
    const v =
      width === 2
        ? this.#view.getUint16(this.pos, true)
        : signed
          ? this.#view.getInt32(this.pos, true)
          : this.#view.getUint32(this.pos, true);
    this.pos += width;
    return v;
  }
  /** A little-endian unsigned 64-bit integer. */
  u64(what: string): bigint {
    this.need(8, what);
    const v = this.#view.getBigUint64(this.pos, true);
    this.pos += 8;
    return v;
  }
  /** A big-endian IEEE-754 double (BINFLOAT). */
  f64be(what: string): number {
    this.need(8, what);
    const v = this.#view.getFloat64(this.pos, false);
    this.pos += 8;
    return v;
  }
  /** Bytes up to (not including) the next newline, which is consumed. */
  line(what: string): Uint8Array {
    const end = this.bytes.indexOf(0x0a, this.pos);
    if (end < 0)
      throw new StreamError('truncated', `${what}: no newline before the end of the data.`);
    const out = this.bytes.subarray(this.pos, end);
    this.pos = end + 1;
    return out;
  }
  /** `length` bytes, after checking that the stream holds them (lengths may be hostile). */
  take(length: number | bigint, what: string): Uint8Array {
    if (BigInt(length) > BigInt(this.remaining)) {
      throw new StreamError(
        'truncated',
        `${what} declares ${length} bytes but only ${this.remaining} remain.`,
      );
    }
    const n = Number(length);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}

/** Runs a text codec; a Python decoding error becomes a bad-argument StreamError. */
function decoded<T>(what: string, decode: () => T): T {
  try {
    return decode();
  } catch (e) {
    if (e instanceof PythonError)
      throw new StreamError('bad-argument', `${what}: ${e.pyType}: ${e.message}`);
    throw e;
  }
}

function textArg(value: string, byteLength: number, maxChars: number): PickleArg {
  const chars = Array.from(value);
  const truncated = chars.length > maxChars;
  return {
    kind: 'text',
    value: truncated ? chars.slice(0, maxChars).join('') : value,
    byteLength,
    truncated,
  };
}

function bytesArg(bytes: Uint8Array, maxChars: number): PickleArg {
  return {
    kind: 'bytes',
    preview: bytes.slice(0, maxChars),
    byteLength: bytes.length,
    truncated: bytes.length > maxChars,
  };
}

const PY_SPACE = '[ \\t\\n\\v\\f\\r]*';
const PY_INT = new RegExp(`^${PY_SPACE}[+-]?\\d(_?\\d)*${PY_SPACE}$`);
const DIGITS = '\\d(_?\\d)*';
const PY_FLOAT = new RegExp(
  `^${PY_SPACE}[+-]?(((${DIGITS})(\\.(${DIGITS})?)?|\\.${DIGITS})([eE][+-]?${DIGITS})?|inf|infinity|nan)${PY_SPACE}$`,
  'i',
);

/** Python's `int(b)` on bytes: base 10, ASCII whitespace around, underscores between digits. */
function pythonInt(bytes: Uint8Array, what: string): bigint {
  const text = latin1(bytes);
  if (!PY_INT.test(text))
    throw new StreamError(
      'bad-argument',
      `${what}: ${pyBytesRepr(bytes.slice(0, 40))} is not an integer.`,
    );
  return BigInt(text.replace(/[\s_]/g, ''));
}

/** Python's `float(b)` on bytes, including inf/infinity/nan spellings and underscores. */
function pythonFloat(bytes: Uint8Array): number {
  const text = latin1(bytes);
  if (!PY_FLOAT.test(text))
    throw new StreamError(
      'bad-argument',
      `FLOAT: ${pyBytesRepr(bytes.slice(0, 40))} is not a number.`,
    );
  const t = text.replace(/[\s_]/g, '').toLowerCase();
  if (t.endsWith('nan')) return Number.NaN;
  if (t.endsWith('inf') || t.endsWith('infinity')) return t.startsWith('-') ? -Infinity : Infinity;
  return Number(t);
}

/** Little-endian two's-complement integer, as pickle.decode_long reads LONG1/LONG4 bytes. */
export function decodeLong(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let hex = '';
  for (let i = bytes.length - 1; i >= 0; i--)
    hex += (bytes[i] as number).toString(16).padStart(2, '0');
  const unsigned = BigInt(`0x${hex}`);
  const negative = ((bytes[bytes.length - 1] as number) & 0x80) !== 0;
  return negative ? unsigned - (1n << BigInt(8 * bytes.length)) : unsigned;
}

/**
 * pickletools' read_stringnl: quotes required unless `stripQuotes` is off, then backslash escapes
 * and ASCII. Returns the text and the byte length after unescaping.
 */
function stringnl(
  cur: Cursor,
  what: string,
  stripQuotes: boolean,
): { text: string; length: number } {
  let data = cur.line(what);
  if (stripQuotes) {
    const q = data[0];
    if (q !== 0x27 && q !== 0x22) {
      throw new StreamError('bad-argument', `${what}: no string quotes around the argument.`);
    }
    if (data[data.length - 1] !== q) {
      throw new StreamError('bad-argument', `${what}: the opening quote is not closed.`);
    }
    data = data.subarray(1, data.length - 1);
  }
  const bytes = decoded(what, () => escapeDecode(data));
  return { text: decoded(what, () => decodeAscii(bytes)), length: bytes.length };
}

const HIGHEST_SIZE = (1n << 63n) - 1n; // sys.maxsize on 64-bit builds

function counted(cur: Cursor, length: number | bigint, what: string): Uint8Array {
  if (BigInt(length) > HIGHEST_SIZE)
    throw new StreamError('bad-argument', `${what} byte count exceeds sys.maxsize.`);
  return cur.take(length, what);
}

type ArgReader = (cur: Cursor, what: string, maxChars: number) => PickleArg | null;

/** One reader per argument format, mirroring pickletools' `read_*` functions. */
const READERS: Record<PickleArgFormat, ArgReader> = {
  none: () => null,
  uint1: (cur, what) => ({ kind: 'int', value: BigInt(cur.u8(what)) }),
  uint2: (cur, what) => ({ kind: 'int', value: BigInt(cur.int(2, false, what)) }),
  int4: (cur, what) => ({ kind: 'int', value: BigInt(cur.int(4, true, what)) }),
  uint4: (cur, what) => ({ kind: 'int', value: BigInt(cur.int(4, false, what)) }),
  uint8: (cur, what) => ({ kind: 'int', value: cur.u64(what) }),
  decimalnl_short: (cur, what) => {
    const line = cur.line(what);
    const text = latin1(line);
    if (text === '00' || text === '01') return { kind: 'bool', value: text === '01' };
    return { kind: 'int', value: pythonInt(line, what) };
  },
  decimalnl_long: (cur, what) => {
    const line = cur.line(what);
    return {
      kind: 'int',
      value: pythonInt(line[line.length - 1] === 0x4c ? line.subarray(0, -1) : line, what),
    };
  },
  floatnl: (cur, what) => ({ kind: 'float', value: pythonFloat(cur.line(what)) }),
  float8: (cur, what) => ({ kind: 'float', value: cur.f64be(what) }),
  long1: (cur, what) => ({ kind: 'int', value: decodeLong(cur.take(cur.u8(what), what)) }),
  long4: (cur, what) => {
    const n = cur.int(4, true, what);
    if (n < 0) throw new StreamError('bad-argument', `LONG4 byte count is negative (${n}).`);
    const data = cur.take(n, what);
    return n > MAX_LONG_BYTES
      ? { kind: 'huge-int', byteLength: n }
      : { kind: 'int', value: decodeLong(data) };
  },
  stringnl: (cur, what, maxChars) => {
    const { text, length } = stringnl(cur, what, true);
    return textArg(text, length, maxChars);
  },
  stringnl_noescape: (cur, what, maxChars) => {
    const { text, length } = stringnl(cur, what, false);
    return textArg(text, length, maxChars);
  },
  stringnl_noescape_pair: (cur, what) => {
    const module = stringnl(cur, `${what} module`, false).text;
    const name = stringnl(cur, `${what} name`, false).text;
    return { kind: 'global', module, name };
  },
  string1: (cur, what, maxChars) => {
    const data = cur.take(cur.u8(what), what);
    return textArg(latin1(data), data.length, maxChars);
  },
  string4: (cur, what, maxChars) => {
    const n = cur.int(4, true, what);
    if (n < 0) throw new StreamError('bad-argument', `BINSTRING byte count is negative (${n}).`);
    const data = cur.take(n, what);
    return textArg(latin1(data), data.length, maxChars);
  },
  bytes1: (cur, what, maxChars) => bytesArg(cur.take(cur.u8(what), what), maxChars),
  bytes4: (cur, what, maxChars) => bytesArg(cur.take(cur.int(4, false, what), what), maxChars),
  bytes8: (cur, what, maxChars) => bytesArg(counted(cur, cur.u64(what), what), maxChars),
  bytearray8: (cur, what, maxChars) => bytesArg(counted(cur, cur.u64(what), what), maxChars),
  unicodestringnl: (cur, what, maxChars) => {
    const raw = cur.line(what);
    return textArg(
      decoded(what, () => rawUnicodeEscapeDecode(raw)),
      raw.length,
      maxChars,
    );
  },
  unicodestring1: (cur, what, maxChars) => utf8Arg(cur.take(cur.u8(what), what), what, maxChars),
  unicodestring4: (cur, what, maxChars) =>
    utf8Arg(cur.take(cur.int(4, false, what), what), what, maxChars),
  unicodestring8: (cur, what, maxChars) =>
    utf8Arg(counted(cur, cur.u64(what), what), what, maxChars),
};

function utf8Arg(bytes: Uint8Array, what: string, maxChars: number): PickleArg {
  return textArg(
    decoded(what, () => decodeUtf8(bytes, true)),
    bytes.length,
    maxChars,
  );
}

/** Reads the inline argument of `info` at the cursor, as genops would; throws StreamError. */
export function readArgument(
  info: PickleOpcodeInfo,
  cur: Cursor,
  maxChars: number,
): PickleArg | null {
  return READERS[info.arg](cur, info.name, maxChars);
}

/** The argument as pickletools prints it. */
export function argText(arg: PickleArg | null): string {
  if (!arg) return '';
  switch (arg.kind) {
    case 'int':
      return arg.value.toString();
    case 'huge-int':
      return `<integer of ${arg.byteLength} bytes>`;
    case 'bool':
      return arg.value ? 'True' : 'False';
    case 'float':
      return pyFloatRepr(arg.value);
    case 'text':
      return pyStrRepr(arg.value) + (arg.truncated ? `… (${arg.byteLength} bytes)` : '');
    case 'bytes':
      return pyBytesRepr(arg.preview) + (arg.truncated ? `… (${arg.byteLength} bytes)` : '');
    case 'global':
      return pyStrRepr(`${arg.module} ${arg.name}`);
  }
}
