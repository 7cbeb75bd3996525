/**
 * The parts of a GitHub Actions workflow that the chapter's graph, trigger and run simulations
 * need, read tolerantly from the plain value of a YAML file. Reading never throws: a value of the
 * wrong type is left out here and reported by the validator instead.
 */

/** Branch, tag and path filters of a `push` or `pull_request` trigger. */
export interface EventFilters {
  /** `branches` patterns, in file order. */
  branches?: string[];
  /** `branches-ignore` patterns. */
  branchesIgnore?: string[];
  /** `tags` patterns (push only). */
  tags?: string[];
  /** `tags-ignore` patterns (push only). */
  tagsIgnore?: string[];
  /** `paths` patterns. */
  paths?: string[];
  /** `paths-ignore` patterns. */
  pathsIgnore?: string[];
}

/** The events a workflow listens to. */
export interface WorkflowTriggers {
  /** Filters of `on.push`, when the workflow listens to pushes. */
  push?: EventFilters;
  /** Filters of `on.pull_request`, when the workflow listens to pull requests. */
  pullRequest?: EventFilters;
  /** Whether `workflow_dispatch` (a manual run button) is enabled. */
  workflowDispatch: boolean;
  /** Cron strings of `on.schedule`. */
  schedules: string[];
  /** Any other event names, kept for display. */
  otherEvents: string[];
}

/** Workflow- or job-level `concurrency`. */
export interface ConcurrencySettings {
  /** Group name, possibly containing `${{ }}` expressions. */
  group: string;
  /** `cancel-in-progress`: a boolean, or an expression string evaluated per run. */
  cancelInProgress: boolean | string;
}

/** A job's deployment `environment`. */
export interface EnvironmentRef {
  /** Environment name, possibly containing `${{ }}` expressions. */
  name: string;
  /** Deployment URL shown on the run page. */
  url?: string;
}

/** One step of a job. */
export interface WorkflowStep {
  /** 0-based position in the job. */
  index: number;
  /** `name`, if given. */
  name?: string;
  /** `id`, if given. */
  id?: string;
  /** `uses` (an action reference), if given. */
  uses?: string;
  /** `run` (a shell script), if given. */
  run?: string;
  /** `if` condition as text. */
  if?: string;
  /** A short human label: the name, else the action, else the first line of the script. */
  label: string;
}

/** `GITHUB_TOKEN` permissions: a shorthand or a map from scope to access. */
export type Permissions = 'read-all' | 'write-all' | Record<string, string>;

/** One job of a workflow. */
export interface WorkflowJob {
  /** The job id (its key under `jobs`). */
  id: string;
  /** Display `name`, if given. */
  name?: string;
  /** Ids of the jobs it needs, in file order. */
  needs: string[];
  /** `if` condition as text. */
  if?: string;
  /** Runner label(s), joined for display. */
  runsOn?: string;
  /** Deployment environment. */
  environment?: EnvironmentRef;
  /** Job-level concurrency. */
  concurrency?: ConcurrencySettings;
  /** Job-level permissions. */
  permissions?: Permissions;
  /** Reusable workflow called by this job (`jobs.<id>.uses`). */
  usesWorkflow?: string;
  /** The steps, in order. */
  steps: WorkflowStep[];
}

/** The normalised workflow. */
export interface Workflow {
  /** `name`, if given. */
  name?: string;
  /** The `on` section. */
  triggers: WorkflowTriggers;
  /** Workflow-level concurrency. */
  concurrency?: ConcurrencySettings;
  /** Workflow-level permissions. */
  permissions?: Permissions;
  /** Jobs in file order. */
  jobs: WorkflowJob[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Reads a string or a list of strings as a list; anything else gives undefined. */
export function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      const text = asText(item);
      return text === undefined ? [] : [text];
    });
  }
  return undefined;
}

/** The event filter keys of the YAML and the fields they fill. */
const FILTER_KEYS = [
  ['branches', 'branches'],
  ['branches-ignore', 'branchesIgnore'],
  ['tags', 'tags'],
  ['tags-ignore', 'tagsIgnore'],
  ['paths', 'paths'],
  ['paths-ignore', 'pathsIgnore'],
] as const satisfies readonly (readonly [string, keyof EventFilters])[];

function readFilters(value: unknown): EventFilters {
  const filters: EventFilters = {};
  if (!isRecord(value)) return filters;
  for (const [key, field] of FILTER_KEYS) {
    const list = stringList(value[key]);
    if (list) filters[field] = list;
  }
  return filters;
}

