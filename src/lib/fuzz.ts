/**
 * Fuzz properties shared by the unit tests and `npm run bench`, so the counts the bench prints
 * are the counts the tests run. A `*.fuzz.ts` file beside the code it fuzzes declares its
 * properties with the `describe`/`it` of {@link fuzzSuite}; each `it` receives an `assert` that
 * runs a fast-check property. `*.fuzz.test.ts` hands them fast-check's `fc.assert` under vitest;
 * scripts/bench/fuzz.ts hands them `fc.check` and counts inputs tried and failures.
 * Only tests and scripts import this file (fast-check is a dev dependency); pages never do.
 */
import fc from 'fast-check';

/** Runs one property with `numRuns` generated inputs (fc.assert in tests, a counter in the bench). */
export type FuzzAssert = <Ts>(
  property: fc.IRawProperty<Ts>,
  params: fc.Parameters<Ts> & { numRuns: number },
) => void | Promise<void>;

/** One fuzzed widget input: the suite (widget) and title (input) it is reported under. */
export interface FuzzTest {
  suite: string;
  title: string;
  run: (assert: FuzzAssert) => void | Promise<void>;
  /** A time limit for the unit test, for properties over large inputs. */
  timeout?: number | undefined;
}

/** A collector with test-like `describe` and `it`; `tests` lists what they declared, in order. */
export function fuzzSuite(): {
  describe: (name: string, body: () => void) => void;
  it: (title: string, run: FuzzTest['run'], timeout?: number) => void;
  tests: FuzzTest[];
} {
  const tests: FuzzTest[] = [];
  const stack: string[] = [];
  return {
    tests,
    describe(name, body) {
      stack.push(name);
      try {
        body();
      } finally {
        stack.pop();
      }
    },
    it(title, run, timeout) {
      tests.push({ suite: stack.join(' › '), title, run, timeout });
    },
  };
}

/**
 * Text joined from `minLength` to `maxLength` pieces drawn from `pieces` (single characters and
 * whole tokens of the grammar under test), so that random inputs hit that grammar's symbols far
 * more often than `fc.string` would.
 */
export function textFrom(
  pieces: readonly string[],
  options: { maxLength: number; minLength?: number; separator?: string },
): fc.Arbitrary<string> {
  const { maxLength, minLength = 0, separator = '' } = options;
  return fc
    .array(fc.constantFrom(...pieces), { minLength, maxLength })
    .map((parts) => parts.join(separator));
}
