/**
 * The state and the reading rules of CPython 3.11's C unpickler (Modules/_pickle.c) that
 * python-load.ts replays: the object stack with its marks and fence, the memo, the bounds-checked
 * reads with C's messages, and how INT, LONG, GET/PUT and FLOAT parse their text literals.
 */
import { pyStrRepr } from './python-repr';
import type { PyValue } from './python-values';
import { decodeUtf8, latin1, PythonError } from './text-codecs';

export const SSIZE_MAX = (1n << 63n) - 1n;
const lenientUtf8 = new TextDecoder('utf-8');

/**
 * How C error messages quote the text they failed on: its first 200 bytes, as strict UTF-8 for
 * PyLong_FromString (a failure there raises UnicodeDecodeError instead) or with replacement
 * characters for %.200s.
 */
function quoted(text: string, lenient: boolean): string {
  const bytes = Uint8Array.from(text.slice(0, 200), (c) => c.charCodeAt(0));
  return lenient ? lenientUtf8.decode(bytes) : decodeUtf8(bytes, false);
}
export const PERSISTENT_REFUSAL =
  'A load persistent id instruction was encountered,\nbut no persistent_load function was specified.';

/** Thrown when the replay reaches an import: the outcome is `runs-code`. */
export class ReachesImport extends Error {}

export const unpicklingError = (message: string) => new PythonError('UnpicklingError', message);

/** C's strtol(s, &end, 0) over the whole line, then PyLong_FromString(s, NULL, 0): INT's rules. */
export const C_STRTOL = /^[ \t\n\v\f\r]*[+-]?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/;
export const PY_LONG_BASE0 =
  /^[ \t\n\v\f\r]*[+-]?(0[xX](_?[0-9a-fA-F])+|0[oO](_?[0-7])+|0[bB](_?[01])+|0(_?0)*|[1-9](_?[0-9])*)[ \t\n\v\f\r]*$/;

/** The integer a literal already checked by one of the patterns above denotes. */
export function literalValue(text: string, base: 0 | 10): bigint {
  const t = text.trim().replaceAll('_', '');
  const negative = t.startsWith('-');
  const body = t.replace(/^[+-]/, '').toLowerCase();
  const octal = base === 0 && /^0[0-7]+$/.test(body); // C's strtol reads a leading 0 as octal
  const value = octal
    ? BigInt(`0o${body.slice(1)}`)
    : BigInt(base === 10 ? body.replace(/^0+(?=\d)/, '') : body);
  return negative ? -value : value;
}

/** PyLong_FromString(s, NULL, base) as LONG (base 0), GET and PUT (base 10) use it. */
export function pyLong(text: string, base: 0 | 10): bigint {
  const ok =
    base === 0
      ? PY_LONG_BASE0.test(text)
      : /^[ \t\n\v\f\r]*[+-]?\d(_?\d)*[ \t\n\v\f\r]*$/.test(text);
  if (ok) return literalValue(text, base);
  const prefix = /^[ \t\n\v\f\r]*[+-]?0([xXoObB])/.exec(text)?.[1]?.toLowerCase();
  const shownBase = base === 10 || !prefix ? 10 : { x: 16, o: 8, b: 2 }[prefix];
  throw new PythonError(
    'ValueError',
    `invalid literal for int() with base ${shownBase}: ${pyStrRepr(quoted(text, false)).slice(0, 200)}`,
  );
}

/** PyOS_string_to_double as FLOAT uses it: no surrounding space, no underscores, one literal. */
export function cFloat(line: string): void {
  const text = line.split('\0')[0] as string;
  const shown = quoted(text, true);
  const match = /^[+-]?(infinity|inf|nan|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)/i.exec(text);
  if (!match || match[0] === '' || /^[+-]$/.test(match[0])) {
    throw new PythonError('ValueError', `could not convert string to float: '${shown}'`);
  }
  const rest = text.slice(match[0].length);
  if (rest !== '\n' && rest !== '')
    throw new PythonError('ValueError', 'could not convert string to float');
  if (match[2] !== undefined && !Number.isFinite(Number(match[0]))) {
    throw new PythonError('OverflowError', `value too large to convert to float: '${shown}'`);
  }
}

