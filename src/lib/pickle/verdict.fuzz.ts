/**
 * Fuzz of the pickle inspector's upload path (issue 15 #3): random bytes, truncations of the
 * sample pickles and over-limit files through `disassemblePickle` and `pickleVerdict`, the
 * functions the page calls. A safety verdict appears only when Python would run the bytes;
 * everything else is "not a pickle" with the byte Python stops at. Nothing throws.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { overLimitUploads } from '../data/upload-fuzz';
import { fuzzSuite } from '../fuzz';
import { disassemblePickle } from './disassemble';
import { PICKLE_SAMPLES, readPickleSample } from './samples-node';
import { pickleVerdict } from './verdict';

/** Generated uploads per kind; the report quotes these counts. */
export const FUZZ_RUNS = { randomBytes: 400, truncatedSamples: 300, oversized: 200 } as const;

const { describe, it, tests } = fuzzSuite();

describe('pickle upload fuzz', () => {
  it(`${FUZZ_RUNS.randomBytes} random byte strings: a safety verdict only when Python would run them`, (assert) => {
    assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
        const d = disassemblePickle(bytes);
        const verdict = pickleVerdict(d);
        expect(verdict.kind === 'not-a-pickle').toBe(d.load.outcome === 'refuses');
        expect(verdict.headline.length).toBeGreaterThan(0);
      }),
      { numRuns: FUZZ_RUNS.randomBytes },
    );
  });
  it(`${FUZZ_RUNS.truncatedSamples} truncations of the samples never throw`, async (assert) => {
    const files = await Promise.all(PICKLE_SAMPLES.map(readPickleSample));
    assert(
      fc.property(fc.nat(files.length - 1), fc.double({ min: 0, max: 1, noNaN: true }), (i, f) => {
        const file = files[i] ?? new Uint8Array(0);
        const bytes = file.subarray(0, Math.floor(f * file.length));
        const verdict = pickleVerdict(disassemblePickle(bytes));
        if (bytes.length < file.length && verdict.kind === 'pickle') {
          expect(verdict.damage).not.toBeNull();
        }
      }),
      { numRuns: FUZZ_RUNS.truncatedSamples },
    );
  });
  it(`${FUZZ_RUNS.oversized} files over the limit are refused before reading`, (assert) =>
    overLimitUploads(
      assert,
      FUZZ_RUNS.oversized,
      { name: 'big.pkl', maxBytes: 32, maxLength: 400 },
      (bytes, maxBytes) => {
        const d = disassemblePickle(bytes, { maxBytes });
        expect(d.ops).toEqual([]);
        return d.ok ? 'read' : d.error?.kind;
      },
    ));
});

/** The properties above, for verdict.fuzz.test.ts and the fuzz bench. */
export const FUZZ_TESTS = tests;
