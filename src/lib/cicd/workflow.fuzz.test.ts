// The properties live in workflow.fuzz.ts, shared with the fuzz bench (scripts/bench/fuzz.ts).
import { registerFuzzTests } from '../fuzz-vitest';
import { FUZZ_TESTS } from './workflow.fuzz';

registerFuzzTests(FUZZ_TESTS);
