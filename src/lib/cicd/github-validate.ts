/**
 * Validates a GitHub Actions workflow file with GitHub's own parser and schema
 * (`@actions/workflow-parser`, run by `./github-parser`), plus the few rules GitHub applies
 * elsewhere (`./github-rules`) and the checks that span jobs (`needs` references and cycles, from
 * the booklet's job graph). Every finding carries the line and column of the YAML node it is
 * about and a sentence a reader can act on. It never throws.
 */
import { sortDiagnostics, type Diagnostic, type PathSegment, type Severity } from './diagnostics';
import { expressionErrorSentence } from './expression';
import {
  describeLocation,
  describeValue,
  hint,
  lowerFirst,
  orList,
  quote,
  valueAt,
} from './github-wording';
import { parseWithGitHub, type ParserFinding, type SchemaExpectation } from './github-parser';
import { bookletRules } from './github-rules';
import { buildJobGraph, formatCycle, type JobGraph } from './job-graph';
import { normalizeWorkflow, type Workflow } from './workflow-model';
import { pathAt, positionOf, readYaml, type YamlSource } from './yaml-source';

export { closestName, describeLocation } from './github-wording';

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

/** What the schema accepts, as a phrase: "`read`, `write` or `none`", "a number or a `${{ }}` expression". */
function expectedPhrase(expected: SchemaExpectation): string {
  const words =
    expected.words.length <= 6 ? expected.words.map(quote) : ['a name GitHub Actions knows'];
  const expression = expected.contexts.length > 0 ? ['a `${{ }}` expression'] : [];
  const all = [...words, ...expected.kinds, ...expression];
  return all.length > 0 ? orList(all) : 'something else';
}

/** A diagnostic without its position yet: translation decides the path, rule and sentence. */
interface Finding {
  severity: Severity;
  code: string;
  path: PathSegment[];
  message: string;
  part: 'key' | 'value';
}

const error = (
  ruleCode: string,
  path: PathSegment[],
  message: string,
  part: 'key' | 'value' = 'value',
): Finding => ({ severity: 'error', code: ruleCode, path, message, part });

function isEventPath(path: readonly PathSegment[]): boolean {
  return path[0] === 'on' && (path.length === 1 || typeof path[1] === 'number');
}

/** An unknown key or an unaccepted value, as GitHub's parser reports it ("Unexpected value 'x'"). */
function unexpectedValue(
  name: string,
  path: PathSegment[],
  part: 'key' | 'value',
  raw: unknown,
  expected: SchemaExpectation | null,
): Finding {
  const candidates = [...(expected?.keys ?? []), ...(expected?.words ?? [])];
  const parent = part === 'key' ? path.slice(0, -1) : path;
  if ((part === 'key' && parent.length === 1 && parent[0] === 'on') || isEventPath(path)) {
    return error(
      'unknown-event',
      path,
      `\`${name}\` is not an event GitHub Actions knows, so it cannot start this workflow${hint(name, candidates)}`,
      part,
    );
  }
  if (part === 'key') {
    const [jobs, job, steps, index] = parent;
    const holder = valueAt(raw, parent) as Record<string, unknown> | undefined;
    if (steps === 'steps' && typeof index === 'number' && parent.length === 4) {
      if (
        (name === 'run' || name === 'uses') &&
        holder?.['run'] !== undefined &&
        holder['uses'] !== undefined
      )
        return error(
          'step-uses-and-run',
          parent,
          `${describeLocation(parent)} has both \`uses\` and \`run\`; a step runs an action or a shell command, not both.`,
        );
    }
    if (
      jobs === 'jobs' &&
      parent.length === 2 &&
      name === 'steps' &&
      holder?.['uses'] !== undefined
    )
      return error(
        'job-uses-and-steps',
        [...parent, 'uses'],
        `Job \`${String(job)}\` calls a reusable workflow with \`uses\` and also lists \`steps\`; a job does one or the other.`,
        'key',
      );
    return error(
      'unknown-key',
      path,
      `${describeLocation(parent)} has \`${name}\`, which is not a key GitHub Actions knows there${hint(name, candidates)}`,
      'key',
    );
  }
  const phrase = expected ? expectedPhrase(expected) : 'something else';
  return error(
    'invalid-value',
    path,
    `${describeLocation(path)} must be ${phrase}, but it is ${describeValue(valueAt(raw, path))}${hint(name, expected?.words ?? [])}`,
  );
}