/** The C unpickler's state: the object stack, the mark positions and the memo. */
export class CUnpickler {
  readonly stack: PyValue[] = [];
  readonly marks: number[] = [];
  readonly memo = new Map<bigint, PyValue>();
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}

  get fence(): number {
    return this.marks[this.marks.length - 1] ?? 0;
  }
  underflow(): never {
    throw unpicklingError(
      this.marks.length > 0 ? 'unexpected MARK found' : 'unpickling stack underflow',
    );
  }
  marker(): number {
    const mark = this.marks.pop();
    if (mark === undefined) throw unpicklingError('could not find MARK');
    return mark;
  }
  pop(): PyValue {
    if (this.stack.length <= this.fence) this.underflow();
    return this.stack.pop() as PyValue;
  }
  top(): PyValue {
    if (this.stack.length <= this.fence) this.underflow();
    return this.stack[this.stack.length - 1] as PyValue;
  }
  /** Pops the items from `start` on. */
  popFrom(start: number): PyValue[] {
    if (start < this.fence) this.underflow();
    return this.stack.splice(start);
  }
  /** _Unpickler_Read: `n` bytes, or "read would overflow" / "pickle data was truncated". */
  read(n: number | bigint): Uint8Array {
    if (BigInt(this.pos) > SSIZE_MAX - BigInt(n))
      throw unpicklingError('read would overflow (invalid bytecode)');
    if (BigInt(n) > BigInt(this.bytes.length - this.pos))
      throw unpicklingError('pickle data was truncated');
    const out = this.bytes.subarray(this.pos, this.pos + Number(n));
    this.pos += Number(n);
    return out;
  }
  /** A little-endian unsigned integer of `width` bytes (signed for `signed`). */
  uint(width: number, signed = false): bigint {
    const bytes = this.read(width);
    let value = 0n;
    for (let i = width - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i] as number);
    return signed && value >= 1n << BigInt(8 * width - 1)
      ? value - (1n << BigInt(8 * width))
      : value;
  }
  /** _Unpickler_Readline: the line with its newline; `minLength` 2 rejects an empty line. */
  line(minLength = 1): string {
    const end = this.bytes.indexOf(0x0a, this.pos);
    if (end < 0 || end + 1 - this.pos < minLength)
      throw unpicklingError('pickle data was truncated');
    const out = this.bytes.subarray(this.pos, end + 1);
    this.pos = end + 1;
    return latin1(out);
  }
  /** Raw bytes of a line without its newline (for the text codecs). */
  lineBytes(minLength = 1): Uint8Array {
    const start = this.pos;
    this.line(minLength);
    return this.bytes.subarray(start, this.pos - 1);
  }
  /** A counted argument: `size` bytes, refused past sys.maxsize with `what`'s message. */
  counted(size: bigint, what: string): Uint8Array {
    if (size > SSIZE_MAX)
      throw new PythonError(
        'OverflowError',
        `${what} exceeds system's maximum size of ${SSIZE_MAX} bytes`,
      );
    return this.read(size);
  }
  /**
   * A counted bytes/bytearray argument. CPython's load_counted_binbytes and
   * load_counted_bytearray allocate the object before reading into it, so a declared size that
   * no machine can allocate (here: at least 2^47 bytes, the x86-64 user address space) ends in
   * MemoryError even when the data is short; smaller sizes read, and a short file is truncated.
   */
  countedAllocated(size: bigint, what: string): Uint8Array {
    if (size <= SSIZE_MAX && size >= 1n << 47n && size > BigInt(this.bytes.length - this.pos))
      throw new PythonError('MemoryError', '');
    return this.counted(size, what);
  }
  push(value: PyValue): void {
    this.stack.push(value);
  }
  /**
   * Stores a memo slot. C grows its memo array to twice the index: from 2^31 slots (32 GiB of
   * pointers) that allocation fails on any ordinary machine, and the load ends in MemoryError.
   */
  remember(key: bigint, value: PyValue): void {
    if (key >= 1n << 31n) throw new PythonError('MemoryError', '');
    this.memo.set(key, value);
  }
  recall(key: bigint): PyValue {
    const value = this.memo.get(key);
    if (value === undefined) throw unpicklingError(`Memo value not found at index ${key}`);
    return value;
  }
}
