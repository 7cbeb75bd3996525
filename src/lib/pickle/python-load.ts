/**
 * What `pickle.loads(data)` does, without running it: the checks of CPython 3.11's C unpickler
 * (Modules/_pickle.c, `load` and the `load_*` functions), replayed over the bytes with the values
 * tracked by type (python-values.ts). It answers one question a safety verdict depends on: does
 * Python refuse the file (and where, with which exception) before it imports or calls anything?
 *
 * The replay ends at the first import (GLOBAL, STACK_GLOBAL of two str, INST): from there the
 * file can run code and the symbolic disassembly's report applies. Before that point nothing can
 * be called, since only an import produces a callable; REDUCE on plain data raises TypeError.
 * Differences from pickletools that matter here: INT accepts C's base-0 literals (0x10, 010), the
 * names of GLOBAL are UTF-8 without escapes, Python 2 strings must be ASCII, a FRAME must be
 * complete before any opcode in it runs, and persistent ids, extensions and out-of-band buffers
 * are refused because plain `pickle.loads` has no handler for them.
 */
import {
  C_STRTOL,
  cFloat,
  CUnpickler,
  literalValue,
  PERSISTENT_REFUSAL,
  PY_LONG_BASE0,
  pyLong,
  ReachesImport,
  SSIZE_MAX,
  unpicklingError,
} from './c-unpickler';
import { PICKLE_OPCODE_BY_CODE } from './opcodes';
import {
  addItems,
  build,
  extend,
  pyValue,
  type PyValue,
  requireHashable,
  setItem,
} from './python-values';
import {
  decodeAscii,
  decodeUtf8,
  escapeDecode,
  PythonError,
  rawUnicodeEscapeDecode,
} from './text-codecs';
import type { PythonLoad } from './types';

type Load = (u: CUnpickler) => void;

const str = (text: string): PyValue => pyValue('str', { text });
const int = (value: bigint): PyValue => pyValue('int', { int: value });

function loadInt(u: CUnpickler): void {
  const line = u.line(2);
  const text = line.slice(0, -1).split('\0')[0] as string;
  const strtolOk = C_STRTOL.test(text);
  if (!strtolOk && !PY_LONG_BASE0.test(text))
    throw new PythonError('ValueError', 'could not convert string to int');
  const value = literalValue(text, 0);
  u.push(
    line.length === 3 && strtolOk && (value === 0n || value === 1n)
      ? pyValue('bool', { int: value })
      : int(value),
  );
}

function loadLong(u: CUnpickler): void {
  const line = u.line(2);
  const text = line[line.length - 2] === 'L' ? line.slice(0, -2) : line;
  u.push(int(pyLong(text.split('\0')[0] as string, 0)));
}

function doAppend(u: CUnpickler, x: number): void {
  const len = u.stack.length;
  if (x > len || x <= u.fence) u.underflow();
  if (len === x) return;
  extend(u.stack[x - 1] as PyValue, u.stack.splice(x));
}

function doSetItems(u: CUnpickler, x: number): void {
  const len = u.stack.length;
  if (x > len || x <= u.fence) u.underflow();
  if (len === x) return;
  if ((len - x) % 2 !== 0) throw unpicklingError('odd number of items for SETITEMS');
  const target = u.stack[x - 1] as PyValue;
  const items = u.stack.splice(x);
  for (let i = 0; i < items.length; i += 2)
    setItem(target, items[i] as PyValue, items[i + 1] as PyValue);
}

function popTuple(u: CUnpickler, n: number): void {
  if (u.stack.length - n < u.fence) u.underflow();
  u.push(pyValue('tuple', { items: u.popFrom(u.stack.length - n) }));
}

function getMemo(read: (u: CUnpickler) => bigint): Load {
  return (u) => u.push(u.recall(read(u)));
}

function putMemo(read: (u: CUnpickler) => bigint): Load {
  return (u) => {
    const key = read(u);
    u.remember(key, u.top());
  };
}

function loadBytes(u: CUnpickler, data: Uint8Array): void {
  u.push(pyValue('bytes', { size: data.length }));
}

function lineKey(u: CUnpickler): bigint {
  return pyLong(u.line(2), 10);
}

/** PUT reads its line, then checks the stack, then parses: errors come in that order. */
const loadPut: Load = (u) => {
  const line = u.line(2);
  const value = u.top();
  const key = pyLong(line, 10);
  if (key < 0n) throw new PythonError('ValueError', 'negative PUT argument');
  u.remember(key, value);
};

const text = (decode: () => string): PyValue => str(decode());

