/**
 * Fuzz of the landing page's runtime check (issue 15): generated texts through
 * `readFloat32Input`, the function the page calls. Every text gives a finite float32 or a
 * worded message; nothing throws.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { fuzzSuite } from '../fuzz';
import { FLOAT32_MAX, readFloat32Input } from './float32-input';

/** Generated inputs per property; the report quotes these counts. */
export const FUZZ_RUNS = { runtimeCheckNumber: 600 } as const;

const { describe, it, tests } = fuzzSuite();

describe('runtime check number fuzz', () => {
  it(`${FUZZ_RUNS.runtimeCheckNumber} generated texts give a message or a float32, never a throw`, (assert) => {
    const text = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.double().map(String),
      fc.double().map((x) => x.toExponential()),
      fc.constantFrom('', ' ', '\t\n', 'NaN', '-0', '0x1f', '1e', '.', '١٢', '1'.repeat(100_000)),
    );
    assert(
      fc.property(text, (t) => {
        const result = readFloat32Input(t);
        if (result.ok) {
          expect(Number.isFinite(result.value)).toBe(true);
          expect(Math.fround(result.value)).toBe(result.value);
          expect(Math.abs(result.value)).toBeLessThanOrEqual(FLOAT32_MAX);
        } else {
          expect(result.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: FUZZ_RUNS.runtimeCheckNumber },
    );
  });
});

/** The properties above, for float32-input.fuzz.test.ts and the fuzz bench. */
export const FUZZ_TESTS = tests;
