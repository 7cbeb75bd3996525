/**
 * Decides whether a workflow runs for an event, following GitHub's documented filter rules
 * ("Workflow syntax for GitHub Actions", sections `on.push.<branches|tags|…>`,
 * `on.<pull_request>.<branches|branches-ignore>` and `on.<push|pull_request>.<paths|paths-ignore>`):
 * - push: "If you define only tags/tags-ignore or only branches/branches-ignore, the workflow won't
 *   run for events affecting the undefined Git ref. If you define neither …, the workflow will run
 *   for events affecting either branches or tags."
 * - pull_request: branch filters are matched against the pull request's base (target) branch.
 * - paths: "If at least one path matches a pattern in the paths filter, the workflow runs";
 *   with paths-ignore, "When all the path names match patterns in paths-ignore, the workflow will
 *   not run". "Path filters are not evaluated for pushes of tags." "If there are no files changed,
 *   the workflow will not run", diffs are "limited to 300 files", and when GitHub cannot produce the
 *   diff "the workflow will always run".
 * - When branch and path filters are both defined, "the workflow will only run when both filters
 *   are satisfied".
 */
import type { ExpressionValue } from './expression';
import { matchFilterList } from './filter-pattern';
import type { EventFilters, WorkflowTriggers } from './workflow-model';

/** An event that might start a workflow. */
export interface TriggerEvent {
  /** What happened; `tag` is a push of a tag. */
  kind: 'push' | 'pull_request' | 'tag' | 'workflow_dispatch' | 'schedule';
  /** Pushed branch, the pull request's head branch, or the branch a manual run uses. */
  branch?: string;
  /** Pushed tag name (for `tag`). */
  tag?: string;
  /** The pull request's base (target) branch. */
  baseBranch?: string;
  /** Files changed by the push or pull request; leave out when the diff is unknown. */
  changedPaths?: readonly string[];
}

/** Whether the workflow runs, and why, in sentences. */
export interface TriggerDecision {
  /** True when a run starts. */
  runs: boolean;
  /** `github.event_name` of the run (`push` for tags too). */
  eventName: string;
  /** Sentences explaining the decision, in the order the rules were applied. */
  reasons: string[];
}

// "Diffs are limited to 300 files": files beyond the first 300 do not count.
const DIFF_FILE_LIMIT = 300;

/** The branch a schedule or a manual run uses when none is given. */
export const DEFAULT_BRANCH = 'main';

function checkRef(
  kind: 'branch' | 'tag',
  name: string,
  include: readonly string[] | undefined,
  exclude: readonly string[] | undefined,
  otherDefined: boolean,
  reasons: string[],
): boolean {
  const label = kind === 'branch' ? 'branches' : 'tags';
  if (include === undefined && exclude === undefined) {
    if (otherDefined) {
      const other = kind === 'branch' ? 'tags' : 'branches';
      reasons.push(
        `The push filter only defines \`${other}\`, so a push of the ${kind} \`${name}\` does not start the workflow.`,
      );
      return false;
    }
    reasons.push(`No ${kind} filter is set, so every ${kind} matches.`);
    return true;
  }
  if (include !== undefined) {
    const match = matchFilterList(include, name);
    if (match.matched) {
      reasons.push(
        `The ${kind} \`${name}\` matches \`${label}\` (pattern \`${match.decidedBy}\`).`,
      );
    } else if (match.decidedBy !== null) {
      reasons.push(
        `The ${kind} \`${name}\` is excluded by the later pattern \`${match.decidedBy}\` in \`${label}\`.`,
      );
    } else {
      reasons.push(`The ${kind} \`${name}\` matches no pattern in \`${label}\`.`);
    }
    return match.matched;
  }
  const match = matchFilterList(exclude ?? [], name);
  if (match.matched) {
    reasons.push(
      `The ${kind} \`${name}\` is ignored by \`${label}-ignore\` (pattern \`${match.decidedBy}\`).`,
    );
    return false;
  }
  reasons.push(`The ${kind} \`${name}\` matches no pattern in \`${label}-ignore\`.`);
  return true;
}

function checkPaths(
  filters: EventFilters,
  changed: readonly string[] | undefined,
  reasons: string[],
): boolean {
  if (filters.paths === undefined && filters.pathsIgnore === undefined) return true;
  if (changed === undefined) {
    reasons.push(
      'The changed files are not known, so the path filter is not applied (GitHub also runs the workflow when it cannot compute the diff).',
    );
    return true;
  }
  if (changed.length === 0) {
    reasons.push('No files changed, and with a path filter GitHub does not run the workflow.');
    return false;
  }
  const considered = changed.slice(0, DIFF_FILE_LIMIT);
  if (filters.paths !== undefined) {
    const hit = considered.find((p) => matchFilterList(filters.paths ?? [], p).matched);
    if (hit !== undefined) {
      reasons.push(`The changed file \`${hit}\` matches \`paths\`.`);
      return true;
    }
    reasons.push('None of the changed files matches `paths`.');
    return false;
  }
  const kept = considered.find((p) => !matchFilterList(filters.pathsIgnore ?? [], p).matched);
  if (kept !== undefined) {
    reasons.push(`The changed file \`${kept}\` is not covered by \`paths-ignore\`.`);
    return true;
  }
  reasons.push('Every changed file matches `paths-ignore`.');
  return false;
}

