/**
 * Reads and checks a GitLab CI file (`.gitlab-ci.yml`) for the subset the chapter shows: `stages`,
 * and jobs with `stage`, `script`, `needs`, `rules`, `when`, `environment`, `cache`, `artifacts`
 * and `image`. Beyond the shape it checks that every `stage` and `needs` reference exists and that
 * `needs` has no cycle, then orders the jobs: a job with `needs` waits only for those jobs, a job
 * without waits for every job of the earlier stages (GitLab's "needs" and "stages" semantics).
 */
import type { z } from 'zod';
import { sortDiagnostics, type Diagnostic, type PathSegment, type Severity } from './diagnostics';
import { DEFAULT_STAGES, GITLAB_GLOBAL_KEYWORDS, Job } from './gitlab-schema';
import { buildJobGraph, formatCycle, type JobGraph } from './job-graph';
import { positionOf, readYaml, type YamlSource } from './yaml-source';

export { GITLAB_GLOBAL_KEYWORDS } from './gitlab-schema';

/** One GitLab CI job. */
export interface GitLabJob {
  /** Job name (its top-level key). */
  id: string;
  /** Stage name (`test` when not given, as in GitLab). */
  stage: string;
  /** Jobs named in `needs`, or null when the job has no `needs` and follows stage order. */
  needs: string[] | null;
  /** `when` (default `on_success`). */
  when: string;
  /** Environment name, if the job deploys. */
  environment: string | null;
  /** Script lines. */
  script: string[];
}

/** The pipeline: stages in order and the visible (non-hidden) jobs. */
export interface GitLabPipeline {
  /** Stage names in order, including GitLab's implicit `.pre` and `.post`. */
  stages: string[];
  /** Jobs in file order. */
  jobs: GitLabJob[];
}

/** The outcome of checking a GitLab CI file. */
export interface GitLabValidation {
  /** True when there is no error. */
  ok: boolean;
  /** Errors and warnings, sorted by position. */
  diagnostics: Diagnostic[];
  /** The pipeline, read tolerantly; null when the YAML could not be read. */
  pipeline: GitLabPipeline | null;
  /** Execution order from `needs` and stages; null when the YAML could not be read. */
  graph: JobGraph | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function issueSentence(issue: z.core.$ZodIssue, where: string): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `${where} has ${issue.keys.map((k) => `\`${k}\``).join(', ')}, which GitLab CI does not know here.`;
    case 'invalid_value':
      return `${where} must be one of ${issue.values.map((v) => `\`${String(v)}\``).join(', ')}.`;
    case 'invalid_type':
      return `${where} has the wrong type (expected ${issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'a map' : issue.expected}).`;
    case 'invalid_union':
      return `${where} has a value GitLab CI does not accept here.`;
    case 'too_small':
    case 'too_big':
      return `${where} has the wrong number of items.`;
    default:
      return `${where}: ${issue.message}`;
  }
}

function describe(path: readonly PathSegment[]): string {
  const [job, ...rest] = path;
  const tail = rest
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
    .join('')
    .replace(/^\./, '');
  return rest.length === 0 ? `Job \`${String(job)}\`` : `\`${tail}\` of job \`${String(job)}\``;
}

/** Reads the list of script lines from `script` (string or nested lists). */
function scriptLines(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap((v) => scriptLines(v));
  return [];
}

/** Records a diagnostic at a path of the file. */
type AddDiagnostic = (
  severity: Severity,
  code: string,
  path: PathSegment[],
  message: string,
  part?: 'key' | 'value',
) => void;

/** The `stages` list, or GitLab's default when it is absent or malformed. */
function declaredStagesOf(root: Record<string, unknown>, add: AddDiagnostic): string[] {
  const stages = root['stages'];
  if (stages === undefined) return DEFAULT_STAGES;
  if (Array.isArray(stages) && stages.every((s) => typeof s === 'string'))
    return stages as string[];
  add('error', 'invalid-type', ['stages'], '`stages` must be a list of stage names.');
  return DEFAULT_STAGES;
}

