/**
 * One job of a simulated run: whether it waits behind another job, is skipped (and why), is
 * cancelled, pauses for a reviewer's approval, or runs its steps. `simulate.ts` calls it wave by
 * wave with the statuses of the jobs before it.
 */
import { isTruthy, type ExpressionValue, type StatusState } from './expression';
import { evaluateCondition, interpolate, type ConditionResult } from './expression-template';
import type { FailingStep, JobRun, JobStatus, StepRun } from './simulate';
import type { WorkflowJob } from './workflow-model';

/** What a job sees of the run: the jobs decided so far and the run's settings. */
export interface JobSituation {
  /** The `github` context of the run. */
  github: ExpressionValue;
  /** Statuses of the jobs decided so far. */
  statuses: ReadonlyMap<string, JobStatus>;
  /** Every job upstream of this one. */
  ancestors: readonly string[];
  /** Whether the run was cancelled before this job's wave. */
  cancelled: boolean;
  /** Steps that fail in this run. */
  failing: readonly FailingStep[];
  /** Environments whose deployments need approval. */
  protectedEnvironments: readonly string[];
  /** Reviewer decisions by environment name. */
  approvals: Readonly<Record<string, boolean>> | undefined;
}

/** A job's outcome, without its id and wave. */
export type JobOutcome = Omit<JobRun, 'id' | 'wave'>;

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

/** Runs a started job's steps in order, each under its own `if:`; failing steps are the caller's. */
export function runSteps(
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

/** Why a job whose condition is false was skipped, in one sentence. */
function explainSkip(
  condition: ConditionResult,
  ancestors: readonly string[],
  statuses: ReadonlyMap<string, JobStatus>,
): string {
  const failed = describeStatuses(ancestors, statuses, 'failure');
  const skipped = describeStatuses(ancestors, statuses, 'skipped').concat(
    describeStatuses(ancestors, statuses, 'cancelled'),
  );
  if (!condition.usesStatusFunction && failed.length > 0)
    return `Skipped because ${list(failed)} failed; a job runs only when every job it depends on succeeded, unless its \`if\` uses \`always()\`, \`failure()\` or \`!cancelled()\`.`;
  if (!condition.usesStatusFunction && skipped.length > 0)
    return `Skipped because ${list(skipped)} did not run, and by default a job needs every job upstream to succeed.`;
  return `Skipped because its condition \`${condition.effectiveExpression}\` is false.`;
}

/** A protected environment's review: `waiting` without a decision, `failure` if rejected, else null. */
function approvalGate(environment: string, run: JobSituation, log: string[]): JobStatus | null {
  if (!isTruthy(environment) || !run.protectedEnvironments.includes(environment)) return null;
  const decision = run.approvals?.[environment];
  if (decision === undefined) {
    log.push(`Waiting for a required reviewer to approve the deployment to \`${environment}\`.`);
    return 'waiting';
  }
  if (!decision) {
    log.push(
      `A reviewer rejected the deployment to \`${environment}\`, so the job fails without running.`,
    );
    return 'failure';
  }
  log.push(`A reviewer approved the deployment to \`${environment}\`.`);
  return null;
}

/** Decides what one job does, given the jobs before it, and explains it. */
export function runJob(job: WorkflowJob, run: JobSituation): JobOutcome {
  const log: string[] = [];
  const { statuses, ancestors, cancelled } = run;
  const needs: Record<string, ExpressionValue> = {};
  for (const need of job.needs)
    needs[need] = { result: statuses.get(need) ?? 'skipped', outputs: {} };
  const contexts: Record<string, ExpressionValue> = {
    github: run.github,
    needs,
    vars: {},
    inputs: {},
  };
  const outcome = (
    status: JobStatus,
    condition: string,
    environment: string | null = null,
    steps: StepRun[] = [],
  ): JobOutcome => ({ status, condition, environment, steps, log });

  const blockedBehind = job.needs.filter(
    (n) => statuses.get(n) === 'waiting' || statuses.get(n) === 'pending',
  );
  if (blockedBehind.length > 0) {
    log.push(`Waits for ${list(blockedBehind)} to finish before its condition can be evaluated.`);
    return outcome('pending', job.if ?? 'success()');
  }
  // Job-level success() looks at every ancestor, not only the direct needs: a skipped or failed
  // job anywhere upstream skips the default-condition job (see actions/runner#2205).
  const status: StatusState = {
    success: ancestors.every((a) => statuses.get(a) === 'success'),
    failure: ancestors.some((a) => statuses.get(a) === 'failure'),
    cancelled,
  };
  const condition = evaluateCondition(job.if, { contexts, status });
  for (const note of condition.notes) log.push(note);
  if (condition.error) {
    log.push(`The condition cannot be read: ${condition.error}.`);
    return outcome('failure', condition.effectiveExpression);
  }
  if (!condition.run) {
    if (cancelled) {
      log.push('The run was cancelled before this job started.');
      return outcome('cancelled', condition.effectiveExpression);
    }
    log.push(explainSkip(condition, ancestors, statuses));
    return outcome('skipped', condition.effectiveExpression);
  }
  if (cancelled)
    log.push(
      'Runs although the run was cancelled, because its condition uses `always()` or `cancelled()`.',
    );

  let environment: string | null = null;
  if (job.environment) {
    const rendered = interpolate(job.environment.name, { contexts });
    environment = typeof rendered.value === 'string' ? rendered.value : String(rendered.value);
    const gate = approvalGate(environment, run, log);
    if (gate !== null) return outcome(gate, condition.effectiveExpression, environment);
  }
  const { steps, failed } = runSteps(job, contexts, run.failing, log);
  log.push(
    failed ? 'The job fails because one of its steps failed.' : 'All steps that ran succeeded.',
  );
  return outcome(failed ? 'failure' : 'success', condition.effectiveExpression, environment, steps);
}
