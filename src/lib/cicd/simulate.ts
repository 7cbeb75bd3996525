/**
 * Simulates a workflow run: decides whether the event starts it, runs the jobs wave by wave,
 * evaluates each job's and step's `if:`, propagates failures and skips the way GitHub does, pauses
 * jobs whose environment requires approval, and models a second run in the same concurrency group.
 * Every decision is logged as a sentence so a reader can follow why a job ran or not.
 */
import { isTruthy, type ExpressionValue, type StatusState } from './expression';
import { evaluateCondition, interpolate } from './expression-template';
import { ancestorsByJob, buildJobGraph, formatCycle, type JobGraph } from './job-graph';
import {
  decideTrigger,
  githubContextFor,
  type GitHubContextOptions,
  type TriggerDecision,
  type TriggerEvent,
} from './triggers';
import type { Workflow, WorkflowJob } from './workflow-model';

/** Final state of a job. `waiting` awaits approval; `pending` waits behind a job that is waiting. */
export type JobStatus = 'success' | 'failure' | 'skipped' | 'cancelled' | 'waiting' | 'pending';

/** Final state of a step. */
export type StepStatus = 'success' | 'failure' | 'skipped';

/** A step the caller wants to fail: by job id and 0-based index, step `id` or step `name`. */
export interface FailingStep {
  /** Job id. */
  job: string;
  /** 0-based step index, or the step's `id` or `name`. */
  step: number | string;
}

/** Settings of one simulated run. */
export interface SimulationOptions extends GitHubContextOptions {
  /** The event that starts the run. */
  event: TriggerEvent;
  /** Steps that fail in this run. */
  failingSteps?: readonly FailingStep[];
  /** Environments whose deployments need a reviewer's approval (GitHub's "required reviewers"). */
  protectedEnvironments?: readonly string[];
  /** Reviewer decisions by environment name: true approves, false rejects, absent keeps waiting. */
  approvals?: Readonly<Record<string, boolean>>;
  /** Cancel the run once this many waves have finished (used for concurrency cancellation). */
  cancelAfterWave?: number;
}

/** What happened to one step. */
export interface StepRun {
  /** 0-based index. */
  index: number;
  /** Display label. */
  label: string;
  /** Outcome. */
  status: StepStatus;
}

/** What happened to one job, and why. */
export interface JobRun {
  /** Job id. */
  id: string;
  /** 0-based wave the job belongs to. */
  wave: number;
  /** Outcome. */
  status: JobStatus;
  /** The condition that was evaluated (after the implicit `success()`). */
  condition: string;
  /** Environment name after expressions were filled in, if any. */
  environment: string | null;
  /** Steps with their outcomes (empty when the job did not start). */
  steps: StepRun[];
  /** Sentences explaining what happened. */
  log: string[];
}

/** Overall result of a run. */
export type RunConclusion =
  'success' | 'failure' | 'cancelled' | 'waiting' | 'not-triggered' | 'invalid';

/** The simulated run. */
export interface RunSimulation {
  /** Whether the event started the run, and why. */
  trigger: TriggerDecision;
  /** Overall result. */
  conclusion: RunConclusion;
  /** Jobs in wave order. */
  jobs: JobRun[];
  /** Job ids by wave. */
  waves: string[][];
  /** Run-level sentences. */
  log: string[];
}

function stepIsFailing(
  job: string,
  index: number,
  step: { id?: string; name?: string },
  failing: readonly FailingStep[],
): boolean {
  return failing.some(
    (f) =>
      f.job === job &&
      (f.step === index ||
        (typeof f.step === 'string' && (f.step === step.id || f.step === step.name))),
  );
}

function describeStatuses(
  ids: readonly string[],
  statuses: ReadonlyMap<string, JobStatus>,
  wanted: JobStatus,
): string[] {
  return ids.filter((id) => statuses.get(id) === wanted);
}

