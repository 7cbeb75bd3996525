/**
 * Test helper: registers the properties of a `*.fuzz.ts` file as vitest tests, each run with
 * fast-check's `fc.assert` (the fuzz bench runs the same properties with `fc.check`).
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { FuzzTest } from './fuzz';

/** One vitest test per fuzzed input, under its suite's name. */
export function registerFuzzTests(tests: readonly FuzzTest[]): void {
  for (const t of tests)
    describe(t.suite, () =>
      it(t.title, () => t.run((property, params) => fc.assert(property, params)), t.timeout),
    );
}