/** The job's keys against the schema: unknown keys warn, wrong values are errors. */
function checkJobSchema(id: string, value: Record<string, unknown>, add: AddDiagnostic): void {
  const parsed = Job.safeParse(value);
  if (parsed.success) return;
  for (const issue of parsed.error.issues) {
    const path = [id, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    const unknown = issue.code === 'unrecognized_keys';
    add(
      unknown ? 'warning' : 'error',
      unknown ? 'unknown-key' : 'invalid',
      unknown ? [...path, issue.keys[0] ?? ''] : path,
      issueSentence(issue, describe(path)),
      unknown ? 'key' : 'value',
    );
  }
}

/** The job's stage (default `test`), which must be one of the pipeline's stages. */
function jobStage(
  id: string,
  value: Record<string, unknown>,
  stages: readonly string[],
  declared: readonly string[],
  add: AddDiagnostic,
): string {
  const stage = typeof value['stage'] === 'string' ? value['stage'] : 'test';
  if (stages.includes(stage)) return stage;
  const missing = value['stage'] === undefined;
  add(
    'error',
    'unknown-stage',
    missing ? [id] : [id, 'stage'],
    missing
      ? `Job \`${id}\` has no \`stage\`, so it goes to \`test\`, which is not in \`stages\`.`
      : `Job \`${id}\` is in the stage \`${stage}\`, which is not listed in \`stages\` (${declared.map((s) => `\`${s}\``).join(', ')}).`,
    missing ? 'key' : 'value',
  );
  return stage;
}

/** Job names listed in `needs` (entries from other pipelines left out), or null without `needs`. */
function needsOf(value: Record<string, unknown>): string[] | null {
  if (!Array.isArray(value['needs'])) return null;
  return value['needs'].flatMap((n) =>
    typeof n === 'string'
      ? [n]
      : isRecord(n) && typeof n['job'] === 'string' && n['pipeline'] === undefined
        ? [n['job']]
        : [],
  );
}

/** One job, checked and read; null when it is not a map at all. */
function readJob(
  id: string,
  value: unknown,
  stages: readonly string[],
  declared: readonly string[],
  add: AddDiagnostic,
): GitLabJob | null {
  if (!isRecord(value)) {
    add(
      'error',
      'invalid-type',
      [id],
      `Job \`${id}\` must be a map of settings such as \`stage\` and \`script\`.`,
    );
    return null;
  }
  checkJobSchema(id, value, add);
  const stage = jobStage(id, value, stages, declared, add);
  if (
    value['script'] === undefined &&
    value['trigger'] === undefined &&
    value['extends'] === undefined
  ) {
    add(
      'error',
      'no-script',
      [id],
      `Job \`${id}\` has no \`script\`; a job must run at least one command.`,
      'key',
    );
  }
  const environment = value['environment'];
  return {
    id,
    stage,
    needs: needsOf(value),
    when: typeof value['when'] === 'string' ? value['when'] : 'on_success',
    environment:
      typeof environment === 'string'
        ? environment
        : isRecord(environment) && typeof environment['name'] === 'string'
          ? environment['name']
          : null,
    script: scriptLines(value['script']),
  };
}

/** The job graph (a job without `needs` waits for every earlier stage), and its errors. */
function checkNeeds(
  root: Record<string, unknown>,
  jobs: readonly GitLabJob[],
  stages: readonly string[],
  add: AddDiagnostic,
): JobGraph {
  const stageIndex = (job: GitLabJob): number => stages.indexOf(job.stage);
  const graph = buildJobGraph(
    jobs.map((job) => ({
      id: job.id,
      needs:
        job.needs ??
        jobs
          .filter((other) => stageIndex(other) >= 0 && stageIndex(other) < stageIndex(job))
          .map((o) => o.id),
    })),
  );
  const needsPath = (job: string, need: string): PathSegment[] => {
    const list = (root[job] as Record<string, unknown>)['needs'];
    const index = Array.isArray(list)
      ? list.findIndex((n) => n === need || (isRecord(n) && n['job'] === need))
      : -1;
    return index >= 0 ? [job, 'needs', index] : [job, 'needs'];
  };
  for (const { job, need } of graph.unknownNeeds) {
    add(
      'error',
      'unknown-need',
      needsPath(job, need),
      `Job \`${job}\` needs \`${need}\`, but there is no job with that name.`,
    );
  }
  for (const job of graph.selfNeeds)
    add('error', 'self-need', needsPath(job, job), `Job \`${job}\` lists itself in \`needs\`.`);
  if (graph.cycle) {
    const [first = '', second = ''] = graph.cycle;
    const message = `The jobs ${formatCycle(graph.cycle)} need each other in a circle, so none of them can start.`;
    add('error', 'needs-cycle', needsPath(second, first), message);
  }
  for (const job of jobs) {
    for (const need of job.needs ?? []) {
      const other = jobs.find((j) => j.id === need);
      if (!other || stageIndex(other) <= stageIndex(job)) continue;
      const message = `Job \`${job.id}\` (stage \`${job.stage}\`) needs \`${need}\`, which is in the later stage \`${other.stage}\`.`;
      add('error', 'need-later-stage', needsPath(job.id, need), message);
    }
  }
  return graph;
}

/** Checks a GitLab CI file and orders its jobs; never throws. */
export function validateGitLabPipeline(text: string): GitLabValidation {
  const read = readYaml(text);
  if (!read.ok) {
    return {
      ok: false,
      diagnostics: sortDiagnostics(read.diagnostics),
      pipeline: null,
      graph: null,
    };
  }
  const source: YamlSource = read.source;
  const diagnostics: Diagnostic[] = [...read.diagnostics];
  const add: AddDiagnostic = (severity, code, path, message, part = 'value') => {
    diagnostics.push({ severity, code, message, path, ...positionOf(source, path, part) });
  };
  const root = source.value;
  if (!isRecord(root)) {
    add(
      'error',
      'invalid-type',
      [],
      'A GitLab CI file must be a map of stages, settings and jobs.',
    );
    return { ok: false, diagnostics: sortDiagnostics(diagnostics), pipeline: null, graph: null };
  }
  const declared = declaredStagesOf(root, add);
  const stages = ['.pre', ...declared, '.post'];
  const jobs: GitLabJob[] = [];
  for (const [id, value] of Object.entries(root)) {
    if (GITLAB_GLOBAL_KEYWORDS.includes(id) || id.startsWith('.')) continue;
    const job = readJob(id, value, stages, declared, add);
    if (job !== null) jobs.push(job);
  }
  if (jobs.length === 0)
    add('error', 'no-jobs', [], 'The pipeline has no jobs; add at least one job with a `script`.');
  const graph = checkNeeds(root, jobs, stages, add);
  const sorted = sortDiagnostics(diagnostics);
  return {
    ok: sorted.every((d) => d.severity !== 'error'),
    diagnostics: sorted,
    pipeline: { stages, jobs },
    graph,
  };
}
