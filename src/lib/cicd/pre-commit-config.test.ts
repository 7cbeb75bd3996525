/**
 * The pre-commit configuration chapter 4 shows: every hook repository is pinned to a release tag,
 * and every hook id is one that repository's `.pre-commit-hooks.yaml` defines at that tag.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const text = readFileSync(
  fileURLToPath(
    new URL('../../../content/04-ci-cd/pipelines/.pre-commit-config.yaml', import.meta.url),
  ),
  'utf8',
);
const config = parse(text) as {
  repos: { repo: string; rev?: string; hooks: { id: string; entry?: string }[] }[];
};

// Hook ids read from each repository's .pre-commit-hooks.yaml at the pinned tag
// (pre-commit/pre-commit-hooks v6.0.0, commit 3e8a8703).
const HOOKS_AT_TAG: Record<string, { rev: string; ids: string[] }> = {
  'https://github.com/pre-commit/pre-commit-hooks': {
    rev: 'v6.0.0',
    ids: [
      'check-added-large-files',
      'check-json',
      'check-merge-conflict',
      'check-yaml',
      'detect-private-key',
      'end-of-file-fixer',
      'trailing-whitespace',
    ],
  },
};

describe('.pre-commit-config.yaml', () => {
  it('pins every remote hook repository to a release tag and uses only hooks it defines', () => {
    const remote = config.repos.filter((r) => r.repo !== 'local');
    expect(remote.map((r) => r.repo)).toEqual(Object.keys(HOOKS_AT_TAG));
    for (const repo of remote) {
      const known = HOOKS_AT_TAG[repo.repo];
      expect(repo.rev, repo.repo).toBe(known?.rev);
      for (const hook of repo.hooks) expect(known?.ids, hook.id).toContain(hook.id);
    }
  });

  it('runs Prettier and ruff from the lockfiles through local hooks', () => {
    const local = config.repos.find((r) => r.repo === 'local');
    expect(local?.rev).toBeUndefined();
    expect(local?.hooks.map((h) => h.entry)).toEqual(['npx prettier --check', 'ruff check']);
  });
});