function list(ids: readonly string[]): string {
  return ids.map((id) => `\`${id}\``).join(', ');
}

function runSteps(
  job: WorkflowJob,
  contexts: Record<string, ExpressionValue>,
  failing: readonly FailingStep[],
  log: string[],
): { steps: StepRun[]; failed: boolean } {
  const steps: StepRun[] = [];
  let failed = false;
  for (const step of job.steps) {
    const status: StatusState = { success: !failed, failure: failed, cancelled: false };
    const condition = evaluateCondition(step.if, { contexts, status });
    if (!condition.run) {
      steps.push({ index: step.index, label: step.label, status: 'skipped' });
      if (condition.error)
        log.push(`Step "${step.label}" has a malformed condition: ${condition.error}.`);
      else if (failed && !condition.usesStatusFunction)
        log.push(`Step "${step.label}" is skipped because an earlier step failed.`);
      else
        log.push(
          `Step "${step.label}" is skipped because its condition \`${condition.effectiveExpression}\` is false.`,
        );
      continue;
    }
    if (stepIsFailing(job.id, step.index, step, failing)) {
      failed = true;
      steps.push({ index: step.index, label: step.label, status: 'failure' });
      log.push(`Step "${step.label}" fails.`);
    } else {
      steps.push({ index: step.index, label: step.label, status: 'success' });
    }
  }
  return { steps, failed };
}