/** One C `load_*` per opcode name. */
const LOADS: Readonly<Record<string, Load>> = {
  PROTO: (u) => {
    const protocol = u.read(1)[0] as number;
    if (protocol > 5)
      throw new PythonError('ValueError', `unsupported pickle protocol: ${protocol}`);
  },
  FRAME: (u) => {
    const size = u.uint(8);
    if (size > SSIZE_MAX)
      throw new PythonError(
        'OverflowError',
        `FRAME length exceeds system's maximum of ${SSIZE_MAX} bytes`,
      );
    u.read(size);
    u.pos -= Number(size); // the frame's opcodes run next; C only checks they are all there
  },
  MARK: (u) => void u.marks.push(u.stack.length),
  POP: (u) => {
    if (u.marks.length > 0 && u.fence === u.stack.length) u.marks.pop();
    else u.pop();
  },
  POP_MARK: (u) => void u.popFrom(u.marker()),
  DUP: (u) => u.push(u.top()),
  INT: loadInt,
  BININT: (u) => u.push(int(u.uint(4, true))),
  BININT1: (u) => u.push(int(u.uint(1))),
  BININT2: (u) => u.push(int(u.uint(2))),
  LONG: loadLong,
  LONG1: (u) => {
    u.read(u.uint(1));
    u.push(int(0n));
  },
  LONG4: (u) => {
    const size = u.uint(4, true);
    if (size < 0n) throw unpicklingError('LONG pickle has negative byte count');
    u.read(size);
    u.push(int(0n));
  },
  FLOAT: (u) => {
    cFloat(u.line(2));
    u.push(pyValue('float'));
  },
  BINFLOAT: (u) => {
    u.read(8);
    u.push(pyValue('float'));
  },
  STRING: (u) => {
    const raw = u.lineBytes();
    const q = raw[0];
    if (raw.length < 2 || raw[raw.length - 1] !== q || (q !== 0x27 && q !== 0x22)) {
      throw unpicklingError('the STRING opcode argument must be quoted');
    }
    u.push(text(() => decodeAscii(escapeDecode(raw.subarray(1, -1)))));
  },
  BINSTRING: (u) => u.push(text(() => decodeAscii(u.read(u.uint(4))))),
  SHORT_BINSTRING: (u) => u.push(text(() => decodeAscii(u.read(u.uint(1))))),
  UNICODE: (u) => u.push(text(() => rawUnicodeEscapeDecode(u.lineBytes()))),
  SHORT_BINUNICODE: (u) => u.push(text(() => decodeUtf8(u.read(u.uint(1)), true))),
  BINUNICODE: (u) => u.push(text(() => decodeUtf8(u.counted(u.uint(4), 'BINUNICODE'), true))),
  BINUNICODE8: (u) => u.push(text(() => decodeUtf8(u.counted(u.uint(8), 'BINUNICODE'), true))),
  SHORT_BINBYTES: (u) => loadBytes(u, u.read(u.uint(1))),
  BINBYTES: (u) => loadBytes(u, u.countedAllocated(u.uint(4), 'BINBYTES')),
  BINBYTES8: (u) => loadBytes(u, u.countedAllocated(u.uint(8), 'BINBYTES')),
  BYTEARRAY8: (u) =>
    u.push(pyValue('bytearray', { size: u.countedAllocated(u.uint(8), 'BYTEARRAY8').length })),
  NONE: (u) => u.push(pyValue('NoneType')),
  NEWTRUE: (u) => u.push(pyValue('bool', { int: 1n })),
  NEWFALSE: (u) => u.push(pyValue('bool', { int: 0n })),
  EMPTY_TUPLE: (u) => u.push(pyValue('tuple', { items: [] })),
  TUPLE: (u) => u.push(pyValue('tuple', { items: u.popFrom(u.marker()) })),
  TUPLE1: (u) => popTuple(u, 1),
  TUPLE2: (u) => popTuple(u, 2),
  TUPLE3: (u) => popTuple(u, 3),
  EMPTY_LIST: (u) => u.push(pyValue('list', { size: 0 })),
  LIST: (u) => u.push(pyValue('list', { size: u.popFrom(u.marker()).length })),
  APPEND: (u) => doAppend(u, u.stack.length - 1),
  APPENDS: (u) => doAppend(u, u.marker()),
  EMPTY_DICT: (u) => u.push(pyValue('dict', { items: [] })),
  DICT: (u) => {
    const items = u.popFrom(u.marker());
    if (items.length % 2 !== 0) throw unpicklingError('odd number of items for DICT');
    const keys = items.filter((_, i) => i % 2 === 0);
    requireHashable(keys);
    u.push(pyValue('dict', { items: keys }));
  },
  SETITEM: (u) => doSetItems(u, u.stack.length - 2),
  SETITEMS: (u) => doSetItems(u, u.marker()),
  EMPTY_SET: (u) => u.push(pyValue('set')),
  FROZENSET: (u) => {
    requireHashable(u.popFrom(u.marker()));
    u.push(pyValue('frozenset'));
  },
  ADDITEMS: (u) => {
    const mark = u.marker();
    if (mark > u.stack.length || mark <= u.fence) u.underflow();
    if (mark === u.stack.length) return;
    addItems(u.stack[mark - 1] as PyValue, u.stack.splice(mark));
  },
  GET: getMemo(lineKey),
  BINGET: getMemo((u) => u.uint(1)),
  LONG_BINGET: getMemo((u) => u.uint(4)),
  PUT: loadPut,
  BINPUT: putMemo((u) => u.uint(1)),
  LONG_BINPUT: putMemo((u) => u.uint(4)),
  MEMOIZE: (u) => u.remember(BigInt(u.memo.size), u.top()),
  GLOBAL: (u) => {
    decodeUtf8(u.lineBytes(2), false);
    decodeUtf8(u.lineBytes(2), false);
    throw new ReachesImport();
  },
  STACK_GLOBAL: (u) => {
    const name = u.pop();
    const module = u.pop();
    if (name.type !== 'str' || module.type !== 'str')
      throw unpicklingError('STACK_GLOBAL requires str');
    throw new ReachesImport();
  },
  INST: (u) => {
    u.marker();
    decodeAscii(u.lineBytes(2));
    decodeAscii(u.lineBytes(2));
    throw new ReachesImport();
  },
  OBJ: (u) => {
    const mark = u.marker();
    if (u.stack.length - mark < 1) u.underflow();
    const [cls] = u.popFrom(mark) as [PyValue];
    throw new PythonError('TypeError', `'${cls.type}' object is not callable`);
  },
  NEWOBJ: (u) => newObject(u, 'NEWOBJ', 2),
  NEWOBJ_EX: (u) => newObject(u, 'NEWOBJ_EX', 3),
  REDUCE: (u) => {
    const args = u.pop();
    const callable = u.pop();
    if (args.type !== 'tuple') throw new PythonError('TypeError', 'argument list must be a tuple');
    throw new PythonError('TypeError', `'${callable.type}' object is not callable`);
  },
  BUILD: (u) => {
    if (u.stack.length - 2 < u.fence) u.underflow();
    const state = u.pop();
    build(u.top(), state);
  },
  EXT1: (u) => extension(u.uint(1)),
  EXT2: (u) => extension(u.uint(2)),
  EXT4: (u) => extension(u.uint(4, true)),
  PERSID: () => {
    throw unpicklingError(PERSISTENT_REFUSAL);
  },
  BINPERSID: () => {
    throw unpicklingError(PERSISTENT_REFUSAL);
  },
  NEXT_BUFFER: () => {
    throw unpicklingError(
      'pickle stream refers to out-of-band data but no *buffers* argument was given',
    );
  },
  READONLY_BUFFER: (u) => {
    const top = u.top();
    if (top.type === 'bytearray') u.stack[u.stack.length - 1] = pyValue('memoryview');
    else if (top.type !== 'bytes' && top.type !== 'memoryview') {
      throw new PythonError(
        'TypeError',
        `memoryview: a bytes-like object is required, not '${top.type}'`,
      );
    }
  },
};

