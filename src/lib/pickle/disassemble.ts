/**
 * A pickle disassembler and risk report, in three phases:
 * 1. the byte stream (byte-stream.ts): opcodes and arguments read the way Python's
 *    `pickletools.genops` reads them (same names, offsets and argument values);
 * 2. the symbolic machine (symbolic-machine.ts): the unpickler's stack machine run on symbols
 *    beside the stream, through a dispatch table, so STACK_GLOBAL and REDUCE resolve to the
 *    global imported and the call made; nothing is ever imported or called;
 * 3. the risk report (risk.ts): what loading would do, in words, and no safety verdict at all for
 *    bytes that CPython's `pickle.loads` refuses before importing anything (python-load.ts).
 *
 * It never throws: damaged, truncated or hostile input gives `ok: false`, an error with the
 * offset, and everything decoded up to that point.
 */
import { argText, Cursor, readArgument, StreamError } from './byte-stream';
import { PICKLE_OPCODE_BY_CODE } from './opcodes';
import { simulatePythonLoad } from './python-load';
import { pyStrRepr } from './python-repr';
import { assessRisk } from './risk';
import { SymbolicMachine } from './symbolic-machine';
import type { DisassembleOptions, PickleDisassembly, PickleError, PickleOp } from './types';

export type * from './types';
export { decodeLong } from './byte-stream';

/** Largest pickle the booklet inspects (64 MiB): the default `maxBytes`, and the page's upload limit. */
export const MAX_PICKLE_BYTES = 64 * 1024 * 1024;
const DEFAULT_MAX_OPS = 100_000;
const DEFAULT_MAX_TEXT = 200;

/** Reads the next opcode and its argument, or says why the stream stops here. */
function nextOp(cur: Cursor, depth: number, maxChars: number): PickleOp | PickleError {
  const offset = cur.pos;
  if (cur.remaining === 0) {
    return {
      kind: 'missing-stop',
      offset,
      message: `The data ends at offset ${offset} without a STOP opcode; pickle.load would fail there.`,
    };
  }
  const code = cur.u8('opcode');
  const info = PICKLE_OPCODE_BY_CODE.get(code);
  if (!info) {
    const shown = code >= 0x20 && code < 0x7f ? ` (${pyStrRepr(String.fromCharCode(code))})` : '';
    return {
      kind: 'unknown-opcode',
      offset,
      message: `Byte 0x${code.toString(16).padStart(2, '0')}${shown} at offset ${offset} is not a pickle opcode.`,
    };
  }
  try {
    const arg = readArgument(info, cur, maxChars);
    const byteLength = cur.pos - offset;
    return {
      offset,
      code,
      name: info.name,
      arg,
      argText: argText(arg),
      byteLength,
      protocol: info.protocol,
      depth,
      note: '',
    };
  } catch (e) {
    const kind = e instanceof StreamError ? e.kind : 'bad-argument';
    const detail = e instanceof Error ? e.message : String(e);
    return { kind, offset, message: `${info.name} at offset ${offset}: ${detail}` };
  }
}

/** The error for input refused before any opcode is read (empty, or over the size limit). */
function refusedInput(bytes: Uint8Array, maxBytes: number): PickleError | null {
  if (bytes.length === 0) {
    return {
      kind: 'empty',
      offset: 0,
      message: 'The file is empty: a pickle has at least a STOP opcode.',
    };
  }
  if (bytes.length > maxBytes) {
    return {
      kind: 'too-large',
      offset: 0,
      message: `The file is ${bytes.length} bytes; this inspector reads at most ${maxBytes}.`,
    };
  }
  return null;
}

/**
 * Disassembles a pickle without running it: every opcode with its offset and argument, the
 * globals it would import, the calls it would make, what `pickle.loads` would do, and a
 * plain-words risk verdict.
 */
export function disassemblePickle(
  bytes: Uint8Array,
  options: DisassembleOptions = {},
): PickleDisassembly {
  const maxBytes = options.maxBytes ?? MAX_PICKLE_BYTES;
  const maxOps = options.maxOps ?? DEFAULT_MAX_OPS;
  const maxChars = Math.max(1, options.maxTextChars ?? DEFAULT_MAX_TEXT);
  const machine = new SymbolicMachine();
  const ops: PickleOp[] = [];
  let error = refusedInput(bytes, maxBytes);
  const cur = new Cursor(bytes);
  while (error === null && machine.stopOffset === null) {
    if (ops.length >= maxOps) {
      error = {
        kind: 'too-many-ops',
        offset: cur.pos,
        message: `Stopped after ${maxOps} opcodes; the rest of the file was not inspected.`,
      };
      break;
    }
    const next = nextOp(cur, machine.metastack.length, maxChars);
    if ('kind' in next) {
      error = next;
      break;
    }
    ops.push(next);
    machine.step(next, cur.remaining);
  }
  const { stopOffset } = machine;
  if (stopOffset !== null && stopOffset < bytes.length - 1) {
    machine.warn(
      `${bytes.length - stopOffset - 1} bytes follow STOP; pickle.load does not read them.`,
      stopOffset,
    );
  }
  const load = simulatePythonLoad(bytes);
  const highestOpcodeProtocol = ops.reduce((max, op) => Math.max(max, op.protocol), 0);
  return {
    ok: error === null,
    byteLength: bytes.length,
    declaredProtocol: machine.declaredProtocol,
    highestOpcodeProtocol,
    protocol: machine.declaredProtocol ?? highestOpcodeProtocol,
    ops,
    globals: machine.globals,
    findings: machine.findings,
    risk: assessRisk(machine.findings, machine.globals, machine.calls, error !== null, load),
    error,
    warnings: machine.warnings,
    stopOffset,
    trailingBytes: stopOffset === null ? 0 : bytes.length - stopOffset - 1,
    load,
  };
}
