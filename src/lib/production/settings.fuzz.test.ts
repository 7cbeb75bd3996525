// The properties live in settings.fuzz.ts, shared with the fuzz bench (scripts/bench/fuzz.ts).
import { registerFuzzTests } from '../fuzz-vitest';
import { FUZZ_TESTS } from './settings.fuzz';

registerFuzzTests(FUZZ_TESTS);
