/**
 * The few workflow checks GitHub applies outside its parser (`./github-parser` runs the parser):
 * cron fields and filter patterns, which stay hand-written because GitHub's own filters differ
 * from glob libraries; `branches` with `branches-ignore`; action references without a version;
 * and advice (jobs without steps, schedules under five minutes). Each finding is a path, a rule
 * and a sentence; `./github-validate` adds the line and column.
 */
import type { PathSegment, Severity } from './diagnostics';
import { checkCronExpression } from './cron';
import { compileFilterPattern } from './filter-pattern';

/** One finding of a hand-written rule, before it gets a position. */
export interface RuleFinding {
  /** Error or warning. */
  severity: Severity;
  /** Stable rule name, used as the diagnostic code. */
  code: string;
  /** Path of the node the finding is about. */
  path: PathSegment[];
  /** The finding as a sentence. */
  message: string;
  /** Whether the position should point at the key rather than the value. */
  part: 'key' | 'value';
}

type Record_ = Record<string, unknown>;

function isRecord(value: unknown): value is Record_ {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function where(path: readonly PathSegment[]): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : p))
    .join('.')
    .replace(/\.\[/g, '[');
}

const FILTERED_EVENTS = ['push', 'pull_request', 'pull_request_target'];
const FILTER_KEYS = ['branches', 'branches-ignore', 'tags', 'tags-ignore', 'paths', 'paths-ignore'];

function filterRules(event: string, filters: Record_, out: RuleFinding[]): void {
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    const patterns = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
    patterns.forEach((pattern, i) => {
      if (typeof pattern !== 'string') return;
      const compiled = compileFilterPattern(pattern);
      const path = typeof value === 'string' ? ['on', event, key] : ['on', event, key, i];
      if (!compiled.ok)
        out.push({
          severity: 'error',
          code: 'bad-pattern',
          path,
          message: compiled.message,
          part: 'value',
        });
    });
    const strings = patterns.filter((p): p is string => typeof p === 'string');
    if (!key.endsWith('-ignore') && strings.length > 0 && strings.every((p) => p.startsWith('!'))) {
      out.push({
        severity: 'error',
        code: 'only-negative-patterns',
        path: ['on', event, key],
        message: `\`${where(['on', event, key])}\` has only \`!\` patterns; GitHub needs at least one pattern without \`!\` (to only exclude, use \`${key}-ignore\`).`,
        part: 'value',
      });
    }
  }
  // "You cannot use both the branches and branches-ignore filters for the same event" (GitHub's
  // workflow syntax reference, and likewise for tags and paths).
  for (const key of ['branches', 'tags', 'paths']) {
    if (filters[key] !== undefined && filters[`${key}-ignore`] !== undefined) {
      out.push({
        severity: 'error',
        code: 'exclusive-filters',
        path: ['on', event, `${key}-ignore`],
        message: `\`on.${event}\` sets both \`${key}\` and \`${key}-ignore\`; GitHub does not allow both for one event, so use \`${key}\` with \`!\` patterns to exclude.`,
        part: 'key',
      });
    }
  }
}

function scheduleRules(schedule: unknown, out: RuleFinding[]): void {
  if (!Array.isArray(schedule)) return;
  schedule.forEach((entry, i) => {
    if (!isRecord(entry) || typeof entry['cron'] !== 'string') return;
    const path = ['on', 'schedule', i, 'cron'];
    const result = checkCronExpression(entry['cron']);
    if (!result.ok)
      out.push({ severity: 'error', code: 'cron', path, message: result.message, part: 'value' });
    else
      for (const warning of result.warnings)
        out.push({
          severity: 'warning',
          code: 'cron-frequency',
          path,
          message: warning,
          part: 'value',
        });
  });
}

function stepRules(jobId: string, job: Record_, out: RuleFinding[]): void {
  const steps = job['steps'];
  if (job['uses'] !== undefined) return;
  if (steps === undefined || (Array.isArray(steps) && steps.length === 0)) {
    out.push({
      severity: 'warning',
      code: 'job-no-steps',
      path: ['jobs', jobId, ...(steps === undefined ? [] : ['steps'])],
      message: `Job \`${jobId}\` has no steps, so it has nothing to run; add steps, or \`uses\` to call a reusable workflow.`,
      part: 'key',
    });
    return;
  }
  if (!Array.isArray(steps)) return;
  steps.forEach((step, i) => {
    const uses = isRecord(step) ? step['uses'] : undefined;
    // `owner/repo@ref`, `./local` and `docker://image` are the three forms of `uses`.
    if (typeof uses !== 'string' || uses.startsWith('./') || uses.startsWith('docker://')) return;
    if (/@[^@\s]+$/.test(uses)) return;
    out.push({
      severity: 'error',
      code: 'uses-without-ref',
      path: ['jobs', jobId, 'steps', i, 'uses'],
      message: `Step ${i + 1} of job \`${jobId}\` uses \`${uses}\` without a version; add \`@\` and a tag, branch or commit, as in \`actions/checkout@v4\`.`,
      part: 'value',
    });
  });
}

/** Applies the hand-written rules to the plain value of a workflow file. */
export function bookletRules(workflow: unknown): RuleFinding[] {
  const out: RuleFinding[] = [];
  if (!isRecord(workflow)) return out;
  const on = workflow['on'];
  if (isRecord(on)) {
    for (const event of FILTERED_EVENTS) {
      const filters = on[event];
      if (isRecord(filters)) filterRules(event, filters, out);
    }
    scheduleRules(on['schedule'], out);
  }
  const jobs = workflow['jobs'];
  if (isRecord(jobs))
    for (const [id, job] of Object.entries(jobs)) if (isRecord(job)) stepRules(id, job, out);
  return out;
}
