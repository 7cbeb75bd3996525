/**
 * Reads the real build context of this repository at site-build time (Node only), so the
 * layer-cache explorer shows the true number of files and bytes `docker build .` would send.
 * node_modules and .git each become one entry (with their real file count and bytes), to keep
 * the list small enough to ship in the page; files named in `keep` stay individual entries.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ContextFile } from './cache';

/** Options of {@link scanBuildContext}. */
export interface ScanOptions {
  /** Top-level folders to leave out entirely (outputs the running build is writing). */
  skip?: readonly string[];
  /** Paths inside collapsed folders to keep as individual files (they appear in change presets). */
  keep?: readonly string[];
}

interface Tally {
  files: number;
  bytes: number;
}

function tallyTree(
  dir: string,
  tally: Tally,
  keep: (rel: string, size: number) => boolean,
  rel: string,
): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const relPath = `${rel}/${entry.name}`;
    if (entry.isDirectory()) tallyTree(path, tally, keep, relPath);
    else if (entry.isFile()) {
      const size = lstatSync(path).size;
      if (!keep(relPath, size)) {
        tally.files += 1;
        tally.bytes += size;
      }
    }
  }
}

/** Lists the build context under `root` with real sizes; collapsed entries carry `files`. */
export function scanBuildContext(root: string, options: ScanOptions = {}): ContextFile[] {
  const skip = new Set(options.skip ?? []);
  const keepList = new Set(options.keep ?? []);
  const out: ContextFile[] = [];
  const keep = (rel: string, size: number): boolean => {
    if (!keepList.has(rel)) return false;
    out.push({ path: rel, version: 'v1', size });
    return true;
  };
  const collapse = (rel: string) => {
    const tally: Tally = { files: 0, bytes: 0 };
    tallyTree(join(root, rel), tally, keep, rel);
    if (tally.files > 0)
      out.push({ path: rel, version: 'v1', size: tally.bytes, files: tally.files });
  };
  const walk = (rel: string) => {
    let entries;
    try {
      entries = readdirSync(rel === '' ? root : join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (rel === '' && skip.has(entry.name)) continue;
      if (entry.isDirectory()) {
        if (path === '.git' || path === 'node_modules') collapse(path);
        else walk(path);
      } else if (entry.isFile()) {
        out.push({ path, version: 'v1', size: lstatSync(join(root, path)).size });
      }
    }
  };
  walk('');
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
