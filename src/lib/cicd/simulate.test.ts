import { describe, expect, it } from 'vitest';
import { validateGitHubWorkflow } from './github-validate';
import { ML_PIPELINE_GITHUB, repoText, workflowOf } from './pipeline-fixtures-node';
import type { Workflow } from './workflow-model';
import { simulateConcurrentRuns, simulateRun, type RunSimulation } from './simulate';

const statuses = (run: RunSimulation): Record<string, string> =>
  Object.fromEntries(run.jobs.map((j) => [j.id, j.status]));

const pipeline = workflowOf(repoText(ML_PIPELINE_GITHUB));

/** A workflow started by push, with read-all permissions and the given `jobs:` block. */
const pushWorkflow = (jobs: string): Workflow =>
  workflowOf(`on: push\npermissions: read-all\njobs:\n${jobs}`);

describe('simulateRun on the ML pipeline', () => {
  it('runs everything but production for a push to main', () => {
    const run = simulateRun(pipeline, {
      event: { kind: 'push', branch: 'main', changedPaths: ['src/lib/model/train.ts'] },
    });
    expect(run.conclusion).toBe('success');
    expect(statuses(run)).toEqual({
      lint: 'success',
      'unit-tests': 'success',
      train: 'success',
      evaluate: 'success',
      'build-and-push': 'success',
      'deploy-staging': 'success',
      'deploy-production': 'skipped',
    });
    expect(run.jobs.find((j) => j.id === 'deploy-production')?.log.join(' ')).toMatch(
      /startsWith\(github\.ref, 'refs\/tags\/v'\).* is false/,
    );
  });

  it('does not start for a push to main that only touches the chapters prose', () => {
    const run = simulateRun(pipeline, {
      event: { kind: 'push', branch: 'main', changedPaths: ['content/05-monitoring/index.mdx'] },
    });
    expect(run.conclusion).toBe('not-triggered');
    expect(run.jobs).toEqual([]);
  });

  it('pauses production for approval on a version tag, then deploys once approved', () => {
    const options = {
      event: { kind: 'tag', tag: 'v1.0.0' } as const,
      protectedEnvironments: ['production'],
    };
    const waiting = simulateRun(pipeline, options);
    expect(waiting.conclusion).toBe('waiting');
    expect(statuses(waiting)['deploy-production']).toBe('waiting');
    expect(waiting.jobs.find((j) => j.id === 'deploy-production')?.log).toContain(
      'Waiting for a required reviewer to approve the deployment to `production`.',
    );
    const approved = simulateRun(pipeline, { ...options, approvals: { production: true } });
    expect(approved.conclusion).toBe('success');
    expect(statuses(approved)['deploy-production']).toBe('success');
    const rejected = simulateRun(pipeline, { ...options, approvals: { production: false } });
    expect(rejected.conclusion).toBe('failure');
    expect(statuses(rejected)['deploy-production']).toBe('failure');
  });

  it('lets the quality gate block the release: everything after evaluate is skipped', () => {
    const run = simulateRun(pipeline, {
      event: { kind: 'tag', tag: 'v1.0.1' },
      failingSteps: [{ job: 'evaluate', step: 'Compare candidate with production' }],
    });
    expect(run.conclusion).toBe('failure');
    expect(statuses(run)).toMatchObject({
      evaluate: 'failure',
      'build-and-push': 'skipped',
      'deploy-staging': 'skipped',
      'deploy-production': 'skipped',
    });
    const evaluate = run.jobs.find((j) => j.id === 'evaluate');
    // The summary and the report upload use always(), so they still run after the gate fails;
    // recording the model id does not, and the pull-request comment needs a pull request.
    expect(evaluate?.steps.map((s) => s.status)).toEqual([
      'success',
      'success',
      'success',
      'success',
      'success',
      'failure',
      'skipped',
      'success',
      'success',
      'skipped',
    ]);
    expect(run.jobs.find((j) => j.id === 'build-and-push')?.log[0]).toMatch(
      /Skipped because `evaluate` failed/,
    );
    // deploy-staging does not need evaluate directly; the failure reaches it through its ancestors.
    expect(run.jobs.find((j) => j.id === 'deploy-staging')?.log[0]).toMatch(
      /Skipped because `evaluate` failed/,
    );
  });

  it('skips the image and deployments for a pull request', () => {
    const run = simulateRun(pipeline, {
      event: { kind: 'pull_request', branch: 'feature/x', baseBranch: 'main' },
    });
    expect(statuses(run)).toMatchObject({
      evaluate: 'success',
      'build-and-push': 'skipped',
      'deploy-staging': 'skipped',
      'deploy-production': 'skipped',
    });
    expect(run.conclusion).toBe('success');
  });
});

