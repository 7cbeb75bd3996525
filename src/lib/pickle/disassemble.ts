/**
 * A pickle disassembler and risk report. It reads the opcode stream the way Python's
 * `pickletools.genops` does (same opcode names, offsets and argument values), and runs a small
 * *symbolic* version of the unpickler's stack machine beside it: strings, tuples and imported
 * globals are tracked, nothing is ever imported or called. That is enough to resolve
 * STACK_GLOBAL (its module and name are the two strings below it) and to say which function a
 * REDUCE would call with which arguments.
 *
 * It never throws: damaged, truncated or hostile input gives `ok: false`, an error with the
 * offset, and everything decoded up to that point.
 */
import { lookupDangerousGlobal, type DangerousGlobal } from './dangerous-globals';
import { PICKLE_OPCODE_BY_CODE, type PickleArgFormat, type PickleOpcodeInfo } from './opcodes';
import { pyBytesRepr, pyFloatRepr, pyStrRepr } from './python-repr';

/** Limits that keep hostile input cheap to inspect. */
export interface DisassembleOptions {
  /** Largest input accepted, in bytes (checked before anything is read). Default 64 MiB. */
  maxBytes?: number;
  /** Most opcodes decoded before stopping with a `too-many-ops` error. Default 100 000. */
  maxOps?: number;
  /** Longest string kept from an argument, in characters. Default 200. */
  maxTextChars?: number;
}

/** A decoded opcode argument. */
export type PickleArg =
  | { kind: 'int'; value: bigint }
  /** A LONG4 too long to be worth converting (only its size is reported). */
  | { kind: 'huge-int'; byteLength: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'float'; value: number }
  /** A str (or a Python 2 string shown as Latin-1), cut to `maxTextChars`. */
  | { kind: 'text'; value: string; byteLength: number; truncated: boolean }
  /** Bytes, of which at most `maxTextChars` are kept in `preview`. */
  | { kind: 'bytes'; preview: Uint8Array; byteLength: number; truncated: boolean }
  /** GLOBAL and INST name a module and an attribute in it. */
  | { kind: 'global'; module: string; name: string };

/** One decoded opcode. */
export interface PickleOp {
  /** Byte offset of the opcode in the stream. */
  offset: number;
  /** The opcode byte. */
  code: number;
  /** pickletools' name for it. */
  name: string;
  /** The inline argument, or `null` for opcodes without one. */
  arg: PickleArg | null;
  /** The argument as pickletools prints it (`repr` style), empty when there is none. */
  argText: string;
  /** Bytes taken by the opcode and its argument. */
  byteLength: number;
  /** Protocol that introduced the opcode. */
  protocol: number;
  /** MARKs open before this opcode (pickletools indents by this). */
  depth: number;
  /** Extra detail such as `as 3` (memo slot) or `MARK at 68`; empty when none. */
  note: string;
}

/** How serious a finding is, from least to most. */
export type PickleSeverity = 'info' | 'imports' | 'executes-code' | 'dangerous';

/** Something loading the file would do, explained for a reader. */
export interface PickleFinding {
  /** Offset of the opcode responsible. */
  offset: number;
  /** Its name. */
  opcode: string;
  /** `imports` = a module is imported; `executes-code` = a function or class is called. */
  severity: PickleSeverity;
  /** One line, for example `Calls posix.system('echo pwned')`. */
  title: string;
  /** Plain-words explanation of what the opcode makes Python do. */
  explanation: string;
}

/** A global the unpickler would import. */
export interface PickleGlobal {
  /** Offset of the GLOBAL, STACK_GLOBAL or INST opcode. */
  offset: number;
  /** Which opcode imports it. */
  opcode: 'GLOBAL' | 'STACK_GLOBAL' | 'INST';
  /** Module name, or `null` when a STACK_GLOBAL's operands could not be resolved statically. */
  module: string | null;
  /** Attribute name, or `null` when unresolved. */
  name: string | null;
  /** Set when the global is on the known-dangerous list. */
  dangerous: DangerousGlobal | null;
}

/** A call the unpickler would make. */
export interface PickleCall {
  /** Offset of the calling opcode. */
  offset: number;
  /** REDUCE, INST, OBJ, NEWOBJ or NEWOBJ_EX. */
  opcode: string;
  /** What is called, for example `posix.system` or `__main__.SoftmaxClassifier.__new__`. */
  callable: string;
  /** The arguments, rendered like Python (`'echo pwned'`), `…` for values not tracked. */
  args: string;
  /** Set when the callable is a known-dangerous global. */
  dangerous: DangerousGlobal | null;
}

/** The verdict for the whole file. */
export interface PickleRisk {
  /** The worst finding, or `data-only` when loading only rebuilds plain data. */
  level: 'data-only' | PickleSeverity;
  /** One or two sentences for the reader, for example "Loading this file would call os.system('echo pwned') …". */
  headline: string;
  /** Every call the unpickler would make, in order. */
  calls: PickleCall[];
  /** True when the stream is damaged, so only the opcodes before the error were analysed. */
  partial: boolean;
}

