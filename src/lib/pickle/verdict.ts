/**
 * What the pickle inspector says first about a file (issue 15 #3). Bytes that CPython's
 * `pickle.loads` refuses before importing or calling anything are "not a pickle", with the byte
 * and exception, and get no safety verdict at all: no "Data only" under a "not a complete
 * pickle" line. Every other file gets its risk level in words, plus a damage line when the stream
 * breaks after Python has already started running it.
 */
import type { PickleDisassembly } from './types';

/** Words for each risk level a real pickle can have. */
export const PICKLE_LEVEL_WORDS = {
  'data-only': 'Data only',
  info: 'Data only, with notes',
  imports: 'Imports modules',
  'executes-code': 'Runs code',
  dangerous: 'Dangerous',
} as const;

/** The inspector's first lines for one file. */
export type PickleVerdict =
  | { kind: 'not-a-pickle'; headline: string }
  | {
      kind: 'pickle';
      level: keyof typeof PICKLE_LEVEL_WORDS;
      words: string;
      headline: string;
      /** Set when decoding stopped early: where, and why (the field shows it too). */
      damage: string | null;
    };

/** The verdict for a disassembly: no safety words for files Python refuses. */
export function pickleVerdict(d: PickleDisassembly): PickleVerdict {
  if (d.risk.level === 'not-a-pickle' || d.load.outcome === 'refuses') {
    return { kind: 'not-a-pickle', headline: d.risk.headline };
  }
  const level = d.risk.level;
  return {
    kind: 'pickle',
    level,
    words: PICKLE_LEVEL_WORDS[level],
    headline: d.risk.headline,
    damage: d.error ? `Stopped at byte ${d.error.offset}: ${d.error.message}` : null,
  };
}
