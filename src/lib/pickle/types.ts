/**
 * The shapes `disassemblePickle` returns: decoded opcodes and arguments, what loading would
 * import and call, the risk verdict, and what CPython's `pickle.loads` does with the bytes.
 */
import type { DangerousGlobal } from './dangerous-globals';

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

/**
 * What CPython 3.11's C unpickler (`pickle.loads`) does with the bytes, found by running its checks
 * symbolically (src/lib/pickle/python-load.ts):
 * - `refuses`: it raises `exception: message` at the opcode at byte `offset` (or at the end of
 *   the data for "Ran out of input") before importing or calling anything: not a pickle;
 * - `runs-code`: it reaches an import (GLOBAL, STACK_GLOBAL or INST) at `offset`, from where the
 *   file can run code, so the safety report applies;
 * - `loads`: it rebuilds plain data and returns at the STOP at `offset`.
 */
export type PythonLoad =
  | { outcome: 'refuses'; offset: number; exception: string; message: string }
  | { outcome: 'runs-code'; offset: number; opcode: string }
  | { outcome: 'loads'; offset: number };

/** The verdict for the whole file. */
export interface PickleRisk {
  /**
   * `not-a-pickle` when Python refuses the bytes before importing or calling anything; otherwise
   * the worst finding, or `data-only` when loading only rebuilds plain data.
   */
  level: 'not-a-pickle' | 'data-only' | PickleSeverity;
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
  /** What `pickle.loads` does with these bytes (CPython 3.11's C unpickler). */
  load: PythonLoad;
}
