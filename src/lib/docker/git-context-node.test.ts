import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GitContextError, trackedBuildContext } from './git-context-node';

/** A throw-away git repository with tracked, ignored and untracked files. */
function fixtureRepo(): string {
  const root = mkdtempSync(join(tmpdir(), 'git-ctx-'));
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', root, ...args], { stdio: 'pipe', encoding: 'utf8' });
  git('init', '-q');
  write('.gitignore', '.env\nnode_modules/\nscratch/\n');
  write('package.json', '{"name":"x"}\n'); // 13 bytes
  write('src/app.ts', 'export {};\n'); // 11 bytes
  git('add', '.gitignore', 'package.json', 'src/app.ts');
  // Local state a developer has but never commits: it must never reach the page.
  write('.env', 'API_TOKEN=do-not-publish\n');
  write('scratch/notes-on-salary.txt', 'private\n');
  write('untracked-draft.md', 'draft\n');
  write('node_modules/left-pad/index.js', 'x'.repeat(30));
  write('node_modules/vega-datasets/data/penguins.json', 'y'.repeat(100));
  return root;
}

describe('trackedBuildContext', () => {
  const root = fixtureRepo();
  const context = trackedBuildContext(root, {
    collapse: ['node_modules'],
    keep: ['node_modules/vega-datasets/data/penguins.json'],
  });
  const paths = context.map((file) => file.path);

  it('lists the files in the index with their blob sizes', () => {
    expect(context).toContainEqual({ path: 'package.json', version: 'v1', size: 13 });
    expect(context).toContainEqual({ path: 'src/app.ts', version: 'v1', size: 11 });
    expect(paths).toContain('.gitignore');
  });

  it('never lists an ignored or untracked file, by name or anywhere in a path', () => {
    const text = JSON.stringify(context);
    expect(text).not.toContain('.env');
    expect(text).not.toContain('API_TOKEN');
    expect(text).not.toContain('salary');
    expect(text).not.toContain('scratch');
    expect(text).not.toContain('untracked-draft');
  });

  it('counts a collapsed folder as one entry and keeps only the named file apart', () => {
    expect(context.find((file) => file.path === 'node_modules')).toEqual({
      path: 'node_modules',
      version: 'v1',
      size: 30,
      files: 1,
    });
    expect(context).toContainEqual({
      path: 'node_modules/vega-datasets/data/penguins.json',
      version: 'v1',
      size: 100,
    });
    expect(paths.filter((path) => path.startsWith('node_modules'))).toHaveLength(2);
  });

  it('returns paths sorted', () => {
    expect(paths).toEqual([...paths].sort());
  });

  it('fails with a clear message outside a git work tree', () => {
    const plain = mkdtempSync(join(tmpdir(), 'no-git-'));
    expect(() => trackedBuildContext(plain)).toThrow(GitContextError);
    expect(() => trackedBuildContext(plain)).toThrow(/must be built from a git checkout/);
  });

  it('fails with a clear message when git is not installed, keeping the cause', () => {
    let caught: unknown;
    try {
      trackedBuildContext(root, { git: join(root, 'no-such-git') });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(GitContextError);
    expect((caught as GitContextError).cause).toBeInstanceOf(Error);
  });
});
