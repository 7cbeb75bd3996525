/**
 * The pickle opcode table: every opcode Python's `pickletools` documents, with the same names,
 * opcode bytes, argument formats and the protocol that introduced each one. Written from the
 * format descriptions in CPython's Lib/pickletools.py (the `ArgumentDescriptor`s and the
 * `opcodes` list), not generated from it.
 */

/**
 * How an opcode's argument is laid out in the stream, named as in pickletools:
 * fixed-width integers are little-endian; `*nl` arguments end at a newline byte; the counted
 * formats start with a length (`1` = one unsigned byte, `4` = four bytes little-endian, `8` =
 * eight bytes little-endian); `float8` is a big-endian IEEE-754 double.
 */
export type PickleArgFormat =
  | 'none'
  | 'uint1'
  | 'uint2'
  | 'int4'
  | 'uint4'
  | 'uint8'
  | 'decimalnl_short'
  | 'decimalnl_long'
  | 'floatnl'
  | 'float8'
  | 'long1'
  | 'long4'
  | 'stringnl'
  | 'stringnl_noescape'
  | 'stringnl_noescape_pair'
  | 'string1'
  | 'string4'
  | 'bytes1'
  | 'bytes4'
  | 'bytes8'
  | 'bytearray8'
  | 'unicodestringnl'
  | 'unicodestring1'
  | 'unicodestring4'
  | 'unicodestring8';

/** One opcode: its byte, its pickletools name, its argument format and its first protocol. */
export interface PickleOpcodeInfo {
  /** The opcode byte. */
  code: number;
  /** The name pickletools prints, for example `SHORT_BINUNICODE`. */
  name: string;
  /** Layout of the inline argument that follows the opcode byte. */
  arg: PickleArgFormat;
  /** The pickle protocol that introduced the opcode (0–5). */
  protocol: number;
  /** What the opcode does to the unpickler's stack, in one sentence. */
  summary: string;
}

const ch = (c: string): number => c.charCodeAt(0);