/** Runs the workflow for one event and reports what each job did and why. */
export function simulateRun(workflow: Workflow, options: SimulationOptions): RunSimulation {
  const trigger = decideTrigger(workflow.triggers, options.event);
  const graph: JobGraph = buildJobGraph(workflow.jobs);
  const log: string[] = [...trigger.reasons];
  if (!trigger.runs)
    return { trigger, conclusion: 'not-triggered', jobs: [], waves: graph.waves, log };
  if (graph.cycle || graph.unknownNeeds.length > 0 || graph.selfNeeds.length > 0) {
    log.push(
      graph.cycle
        ? `GitHub rejects the workflow because the jobs ${formatCycle(graph.cycle)} need each other in a circle.`
        : 'GitHub rejects the workflow because a job needs a job that does not exist or itself.',
    );
    return { trigger, conclusion: 'invalid', jobs: [], waves: graph.waves, log };
  }

  const github = githubContextFor(options.event, {
    ...options,
    workflowName: options.workflowName ?? workflow.name ?? 'workflow',
  });
  const statuses = new Map<string, JobStatus>();
  const jobRuns: JobRun[] = [];
  const failing = options.failingSteps ?? [];
  const byId = new Map(workflow.jobs.map((j) => [j.id, j]));
  const protectedEnvironments = options.protectedEnvironments ?? [];
  const ancestorMap = ancestorsByJob(graph);

  graph.waves.forEach((wave, waveIndex) => {
    const cancelled = options.cancelAfterWave !== undefined && waveIndex >= options.cancelAfterWave;
    for (const id of wave) {
      const job = byId.get(id) as WorkflowJob;
      const jobLog: string[] = [];
      const ancestors = ancestorMap.get(id) ?? [];
      const needs: Record<string, ExpressionValue> = {};
      for (const need of job.needs)
        needs[need] = { result: statuses.get(need) ?? 'skipped', outputs: {} };
      const contexts: Record<string, ExpressionValue> = { github, needs, vars: {}, inputs: {} };
      const record = (
        status: JobStatus,
        condition: string,
        environment: string | null,
        steps: StepRun[] = [],
      ): void => {
        statuses.set(id, status);
        jobRuns.push({ id, wave: waveIndex, status, condition, environment, steps, log: jobLog });
      };

      const blockedBehind = job.needs.filter(
        (n) => statuses.get(n) === 'waiting' || statuses.get(n) === 'pending',
      );
      if (blockedBehind.length > 0) {
        jobLog.push(
          `Waits for ${list(blockedBehind)} to finish before its condition can be evaluated.`,
        );
        record('pending', job.if ?? 'success()', null);
        continue;
      }
      // Job-level success() looks at every ancestor, not only the direct needs: a skipped or failed
      // job anywhere upstream skips the default-condition job (see actions/runner#2205).
      const status: StatusState = {
        success: ancestors.every((a) => statuses.get(a) === 'success'),
        failure: ancestors.some((a) => statuses.get(a) === 'failure'),
        cancelled,
      };
      const condition = evaluateCondition(job.if, { contexts, status });
      for (const note of condition.notes) jobLog.push(note);
      if (condition.error) {
        jobLog.push(`The condition cannot be read: ${condition.error}.`);
        record('failure', condition.effectiveExpression, null);
        continue;
      }
      if (!condition.run) {
        if (cancelled) {
          jobLog.push('The run was cancelled before this job started.');
          record('cancelled', condition.effectiveExpression, null);
          continue;
        }
        const failed = describeStatuses(ancestors, statuses, 'failure');
        const skipped = describeStatuses(ancestors, statuses, 'skipped').concat(
          describeStatuses(ancestors, statuses, 'cancelled'),
        );
        if (!condition.usesStatusFunction && failed.length > 0) {
          jobLog.push(
            `Skipped because ${list(failed)} failed; a job runs only when every job it depends on succeeded, unless its \`if\` uses \`always()\`, \`failure()\` or \`!cancelled()\`.`,
          );
        } else if (!condition.usesStatusFunction && skipped.length > 0) {
          jobLog.push(
            `Skipped because ${list(skipped)} did not run, and by default a job needs every job upstream to succeed.`,
          );
        } else {
          jobLog.push(
            `Skipped because its condition \`${condition.effectiveExpression}\` is false.`,
          );
        }
        record('skipped', condition.effectiveExpression, null);
        continue;
      }
      if (cancelled)
        jobLog.push(
          'Runs although the run was cancelled, because its condition uses `always()` or `cancelled()`.',
        );

      let environment: string | null = null;
      if (job.environment) {
        const rendered = interpolate(job.environment.name, { contexts });
        environment = typeof rendered.value === 'string' ? rendered.value : String(rendered.value);
        if (isTruthy(environment) && protectedEnvironments.includes(environment)) {
          const decision = options.approvals?.[environment];
          if (decision === undefined) {
            jobLog.push(
              `Waiting for a required reviewer to approve the deployment to \`${environment}\`.`,
            );
            record('waiting', condition.effectiveExpression, environment);
            continue;
          }
          if (!decision) {
            jobLog.push(
              `A reviewer rejected the deployment to \`${environment}\`, so the job fails without running.`,
            );
            record('failure', condition.effectiveExpression, environment);
            continue;
          }
          jobLog.push(`A reviewer approved the deployment to \`${environment}\`.`);
        }
      }
      const { steps, failed } = runSteps(job, contexts, failing, jobLog);
      jobLog.push(
        failed ? 'The job fails because one of its steps failed.' : 'All steps that ran succeeded.',
      );
      record(failed ? 'failure' : 'success', condition.effectiveExpression, environment, steps);
    }
  });

  const all = [...statuses.values()];
  const conclusion: RunConclusion =
    all.includes('waiting') || all.includes('pending')
      ? 'waiting'
      : options.cancelAfterWave !== undefined && options.cancelAfterWave < graph.waves.length
        ? 'cancelled'
        : all.includes('failure')
          ? 'failure'
          : 'success';
  log.push(`The run ends with \`${conclusion}\`.`);
  return { trigger, conclusion, jobs: jobRuns, waves: graph.waves, log };
}

/** A run in a sequence: its event and options, and how many waves finish before the next starts. */
export interface SequencedRun extends Omit<SimulationOptions, 'cancelAfterWave'> {
  /** Waves of this run that have finished when the next run arrives (default: half, rounded down). */
  wavesDoneWhenNextArrives?: number;
}

