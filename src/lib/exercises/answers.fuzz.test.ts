// The properties live in answers.fuzz.ts, shared with the fuzz bench (scripts/bench/fuzz.ts).
import { registerFuzzTests } from '../fuzz-vitest';
import { FUZZ_TESTS } from './answers.fuzz';

registerFuzzTests(FUZZ_TESTS);
