/**
 * Validates a GitHub Actions workflow file: YAML syntax, the shape of the subset the booklet
 * teaches (zod schemas in `./github-schema`), and the rules that span jobs (`needs` references,
 * cycles, job ids). Every finding carries the line and column of the YAML node it is about and a
 * sentence a reader can act on. It never throws.
 */
import type { z } from 'zod';
import { sortDiagnostics, type Diagnostic, type PathSegment, type Severity } from './diagnostics';
import { KNOWN_KEYS, WorkflowSchema, type RuleParams } from './github-schema';
import { buildJobGraph, formatCycle, type JobGraph } from './job-graph';
import { normalizeWorkflow, type Workflow } from './workflow-model';
import { positionOf, readYaml, type YamlSource } from './yaml-source';

/** The outcome of validating a workflow. */
export interface WorkflowValidation {
  /** True when there is no error (warnings are allowed). */
  ok: boolean;
  /** Errors and warnings, sorted by position. */
  diagnostics: Diagnostic[];
  /** The workflow model, read tolerantly; null when the YAML itself could not be read. */
  workflow: Workflow | null;
  /** The job graph of the model; null when the YAML could not be read. */
  graph: JobGraph | null;
}

type Issue = z.core.$ZodIssue;

function code(path: readonly PathSegment[]): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : p))
    .join('.')
    .replace(/\.\[/g, '[');
}

/** Names the place a path points to, as a phrase that can start a sentence. */
export function describeLocation(path: readonly PathSegment[]): string {
  if (path.length === 0) return 'The workflow';
  const [first, second, third, fourth, ...rest] = path;
  if (first === 'jobs' && typeof second === 'string') {
    if (third === undefined) return `Job \`${second}\``;
    if (third === 'steps' && typeof fourth === 'number') {
      const step = `step ${fourth + 1} of job \`${second}\``;
      if (rest.length === 0) return `Step ${fourth + 1} of job \`${second}\``;
      return `\`${code(rest)}\` in ${step}`;
    }
    return `\`${code(path.slice(2))}\` of job \`${second}\``;
  }
  return `\`${code(path)}\``;
}

function lowerFirst(text: string): string {
  return text.startsWith('Job ') || text.startsWith('Step ') || text.startsWith('The ')
    ? text[0]?.toLowerCase() + text.slice(1)
    : text;
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string')
    return `the text \`${value.length > 40 ? value.slice(0, 37) + '…' : value}\``;
  if (typeof value === 'boolean') return `\`${value}\``;
  return `the number ${String(value)}`;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: '`true` or `false`',
  array: 'a list',
  object: 'a map',
  record: 'a map',
  null: 'empty',
};

