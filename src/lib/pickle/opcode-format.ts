/**
 * The shape of a pickle opcode table entry, and how an argument is laid out in the stream,
 * named as in CPython's Lib/pickletools.py.
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

/** The opcode byte of a printable opcode, written as its character (`'I'` for INT). */
export const ch = (c: string): number => c.charCodeAt(0);
