// The properties live in form-input.fuzz.ts, shared with the fuzz bench (scripts/bench/fuzz.ts).
import { registerFuzzTests } from '../fuzz-vitest';
import { FUZZ_TESTS } from './form-input.fuzz';

registerFuzzTests(FUZZ_TESTS);
