// The properties live in playground.fuzz.ts, shared with the fuzz bench (scripts/bench/fuzz.ts).
import { registerFuzzTests } from '../fuzz-vitest';
import { FUZZ_TESTS } from './playground.fuzz';

registerFuzzTests(FUZZ_TESTS);
