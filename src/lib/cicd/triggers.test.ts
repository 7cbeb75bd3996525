import { describe, expect, it } from 'vitest';
import { decideTrigger, githubContextFor, type TriggerEvent } from './triggers';
import type { EventFilters, WorkflowTriggers } from './workflow-model';

const base: WorkflowTriggers = { workflowDispatch: false, schedules: [], otherEvents: [] };
const on = (extra: Partial<WorkflowTriggers>): WorkflowTriggers => ({ ...base, ...extra });
const onPush = (push: EventFilters): WorkflowTriggers => on({ push });
const onPullRequest = (pullRequest: EventFilters): WorkflowTriggers => on({ pullRequest });

/** A push of `branch`, with the changed files when the diff is known. */
const branchPush = (branch: string, changedPaths?: string[]): TriggerEvent =>
  changedPaths === undefined ? { kind: 'push', branch } : { kind: 'push', branch, changedPaths };
const tagPush = (tag: string): TriggerEvent => ({ kind: 'tag', tag });
/** A pull request from `branch` into `baseBranch`. */
const pullRequest = (branch: string, baseBranch: string): TriggerEvent => ({
  kind: 'pull_request',
  branch,
  baseBranch,
});

// Each row: triggers, event, expected decision, and the documented rule it follows
// (GitHub, "Workflow syntax for GitHub Actions" unless noted).
const table: Array<[string, WorkflowTriggers, TriggerEvent, boolean]> = [
  // "If you define neither tags/tags-ignore or branches/branches-ignore, the workflow will run for
  // events affecting either branches or tags."
  ['no ref filter, branch push', onPush({}), branchPush('feature/x'), true],
  ['no ref filter, tag push', onPush({}), tagPush('v1.0.0'), true],
  // "If you define only tags/tags-ignore or only branches/branches-ignore, the workflow won't run
  // for events affecting the undefined Git ref."
  ['only branches, tag push', onPush({ branches: ['main'] }), tagPush('v1.0.0'), false],
  ['only tags, branch push', onPush({ tags: ['v*'] }), branchPush('main'), false],
  ['only branches-ignore, tag push', onPush({ branchesIgnore: ['dev'] }), tagPush('v1'), false],
  ['only tags-ignore, branch push', onPush({ tagsIgnore: ['v0*'] }), branchPush('main'), false],
  [
    'branches and tags, tag push',
    onPush({ branches: ['main'], tags: ['v*'] }),
    tagPush('v2.1'),
    true,
  ],
  [
    'branches and tags, branch push',
    onPush({ branches: ['main'], tags: ['v*'] }),
    branchPush('main'),
    true,
  ],
  // Cheat sheet: `*` does not match `/`; `**` does.
  ['branches *, nested branch', onPush({ branches: ['*'] }), branchPush('feature/x'), false],
  ['branches **, nested branch', onPush({ branches: ['**'] }), branchPush('feature/x'), true],
  // "A matching negative pattern (prefixed with !) after a positive match will exclude the Git ref."
  [
    'negation excludes',
    onPush({ branches: ['releases/**', '!releases/**-alpha'] }),
    branchPush('releases/10-alpha'),
    false,
  ],
  [
    'negation keeps others',
    onPush({ branches: ['releases/**', '!releases/**-alpha'] }),
    branchPush('releases/10'),
    true,
  ],
  // "A matching positive pattern after a negative match will include the Git ref again."
  [
    'positive after negative re-includes',
    onPush({ branches: ['**', '!dev/**', 'dev/keep'] }),
    branchPush('dev/keep'),
    true,
  ],
  // branches-ignore: matching refs do not run the workflow.
  [
    'branches-ignore hit',
    onPush({ branchesIgnore: ['dependabot/**'] }),
    branchPush('dependabot/npm/x'),
    false,
  ],
  ['branches-ignore miss', onPush({ branchesIgnore: ['dependabot/**'] }), branchPush('main'), true],
  // "If at least one path matches a pattern in the paths filter, the workflow runs."
  [
    'paths one match',
    onPush({ paths: ['src/**'] }),
    branchPush('main', ['README.md', 'src/a.ts']),
    true,
  ],
  ['paths no match', onPush({ paths: ['src/**'] }), branchPush('main', ['README.md']), false],
  // Cheat sheet: '*.md' then '!README.md' excludes README.md.
  [
    'paths negation',
    onPush({ paths: ['*.md', '!README.md'] }),
    branchPush('main', ['README.md']),
    false,
  ],
  // "When all the path names match patterns in paths-ignore, the workflow will not run."
  [
    'paths-ignore all ignored',
    onPush({ pathsIgnore: ['docs/**'] }),
    branchPush('main', ['docs/a.md', 'docs/b/c.md']),
    false,
  ],
  // "If any path names do not match patterns in paths-ignore ... the workflow will run."
  [
    'paths-ignore one kept',
    onPush({ pathsIgnore: ['docs/**'] }),
    branchPush('main', ['docs/a.md', 'src/x.ts']),
    true,
  ],
  // "If there are no files changed, the workflow will not run." (Git diff comparisons)
  ['paths with empty diff', onPush({ paths: ['**'] }), branchPush('main', []), false],
  // "...if GitHub does not generate the diff due to a timeout, the workflow will always run."
  ['paths with unknown diff', onPush({ paths: ['src/**'] }), branchPush('main'), true],
  // "Path filters are not evaluated for pushes of tags."
  [
    'paths ignored for tags',
    onPush({ tags: ['v*'], paths: ['src/**'] }),
    { kind: 'tag', tag: 'v1', changedPaths: ['README.md'] },
    true,
  ],
  // "If you define both branches/branches-ignore and paths/paths-ignore, the workflow will only run
  // when both filters are satisfied."
  [
    'branch ok, paths not',
    onPush({ branches: ['main'], paths: ['src/**'] }),
    branchPush('main', ['docs/x']),
    false,
  ],
  [
    'paths ok, branch not',
    onPush({ branches: ['main'], paths: ['src/**'] }),
    branchPush('dev', ['src/x']),
    false,
  ],
  // "Diffs are limited to 300 files. If there are files changed that aren't matched in the first
  // 300 files returned by the filter, the workflow will not run."
  [
    'match only after 300 files',
    onPush({ paths: ['src/**'] }),
    branchPush('main', [...Array.from({ length: 300 }, (_, i) => `docs/${i}.md`), 'src/late.ts']),
    false,
  ],
  // pull_request: "run only for pull requests that target specific branches" (base branch).
  ['PR to main', onPullRequest({ branches: ['main'] }), pullRequest('feature/x', 'main'), true],
  ['PR from main to dev', onPullRequest({ branches: ['main'] }), pullRequest('main', 'dev'), false],
  [
    'PR branches-ignore',
    onPullRequest({ branchesIgnore: ['experimental/**'] }),
    pullRequest('x', 'experimental/a'),
    false,
  ],
  [
    'PR paths',
    onPullRequest({ paths: ['**.ts'] }),
    { kind: 'pull_request', baseBranch: 'main', changedPaths: ['src/a/b.ts'] },
    true,
  ],
  // Events the workflow does not list do not start it.
  ['push not listened to', onPullRequest({}), branchPush('main'), false],
  ['pull_request not listened to', onPush({}), { kind: 'pull_request', baseBranch: 'main' }, false],
  ['dispatch enabled', on({ workflowDispatch: true }), { kind: 'workflow_dispatch' }, true],
  ['dispatch absent', onPush({}), { kind: 'workflow_dispatch' }, false],
  ['schedule present', on({ schedules: ['0 3 * * 1'] }), { kind: 'schedule' }, true],
  ['schedule absent', onPush({}), { kind: 'schedule' }, false],
];