function orList(items: readonly string[]): string {
  const unique = [...new Set(items)];
  if (unique.length <= 1) return unique[0] ?? '';
  return `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      row[j] = Math.min(
        above + 1,
        (row[j - 1] as number) + 1,
        diagonal + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

/** The closest candidate within a small edit distance, for "did you mean" hints. */
export function closestName(name: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  // One edit for short names, two for longer ones: close enough to be a typo, not another word.
  return best !== null && bestDistance <= (name.length <= 3 ? 1 : 2) ? best : null;
}

function keyKind(path: readonly PathSegment[]): string | null {
  if (path.length === 0) return 'workflow';
  if (path[path.length - 1] === 'permissions') return 'permissions';
  if (path.length === 1 && path[0] === 'on') return 'on';
  if (path.length === 2 && path[0] === 'on') return path[1] === 'push' ? 'push' : 'pull_request';
  if (path.length === 2 && path[0] === 'jobs') return 'job';
  if (path.length === 4 && path[0] === 'jobs' && path[2] === 'steps') return 'step';
  return null;
}

class DiagnosticCollector {
  readonly diagnostics: Diagnostic[] = [];
  #source: YamlSource;

  constructor(source: YamlSource) {
    this.#source = source;
  }

  add(
    severity: Severity,
    ruleCode: string,
    path: PathSegment[],
    message: string,
    part: 'key' | 'value' = 'value',
  ): void {
    const position = positionOf(this.#source, path, part);
    this.diagnostics.push({ severity, code: ruleCode, message, path, ...position });
  }

  /** Turns one zod issue (possibly a union of alternatives) into diagnostics. */
  translate(issue: Issue, base: readonly PathSegment[]): void {
    const path = [...base, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    const where = describeLocation(path);
    const raw = this.#source.value;
    if (
      (issue.code === 'invalid_type' || issue.code === 'invalid_union') &&
      path.length > 0 &&
      valueAt(raw, path) === undefined
    ) {
      const missing = path[path.length - 1];
      const parent = path.slice(0, -1);
      const message =
        parent.length === 0 && missing === 'on'
          ? 'The workflow has no `on` section, so no event can start it.'
          : parent.length === 0 && missing === 'jobs'
            ? 'The workflow has no `jobs` section; a workflow needs at least one job.'
            : `${describeLocation(parent)} is missing \`${String(missing)}\`.`;
      this.add('error', 'missing-key', path, message, 'key');
      return;
    }
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          const kind = keyKind(path);
          const suggestion = kind ? closestName(key, KNOWN_KEYS[kind] ?? []) : null;
          const owner = path.length === 0 ? 'The workflow' : describeLocation(path);
          const hint = suggestion ? `; did you mean \`${suggestion}\`?` : '; it is ignored here.';
          const what = kind === 'on' ? 'an event' : 'a key';
          this.add(
            'warning',
            'unknown-key',
            [...path, key],
            `${owner} has \`${key}\`, which is not ${what} GitHub Actions knows${hint}`,
            'key',
          );
        }
        return;
      case 'invalid_type': {
        const actual = valueAt(raw, path);
        if (path.length === 0) {
          this.add(
            'error',
            'invalid-type',
            path,
            actual === null
              ? 'The file is empty; a workflow needs at least `on` and `jobs`.'
              : `A workflow file must be a map with keys such as \`on\` and \`jobs\`, but this one is ${describeValue(actual)}.`,
          );
          return;
        }
        const expected = EXPECTED[issue.expected] ?? issue.expected;
        this.add(
          'error',
          'invalid-type',
          path,
          `${where} must be ${expected}, but it is ${describeValue(actual)}.`,
        );
        return;
      }
      case 'invalid_union': {
        // An alternative that failed only because the value has another type or literal says
        // nothing useful; one that failed deeper inside is the one the author meant.
        const rootMismatch = (sub: Issue): boolean =>
          sub.path.length === 0 && (sub.code === 'invalid_type' || sub.code === 'invalid_value');
        const deep = issue.errors.find((alternative) =>
          alternative.some((sub) => !rootMismatch(sub)),
        );
        if (deep) {
          for (const sub of deep) this.translate(sub, path);
          return;
        }
        const expected = issue.errors.flatMap((alternative) =>
          alternative.flatMap((sub) =>
            sub.code === 'invalid_type'
              ? [EXPECTED[sub.expected] ?? sub.expected]
              : sub.code === 'invalid_value'
                ? sub.values.map((v) => `\`${String(v)}\``)
                : [],
          ),
        );
        const actual = valueAt(raw, path);
        this.add(
          'error',
          'invalid-type',
          path,
          `${where} must be ${orList(expected)}, but it is ${describeValue(actual)}.`,
        );
        return;
      }
      case 'invalid_value': {
        const allowed = issue.values.map((v) => `\`${String(v)}\``);
        this.add(
          'error',
          'invalid-value',
          path,
          `${where} must be ${orList(allowed)}, but it is ${describeValue(valueAt(raw, path))}.`,
        );
        return;
      }
      case 'too_small':
        this.add(
          'error',
          'too-small',
          path,
          issue.origin === 'array'
            ? `${where} must list at least one item.`
            : `${where} must be greater than ${String(issue.minimum)}.`,
        );
        return;
      case 'custom':
        this.#custom(issue, path);
        return;
      default:
        this.add('error', 'invalid', path, `${where}: ${issue.message}`);
    }
  }

  #custom(issue: Issue & { code: 'custom' }, path: PathSegment[]): void {
    const params = (issue.params ?? { rule: 'custom' }) as RuleParams;
    const severity: Severity = params.severity ?? 'error';
    const where = describeLocation(path);
    const jobId = path[0] === 'jobs' ? String(path[1]) : '';
    let message: string;
    switch (params.rule) {
      case 'step-uses-and-run':
        message = `${where} has both \`uses\` and \`run\`; a step runs an action or a shell command, not both.`;
        break;
      case 'step-no-action':
        message = `${where} has neither \`uses\` nor \`run\`; a step must run an action or a shell command.`;
        break;
      case 'uses-without-ref':
        message = `${describeLocation(path.slice(0, -1))} uses \`${issue.message}\` without a version; add \`@\` and a tag, branch or commit, as in \`actions/checkout@v4\`.`;
        break;
      case 'job-no-runs-on':
        message = `Job \`${jobId}\` has no \`runs-on\`; a job must say which runner it runs on, such as \`ubuntu-latest\`.`;
        break;
      case 'job-no-steps':
        message = `Job \`${jobId}\` has no \`steps\`; a job needs at least one step, or \`uses\` to call a reusable workflow.`;
        break;
      case 'job-empty-steps':
        message = `Job \`${jobId}\` has an empty \`steps\` list; a job needs at least one step.`;
        break;
      case 'job-uses-and-steps':
        message = `Job \`${jobId}\` calls a reusable workflow with \`uses\` and also lists \`steps\`; a job does one or the other.`;
        break;
      case 'exclusive-filters': {
        const [a = '', b = ''] = (params.detail ?? '').split('|');
        const event = describeLocation(path.slice(0, -1));
        message = `${event} sets both \`${a}\` and \`${b}\`; GitHub does not allow both for one event, so use \`${a}\` with \`!\` patterns to exclude.`;
        break;
      }
      case 'only-negative-patterns': {
        const last = String(path[path.length - 1]);
        message = `${where} has only \`!\` patterns; GitHub needs at least one pattern without \`!\` (to only exclude, use \`${last}-ignore\`).`;
        break;
      }
      case 'expression':
        message = `${where} cannot be read as an expression: ${lowerFirst(issue.message)}.`;
        break;
      case 'unknown-event':
        message = `\`${issue.message}\` is not an event GitHub Actions knows, so it will never start this workflow.`;
        break;
      case 'expected-expression':
        message = `${where} must be ${params.detail ?? 'a value'} or a \`\${{ }}\` expression, but it is ${describeValue(issue.message)}.`;
        break;
      case 'no-jobs':
        message = 'The workflow has an empty `jobs` section; a workflow needs at least one job.';
        break;
      default:
        message = issue.message;
    }
    this.add(severity, params.rule, path, message, params.at ?? 'value');
  }
}

