/**
 * The pickle opcodes that push a value: integers, strings and bytes, the singletons, unicode
 * strings and floats, in pickletools' order. Written from the format descriptions in CPython's
 * Lib/pickletools.py, not generated from it.
 */
import { ch, type PickleOpcodeInfo } from './opcode-format';

/** Value-pushing opcodes, pickletools' groups "Integers" to "Floats". */
export const VALUE_OPCODES: readonly PickleOpcodeInfo[] = [
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
];