/** All 68 opcodes of pickle protocols 0–5, in pickletools' order. */
export const PICKLE_OPCODES: readonly PickleOpcodeInfo[] = [
  // Integers
  {
    code: ch('I'),
    name: 'INT',
    arg: 'decimalnl_short',
    protocol: 0,
    summary: 'Push an integer written in decimal (00/01 mean False/True).',
  },
  {
    code: ch('J'),
    name: 'BININT',
    arg: 'int4',
    protocol: 1,
    summary: 'Push a four-byte signed integer.',
  },
  {
    code: ch('K'),
    name: 'BININT1',
    arg: 'uint1',
    protocol: 1,
    summary: 'Push a one-byte unsigned integer.',
  },
  {
    code: ch('M'),
    name: 'BININT2',
    arg: 'uint2',
    protocol: 1,
    summary: 'Push a two-byte unsigned integer.',
  },
  {
    code: ch('L'),
    name: 'LONG',
    arg: 'decimalnl_long',
    protocol: 0,
    summary: 'Push an integer written in decimal, with an optional trailing L.',
  },
  {
    code: 0x8a,
    name: 'LONG1',
    arg: 'long1',
    protocol: 2,
    summary: "Push an integer stored as up to 255 bytes of little-endian two's complement.",
  },
  {
    code: 0x8b,
    name: 'LONG4',
    arg: 'long4',
    protocol: 2,
    summary: "Push an integer stored as a counted run of little-endian two's-complement bytes.",
  },
  // Strings and bytes
  {
    code: ch('S'),
    name: 'STRING',
    arg: 'stringnl',
    protocol: 0,
    summary: 'Push a quoted, escaped string literal.',
  },
  {
    code: ch('T'),
    name: 'BINSTRING',
    arg: 'string4',
    protocol: 1,
    summary: 'Push a counted Python 2 string.',
  },
  {
    code: ch('U'),
    name: 'SHORT_BINSTRING',
    arg: 'string1',
    protocol: 1,
    summary: 'Push a short counted Python 2 string.',
  },
  {
    code: ch('B'),
    name: 'BINBYTES',
    arg: 'bytes4',
    protocol: 3,
    summary: 'Push a counted bytes object.',
  },
  {
    code: ch('C'),
    name: 'SHORT_BINBYTES',
    arg: 'bytes1',
    protocol: 3,
    summary: 'Push a short counted bytes object.',
  },
  {
    code: 0x8e,
    name: 'BINBYTES8',
    arg: 'bytes8',
    protocol: 4,
    summary: 'Push a bytes object with an eight-byte length.',
  },
  {
    code: 0x96,
    name: 'BYTEARRAY8',
    arg: 'bytearray8',
    protocol: 5,
    summary: 'Push a bytearray with an eight-byte length.',
  },
  {
    code: 0x97,
    name: 'NEXT_BUFFER',
    arg: 'none',
    protocol: 5,
    summary: 'Push the next out-of-band buffer the loader was given.',
  },
  {
    code: 0x98,
    name: 'READONLY_BUFFER',
    arg: 'none',
    protocol: 5,
    summary: 'Make the buffer on top of the stack read-only.',
  },
  // Singletons
  { code: ch('N'), name: 'NONE', arg: 'none', protocol: 0, summary: 'Push None.' },
  { code: 0x88, name: 'NEWTRUE', arg: 'none', protocol: 2, summary: 'Push True.' },
  { code: 0x89, name: 'NEWFALSE', arg: 'none', protocol: 2, summary: 'Push False.' },
  // Unicode strings
  {
    code: ch('V'),
    name: 'UNICODE',
    arg: 'unicodestringnl',
    protocol: 0,
    summary: 'Push a str written in raw-unicode-escape, up to a newline.',
  },
  {
    code: 0x8c,
    name: 'SHORT_BINUNICODE',
    arg: 'unicodestring1',
    protocol: 4,
    summary: 'Push a short counted UTF-8 str.',
  },
  {
    code: ch('X'),
    name: 'BINUNICODE',
    arg: 'unicodestring4',
    protocol: 1,
    summary: 'Push a counted UTF-8 str.',
  },
  {
    code: 0x8d,
    name: 'BINUNICODE8',
    arg: 'unicodestring8',
    protocol: 4,
    summary: 'Push a UTF-8 str with an eight-byte length.',
  },
  // Floats
  {
    code: ch('F'),
    name: 'FLOAT',
    arg: 'floatnl',
    protocol: 0,
    summary: 'Push a float written in decimal.',
  },
  {
    code: ch('G'),
    name: 'BINFLOAT',
    arg: 'float8',
    protocol: 1,
    summary: 'Push a float stored as a big-endian IEEE-754 double.',
  },
  // Lists
  { code: ch(']'), name: 'EMPTY_LIST', arg: 'none', protocol: 1, summary: 'Push an empty list.' },
  {
    code: ch('a'),
    name: 'APPEND',
    arg: 'none',
    protocol: 0,
    summary: 'Append the top item to the list below it.',
  },
  {
    code: ch('e'),
    name: 'APPENDS',
    arg: 'none',
    protocol: 1,
    summary: 'Extend the list below the last MARK with the items above it.',
  },
  {
    code: ch('l'),
    name: 'LIST',
    arg: 'none',
    protocol: 0,
    summary: 'Replace the items above the last MARK with a list of them.',
  },
  // Tuples
  { code: ch(')'), name: 'EMPTY_TUPLE', arg: 'none', protocol: 1, summary: 'Push an empty tuple.' },
  {
    code: ch('t'),
    name: 'TUPLE',
    arg: 'none',
    protocol: 0,
    summary: 'Replace the items above the last MARK with a tuple of them.',
  },
  {
    code: 0x85,
    name: 'TUPLE1',
    arg: 'none',
    protocol: 2,
    summary: 'Replace the top item with a 1-tuple.',
  },
  {
    code: 0x86,
    name: 'TUPLE2',
    arg: 'none',
    protocol: 2,
    summary: 'Replace the top two items with a 2-tuple.',
  },
  {
    code: 0x87,
    name: 'TUPLE3',
    arg: 'none',
    protocol: 2,
    summary: 'Replace the top three items with a 3-tuple.',
  },
  // Dicts
  { code: ch('}'), name: 'EMPTY_DICT', arg: 'none', protocol: 1, summary: 'Push an empty dict.' },
  {
    code: ch('d'),
    name: 'DICT',
    arg: 'none',
    protocol: 0,
    summary: 'Replace the key/value pairs above the last MARK with a dict.',
  },
  {
    code: ch('s'),
    name: 'SETITEM',
    arg: 'none',
    protocol: 0,
    summary: 'Store the top key/value pair in the dict below them.',
  },
  {
    code: ch('u'),
    name: 'SETITEMS',
    arg: 'none',
    protocol: 1,
    summary: 'Store the key/value pairs above the last MARK in the dict below it.',
  },
  // Sets
  { code: 0x8f, name: 'EMPTY_SET', arg: 'none', protocol: 4, summary: 'Push an empty set.' },
  {
    code: 0x90,
    name: 'ADDITEMS',
    arg: 'none',
    protocol: 4,
    summary: 'Add the items above the last MARK to the set below it.',
  },
  {
    code: 0x91,
    name: 'FROZENSET',
    arg: 'none',
    protocol: 4,
    summary: 'Replace the items above the last MARK with a frozenset.',
  },
  // Stack manipulation
  { code: ch('0'), name: 'POP', arg: 'none', protocol: 0, summary: 'Discard the top item.' },
  { code: ch('2'), name: 'DUP', arg: 'none', protocol: 0, summary: 'Push a copy of the top item.' },
  {
    code: ch('('),
    name: 'MARK',
    arg: 'none',
    protocol: 0,
    summary: 'Push a marker that later opcodes collect items up to.',
  },
  {
    code: ch('1'),
    name: 'POP_MARK',
    arg: 'none',
    protocol: 1,
    summary: 'Discard everything down to and including the last MARK.',
  },
  // Memo
  {
    code: ch('g'),
    name: 'GET',
    arg: 'decimalnl_short',
    protocol: 0,
    summary: 'Push the memo entry with the given index.',
  },
  {
    code: ch('h'),
    name: 'BINGET',
    arg: 'uint1',
    protocol: 1,
    summary: 'Push the memo entry with the given one-byte index.',
  },
  {
    code: ch('j'),
    name: 'LONG_BINGET',
    arg: 'uint4',
    protocol: 1,
    summary: 'Push the memo entry with the given four-byte index.',
  },
  {
    code: ch('p'),
    name: 'PUT',
    arg: 'decimalnl_short',
    protocol: 0,
    summary: 'Store the top item in the memo at the given index.',
  },
  {
    code: ch('q'),
    name: 'BINPUT',
    arg: 'uint1',
    protocol: 1,
    summary: 'Store the top item in the memo at the given one-byte index.',
  },
  {
    code: ch('r'),
    name: 'LONG_BINPUT',
    arg: 'uint4',
    protocol: 1,
    summary: 'Store the top item in the memo at the given four-byte index.',
  },
  {
    code: 0x94,
    name: 'MEMOIZE',
    arg: 'none',
    protocol: 4,
    summary: 'Store the top item in the memo at the next free index.',
  },
  // Extension registry
  {
    code: 0x82,
    name: 'EXT1',
    arg: 'uint1',
    protocol: 2,
    summary: "Push the global that copyreg's extension registry maps this code to.",
  },
  {
    code: 0x83,
    name: 'EXT2',
    arg: 'uint2',
    protocol: 2,
    summary: "Push the global that copyreg's extension registry maps this code to.",
  },
  {
    code: 0x84,
    name: 'EXT4',
    arg: 'int4',
    protocol: 2,
    summary: "Push the global that copyreg's extension registry maps this code to.",
  },
  // Globals and object building
  {
    code: ch('c'),
    name: 'GLOBAL',
    arg: 'stringnl_noescape_pair',
    protocol: 0,
    summary: 'Import a module and push one of its attributes (module and name up to newlines).',
  },
  {
    code: 0x93,
    name: 'STACK_GLOBAL',
    arg: 'none',
    protocol: 4,
    summary: 'Import a module and push one of its attributes, both names taken from the stack.',
  },
  {
    code: ch('R'),
    name: 'REDUCE',
    arg: 'none',
    protocol: 0,
    summary: 'Call the callable below the top item with the top item (a tuple) as arguments.',
  },
  {
    code: ch('b'),
    name: 'BUILD',
    arg: 'none',
    protocol: 0,
    summary:
      'Apply the top item as state to the object below it (__setstate__ or __dict__ update).',
  },
  {
    code: ch('i'),
    name: 'INST',
    arg: 'stringnl_noescape_pair',
    protocol: 0,
    summary: 'Import a class and call it with the items above the last MARK.',
  },
  {
    code: ch('o'),
    name: 'OBJ',
    arg: 'none',
    protocol: 1,
    summary: 'Call the first item above the last MARK with the rest as arguments.',
  },
  {
    code: 0x81,
    name: 'NEWOBJ',
    arg: 'none',
    protocol: 2,
    summary: 'Create an object with cls.__new__(cls, *args).',
  },
  {
    code: 0x92,
    name: 'NEWOBJ_EX',
    arg: 'none',
    protocol: 4,
    summary: 'Create an object with cls.__new__(cls, *args, **kwargs).',
  },
  // Machine control
  {
    code: 0x80,
    name: 'PROTO',
    arg: 'uint1',
    protocol: 2,
    summary: 'Declare the protocol version.',
  },
  {
    code: ch('.'),
    name: 'STOP',
    arg: 'none',
    protocol: 0,
    summary: 'End of the pickle: the top item is the result.',
  },
  {
    code: 0x95,
    name: 'FRAME',
    arg: 'uint8',
    protocol: 4,
    summary: 'Start a frame of the given byte length (a read-ahead hint).',
  },
  // Persistent ids
  {
    code: ch('P'),
    name: 'PERSID',
    arg: 'stringnl_noescape',
    protocol: 0,
    summary: "Push the object the loader's persistent_load returns for this id.",
  },
  {
    code: ch('Q'),
    name: 'BINPERSID',
    arg: 'none',
    protocol: 1,
    summary: "Replace the top item with what the loader's persistent_load returns for it.",
  },
];

/** Opcode table indexed by opcode byte; `undefined` where no opcode exists. */
export const PICKLE_OPCODE_BY_CODE: ReadonlyMap<number, PickleOpcodeInfo> = new Map(
  PICKLE_OPCODES.map((op) => [op.code, op]),
);

/** The highest pickle protocol this table knows (Python 3.8+ writes up to 5). */
export const HIGHEST_PICKLE_PROTOCOL = 5;