/** Why decoding stopped early. */
export type PickleErrorKind =
  | 'empty'
  | 'too-large'
  | 'truncated'
  | 'missing-stop'
  | 'unknown-opcode'
  | 'bad-argument'
  | 'too-many-ops';

/** A decoding failure, at a byte offset. */
export interface PickleError {
  kind: PickleErrorKind;
  /** Offset of the opcode being decoded when it failed (or of the end of input). */
  offset: number;
  message: string;
}

/** A structural oddity that does not stop decoding (stack underflow, unknown memo slot, …). */
export interface PickleWarning {
  offset: number;
  message: string;
}

/** Everything `disassemblePickle` found. */
export interface PickleDisassembly {
  /** True when the stream decoded cleanly up to STOP. */
  ok: boolean;
  /** Size of the input in bytes. */
  byteLength: number;
  /** The protocol a PROTO opcode declares, or `null` (protocols 0 and 1 have no PROTO). */
  declaredProtocol: number | null;
  /** The highest protocol among the opcodes used, as pickletools reports it. */
  highestOpcodeProtocol: number;
  /** `declaredProtocol` when present, otherwise `highestOpcodeProtocol`. */
  protocol: number;
  /** Decoded opcodes, in stream order (up to the error, if any). */
  ops: PickleOp[];
  /** Globals unpickling would import. */
  globals: PickleGlobal[];
  /** What loading the file would do, opcode by opcode. */
  findings: PickleFinding[];
  /** The overall verdict. */
  risk: PickleRisk;
  /** The decoding failure, or `null` when `ok`. */
  error: PickleError | null;
  /** Oddities that did not stop decoding. */
  warnings: PickleWarning[];
  /** Offset of STOP, or `null` when it was never reached. */
  stopOffset: number | null;
  /** Bytes after STOP, which pickle.load leaves unread. */
  trailingBytes: number;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const DEFAULT_MAX_OPS = 100_000;
const DEFAULT_MAX_TEXT = 200;
/** LONG4 integers longer than this are reported by size only (exact conversion would be slow). */
const MAX_LONG_BYTES = 4096;
const MAX_WARNINGS = 50;
const MAX_FINDINGS = 500;
const SEVERITY_ORDER: readonly PickleSeverity[] = ['info', 'imports', 'executes-code', 'dangerous'];

class StreamError extends Error {
  constructor(
    readonly kind: PickleErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** A bounds-checked reader over the input; every short read throws a StreamError. */
class Cursor {
  pos = 0;
  readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  get remaining(): number {
    return this.bytes.length - this.pos;
  }
  need(n: number, what: string): void {
    if (n > this.remaining) {
      throw new StreamError(
        'truncated',
        `${what} needs ${n} byte${n === 1 ? '' : 's'} but only ${this.remaining} remain.`,
      );
    }
  }
  u8(what: string): number {
    this.need(1, what);
    return this.bytes[this.pos++] ?? 0;
  }
  u16(what: string): number {
    this.need(2, what);
    const v = this.view.getUint16(this.pos, true);
    this.pos += 2;
    return v;
  }
  i32(what: string): number {
    this.need(4, what);
    const v = this.view.getInt32(this.pos, true);
    this.pos += 4;
    return v;
  }
  u32(what: string): number {
    this.need(4, what);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }
  u64(what: string): bigint {
    this.need(8, what);
    const v = this.view.getBigUint64(this.pos, true);
    this.pos += 8;
    return v;
  }
  f64be(what: string): number {
    this.need(8, what);
    const v = this.view.getFloat64(this.pos, false);
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

// ---------- argument decoding ----------

const utf8 = new TextDecoder('utf-8');

function textArg(value: string, byteLength: number, maxChars: number, cut: boolean): PickleArg {
  const chars = Array.from(value);
  const truncated = cut || chars.length > maxChars;
  return { kind: 'text', value: chars.slice(0, maxChars).join(''), byteLength, truncated };
}

function utf8Arg(bytes: Uint8Array, maxChars: number): PickleArg {
  // A character takes at most 4 bytes, so decoding 4 × maxChars bytes is always enough.
  const limit = maxChars * 4;
  const cut = bytes.length > limit;
  return textArg(utf8.decode(bytes.subarray(0, limit)), bytes.length, maxChars, cut);
}

function latin1(bytes: Uint8Array, limit = bytes.length): string {
  let out = '';
  const end = Math.min(bytes.length, limit);
  for (let i = 0; i < end; i++) out += String.fromCharCode(bytes[i] ?? 0);
  return out;
}

function latin1Arg(bytes: Uint8Array, maxChars: number): PickleArg {
  return textArg(latin1(bytes, maxChars + 1), bytes.length, maxChars, bytes.length > maxChars + 1);
}

function bytesArg(bytes: Uint8Array, maxChars: number): PickleArg {
  return {
    kind: 'bytes',
    preview: bytes.slice(0, maxChars),
    byteLength: bytes.length,
    truncated: bytes.length > maxChars,
  };
}

const isHex = (b: number | undefined) =>
  b !== undefined &&
  ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66));

/** Python's `codecs.escape_decode`: the backslash escapes of a bytes literal. */
function escapeDecode(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  const simple: Record<number, number> = {
    0x5c: 0x5c,
    0x27: 0x27,
    0x22: 0x22,
    0x61: 0x07,
    0x62: 0x08,
    0x66: 0x0c,
    0x6e: 0x0a,
    0x72: 0x0d,
    0x74: 0x09,
    0x76: 0x0b,
  };
  for (let i = 0; i < data.length; i++) {
    const b = data[i] ?? 0;
    if (b !== 0x5c) {
      out.push(b);
      continue;
    }
    const next = data[i + 1];
    if (next === undefined)
      throw new StreamError('bad-argument', 'STRING ends with a lone backslash.');
    if (next === 0x0a) {
      i += 1; // backslash-newline is a line continuation
    } else if (simple[next] !== undefined) {
      out.push(simple[next]);
      i += 1;
    } else if (next >= 0x30 && next <= 0x37) {
      let value = 0;
      let j = i + 1;
      while (j < data.length && j < i + 4 && (data[j] ?? 0) >= 0x30 && (data[j] ?? 0) <= 0x37) {
        value = value * 8 + ((data[j] ?? 0) - 0x30);
        j++;
      }
      out.push(value & 0xff);
      i = j - 1;
    } else if (next === 0x78) {
      if (!isHex(data[i + 2]) || !isHex(data[i + 3])) {
        throw new StreamError('bad-argument', 'STRING has an invalid \\x escape.');
      }
      out.push(parseInt(String.fromCharCode(data[i + 2] ?? 0, data[i + 3] ?? 0), 16));
      i += 3;
    } else {
      out.push(0x5c); // unknown escapes keep their backslash, as in Python
    }
  }
  return Uint8Array.from(out);
}

/** Python's 'raw-unicode-escape' codec: \uXXXX and \UXXXXXXXX escapes, other bytes are Latin-1. */
function rawUnicodeEscapeDecode(
  data: Uint8Array,
  maxChars: number,
): { text: string; cut: boolean } {
  let out = '';
  let count = 0;
  for (let i = 0; i < data.length; i++) {
    if (count > maxChars) return { text: out, cut: true };
    const b = data[i] ?? 0;
    const kind = data[i + 1];
    if (b === 0x5c && (kind === 0x75 || kind === 0x55)) {
      const width = kind === 0x75 ? 4 : 8;
      let hex = '';
      for (let k = 0; k < width; k++) {
        const h = data[i + 2 + k];
        if (!isHex(h)) throw new StreamError('bad-argument', 'UNICODE has a truncated \\u escape.');
        hex += String.fromCharCode(h ?? 0);
      }
      const codePoint = parseInt(hex, 16);
      if (codePoint > 0x10ffff)
        throw new StreamError('bad-argument', 'UNICODE escape is beyond U+10FFFF.');
      out += String.fromCodePoint(codePoint);
      i += 1 + width;
    } else {
      out += String.fromCharCode(b);
    }
    count++;
  }
  return { text: out, cut: false };
}

/** Python's `int()` on a decimal literal (sign, digits, underscores between digits, outer spaces). */
function parseDecimal(text: string, what: string): bigint {
  const trimmed = text.trim();
  if (!/^[+-]?\d+(_\d+)*$/.test(trimmed)) {
    throw new StreamError(
      'bad-argument',
      `${what}: ${pyStrRepr(text.slice(0, 40))} is not an integer.`,
    );
  }
  return BigInt(trimmed.replaceAll('_', ''));
}

/** Python's `float()` on a decimal literal, including inf/infinity/nan spellings. */
function parseFloatLiteral(text: string): number {
  const t = text.trim().toLowerCase().replaceAll('_', '');
  const special = /^([+-]?)(inf|infinity|nan)$/.exec(t);
  if (special) {
    if (special[2] === 'nan') return NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t)) {
    throw new StreamError(
      'bad-argument',
      `FLOAT: ${pyStrRepr(text.slice(0, 40))} is not a number.`,
    );
  }
  return Number(t);
}

/** Little-endian two's-complement integer, as pickle.decode_long reads LONG1/LONG4 bytes. */
export function decodeLong(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let hex = '';
  for (let i = bytes.length - 1; i >= 0; i--) hex += (bytes[i] ?? 0).toString(16).padStart(2, '0');
  const unsigned = BigInt(`0x${hex}`);
  const negative = ((bytes[bytes.length - 1] ?? 0) & 0x80) !== 0;
  return negative ? unsigned - (1n << BigInt(8 * bytes.length)) : unsigned;
}

function decodeArg(info: PickleOpcodeInfo, cur: Cursor, maxChars: number): PickleArg | null {
  const what = info.name;
  const format: PickleArgFormat = info.arg;
  switch (format) {
    case 'none':
      return null;
    case 'uint1':
      return { kind: 'int', value: BigInt(cur.u8(what)) };
    case 'uint2':
      return { kind: 'int', value: BigInt(cur.u16(what)) };
    case 'int4':
      return { kind: 'int', value: BigInt(cur.i32(what)) };
    case 'uint4':
      return { kind: 'int', value: BigInt(cur.u32(what)) };
    case 'uint8':
      return { kind: 'int', value: cur.u64(what) };
    case 'decimalnl_short': {
      const text = latin1(cur.line(what));
      if (text === '00') return { kind: 'bool', value: false };
      if (text === '01') return { kind: 'bool', value: true };
      return { kind: 'int', value: parseDecimal(text, what) };
    }
    case 'decimalnl_long': {
      const text = latin1(cur.line(what));
      return {
        kind: 'int',
        value: parseDecimal(text.endsWith('L') ? text.slice(0, -1) : text, what),
      };
    }
    case 'floatnl':
      return { kind: 'float', value: parseFloatLiteral(latin1(cur.line(what))) };
    case 'float8':
      return { kind: 'float', value: cur.f64be(what) };
    case 'long1':
      return { kind: 'int', value: decodeLong(cur.take(cur.u8(what), what)) };
    case 'long4': {
      const n = cur.i32(what);
      if (n < 0) throw new StreamError('bad-argument', `LONG4 byte count is negative (${n}).`);
      const data = cur.take(n, what);
      return n > MAX_LONG_BYTES
        ? { kind: 'huge-int', byteLength: n }
        : { kind: 'int', value: decodeLong(data) };
    }
    case 'stringnl': {
      const raw = cur.line(what);
      const q = raw[0];
      if ((q !== 0x27 && q !== 0x22) || raw.length < 2 || raw[raw.length - 1] !== q) {
        throw new StreamError(
          'bad-argument',
          'STRING argument is not enclosed in matching quotes.',
        );
      }
      const decoded = escapeDecode(raw.subarray(1, raw.length - 1));
      return latin1Arg(decoded, maxChars);
    }
    case 'stringnl_noescape':
      return utf8Arg(cur.line(what), maxChars);
    case 'stringnl_noescape_pair': {
      const module = utf8.decode(cur.line(`${what} module`));
      const name = utf8.decode(cur.line(`${what} name`));
      return { kind: 'global', module, name };
    }
    case 'string1':
      return latin1Arg(cur.take(cur.u8(what), what), maxChars);
    case 'string4': {
      const n = cur.i32(what);
      if (n < 0) throw new StreamError('bad-argument', `BINSTRING byte count is negative (${n}).`);
      return latin1Arg(cur.take(n, what), maxChars);
    }
    case 'bytes1':
      return bytesArg(cur.take(cur.u8(what), what), maxChars);
    case 'bytes4':
      return bytesArg(cur.take(cur.u32(what), what), maxChars);
    case 'bytes8':
    case 'bytearray8':
      return bytesArg(cur.take(cur.u64(what), what), maxChars);
    case 'unicodestringnl': {
      const raw = cur.line(what);
      const { text, cut } = rawUnicodeEscapeDecode(raw, maxChars);
      return textArg(text, raw.length, maxChars, cut);
    }
    case 'unicodestring1':
      return utf8Arg(cur.take(cur.u8(what), what), maxChars);
    case 'unicodestring4':
      return utf8Arg(cur.take(cur.u32(what), what), maxChars);
    case 'unicodestring8':
      return utf8Arg(cur.take(cur.u64(what), what), maxChars);
  }
}

/** The argument as pickletools prints it. */
function argText(arg: PickleArg | null): string {
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

// ---------- symbolic stack ----------

/** What the symbolic unpickler knows about a stack item. */
type Sym =
  | { t: 'str'; value: string }
  | { t: 'lit'; text: string }
  | { t: 'tuple'; items: Sym[]; length: number }
  | { t: 'global'; module: string; name: string }
  | { t: 'object'; text: string; fromGlobal: boolean }
  | { t: 'container'; text: string }
  | { t: 'unknown' };

const UNKNOWN: Sym = { t: 'unknown' };
const MAX_TUPLE_ITEMS = 8;

function describe(sym: Sym, depth = 0): string {
  if (depth > 3) return '…';
  switch (sym.t) {
    case 'str':
      return pyStrRepr(sym.value.length > 80 ? `${sym.value.slice(0, 80)}…` : sym.value);
    case 'lit':
      return sym.text;
    case 'tuple': {
      const parts = sym.items.map((item) => describe(item, depth + 1));
      if (sym.length > sym.items.length) parts.push('…');
      return sym.length === 1 ? `(${parts[0] ?? '…'},)` : `(${parts.join(', ')})`;
    }
    case 'global':
      return `${sym.module}.${sym.name}`;
    case 'object':
    case 'container':
      return sym.text;
    case 'unknown':
      return '…';
  }
}

/** Arguments of a call as Python would write them inside the parentheses. */
function describeArgs(sym: Sym): string {
  if (sym.t === 'tuple') {
    const parts = sym.items.map((item) => describe(item, 1));
    if (sym.length > sym.items.length) parts.push('…');
    return parts.join(', ');
  }
  return sym.t === 'unknown' ? '…' : `*${describe(sym)}`;
}

function callableName(sym: Sym): string {
  if (sym.t === 'global') return `${sym.module}.${sym.name}`;
  if (sym.t === 'object') return `(${sym.text})`;
  return 'an unknown callable';
}

function tupleOf(items: Sym[]): Sym {
  return { t: 'tuple', items: items.slice(0, MAX_TUPLE_ITEMS), length: items.length };
}

function symFromArg(arg: PickleArg | null, name: string): Sym {
  if (!arg) return UNKNOWN;
  switch (arg.kind) {
    case 'text':
      return { t: 'str', value: arg.value };
    case 'global':
      return { t: 'global', module: arg.module, name: arg.name };
    case 'bytes':
      return {
        t: 'lit',
        text: name === 'BYTEARRAY8' ? `bytearray(${argText(arg)})` : argText(arg),
      };
    default:
      return { t: 'lit', text: argText(arg) };
  }
}

// ---------- the disassembler ----------

/**
 * Disassembles a pickle without running it: every opcode with its offset and argument, the
 * globals it would import, the calls it would make, and a plain-words risk verdict.
 */
export function disassemblePickle(
  bytes: Uint8Array,
  options: DisassembleOptions = {},
): PickleDisassembly {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxOps = options.maxOps ?? DEFAULT_MAX_OPS;
  const maxChars = Math.max(1, options.maxTextChars ?? DEFAULT_MAX_TEXT);

  const ops: PickleOp[] = [];
  const globals: PickleGlobal[] = [];
  const findings: PickleFinding[] = [];
  const calls: PickleCall[] = [];
  const warnings: PickleWarning[] = [];
  let error: PickleError | null = null;
  let declaredProtocol: number | null = null;
  let highestOpcodeProtocol = 0;
  let stopOffset: number | null = null;

  const warn = (offset: number, message: string) => {
    if (warnings.length < MAX_WARNINGS) warnings.push({ offset, message });
  };
  const find = (f: PickleFinding) => {
    if (findings.length < MAX_FINDINGS) findings.push(f);
  };

  const finish = (): PickleDisassembly => {
    const partial = error !== null;
    return {
      ok: !partial,
      byteLength: bytes.length,
      declaredProtocol,
      highestOpcodeProtocol,
      protocol: declaredProtocol ?? highestOpcodeProtocol,
      ops,
      globals,
      findings,
      risk: assessRisk(findings, globals, calls, partial),
      error,
      warnings,
      stopOffset,
      trailingBytes: stopOffset === null ? 0 : bytes.length - stopOffset - 1,
    };
  };

  if (bytes.length === 0) {
    error = {
      kind: 'empty',
      offset: 0,
      message: 'The file is empty: a pickle has at least a STOP opcode.',
    };
    return finish();
  }
  if (bytes.length > maxBytes) {
    error = {
      kind: 'too-large',
      offset: 0,
      message: `The file is ${bytes.length} bytes; this inspector reads at most ${maxBytes}.`,
    };
    return finish();
  }

  // Python 3's unpickler keeps the items above the last MARK in `stack` and the older
  // stacks in `metastack`; mirroring that makes "pop to mark" cost only what it removes.
  let stack: Sym[] = [];
  const metastack: { items: Sym[]; markOffset: number }[] = [];
  const memo = new Map<bigint, Sym>();
  const cur = new Cursor(bytes);

  for (;;) {
    if (cur.remaining === 0) {
      error = {
        kind: 'missing-stop',
        offset: cur.pos,
        message: `The data ends at offset ${cur.pos} without a STOP opcode; pickle.load would fail there.`,
      };
      break;
    }
    if (ops.length >= maxOps) {
      error = {
        kind: 'too-many-ops',
        offset: cur.pos,
        message: `Stopped after ${maxOps} opcodes; the rest of the file was not inspected.`,
      };
      break;
    }
    const offset = cur.pos;
    const code = cur.u8('opcode');
    const info = PICKLE_OPCODE_BY_CODE.get(code);
    if (!info) {
      const shown = code >= 0x20 && code < 0x7f ? ` (${pyStrRepr(String.fromCharCode(code))})` : '';
      error = {
        kind: 'unknown-opcode',
        offset,
        message: `Byte 0x${code.toString(16).padStart(2, '0')}${shown} at offset ${offset} is not a pickle opcode.`,
      };
      break;
    }
    let arg: PickleArg | null;
    try {
      arg = decodeArg(info, cur, maxChars);
    } catch (e) {
      const kind = e instanceof StreamError ? e.kind : 'bad-argument';
      const detail = e instanceof Error ? e.message : String(e);
      error = { kind, offset, message: `${info.name} at offset ${offset}: ${detail}` };
      break;
    }
    highestOpcodeProtocol = Math.max(highestOpcodeProtocol, info.protocol);
    const op: PickleOp = {
      offset,
      code,
      name: info.name,
      arg,
      argText: argText(arg),
      byteLength: cur.pos - offset,
      protocol: info.protocol,
      depth: metastack.length,
      note: '',
    };
    ops.push(op);

    // --- symbolic effect on the stack ---
    const push = (sym: Sym) => stack.push(sym);
    const pop = (): Sym => {
      const top = stack.pop();
      if (top === undefined) {
        warn(offset, `${info.name} pops from an empty stack; pickle.load would fail here.`);
        return UNKNOWN;
      }
      return top;
    };
    const popMark = (): Sym[] => {
      const items = stack;
      const outer = metastack.pop();
      if (!outer) {
        warn(offset, `${info.name} needs a MARK but none is open; pickle.load would fail here.`);
        stack = [];
        return items;
      }
      op.note = `MARK at ${outer.markOffset}`;
      stack = outer.items;
      return items;
    };
    const top = (): Sym => stack[stack.length - 1] ?? UNKNOWN;
    const intArg = (): bigint =>
      arg?.kind === 'int' ? arg.value : arg?.kind === 'bool' ? (arg.value ? 1n : 0n) : -1n;

    switch (info.name) {
      case 'PROTO': {
        const v = Number(intArg());
        if (ops.length !== 1) warn(offset, 'PROTO appears after the first opcode.');
        if (v > 5)
          warn(offset, `Protocol ${v} is newer than any Python release knows (highest is 5).`);
        declaredProtocol ??= v;
        break;
      }
      case 'FRAME': {
        const n = intArg();
        if (n > BigInt(cur.remaining)) {
          warn(offset, `FRAME announces ${n} bytes but only ${cur.remaining} follow.`);
        }
        break;
      }
      case 'STOP':
        pop();
        stopOffset = offset;
        if (metastack.length > 0) warn(offset, 'STOP reached with a MARK still open.');
        break;
      case 'MARK':
        metastack.push({ items: stack, markOffset: offset });
        stack = [];
        break;
      case 'POP':
        if (stack.length > 0) stack.pop();
        else popMark();
        break;
      case 'POP_MARK':
        popMark();
        break;
      case 'DUP':
        push(top());
        break;
      case 'INT':
      case 'BININT':
      case 'BININT1':
      case 'BININT2':
      case 'LONG':
      case 'LONG1':
      case 'LONG4':
      case 'FLOAT':
      case 'BINFLOAT':
      case 'STRING':
      case 'BINSTRING':
      case 'SHORT_BINSTRING':
      case 'UNICODE':
      case 'SHORT_BINUNICODE':
      case 'BINUNICODE':
      case 'BINUNICODE8':
      case 'BINBYTES':
      case 'SHORT_BINBYTES':
      case 'BINBYTES8':
      case 'BYTEARRAY8':
        push(symFromArg(arg, info.name));
        break;
      case 'NONE':
        push({ t: 'lit', text: 'None' });
        break;
      case 'NEWTRUE':
        push({ t: 'lit', text: 'True' });
        break;
      case 'NEWFALSE':
        push({ t: 'lit', text: 'False' });
        break;
      case 'NEXT_BUFFER':
        push({ t: 'container', text: '<out-of-band buffer>' });
        break;
      case 'READONLY_BUFFER':
        break;
      case 'EMPTY_LIST':
        push({ t: 'container', text: '[…]' });
        break;
      case 'LIST':
        popMark();
        push({ t: 'container', text: '[…]' });
        break;
      case 'APPEND':
        pop();
        break;
      case 'APPENDS':
      case 'SETITEMS':
      case 'ADDITEMS':
        popMark();
        break;
      case 'EMPTY_TUPLE':
        push(tupleOf([]));
        break;
      case 'TUPLE':
        push(tupleOf(popMark()));
        break;
      case 'TUPLE1':
      case 'TUPLE2':
      case 'TUPLE3': {
        const n = Number(info.name.slice(-1));
        const items: Sym[] = [];
        for (let i = 0; i < n; i++) items.unshift(pop());
        push(tupleOf(items));
        break;
      }
      case 'EMPTY_DICT':
        push({ t: 'container', text: '{…}' });
        break;
      case 'DICT':
        popMark();
        push({ t: 'container', text: '{…}' });
        break;
      case 'SETITEM':
        pop();
        pop();
        break;
      case 'EMPTY_SET':
        push({ t: 'container', text: '{…}' });
        break;
      case 'FROZENSET':
        popMark();
        push({ t: 'container', text: 'frozenset({…})' });
        break;
      case 'GET':
      case 'BINGET':
      case 'LONG_BINGET': {
        const key = intArg();
        const hit = memo.get(key);
        if (!hit) warn(offset, `${info.name} reads memo slot ${key}, which was never stored.`);
        push(hit ?? UNKNOWN);
        break;
      }
      case 'PUT':
      case 'BINPUT':
      case 'LONG_BINPUT':
        if (stack.length === 0) warn(offset, `${info.name} stores from an empty stack.`);
        memo.set(intArg(), top());
        break;
      case 'MEMOIZE': {
        const key = BigInt(memo.size);
        if (stack.length === 0) warn(offset, 'MEMOIZE stores from an empty stack.');
        memo.set(key, top());
        op.note = `as ${key}`;
        break;
      }
      case 'GLOBAL': {
        const g = arg?.kind === 'global' ? arg : { module: '?', name: '?' };
        recordGlobal(offset, 'GLOBAL', g.module, g.name);
        push({ t: 'global', module: g.module, name: g.name });
        break;
      }
      case 'STACK_GLOBAL': {
        const name = pop();
        const module = pop();
        if (module.t === 'str' && name.t === 'str') {
          recordGlobal(offset, 'STACK_GLOBAL', module.value, name.value);
          push({ t: 'global', module: module.value, name: name.value });
        } else {
          globals.push({
            offset,
            opcode: 'STACK_GLOBAL',
            module: null,
            name: null,
            dangerous: null,
          });
          find({
            offset,
            opcode: 'STACK_GLOBAL',
            severity: 'dangerous',
            title: 'Imports a global whose name is computed while loading',
            explanation:
              'STACK_GLOBAL imports the module and attribute named by the two strings below it on the stack. Here they are not plain strings, so the import cannot be known without running the file; it could be anything.',
          });
          push(UNKNOWN);
        }
        break;
      }
      case 'REDUCE': {
        const args = pop();
        const fn = pop();
        recordCall(offset, 'REDUCE', fn, callableName(fn), describeArgs(args));
        push({
          t: 'object',
          text: `result of ${callableName(fn)}(…)`,
          fromGlobal: fn.t === 'global',
        });
        break;
      }
      case 'BUILD': {
        pop();
        const target = top();
        if (target.t === 'object' && target.fromGlobal) {
          find({
            offset,
            opcode: 'BUILD',
            severity: 'executes-code',
            title: `Sets the state of the ${target.text.replace(/^result of /, 'object from ')}`,
            explanation:
              "BUILD hands the state below it to the object: if the object's class defines __setstate__, that method runs with the state; otherwise the state just updates the object's attributes (__dict__). A class imported by this file can make __setstate__ do anything.",
          });
        }
        break;
      }
      case 'INST': {
        const g = arg?.kind === 'global' ? arg : { module: '?', name: '?' };
        recordGlobal(offset, 'INST', g.module, g.name);
        const items = popMark();
        const cls: Sym = { t: 'global', module: g.module, name: g.name };
        recordCall(offset, 'INST', cls, `${g.module}.${g.name}`, describeArgs(tupleOf(items)));
        push({ t: 'object', text: `${g.module}.${g.name} instance`, fromGlobal: true });
        break;
      }
      case 'OBJ': {
        const items = popMark();
        const cls = items.shift() ?? UNKNOWN;
        recordCall(offset, 'OBJ', cls, callableName(cls), describeArgs(tupleOf(items)));
        push({
          t: 'object',
          text: `${callableName(cls)} instance`,
          fromGlobal: cls.t === 'global',
        });
        break;
      }
      case 'NEWOBJ': {
        const args = pop();
        const cls = pop();
        recordCall(offset, 'NEWOBJ', cls, `${callableName(cls)}.__new__`, describeArgs(args));
        push({
          t: 'object',
          text: `${callableName(cls)} instance`,
          fromGlobal: cls.t === 'global',
        });
        break;
      }
      case 'NEWOBJ_EX': {
        const kwargs = pop();
        const args = pop();
        const cls = pop();
        const shownArgs = [describeArgs(args), `**${describe(kwargs)}`]
          .filter((s) => s !== '')
          .join(', ');
        recordCall(offset, 'NEWOBJ_EX', cls, `${callableName(cls)}.__new__`, shownArgs);
        push({
          t: 'object',
          text: `${callableName(cls)} instance`,
          fromGlobal: cls.t === 'global',
        });
        break;
      }
      case 'EXT1':
      case 'EXT2':
      case 'EXT4':
        find({
          offset,
          opcode: info.name,
          severity: 'imports',
          title: `Imports the global registered as extension code ${intArg()}`,
          explanation:
            "Extension codes are short numbers that copyreg.add_extension maps to a module and a name. Loading looks the code up and imports that global; which one depends on the loading program's registry.",
        });
        push({ t: 'object', text: `extension ${intArg()}`, fromGlobal: true });
        break;
      case 'PERSID':
      case 'BINPERSID':
        if (info.name === 'BINPERSID') pop();
        find({
          offset,
          opcode: info.name,
          severity: 'info',
          title: 'Asks the loader for a persistent object',
          explanation:
            "Persistent ids are resolved by the loading program's persistent_load method, not by the file. Plain pickle.load refuses them; frameworks such as PyTorch use them to fetch tensor storage.",
        });
        push({ t: 'object', text: 'persistent object', fromGlobal: false });
        break;
      default:
        break;
    }
    if (stopOffset !== null) break;
  }

  if (stopOffset !== null && stopOffset < bytes.length - 1) {
    warn(
      stopOffset,
      `${bytes.length - stopOffset - 1} bytes follow STOP; pickle.load does not read them.`,
    );
  }
  return finish();

  function recordGlobal(
    offset: number,
    opcode: PickleGlobal['opcode'],
    module: string,
    name: string,
  ) {
    const dangerous = lookupDangerousGlobal(module, name);
    globals.push({ offset, opcode, module, name, dangerous });
    const known =
      dangerous && dangerous.knownAs !== `${module}.${name}`
        ? ` (that is ${dangerous.knownAs})`
        : '';
    find({
      offset,
      opcode,
      severity: dangerous ? 'dangerous' : 'imports',
      title: `Imports ${module}.${name}${known}`,
      explanation: dangerous
        ? `Loading imports the module ${module} and fetches ${name}${known}, which ${dangerous.effect}. Importing alone runs the module's top-level code; a later REDUCE can call it.`
        : `Loading imports the module ${module} (running its top-level code if it was not imported yet) and fetches ${name}. Nothing is called until an opcode such as REDUCE or NEWOBJ uses it.`,
    });
  }

  function recordCall(
    offset: number,
    opcode: string,
    fn: Sym,
    callable: string,
    shownArgs: string,
  ) {
    const dangerous = fn.t === 'global' ? lookupDangerousGlobal(fn.module, fn.name) : null;
    const call: PickleCall = { offset, opcode, callable, args: shownArgs, dangerous };
    if (calls.length < MAX_FINDINGS) calls.push(call);
    const shown = `${callable}(${shownArgs})`;
    const explanations: Record<string, string> = {
      REDUCE:
        'REDUCE calls the callable below the top of the stack with the tuple on top as its arguments. This is how pickle rebuilds objects whose class defines __reduce__, and how a malicious file runs any function it likes.',
      INST: 'INST (protocol 0) imports a class or function and calls it with the items after the last MARK.',
      OBJ: 'OBJ (protocol 1) calls the first item after the last MARK with the rest as arguments.',
      NEWOBJ:
        'NEWOBJ creates the object with cls.__new__(cls, *args), without running __init__. For an ordinary class nothing else runs, but the class must be importable and a custom __new__ would run here.',
      NEWOBJ_EX: 'NEWOBJ_EX is NEWOBJ with keyword arguments: cls.__new__(cls, *args, **kwargs).',
    };
    find({
      offset,
      opcode,
      severity: dangerous ? 'dangerous' : 'executes-code',
      title: dangerous ? `Calls ${shown}, which ${dangerous.effect}` : `Calls ${shown}`,
      explanation: explanations[opcode] ?? '',
    });
  }
}

function rank(level: PickleSeverity): number {
  return SEVERITY_ORDER.indexOf(level);
}

function listNames(names: string[]): string {
  const unique = [...new Set(names)];
  const shown = unique.slice(0, 3).join(', ');
  return unique.length > 3 ? `${shown} and ${unique.length - 3} more` : shown;
}

function assessRisk(
  findings: PickleFinding[],
  globals: PickleGlobal[],
  calls: PickleCall[],
  partial: boolean,
): PickleRisk {
  let level: PickleRisk['level'] = 'data-only';
  for (const f of findings) {
    if (f.severity === 'info') continue;
    if (level === 'data-only' || rank(f.severity) > rank(level)) level = f.severity;
  }
  const damaged = partial
    ? ' The file is damaged, so only the part before the error was analysed; pickle.load would still run that part before failing.'
    : '';
  const dangerousCall = calls.find((c) => c.dangerous);
  const dangerousGlobal = globals.find((g) => g.dangerous);
  const unresolved = globals.find((g) => g.module === null);
  let headline: string;
  if (dangerousCall?.dangerous) {
    const d = dangerousCall.dangerous;
    const recorded =
      d.knownAs !== dangerousCall.callable
        ? ` (pickle recorded it as ${dangerousCall.callable})`
        : '';
    const more =
      calls.length > 1
        ? ` It makes ${calls.length - 1} other call${calls.length === 2 ? '' : 's'} too.`
        : '';
    headline = `Loading this file would call ${d.knownAs}(${dangerousCall.args})${recorded}: it ${d.effect}.${more} Never unpickle a file you do not trust.`;
  } else if (dangerousGlobal?.dangerous) {
    headline = `Loading this file would import ${dangerousGlobal.dangerous.knownAs}, which ${dangerousGlobal.dangerous.effect}. Never unpickle a file you do not trust.`;
  } else if (unresolved) {
    headline =
      'Loading this file would import a global whose name is only computed while loading, so it could be anything. Never unpickle a file you do not trust.';
  } else if (calls.length > 0) {
    headline = `Loading this file runs code: it calls ${listNames(calls.map((c) => c.callable))}. That is normal for pickled class instances, and it is why a pickle is only as safe as its author.`;
  } else if (globals.length > 0) {
    headline = `Loading this file imports ${listNames(globals.map((g) => `${g.module}.${g.name}`))} but calls nothing it imports.`;
  } else {
    headline =
      'This file only rebuilds plain data (numbers, strings, lists, tuples, dicts): loading it would import no module and call no function.';
  }
  return { level, headline: headline + damaged, calls, partial };
}