describe('decideTrigger', () => {
  it.each(table)('%s', (_name, triggers, event, expected) => {
    const decision = decideTrigger(triggers, event);
    expect(decision.runs).toBe(expected);
    expect(decision.reasons.length).toBeGreaterThan(0);
  });

  it('explains which pattern decided', () => {
    const decision = decideTrigger(
      onPush({ branches: ['releases/**', '!releases/**-alpha'] }),
      branchPush('releases/1-alpha'),
    );
    expect(decision.reasons.join(' ')).toContain('`!releases/**-alpha`');
    expect(decideTrigger(onPush({ tags: ['v*'] }), tagPush('v1')).eventName).toBe('push');
  });
});

describe('githubContextFor', () => {
  it('builds refs the way GitHub names them', () => {
    expect(githubContextFor(branchPush('dev'))).toMatchObject({
      event_name: 'push',
      ref: 'refs/heads/dev',
      ref_name: 'dev',
    });
    expect(githubContextFor(tagPush('v1.2.0'))).toMatchObject({
      event_name: 'push',
      ref: 'refs/tags/v1.2.0',
      ref_type: 'tag',
    });
    expect(githubContextFor(pullRequest('feat', 'main'), { pullRequestNumber: 7 })).toMatchObject({
      event_name: 'pull_request',
      ref: 'refs/pull/7/merge',
      head_ref: 'feat',
      base_ref: 'main',
    });
    expect(githubContextFor({ kind: 'schedule' }, { defaultBranch: 'trunk' })).toMatchObject({
      ref: 'refs/heads/trunk',
    });
  });
});
