/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

// Unit tests go through Astro's Vite config so `?raw` imports and aliases behave as on the site.
export default getViteConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // GitHub's workflow parser imports its JSON schema without an import attribute, which Node's
    // own loader refuses; Vite's transform (as in the site build) reads it.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
