/** The pickle disassembler, loaded on demand by the pickle inspector. */
export { disassemblePickle, type PickleDisassembly } from '../../lib/pickle/disassemble';

/** Largest file the inspector reads (64 MiB), checked against File.size before reading. */
export const MAX_PICKLE_BYTES = 64 * 1024 * 1024;