/** What the reader is told when the workflow lacks a required top-level section. */
const MISSING_TOP_LEVEL = new Map([
  ['on', 'The workflow has no `on` section, so no event can start it.'],
  ['jobs', 'The workflow has no `jobs` section; a workflow needs at least one job.'],
]);

/** A missing required key; GitHub points at the map that lacks it. */
function missingProperty(name: string, map: PathSegment[]): Finding {
  const topLevel = map.length === 0 ? MISSING_TOP_LEVEL.get(name) : undefined;
  if (topLevel !== undefined) return error('missing-key', [name], topLevel, 'key');
  if (map[0] === 'jobs' && map.length === 2 && name === 'runs-on')
    return error(
      'job-no-runs-on',
      map,
      `Job \`${String(map[1])}\` has no \`runs-on\`; a job must say which runner it runs on, such as \`ubuntu-latest\`.`,
      'key',
    );
  return error('missing-key', map, `${describeLocation(map)} is missing \`${name}\`.`, 'key');
}

function wrongType(path: PathSegment[], raw: unknown, expected: SchemaExpectation | null): Finding {
  const actual = valueAt(raw, path);
  if (path.length === 0)
    return error(
      'invalid-type',
      path,
      actual === null || actual === undefined
        ? 'The file is empty; a workflow needs at least `on` and `jobs`.'
        : `A workflow file must be a map with keys such as \`on\` and \`jobs\`, but this one is ${describeValue(actual)}.`,
    );
  const phrase = expected ? expectedPhrase(expected) : 'something else';
  return error(
    'invalid-type',
    path,
    `${describeLocation(path)} must be ${phrase}, but it is ${describeValue(actual)}.`,
  );
}

function expressionProblem(
  message: string,
  path: PathSegment[],
  expected: SchemaExpectation | null,
): Finding {
  const named = /^Unrecognized named-value: '([^']*)'/.exec(message);
  if (named && expected && expected.contexts.length > 0) {
    return error(
      'expression',
      path,
      `${describeLocation(path)} uses \`${named[1]}\`, which GitHub Actions does not make available there; it can use ${orList(expected.contexts.map(quote))}.`,
    );
  }
  const sentence = /^The expression is not closed/.test(message)
    ? 'A `${{` is never closed with `}}`.'
    : expressionErrorSentence(message);
  return error(
    'expression',
    path,
    `${describeLocation(path)} cannot be read as an expression: ${lowerFirst(sentence)}`,
  );
}

const EXPRESSION_ERROR =
  /^(Unrecognized named-value|Unrecognized function|Unexpected end of expression|Unexpected symbol|Too (few|many) parameters|Exceeded max expression|The expression is not closed)/;
const NEEDS_ERROR =
  /depends on (unknown )?job|creates a cycle|at least one job with no dependencies/;

/** Turns one error of GitHub's parser into a finding; null when a booklet check says it better. */
function translate(finding: ParserFinding, source: YamlSource, graph: JobGraph): Finding | null {
  const { message, expected } = finding;
  const { path, part } = pathAt(source, finding.line, finding.column);
  const raw = source.value;
  const unexpected = /^Unexpected value '([\s\S]*)'$/.exec(message);
  // An empty value (`on:` with nothing after it) is reported as the unexpected value ''.
  if (unexpected?.[1] === '' && part === 'value') return wrongType(path, raw, expected);
  if (unexpected) return unexpectedValue(unexpected[1] as string, path, part, raw, expected);
  // These errors point at the start of a map, which is also where its first key starts.
  const map = part === 'key' ? path.slice(0, -1) : path;
  const missing = /^Required property is missing: (.+)$/.exec(message);
  if (missing) return missingProperty(missing[1] as string, map);
  if (/not expected|^Unexpected type|^Expected a scalar value/.test(message))
    return wrongType(path, raw, expected);
  if (/^There's not enough info|^Expected one of uses or run/.test(message)) {
    if (map[0] === 'jobs' && map[2] === 'steps' && map.length === 4)
      return error(
        'step-no-action',
        map,
        `${describeLocation(map)} has neither \`uses\` nor \`run\`; a step must run an action or a shell command.`,
      );
    return error(
      'ambiguous',
      map,
      `${describeLocation(map)} is incomplete: ${lowerFirst(message)}.`,
    );
  }
  if (EXPRESSION_ERROR.test(message)) return expressionProblem(message, path, expected);
  const duplicate = /^The identifier '([^']*)' may not be used more than once/.exec(message);
  if (duplicate) {
    const step = path.slice(0, 4);
    return error(
      'duplicate-id',
      path,
      `${describeLocation(step)} has the id \`${duplicate[1]}\`, which an earlier step of the job already has; step ids must be unique within a job.`,
    );
  }
  const invalidId = /^The identifier '([^']*)' is invalid/.exec(message);
  if (invalidId) {
    const what = path.length === 2 && path[0] === 'jobs' ? 'job' : 'step';
    return error(
      `${what}-id`,
      path,
      `The ${what} id \`${invalidId[1]}\` is not allowed; a ${what} id must start with a letter or \`_\` and contain only letters, digits, \`-\` and \`_\`.`,
      'key',
    );
  }
  if (/^Invalid cron expression/.test(message))
    return error(
      'cron',
      path,
      `${describeLocation(path)} is not a cron schedule GitHub accepts; a schedule has five fields: minute, hour, day of month, month and day of week.`,
    );
  if (
    NEEDS_ERROR.test(message) &&
    (graph.unknownNeeds.length > 0 || graph.selfNeeds.length > 0 || graph.cycle)
  )
    return null;
  return error('github', path, `${describeLocation(path)}: ${message.replace(/\.$/, '')}.`);
}

