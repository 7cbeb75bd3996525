/**
 * Reads the labs from disk at build time: which module folders hold an executed notebook, the
 * notebook's bytes exactly as committed, and the files git tracks for the zip. Node only.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LAB_NOTEBOOK_FILE, isLabZipPath, labModuleFor, type LabModule } from './labs';
import type { LabFile } from './zip';

/** The labs folder: `BOOKLET_LABS_DIR` (tests and fixture builds) or `labs/` in the working directory. */
export function labsDirFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): string {
  return resolve(cwd, env['BOOKLET_LABS_DIR'] ?? 'labs');
}

/**
 * The modules under `labsDir` that have an executed notebook, in chapter order. A missing
 * folder gives an empty list: the site builds without labs, and the e2e suite says what is missing.
 */
export function discoverLabs(labsDir: string, chapterSlugs: readonly string[]): LabModule[] {
  if (!existsSync(labsDir)) return [];
  return readdirSync(labsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => labModuleFor(entry.name, chapterSlugs))
    .filter((module): module is LabModule => module !== undefined)
    .filter((module) => existsSync(join(labsDir, module.folder, LAB_NOTEBOOK_FILE)))
    .sort((a, b) => a.number - b.number);
}

/** The committed notebook of a module, byte for byte. */
export function readLabNotebook(labsDir: string, module: LabModule): Uint8Array {
  return new Uint8Array(readFileSync(join(labsDir, module.folder, LAB_NOTEBOOK_FILE)));
}

/**
 * Paths (relative to `labsDir`) of the files git tracks there: `git ls-files -z`, run inside the
 * folder, lists tracked files relative to it. Throws a clear error when git is missing or the
 * folder is not in a git work tree, since the zip must hold exactly the committed labs.
 */
export function trackedLabPaths(labsDir: string): string[] {
  let stdout: string;
  try {
    stdout = execFileSync('git', ['ls-files', '-z', '--', '.'], {
      cwd: labsDir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(
      `The labs zip holds the files git tracks under ${labsDir}, and "git ls-files" failed there ` +
        `(${detail.trim()}). Build from a git clone with git installed.`,
    );
  }
  return stdout.split('\0').filter((path) => path !== '');
}

/**
 * The files of the zip: tracked, present in the working tree as regular files (a tracked path
 * deleted locally, or a symbolic link that could point outside the repository, is left out), and
 * not a cache or secrets file. Contents are read from the working tree.
 */
export function readLabZipFiles(labsDir: string): LabFile[] {
  const files: LabFile[] = [];
  for (const path of trackedLabPaths(labsDir)) {
    if (!isLabZipPath(path)) continue;
    const absolute = join(labsDir, path);
    if (!existsSync(absolute) || !lstatSync(absolute).isFile()) continue;
    files.push({ path, content: new Uint8Array(readFileSync(absolute)) });
  }
  return files;
}
