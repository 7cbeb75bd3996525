import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateGitHubWorkflow } from './github-validate';

// The booklet's own workflows, which chapter 4 shows live.
const workflowsDir = fileURLToPath(new URL('../../../.github/workflows/', import.meta.url));
const files = existsSync(workflowsDir)
  ? readdirSync(workflowsDir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
  : [];

describe("the repository's own workflows", () => {
  it('include ci.yml and deploy.yml', () => {
    expect(files).toEqual(expect.arrayContaining(['ci.yml', 'deploy.yml']));
  });

  it('validate with zero errors', () => {
    for (const file of files) {
      const result = validateGitHubWorkflow(readFileSync(join(workflowsDir, file), 'utf8'));
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      expect(errors, `${file}: ${JSON.stringify(errors, null, 1)}`).toEqual([]);
      expect(result.graph?.cycle, file).toBeNull();
    }
  });
});
