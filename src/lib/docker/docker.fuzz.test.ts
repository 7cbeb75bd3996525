// The properties live in docker.fuzz.ts, shared with the fuzz bench (scripts/bench/fuzz.ts).
import { registerFuzzTests } from '../fuzz-vitest';
import { FUZZ_TESTS } from './docker.fuzz';

registerFuzzTests(FUZZ_TESTS);
