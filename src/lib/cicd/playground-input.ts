/**
 * The pipeline playground's inputs read in one place: the workflow text (with its length limit)
 * and the event fields (kind, branch, base, tag, changed files), each field answered with its own
 * sentence. The page only copies values in and messages out, so what it accepts is unit-tested
 * and fuzzed here.
 */
import { validateGitHubWorkflow, type WorkflowValidation } from './github-validate';
import { checkLength, checkRefName, parseChangedPaths, PLAYGROUND_LIMITS } from './playground';
import type { TriggerEvent } from './triggers';

/** What happened, as the event picker names it. */
export type EventKind = TriggerEvent['kind'];

/** The event picker's fields as typed. */
export interface EventFields {
  kind: EventKind;
  /** Pushed branch (push) or the branch a manual run uses. */
  branch: string;
  /** A pull request's base branch. */
  base: string;
  /** Pushed tag. */
  tag: string;
  /** Changed files, one per line. */
  paths: string;
}

/** A text field of the event picker. */
export type EventFieldName = 'branch' | 'base' | 'tag' | 'paths';

/** The fields each kind of event uses (the page shows only these). */
export const EVENT_FIELDS: Readonly<Record<EventKind, readonly EventFieldName[]>> = {
  push: ['branch', 'paths'],
  pull_request: ['base', 'paths'],
  tag: ['tag'],
  workflow_dispatch: ['branch'],
  schedule: [],
};

/** The event, or a message for each field in use that cannot be read. */
export type EventReading =
  | { ok: true; event: TriggerEvent }
  | { ok: false; errors: Partial<Record<EventFieldName, string>> };

/**
 * Reads the fields the event kind uses (names are trimmed; an empty changed-files box means the
 * diff is unknown) and checks each: git's ref-name rules, relative file paths, length limits.
 */
export function readEventFields(fields: EventFields): EventReading {
  const used = EVENT_FIELDS[fields.kind];
  const errors: Partial<Record<EventFieldName, string>> = {};
  const event: TriggerEvent = { kind: fields.kind };
  const ref = (name: 'branch' | 'base' | 'tag', kind: 'branch' | 'tag'): string | undefined => {
    if (!used.includes(name)) return undefined;
    const value = fields[name].trim();
    const problem = checkRefName(value, kind);
    if (problem) errors[name] = problem;
    return value;
  };
  const branch = ref('branch', 'branch');
  const base = ref('base', 'branch');
  const tag = ref('tag', 'tag');
  if (branch !== undefined) event.branch = branch;
  if (base !== undefined) event.baseBranch = base;
  if (tag !== undefined) event.tag = tag;
  if (used.includes('paths')) {
    const paths = parseChangedPaths(fields.paths);
    if (!paths.ok) errors.paths = paths.problems.map((p) => p.message).join(' ');
    else if (paths.paths) event.changedPaths = paths.paths;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, event };
}

/** The event in a few words, with names in backticks: "push of the tag `v1.0.0`". */
export function describeEvent(event: TriggerEvent): string {
  switch (event.kind) {
    case 'push':
      return `push to \`${event.branch ?? 'main'}\``;
    case 'pull_request':
      return `pull request into \`${event.baseBranch ?? 'main'}\``;
    case 'tag':
      return `push of the tag \`${event.tag ?? ''}\``;
    case 'workflow_dispatch':
      return `manual run on \`${event.branch ?? 'main'}\``;
    case 'schedule':
      return 'scheduled run';
  }
}

/** The editor's text checked: a length message, or the validator's diagnostics, model and graph. */
export type WorkflowReading =
  { ok: false; tooLong: string } | { ok: true; validation: WorkflowValidation };

/** Validates the editor's text unless it is longer than the playground accepts. Never throws. */
export function readWorkflowText(text: string): WorkflowReading {
  const tooLong = checkLength(text, PLAYGROUND_LIMITS.workflow, 'The workflow');
  if (tooLong) return { ok: false, tooLong };
  return { ok: true, validation: validateGitHubWorkflow(text) };
}
