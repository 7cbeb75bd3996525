/**
 * Lists this repository's build context at site-build time (Node only) from git's index, never by
 * walking the working directory: what the page shows then follows from the commit, and untracked
 * or ignored local files (a `.env`, scratch notes) can never leak their names or sizes into the
 * published HTML (issue 15, finding 12).
 *
 * A checkout that can build also holds two well-known folders git does not track, `node_modules`
 * (installed by `npm ci` from the committed lockfile) and `.git`. They matter to the lesson (they
 * are why a `.dockerignore` exists), so each may be counted as ONE entry with its file count and
 * bytes, never with the names inside it.
 */
import { execFileSync } from 'node:child_process';
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ContextFile } from './cache';

/** git could not list the tracked files (not installed, or `root` is not a work tree). */
export class GitContextError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GitContextError';
  }
}

/** Options of {@link trackedBuildContext}. */
export interface TrackedContextOptions {
  /** Untracked top-level folders to count as one entry each (`node_modules`, `.git`). */
  collapse?: readonly string[];
  /**
   * Untracked paths inside a collapsed folder to list on their own, with their size (files the
   * widget's change presets name, such as a dataset inside `node_modules`).
   */
  keep?: readonly string[];
  /** The git executable (tests point it elsewhere to check the failure message). */
  git?: string;
}

function runGit(git: string, root: string, args: readonly string[], input?: string): string {
  try {
    return execFileSync(git, ['-C', root, ...args], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(input === undefined ? {} : { input }),
    });
  } catch (error) {
    throw new GitContextError(
      `Cannot list the build context: "git ${args[0] ?? ''}" failed in ${root}. ` +
        'The chapter-2 widgets are built from the files git tracks, so the site must be built ' +
        'from a git checkout with git installed.',
      { cause: error },
    );
  }
}

/** Paths and blob sizes of every file in git's index (submodules left out). */
export function indexedFiles(root: string, git = 'git'): ContextFile[] {
  // `ls-files -s -z`: "<mode> <object> <stage>\t<path>\0" per entry.
  const entries = runGit(git, root, ['ls-files', '-s', '-z'])
    .split('\0')
    .filter((entry) => entry !== '')
    .map((entry) => {
      const tab = entry.indexOf('\t');
      const [mode = '', object = ''] = entry.slice(0, tab).split(' ');
      return { mode, object, path: entry.slice(tab + 1) };
    })
    .filter((entry) => entry.mode !== '160000');
  if (entries.length === 0) return [];
  // One batch query for every blob's size, in the order asked.
  const sizes = runGit(
    git,
    root,
    ['cat-file', '--batch-check=%(objectsize)'],
    entries.map((entry) => entry.object).join('\n') + '\n',
  )
    .trim()
    .split('\n')
    .map(Number);
  return entries.map((entry, i) => ({ path: entry.path, version: 'v1', size: sizes[i] ?? 0 }));
}

interface Tally {
  files: number;
  bytes: number;
}

function tally(dir: string, rel: string, keep: ReadonlySet<string>, out: ContextFile[]): Tally {
  const total: Tally = { files: 0, bytes: 0 };
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    // A folder that vanished or cannot be read counts as empty; only its total is published.
    if (error instanceof Error && 'code' in error) return total;
    throw error;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const relPath = `${rel}/${entry.name}`;
    if (entry.isDirectory()) {
      const inner = tally(path, relPath, keep, out);
      total.files += inner.files;
      total.bytes += inner.bytes;
    } else if (entry.isFile()) {
      const size = lstatSync(path).size;
      if (keep.has(relPath)) out.push({ path: relPath, version: 'v1', size });
      else {
        total.files += 1;
        total.bytes += size;
      }
    }
  }
  return total;
}

/**
 * The build context `docker build .` at `root` would send (before `.dockerignore`): git's tracked
 * files, plus the named untracked folders as one entry each. Sorted by path. Throws
 * {@link GitContextError} when git is missing or `root` is not a work tree.
 */
export function trackedBuildContext(
  root: string,
  options: TrackedContextOptions = {},
): ContextFile[] {
  const out = indexedFiles(root, options.git ?? 'git');
  const tracked = new Set(out.map((file) => file.path));
  const keep = new Set(options.keep ?? []);
  for (const folder of options.collapse ?? []) {
    if (folder.includes('/') || [...tracked].some((path) => path.startsWith(`${folder}/`)))
      continue;
    const total = tally(join(root, folder), folder, keep, out);
    if (total.files > 0)
      out.push({ path: folder, version: 'v1', size: total.bytes, files: total.files });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