function needsPath(raw: unknown, job: string, need: string): PathSegment[] {
  const needs = valueAt(raw, ['jobs', job, 'needs']);
  if (Array.isArray(needs)) {
    const index = needs.indexOf(need);
    if (index >= 0) return ['jobs', job, 'needs', index];
  }
  return ['jobs', job, 'needs'];
}

/** The checks that span jobs, said with the job graph's words (GitHub's parser says them too). */
function crossJobChecks(workflow: Workflow, graph: JobGraph, raw: unknown): Finding[] {
  const out: Finding[] = [];
  const jobIds = workflow.jobs.map((j) => j.id);
  for (const { job, need } of graph.unknownNeeds) {
    out.push(
      error(
        'unknown-need',
        needsPath(raw, job, need),
        `Job \`${job}\` needs \`${need}\`, but there is no job with that id${hint(
          need,
          jobIds.filter((id) => id !== job),
        )}`,
      ),
    );
  }
  for (const job of graph.selfNeeds) {
    out.push(
      error(
        'self-need',
        needsPath(raw, job, job),
        `Job \`${job}\` lists itself in \`needs\`; a job cannot wait for itself.`,
      ),
    );
  }
  if (graph.cycle) {
    const [first = '', second = ''] = graph.cycle;
    out.push(
      error(
        'needs-cycle',
        needsPath(raw, second, first),
        `The jobs ${formatCycle(graph.cycle)} wait for each other in a circle, so none of them can ever start.`,
      ),
    );
  }
  const anyPermissions =
    workflow.permissions !== undefined || workflow.jobs.some((j) => j.permissions !== undefined);
  if (!anyPermissions && workflow.jobs.length > 0) {
    out.push({
      severity: 'warning',
      code: 'no-permissions',
      path: ['jobs'],
      message:
        'The workflow does not set `permissions`, so its token gets the repository default, which may allow writing; set `permissions: { contents: read }` at the top and widen it only in the jobs that need more.',
      part: 'key',
    });
  }
  if (workflow.permissions === 'write-all') {
    out.push({
      severity: 'warning',
      code: 'write-all',
      path: ['permissions'],
      message:
        '`permissions: write-all` gives every job write access to everything; grant only the scopes each job needs.',
      part: 'value',
    });
  }
  return out;
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
  const workflow = normalizeWorkflow(source.value);
  const graph = buildJobGraph(workflow.jobs);
  // The booklet's own sentences come first, so that GitHub's report of the same problem at the
  // same place (a cron, a cycle) is dropped as a duplicate below.
  const findings: Finding[] = [
    ...bookletRules(source.value),
    ...crossJobChecks(workflow, graph, source.value),
  ];
  for (const finding of parseWithGitHub(text)) {
    const translated = translate(finding, source, graph);
    if (translated) findings.push(translated);
  }
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [...read.diagnostics];
  for (const { severity, code: ruleCode, path, message, part } of findings) {
    const position = positionOf(source, path, part);
    const key = `${position.line}:${position.column}:${ruleCode}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push({ severity, code: ruleCode, message, path, ...position });
  }
  const sorted = sortDiagnostics(diagnostics);
  return { ok: sorted.every((d) => d.severity !== 'error'), diagnostics: sorted, workflow, graph };
}
