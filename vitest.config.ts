/// <reference types="vitest/config" />
import { availableParallelism } from 'node:os';
import { getViteConfig } from 'astro/config';

// Unit tests go through Astro's Vite config so `?raw` imports and aliases behave as on the site.
export default getViteConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // Speed (issue 15): on the 2-core reference machine Vitest's default (cores − 1) ran one worker,
    // and re-importing the module graph for each of the 170 files took about 40% of the CPU time.
    // Two or more workers, and one module graph per worker shared by its files: 70 s → 23 s.
    // Sharing is safe here because no test file mocks modules, stubs globals, fakes timers or sets
    // env vars (only console spies, which assert nothing), and the suite passes with the file order
    // shuffled (`--sequence.shuffle.files`, seeds 1–3).
    pool: 'forks',
    isolate: false,
    maxWorkers: Math.max(2, availableParallelism()),
    // GitHub's workflow parser imports its JSON schema without an import attribute, which Node's
    // own loader refuses; Vite's transform (as in the site build) reads it.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
