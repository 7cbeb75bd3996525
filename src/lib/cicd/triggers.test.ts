import { describe, expect, it } from 'vitest';
import { decideTrigger, githubContextFor, type TriggerEvent } from './triggers';
import type { WorkflowTriggers } from './workflow-model';

const base: WorkflowTriggers = { workflowDispatch: false, schedules: [], otherEvents: [] };
const on = (extra: Partial<WorkflowTriggers>): WorkflowTriggers => ({ ...base, ...extra });

// Each row: triggers, event, expected decision, and the documented rule it follows
// (GitHub, "Workflow syntax for GitHub Actions" unless noted).
const table: Array<[string, WorkflowTriggers, TriggerEvent, boolean]> = [
  // "If you define neither tags/tags-ignore or branches/branches-ignore, the workflow will run for
  // events affecting either branches or tags."
  ['no ref filter, branch push', on({ push: {} }), { kind: 'push', branch: 'feature/x' }, true],
  ['no ref filter, tag push', on({ push: {} }), { kind: 'tag', tag: 'v1.0.0' }, true],
  // "If you define only tags/tags-ignore or only branches/branches-ignore, the workflow won't run
  // for events affecting the undefined Git ref."
  [
    'only branches, tag push',
    on({ push: { branches: ['main'] } }),
    { kind: 'tag', tag: 'v1.0.0' },
    false,
  ],
  [
    'only tags, branch push',
    on({ push: { tags: ['v*'] } }),
    { kind: 'push', branch: 'main' },
    false,
  ],
  [
    'only branches-ignore, tag push',
    on({ push: { branchesIgnore: ['dev'] } }),
    { kind: 'tag', tag: 'v1' },
    false,
  ],
  [
    'only tags-ignore, branch push',
    on({ push: { tagsIgnore: ['v0*'] } }),
    { kind: 'push', branch: 'main' },
    false,
  ],
  [
    'branches and tags, tag push',
    on({ push: { branches: ['main'], tags: ['v*'] } }),
    { kind: 'tag', tag: 'v2.1' },
    true,
  ],
  [
    'branches and tags, branch push',
    on({ push: { branches: ['main'], tags: ['v*'] } }),
    { kind: 'push', branch: 'main' },
    true,
  ],
  // Cheat sheet: `*` does not match `/`; `**` does.
  [
    'branches *, nested branch',
    on({ push: { branches: ['*'] } }),
    { kind: 'push', branch: 'feature/x' },
    false,
  ],
  [
    'branches **, nested branch',
    on({ push: { branches: ['**'] } }),
    { kind: 'push', branch: 'feature/x' },
    true,
  ],
  // "A matching negative pattern (prefixed with !) after a positive match will exclude the Git ref."
  [
    'negation excludes',
    on({ push: { branches: ['releases/**', '!releases/**-alpha'] } }),
    { kind: 'push', branch: 'releases/10-alpha' },
    false,
  ],
  [
    'negation keeps others',
    on({ push: { branches: ['releases/**', '!releases/**-alpha'] } }),
    { kind: 'push', branch: 'releases/10' },
    true,
  ],
  // "A matching positive pattern after a negative match will include the Git ref again."
  [
    'positive after negative re-includes',
    on({ push: { branches: ['**', '!dev/**', 'dev/keep'] } }),
    { kind: 'push', branch: 'dev/keep' },
    true,
  ],
  // branches-ignore: matching refs do not run the workflow.
  [
    'branches-ignore hit',
    on({ push: { branchesIgnore: ['dependabot/**'] } }),
    { kind: 'push', branch: 'dependabot/npm/x' },
    false,
  ],
  [
    'branches-ignore miss',
    on({ push: { branchesIgnore: ['dependabot/**'] } }),
    { kind: 'push', branch: 'main' },
    true,
  ],
  // "If at least one path matches a pattern in the paths filter, the workflow runs."
  [
    'paths one match',
    on({ push: { paths: ['src/**'] } }),
    { kind: 'push', branch: 'main', changedPaths: ['README.md', 'src/a.ts'] },
    true,
  ],
  [
    'paths no match',
    on({ push: { paths: ['src/**'] } }),
    { kind: 'push', branch: 'main', changedPaths: ['README.md'] },
    false,
  ],
  // Cheat sheet: '*.md' then '!README.md' excludes README.md.
  [
    'paths negation',
    on({ push: { paths: ['*.md', '!README.md'] } }),
    { kind: 'push', branch: 'main', changedPaths: ['README.md'] },
    false,
  ],
  // "When all the path names match patterns in paths-ignore, the workflow will not run."
  [
    'paths-ignore all ignored',
    on({ push: { pathsIgnore: ['docs/**'] } }),
    { kind: 'push', branch: 'main', changedPaths: ['docs/a.md', 'docs/b/c.md'] },
    false,
  ],
  // "If any path names do not match patterns in paths-ignore ... the workflow will run."
  [
    'paths-ignore one kept',
    on({ push: { pathsIgnore: ['docs/**'] } }),
    { kind: 'push', branch: 'main', changedPaths: ['docs/a.md', 'src/x.ts'] },
    true,
  ],
  // "If there are no files changed, the workflow will not run." (Git diff comparisons)
  [
    'paths with empty diff',
    on({ push: { paths: ['**'] } }),
    { kind: 'push', branch: 'main', changedPaths: [] },
    false,
  ],
  // "...if GitHub does not generate the diff due to a timeout, the workflow will always run."
  [
    'paths with unknown diff',
    on({ push: { paths: ['src/**'] } }),
    { kind: 'push', branch: 'main' },
    true,
  ],
  // "Path filters are not evaluated for pushes of tags."
  [
    'paths ignored for tags',
    on({ push: { tags: ['v*'], paths: ['src/**'] } }),
    { kind: 'tag', tag: 'v1', changedPaths: ['README.md'] },
    true,
  ],
  // "If you define both branches/branches-ignore and paths/paths-ignore, the workflow will only run
  // when both filters are satisfied."
  [
    'branch ok, paths not',
    on({ push: { branches: ['main'], paths: ['src/**'] } }),
    { kind: 'push', branch: 'main', changedPaths: ['docs/x'] },
    false,
  ],
  [
    'paths ok, branch not',
    on({ push: { branches: ['main'], paths: ['src/**'] } }),
    { kind: 'push', branch: 'dev', changedPaths: ['src/x'] },
    false,
  ],
  // "Diffs are limited to 300 files. If there are files changed that aren't matched in the first
  // 300 files returned by the filter, the workflow will not run."
  [
    'match only after 300 files',
    on({ push: { paths: ['src/**'] } }),
    {
      kind: 'push',
      branch: 'main',
      changedPaths: [...Array.from({ length: 300 }, (_, i) => `docs/${i}.md`), 'src/late.ts'],
    },
    false,
  ],
  // pull_request: "run only for pull requests that target specific branches" (base branch).
  [
    'PR to main',
    on({ pullRequest: { branches: ['main'] } }),
    { kind: 'pull_request', branch: 'feature/x', baseBranch: 'main' },
    true,
  ],
  [
    'PR from main to dev',
    on({ pullRequest: { branches: ['main'] } }),
    { kind: 'pull_request', branch: 'main', baseBranch: 'dev' },
    false,
  ],
  [
    'PR branches-ignore',
    on({ pullRequest: { branchesIgnore: ['experimental/**'] } }),
    { kind: 'pull_request', branch: 'x', baseBranch: 'experimental/a' },
    false,
  ],
  [
    'PR paths',
    on({ pullRequest: { paths: ['**.ts'] } }),
    { kind: 'pull_request', baseBranch: 'main', changedPaths: ['src/a/b.ts'] },
    true,
  ],
  // Events the workflow does not list do not start it.
  ['push not listened to', on({ pullRequest: {} }), { kind: 'push', branch: 'main' }, false],
  [
    'pull_request not listened to',
    on({ push: {} }),
    { kind: 'pull_request', baseBranch: 'main' },
    false,
  ],
  ['dispatch enabled', on({ workflowDispatch: true }), { kind: 'workflow_dispatch' }, true],
  ['dispatch absent', on({ push: {} }), { kind: 'workflow_dispatch' }, false],
  ['schedule present', on({ schedules: ['0 3 * * 1'] }), { kind: 'schedule' }, true],
  ['schedule absent', on({ push: {} }), { kind: 'schedule' }, false],
];

