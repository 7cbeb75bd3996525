// The properties live in upload.fuzz.ts, shared with the fuzz bench (scripts/bench/fuzz.ts).
import { registerFuzzTests } from '../fuzz-vitest';
import { FUZZ_TESTS } from './upload.fuzz';

registerFuzzTests(FUZZ_TESTS);
