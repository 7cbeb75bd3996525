/**
 * Test helper: the chapter-4 companion pipelines read from disk, and workflows parsed from YAML,
 * for the cicd unit tests, so each test file does not repeat the same reading and checking.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateGitHubWorkflow } from './github-validate';
import type { Workflow } from './workflow-model';

/** The companion GitHub Actions pipeline, relative to the repository root. */
export const ML_PIPELINE_GITHUB = 'content/04-ci-cd/pipelines/ml-pipeline.github.yml';

/** The companion GitLab CI pipeline, relative to the repository root. */
export const ML_PIPELINE_GITLAB = 'content/04-ci-cd/pipelines/ml-pipeline.gitlab-ci.yml';

/** The companion pipelines' seven jobs, one per wave, in order. */
export const ML_PIPELINE_WAVES: readonly string[][] = [
  ['lint'],
  ['unit-tests'],
  ['train'],
  ['evaluate'],
  ['build-and-push'],
  ['deploy-staging'],
  ['deploy-production'],
];

/** Text of a file given by its path from the repository root. */
export function repoText(path: string): string {
  return readFileSync(fileURLToPath(new URL(`../../../${path}`, import.meta.url)), 'utf8');
}

/** The workflow in `yaml`; throws with the diagnostics when it does not validate cleanly. */
export function workflowOf(yaml: string): Workflow {
  const result = validateGitHubWorkflow(yaml);
  if (!result.workflow || !result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.workflow;
}
