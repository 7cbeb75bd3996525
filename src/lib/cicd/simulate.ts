/**
 * Simulates a workflow run: decides whether the event starts it, runs the jobs wave by wave,
 * evaluates each job's and step's `if:`, propagates failures and skips the way GitHub does, pauses
 * jobs whose environment requires approval, and models a second run in the same concurrency group.
 * Every decision is logged as a sentence so a reader can follow why a job ran or not.
 */
import { isTruthy } from './expression';
import { interpolate } from './expression-template';
import { ancestorsByJob, buildJobGraph, formatCycle, type JobGraph } from './job-graph';
import {
  decideTrigger,
  githubContextFor,
  type GitHubContextOptions,
  type TriggerDecision,
  type TriggerEvent,
} from './triggers';
import { runJob } from './simulate-job';
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
      const outcome = runJob(byId.get(id) as WorkflowJob, {
        github,
        statuses,
        ancestors: ancestorMap.get(id) ?? [],
        cancelled,
        failing,
        protectedEnvironments,
        approvals: options.approvals,
      });
      statuses.set(id, outcome.status);
      jobRuns.push({ id, wave: waveIndex, ...outcome });
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