describe('decideTrigger', () => {
  it.each(table)('%s', (_name, triggers, event, expected) => {
    const decision = decideTrigger(triggers, event);
    expect(decision.runs).toBe(expected);
    expect(decision.reasons.length).toBeGreaterThan(0);
  });

  it('explains which pattern decided', () => {
    const decision = decideTrigger(
      on({ push: { branches: ['releases/**', '!releases/**-alpha'] } }),
      { kind: 'push', branch: 'releases/1-alpha' },
    );
    expect(decision.reasons.join(' ')).toContain('`!releases/**-alpha`');
    expect(
      decideTrigger(on({ push: { tags: ['v*'] } }), { kind: 'tag', tag: 'v1' }).eventName,
    ).toBe('push');
  });
});

describe('githubContextFor', () => {
  it('builds refs the way GitHub names them', () => {
    expect(githubContextFor({ kind: 'push', branch: 'dev' })).toMatchObject({
      event_name: 'push',
      ref: 'refs/heads/dev',
      ref_name: 'dev',
    });
    expect(githubContextFor({ kind: 'tag', tag: 'v1.2.0' })).toMatchObject({
      event_name: 'push',
      ref: 'refs/tags/v1.2.0',
      ref_type: 'tag',
    });
    expect(
      githubContextFor(
        { kind: 'pull_request', branch: 'feat', baseBranch: 'main' },
        { pullRequestNumber: 7 },
      ),
    ).toMatchObject({
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
