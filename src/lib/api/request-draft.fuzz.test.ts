// The properties live in request-draft.fuzz.ts, shared with the fuzz bench (scripts/bench/fuzz.ts).
import { registerFuzzTests } from '../fuzz-vitest';
import { FUZZ_TESTS } from './request-draft.fuzz';

registerFuzzTests(FUZZ_TESTS);