describe('simulateRun propagation rules', () => {
  const chain = pushWorkflow(`  a:
    runs-on: x
    steps: [{ id: s1, run: one }, { run: two }, { name: cleanup, if: always(), run: three }, { name: report, if: failure(), run: four }]
  b: { needs: a, runs-on: x, steps: [{ run: b }] }
  c: { needs: b, runs-on: x, steps: [{ run: c }] }
  notify: { needs: a, if: failure(), runs-on: x, steps: [{ run: notify }] }
  always-last: { needs: c, if: always(), runs-on: x, steps: [{ run: last }] }
  after-always: { needs: always-last, runs-on: x, steps: [{ run: after }] }
`);

  it('runs every job when nothing fails; failure() jobs are skipped', () => {
    const run = simulateRun(chain, { event: { kind: 'push', branch: 'main' } });
    expect(statuses(run)).toEqual({
      a: 'success',
      notify: 'skipped',
      b: 'success',
      c: 'success',
      'always-last': 'success',
      'after-always': 'success',
    });
    expect(run.jobs.find((j) => j.id === 'a')?.steps.map((s) => s.status)).toEqual([
      'success',
      'success',
      'success',
      'skipped',
    ]);
    expect(run.waves).toEqual([['a'], ['b', 'notify'], ['c'], ['always-last'], ['after-always']]);
  });

  it('skips dependents of a failed job, runs failure() and always() jobs, and skips jobs behind skipped ancestors', () => {
    const run = simulateRun(chain, {
      event: { kind: 'push', branch: 'main' },
      failingSteps: [{ job: 'a', step: 's1' }],
    });
    expect(statuses(run)).toEqual({
      a: 'failure',
      b: 'skipped',
      notify: 'success',
      c: 'skipped',
      'always-last': 'success',
      // Its only need succeeded, but an ancestor failed: default success() looks at all ancestors.
      'after-always': 'skipped',
    });
    expect(run.jobs.find((j) => j.id === 'a')?.steps.map((s) => s.status)).toEqual([
      'failure',
      'skipped',
      'success',
      'success',
    ]);
    expect(run.jobs.find((j) => j.id === 'a')?.log).toContain(
      'Step "two" is skipped because an earlier step failed.',
    );
    expect(run.conclusion).toBe('failure');
  });

  it('cancels jobs after the cancellation point except those that use always()', () => {
    const run = simulateRun(chain, { event: { kind: 'push', branch: 'main' }, cancelAfterWave: 2 });
    expect(statuses(run)).toMatchObject({
      a: 'success',
      b: 'success',
      c: 'cancelled',
      'always-last': 'success',
      'after-always': 'cancelled',
    });
    expect(run.conclusion).toBe('cancelled');
  });

  it('evaluates needs.<job>.result in conditions', () => {
    const workflow = pushWorkflow(`  test: { runs-on: x, steps: [{ run: t }] }
  report: { needs: test, if: always() && needs.test.result == 'failure', runs-on: x, steps: [{ run: r }] }
`);
    expect(statuses(simulateRun(workflow, { event: { kind: 'push' } })).report).toBe('skipped');
    expect(
      statuses(
        simulateRun(workflow, {
          event: { kind: 'push' },
          failingSteps: [{ job: 'test', step: 0 }],
        }),
      ).report,
    ).toBe('success');
  });

  it('refuses to run a workflow whose jobs form a cycle', () => {
    const result = validateGitHubWorkflow(`on: push
jobs:
  a: { needs: b, runs-on: x, steps: [{ run: a }] }
  b: { needs: a, runs-on: x, steps: [{ run: b }] }
`);
    const run = simulateRun(result.workflow as Workflow, { event: { kind: 'push' } });
    expect(run.conclusion).toBe('invalid');
    expect(run.log.join(' ')).toMatch(/circle/);
  });
});

describe('simulateConcurrentRuns', () => {
  it('cancels the older run of the same pull request (cancel-in-progress is true for pull requests)', () => {
    const pr = {
      event: { kind: 'pull_request', branch: 'feature/x', baseBranch: 'main' } as const,
    };
    const outcome = simulateConcurrentRuns(pipeline, { ...pr, wavesDoneWhenNextArrives: 2 }, pr);
    expect(outcome.groups).toEqual([
      'ML pipeline-refs/pull/1/merge',
      'ML pipeline-refs/pull/1/merge',
    ]);
    expect(outcome.outcome).toBe('first-cancelled');
    expect(statuses(outcome.runs[0])).toMatchObject({
      lint: 'success',
      'unit-tests': 'success',
      train: 'cancelled',
      evaluate: 'cancelled',
    });
    expect(outcome.runs[0].conclusion).toBe('cancelled');
    expect(outcome.runs[1].conclusion).toBe('success');
  });

  it('queues a second push to main behind the first instead of cancelling a deployment', () => {
    const push = { event: { kind: 'push', branch: 'main' } as const };
    const outcome = simulateConcurrentRuns(pipeline, push, push);
    expect(outcome.outcome).toBe('second-queued');
    expect(outcome.log[0]).toMatch(/waits as pending/);
  });

  it('lets runs on different refs go side by side', () => {
    const outcome = simulateConcurrentRuns(
      pipeline,
      { event: { kind: 'push', branch: 'main' } },
      { event: { kind: 'tag', tag: 'v2.0.0' } },
    );
    expect(outcome.outcome).toBe('independent');
    expect(outcome.groups).toEqual(['ML pipeline-refs/heads/main', 'ML pipeline-refs/tags/v2.0.0']);
  });

  it('reports when an event does not start the workflow, and handles workflows without concurrency', () => {
    const none = pushWorkflow('  a: { runs-on: x, steps: [{ run: a }] }\n');
    expect(
      simulateConcurrentRuns(none, { event: { kind: 'push' } }, { event: { kind: 'push' } })
        .outcome,
    ).toBe('independent');
    expect(
      simulateConcurrentRuns(none, { event: { kind: 'push' } }, { event: { kind: 'schedule' } })
        .outcome,
    ).toBe('not-triggered');
  });
});