function newObject(u: CUnpickler, name: string, pops: number): never {
  for (let i = 1; i < pops; i++) u.pop();
  const cls = u.pop();
  throw unpicklingError(`${name} class argument must be a type, not ${cls.type}`);
}

function extension(code: bigint): never {
  if (code <= 0n) throw unpicklingError('EXT specifies code <= 0');
  throw new PythonError('ValueError', `unregistered extension code ${code}`);
}

/** load()'s message for a byte that is not an opcode. */
function invalidLoadKey(code: number): PythonError {
  const shown =
    code >= 0x20 && code <= 0x7e && code !== 0x27 && code !== 0x5c
      ? String.fromCharCode(code)
      : `\\x${code.toString(16).padStart(2, '0')}`;
  return unpicklingError(`invalid load key, '${shown}'.`);
}

/** Replays `pickle.loads(bytes)` as CPython 3.11's C unpickler runs it, up to the first import. */
export function simulatePythonLoad(bytes: Uint8Array): PythonLoad {
  const u = new CUnpickler(bytes);
  for (;;) {
    const offset = u.pos;
    if (offset >= bytes.length) {
      return { outcome: 'refuses', offset, exception: 'EOFError', message: 'Ran out of input' };
    }
    const code = bytes[u.pos++] as number;
    const name = PICKLE_OPCODE_BY_CODE.get(code)?.name;
    try {
      if (name === undefined) throw invalidLoadKey(code);
      if (name === 'STOP') {
        u.pop();
        return { outcome: 'loads', offset };
      }
      (LOADS[name] as Load)(u);
    } catch (e) {
      if (e instanceof ReachesImport) return { outcome: 'runs-code', offset, opcode: name ?? '' };
      if (e instanceof PythonError)
        return { outcome: 'refuses', offset, exception: e.pyType, message: e.message };
      throw e;
    }
  }
}