const JOB_ID = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function crossJobChecks(
  collector: DiagnosticCollector,
  workflow: Workflow,
  graph: JobGraph,
  raw: unknown,
): void {
  const jobIds = workflow.jobs.map((j) => j.id);
  const needsPath = (job: string, need: string): PathSegment[] => {
    const needs = valueAt(raw, ['jobs', job, 'needs']);
    if (Array.isArray(needs)) {
      const index = needs.indexOf(need);
      if (index >= 0) return ['jobs', job, 'needs', index];
    }
    return ['jobs', job, 'needs'];
  };
  for (const id of jobIds) {
    if (!JOB_ID.test(id)) {
      collector.add(
        'error',
        'job-id',
        ['jobs', id],
        `The job id \`${id}\` is not allowed; a job id must start with a letter or \`_\` and contain only letters, digits, \`-\` and \`_\`.`,
        'key',
      );
    }
  }
  for (const { job, need } of graph.unknownNeeds) {
    const suggestion = closestName(need, jobIds);
    collector.add(
      'error',
      'unknown-need',
      needsPath(job, need),
      `Job \`${job}\` needs \`${need}\`, but there is no job with that id${suggestion ? `; did you mean \`${suggestion}\`?` : '.'}`,
    );
  }
  for (const job of graph.selfNeeds) {
    collector.add(
      'error',
      'self-need',
      needsPath(job, job),
      `Job \`${job}\` lists itself in \`needs\`; a job cannot wait for itself.`,
    );
  }
  if (graph.cycle) {
    const [first = '', second = ''] = graph.cycle;
    collector.add(
      'error',
      'needs-cycle',
      needsPath(second, first),
      `The jobs ${formatCycle(graph.cycle)} wait for each other in a circle, so none of them can ever start.`,
    );
  }
  const anyPermissions =
    workflow.permissions !== undefined || workflow.jobs.some((j) => j.permissions !== undefined);
  if (!anyPermissions && workflow.jobs.length > 0) {
    collector.add(
      'warning',
      'no-permissions',
      ['jobs'],
      'The workflow does not set `permissions`, so its token gets the repository default, which may allow writing; set `permissions: { contents: read }` at the top and widen it only in the jobs that need more.',
      'key',
    );
  }
  if (workflow.permissions === 'write-all') {
    collector.add(
      'warning',
      'write-all',
      ['permissions'],
      '`permissions: write-all` gives every job write access to everything; grant only the scopes each job needs.',
    );
  }
}

function schemaIssues(value: unknown): Issue[] {
  try {
    const result = WorkflowSchema.safeParse(value);
    return result.success ? [] : result.error.issues;
  } catch (cause) {
    // safeParse reports problems as issues; a throw would be a bug in a refinement.
    return [
      {
        code: 'custom',
        path: [],
        message: `The workflow could not be checked (${String(cause)}).`,
        input: value,
      },
    ];
  }
}

/** Validates GitHub Actions workflow YAML; never throws. */
export function validateGitHubWorkflow(text: string): WorkflowValidation {
  const read = readYaml(text);
  if (!read.ok)
    return {
      ok: false,
      diagnostics: sortDiagnostics(read.diagnostics),
      workflow: null,
      graph: null,
    };
  const { source } = read;
  const collector = new DiagnosticCollector(source);
  collector.diagnostics.push(...read.diagnostics);
  for (const issue of schemaIssues(source.value)) collector.translate(issue, []);
  const workflow = normalizeWorkflow(source.value);
  const graph = buildJobGraph(workflow.jobs);
  crossJobChecks(collector, workflow, graph, source.value);
  const diagnostics = sortDiagnostics(collector.diagnostics);
  return { ok: diagnostics.every((d) => d.severity !== 'error'), diagnostics, workflow, graph };
}