/** Decides whether a workflow with these triggers runs for `event`. */
export function decideTrigger(triggers: WorkflowTriggers, event: TriggerEvent): TriggerDecision {
  const reasons: string[] = [];
  switch (event.kind) {
    case 'push':
    case 'tag': {
      const filters = triggers.push;
      if (!filters) {
        reasons.push('The workflow does not listen to `push` events.');
        return { runs: false, eventName: 'push', reasons };
      }
      const branchDefined = filters.branches !== undefined || filters.branchesIgnore !== undefined;
      const tagDefined = filters.tags !== undefined || filters.tagsIgnore !== undefined;
      if (event.kind === 'tag') {
        const tag = event.tag ?? '';
        const runs = checkRef('tag', tag, filters.tags, filters.tagsIgnore, branchDefined, reasons);
        if (runs && (filters.paths || filters.pathsIgnore)) {
          reasons.push('Path filters are not evaluated for pushes of tags.');
        }
        return { runs, eventName: 'push', reasons };
      }
      const branch = event.branch ?? DEFAULT_BRANCH;
      const refOk = checkRef(
        'branch',
        branch,
        filters.branches,
        filters.branchesIgnore,
        tagDefined,
        reasons,
      );
      if (!refOk) return { runs: false, eventName: 'push', reasons };
      return { runs: checkPaths(filters, event.changedPaths, reasons), eventName: 'push', reasons };
    }
    case 'pull_request': {
      const filters = triggers.pullRequest;
      if (!filters) {
        reasons.push('The workflow does not listen to `pull_request` events.');
        return { runs: false, eventName: 'pull_request', reasons };
      }
      const base = event.baseBranch ?? DEFAULT_BRANCH;
      reasons.push(`Pull request branch filters are matched against the base branch \`${base}\`.`);
      const refOk = checkRef(
        'branch',
        base,
        filters.branches,
        filters.branchesIgnore,
        false,
        reasons,
      );
      if (!refOk) return { runs: false, eventName: 'pull_request', reasons };
      return {
        runs: checkPaths(filters, event.changedPaths, reasons),
        eventName: 'pull_request',
        reasons,
      };
    }
    case 'workflow_dispatch':
      reasons.push(
        triggers.workflowDispatch
          ? '`workflow_dispatch` is enabled, so the workflow can be started by hand.'
          : 'The workflow has no `workflow_dispatch` trigger, so it cannot be started by hand.',
      );
      return { runs: triggers.workflowDispatch, eventName: 'workflow_dispatch', reasons };
    case 'schedule': {
      const runs = triggers.schedules.length > 0;
      reasons.push(
        runs
          ? `The workflow runs on its schedule (${triggers.schedules.map((s) => `\`${s}\``).join(', ')}) from the default branch.`
          : 'The workflow has no `schedule` trigger.',
      );
      return { runs, eventName: 'schedule', reasons };
    }
  }
}

/** Settings for the simulated `github` context. */
export interface GitHubContextOptions {
  /** The repository's default branch (default `main`). */
  defaultBranch?: string;
  /** `github.workflow`, the workflow's name. */
  workflowName?: string;
  /** `github.repository` as `owner/name`. */
  repository?: string;
  /** Pull request number for `refs/pull/<n>/merge`. */
  pullRequestNumber?: number;
}

/** Builds the parts of the `github` context that `if:` conditions usually read, for `event`. */
export function githubContextFor(
  event: TriggerEvent,
  options: GitHubContextOptions = {},
): ExpressionValue {
  const defaultBranch = options.defaultBranch ?? DEFAULT_BRANCH;
  const base = {
    workflow: options.workflowName ?? 'workflow',
    repository: options.repository ?? 'octo-org/mlops-booklet',
    repository_owner: (options.repository ?? 'octo-org/mlops-booklet').split('/')[0] ?? '',
    actor: 'octocat',
    head_ref: '',
    base_ref: '',
  };
  /** The context of an event on a branch (`refs/heads/<branch>`). */
  const onBranch = (eventName: string, branch: string, payload: ExpressionValue) => ({
    ...base,
    event_name: eventName,
    ref: `refs/heads/${branch}`,
    ref_name: branch,
    ref_type: 'branch',
    event: payload,
  });
  switch (event.kind) {
    case 'tag': {
      const tag = event.tag ?? '';
      return {
        ...base,
        event_name: 'push',
        ref: `refs/tags/${tag}`,
        ref_name: tag,
        ref_type: 'tag',
        event: { ref: `refs/tags/${tag}` },
      };
    }
    case 'pull_request': {
      const number = options.pullRequestNumber ?? 1;
      const head = event.branch ?? 'feature';
      const baseBranch = event.baseBranch ?? defaultBranch;
      return {
        ...base,
        event_name: 'pull_request',
        ref: `refs/pull/${number}/merge`,
        ref_name: `${number}/merge`,
        ref_type: 'branch',
        head_ref: head,
        base_ref: baseBranch,
        event: { number, pull_request: { number, base: { ref: baseBranch }, head: { ref: head } } },
      };
    }
    case 'schedule':
      return onBranch('schedule', defaultBranch, {});
    case 'push':
    case 'workflow_dispatch': {
      const branch = event.branch ?? defaultBranch;
      return onBranch(event.kind, branch, { ref: `refs/heads/${branch}` });
    }
  }
}
