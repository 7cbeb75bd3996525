/**
 * The pickle opcode table: every opcode Python's `pickletools` documents, with the same names,
 * opcode bytes, argument formats and the protocol that introduced each one. Written from the
 * format descriptions in CPython's Lib/pickletools.py (the `ArgumentDescriptor`s and the
 * `opcodes` list), not generated from it.
 */
import type { PickleOpcodeInfo } from './opcode-format';
import { VALUE_OPCODES } from './opcodes-values';
import { STRUCTURE_OPCODES } from './opcodes-structure';

export type { PickleArgFormat, PickleOpcodeInfo } from './opcode-format';

/** All 68 opcodes of pickle protocols 0–5, in pickletools' order. */
export const PICKLE_OPCODES: readonly PickleOpcodeInfo[] = [...VALUE_OPCODES, ...STRUCTURE_OPCODES];

/** Opcode table indexed by opcode byte; `undefined` where no opcode exists. */
export const PICKLE_OPCODE_BY_CODE: ReadonlyMap<number, PickleOpcodeInfo> = new Map(
  PICKLE_OPCODES.map((op) => [op.code, op]),
);

/** The highest pickle protocol this table knows (Python 3.8+ writes up to 5). */
export const HIGHEST_PICKLE_PROTOCOL = 5;
