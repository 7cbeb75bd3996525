// The properties live in verdict.fuzz.ts, shared with the fuzz bench (scripts/bench/fuzz.ts).
import { registerFuzzTests } from '../fuzz-vitest';
import { FUZZ_TESTS } from './verdict.fuzz';

registerFuzzTests(FUZZ_TESTS);
