/** The pickle disassembler, loaded on demand by the pickle inspector. */
export {
  disassemblePickle,
  MAX_PICKLE_BYTES,
  type PickleDisassembly,
} from '../../lib/pickle/disassemble';
