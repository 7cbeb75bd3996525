import { describe, expect, it } from 'vitest';
import { exerciseEntry } from './catalog';
import { checkDockerfileAnswer, checkWorkflowAnswer } from './files';
import fixedDockerfile from './files/fixed-api.Dockerfile?raw';
import fixedWorkflow from './files/fixed-ci.yml?raw';
import type { DockerfileSpec, WorkflowSpec } from './types';

const docker = exerciseEntry('02-docker', 'fix-dockerfile') as DockerfileSpec;
const workflow = exerciseEntry('04-ci-cd', 'fix-workflow') as WorkflowSpec;

describe('checkDockerfileAnswer', () => {
  it('lists what the analyser still finds in the starter, first finding first', async () => {
    const result = await checkDockerfileAnswer(docker, docker.starter);
    expect(result.correct).toBe(false);
    expect(result.line).toBe(1);
    expect(result.message).toMatch(/^6 findings left\. Line 1: /);
  });

  it('accepts the worked solution', async () => {
    expect(await checkDockerfileAnswer(docker, fixedDockerfile)).toEqual({
      correct: true,
      message:
        'Accepted: the analyser reports no warning and the image still builds and runs the service.',
    });
  });

  it('names the one finding left when the secret stays', async () => {
    const withSecret = fixedDockerfile.replace(
      'ENV NODE_ENV=production',
      'ENV API_TOKEN=abc NODE_ENV=production',
    );
    const result = await checkDockerfileAnswer(docker, withSecret);
    expect(result.correct).toBe(false);
    expect(result.message).toMatch(
      /^1 finding left\. Line \d+: ENV API_TOKEN stores what looks like a secret/,
    );
  });

  it('refuses a file that silences the analyser by deleting the service', async () => {
    const gutted = 'FROM node:22.23.3-bookworm-slim\nUSER node\n';
    expect((await checkDockerfileAnswer(docker, gutted)).message).toBe(
      'The analyser is not the only judge: the image must still install its packages with `npm ci`.',
    );
  });

  it('reports a parse error with its line, and refuses empty or oversized files at the field', async () => {
    const broken = await checkDockerfileAnswer(docker, 'FROM node:22\nFORM x\n');
    expect(broken).toMatchObject({ correct: false, line: 2 });
    expect(broken.message).toMatch(/^The analyser cannot read line 2: /);
    expect(await checkDockerfileAnswer(docker, '  \n')).toMatchObject({ fieldError: true });
    expect(await checkDockerfileAnswer(docker, 'x'.repeat(20_001))).toMatchObject({
      fieldError: true,
    });
  });
});

describe('checkWorkflowAnswer', () => {
  it("reports the validator's first finding with its position and the count", async () => {
    const result = await checkWorkflowAnswer(workflow, workflow.starter);
    expect(result).toMatchObject({ correct: false, line: 20 });
    expect(result.message).toBe(
      '3 errors left. Line 20, column 12: Job `test` needs `lnit`, but there is no job with that id; did you mean `lint`?',
    );
  });

  it('accepts the worked solution', async () => {
    expect((await checkWorkflowAnswer(workflow, fixedWorkflow)).correct).toBe(true);
  });

  it('refuses a valid workflow that dropped a job or a needs edge', async () => {
    const noBuild = fixedWorkflow.slice(0, fixedWorkflow.indexOf('  build:'));
    expect((await checkWorkflowAnswer(workflow, noBuild)).message).toMatch(
      /the job `build` is gone/,
    );
    const noNeeds = fixedWorkflow.replace('    needs: lint\n', '');
    expect((await checkWorkflowAnswer(workflow, noNeeds)).message).toMatch(
      /`test` no longer needs `lint`/,
    );
  });

  it('reports YAML that cannot be read', async () => {
    const result = await checkWorkflowAnswer(workflow, 'jobs: [\n');
    expect(result.correct).toBe(false);
    expect(result.message).toMatch(/^1 error left\. Line \d+/);
  });
});
