// The properties live in scenario.fuzz.ts, shared with the fuzz bench (scripts/bench/fuzz.ts).
import { registerFuzzTests } from '../fuzz-vitest';
import { FUZZ_TESTS } from './scenario.fuzz';

registerFuzzTests(FUZZ_TESTS);
