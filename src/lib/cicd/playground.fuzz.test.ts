import fc from 'fast-check';
import { describe, it } from 'vitest';
import { FUZZ_TESTS } from './playground.fuzz';

// The properties live in playground.fuzz.ts, shared with the fuzz bench (scripts/bench/fuzz.ts).
for (const t of FUZZ_TESTS)
  describe(t.suite, () =>
    it(t.title, () => t.run((property, params) => fc.assert(property, params))),
  );
