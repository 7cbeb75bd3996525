// The properties live in float32-input.fuzz.ts, shared with the fuzz bench (scripts/bench/fuzz.ts).
import { registerFuzzTests } from '../fuzz-vitest';
import { FUZZ_TESTS } from './float32-input.fuzz';

registerFuzzTests(FUZZ_TESTS);