/** Two runs of the same workflow, the second arriving while the first is in progress. */
export interface ConcurrencyOutcome {
  /** Concurrency group of each run after expressions were filled in (null without `concurrency`). */
  groups: [string | null, string | null];
  /** What happened: both ran, the first was cancelled, or the second waited for the first. */
  outcome: 'independent' | 'first-cancelled' | 'second-queued' | 'not-triggered';
  /** The two simulated runs. */
  runs: [RunSimulation, RunSimulation];
  /** Sentences explaining the interaction. */
  log: string[];
}

function concurrencyFor(
  workflow: Workflow,
  options: SimulationOptions,
): { group: string | null; cancel: boolean } {
  const settings = workflow.concurrency;
  if (!settings) return { group: null, cancel: false };
  const github = githubContextFor(options.event, {
    ...options,
    workflowName: options.workflowName ?? workflow.name ?? 'workflow',
  });
  const env = { contexts: { github, vars: {}, inputs: {} } };
  const group = interpolate(settings.group, env).value;
  const cancel =
    typeof settings.cancelInProgress === 'boolean'
      ? settings.cancelInProgress
      : isTruthy(interpolate(settings.cancelInProgress, env).value);
  return { group: typeof group === 'string' ? group : String(group), cancel };
}

/**
 * Simulates a second run arriving while the first is in progress. Runs in the same concurrency
 * group never overlap: with `cancel-in-progress: true` (as evaluated for the new run) the older
 * run is cancelled; otherwise the new run waits until the older one finishes (GitHub's "Control
 * the concurrency of workflows and jobs"). Comparison of group names ignores case, as GitHub does.
 */
export function simulateConcurrentRuns(
  workflow: Workflow,
  first: SequencedRun,
  second: SequencedRun,
): ConcurrencyOutcome {
  const firstSettings = concurrencyFor(workflow, first);
  const secondSettings = concurrencyFor(workflow, second);
  const groups: [string | null, string | null] = [firstSettings.group, secondSettings.group];
  const log: string[] = [];
  const firstFull = simulateRun(workflow, first);
  const secondRun = simulateRun(workflow, second);
  if (firstFull.conclusion === 'not-triggered' || secondRun.conclusion === 'not-triggered') {
    log.push(
      'At least one of the two events does not start the workflow, so the runs do not meet.',
    );
    return { groups, outcome: 'not-triggered', runs: [firstFull, secondRun], log };
  }
  const sameGroup =
    groups[0] !== null && groups[1] !== null && groups[0].toLowerCase() === groups[1].toLowerCase();
  if (!sameGroup) {
    log.push(
      groups[0] === null
        ? 'The workflow sets no `concurrency`, so both runs go ahead side by side.'
        : `The runs are in different concurrency groups (\`${groups[0]}\` and \`${groups[1]}\`), so both go ahead side by side.`,
    );
    return { groups, outcome: 'independent', runs: [firstFull, secondRun], log };
  }
  if (secondSettings.cancel) {
    const done = first.wavesDoneWhenNextArrives ?? Math.floor(firstFull.waves.length / 2);
    const cancelledFirst = simulateRun(workflow, { ...first, cancelAfterWave: done });
    log.push(
      `Both runs are in the group \`${groups[0]}\` and \`cancel-in-progress\` is true for the new run, so the first run is cancelled after ${done} wave${done === 1 ? '' : 's'} and the second runs.`,
    );
    return { groups, outcome: 'first-cancelled', runs: [cancelledFirst, secondRun], log };
  }
  log.push(
    `Both runs are in the group \`${groups[0]}\` and \`cancel-in-progress\` is false, so the second run waits as pending until the first finishes, then runs.`,
  );
  return { groups, outcome: 'second-queued', runs: [firstFull, secondRun], log };
}