function readTriggers(value: unknown): WorkflowTriggers {
  const triggers: WorkflowTriggers = { workflowDispatch: false, schedules: [], otherEvents: [] };
  let events: Array<[string, unknown]> = [];
  if (typeof value === 'string') events = [[value, null]];
  else if (Array.isArray(value))
    events = value.flatMap((e) => (typeof e === 'string' ? [[e, null]] : []));
  else if (isRecord(value)) events = Object.entries(value);
  for (const [event, settings] of events) {
    if (event === 'push') triggers.push = readFilters(settings);
    else if (event === 'pull_request') triggers.pullRequest = readFilters(settings);
    else if (event === 'workflow_dispatch') triggers.workflowDispatch = true;
    else if (event === 'schedule') {
      if (Array.isArray(settings)) {
        for (const entry of settings) {
          if (isRecord(entry) && typeof entry['cron'] === 'string')
            triggers.schedules.push(entry['cron']);
        }
      }
    } else triggers.otherEvents.push(event);
  }
  return triggers;
}

function readConcurrency(value: unknown): ConcurrencySettings | undefined {
  if (typeof value === 'string') return { group: value, cancelInProgress: false };
  if (isRecord(value) && typeof value['group'] === 'string') {
    const cancel = value['cancel-in-progress'];
    return {
      group: value['group'],
      cancelInProgress: typeof cancel === 'boolean' || typeof cancel === 'string' ? cancel : false,
    };
  }
  return undefined;
}

function readPermissions(value: unknown): Permissions | undefined {
  if (value === 'read-all' || value === 'write-all') return value;
  if (isRecord(value)) {
    const out: Record<string, string> = {};
    for (const [scope, access] of Object.entries(value)) {
      if (typeof access === 'string') out[scope] = access;
    }
    return out;
  }
  return undefined;
}

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.trim();
}

function readStep(value: unknown, index: number): WorkflowStep {
  const step: WorkflowStep = { index, label: `step ${index + 1}` };
  if (!isRecord(value)) return step;
  const name = asText(value['name']);
  const id = asText(value['id']);
  const uses = asText(value['uses']);
  const run = asText(value['run']);
  const condition = asText(value['if']);
  if (name !== undefined) step.name = name;
  if (id !== undefined) step.id = id;
  if (uses !== undefined) step.uses = uses;
  if (run !== undefined) step.run = run;
  if (condition !== undefined) step.if = condition;
  step.label =
    name ??
    (uses !== undefined ? shortActionRef(uses) : undefined) ??
    (run !== undefined ? firstLine(run) : step.label);
  return step;
}

function readJob(id: string, value: unknown): WorkflowJob {
  const job: WorkflowJob = { id, needs: [], steps: [] };
  if (!isRecord(value)) return job;
  const name = asText(value['name']);
  if (name !== undefined) job.name = name;
  job.needs = stringList(value['needs']) ?? [];
  const condition = asText(value['if']);
  if (condition !== undefined) job.if = condition;
  const runsOn = value['runs-on'];
  const runsOnText = asText(runsOn) ?? stringList(runsOn)?.join(', ');
  if (runsOnText !== undefined) job.runsOn = runsOnText;
  else if (isRecord(runsOn)) job.runsOn = asText(runsOn['group']) ?? 'runner group';
  const environment = value['environment'];
  if (typeof environment === 'string') job.environment = { name: environment };
  else if (isRecord(environment) && typeof environment['name'] === 'string') {
    job.environment = { name: environment['name'] };
    const url = asText(environment['url']);
    if (url !== undefined) job.environment.url = url;
  }
  const concurrency = readConcurrency(value['concurrency']);
  if (concurrency) job.concurrency = concurrency;
  const permissions = readPermissions(value['permissions']);
  if (permissions) job.permissions = permissions;
  const uses = asText(value['uses']);
  if (uses !== undefined) job.usesWorkflow = uses;
  if (Array.isArray(value['steps'])) job.steps = value['steps'].map(readStep);
  return job;
}

/** Builds the workflow model from the plain value of a YAML file; never throws. */
export function normalizeWorkflow(value: unknown): Workflow {
  const root = isRecord(value) ? value : {};
  const workflow: Workflow = { triggers: readTriggers(root['on']), jobs: [] };
  const name = asText(root['name']);
  if (name !== undefined) workflow.name = name;
  const concurrency = readConcurrency(root['concurrency']);
  if (concurrency) workflow.concurrency = concurrency;
  const permissions = readPermissions(root['permissions']);
  if (permissions) workflow.permissions = permissions;
  if (isRecord(root['jobs'])) {
    workflow.jobs = Object.entries(root['jobs']).map(([id, job]) => readJob(id, job));
  }
  return workflow;
}

/**
 * An action reference as a label: a ref pinned to a full 40-character commit SHA is shortened to
 * its first 7 characters, as git abbreviates commits, so labels stay readable.
 */
export function shortActionRef(uses: string): string {
  return uses.replace(/@([0-9a-f]{40})$/, (_, sha: string) => `@${sha.slice(0, 7)}`);
}
