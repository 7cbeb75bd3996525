/**
 * `npm run labs:data`: writes the data and model files the Python labs ship beside their
 * notebooks (`labs/NN_Module/data/…`, `models/…`) from vega-datasets and the booklet's own
 * model, so no lab fetches anything at run time. `--check` writes nothing and exits 1 when a
 * committed file differs from what would be written.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LabFile } from '../src/lib/labs/lab-files';
import { labDataFiles } from '../src/lib/labs/lab-files-node';

/** The repository's `labs/` folder. */
export const LABS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'labs');

/** The bytes a lab file is written as. */
export function labFileBytes(file: LabFile): Uint8Array {
  return typeof file.content === 'string' ? new TextEncoder().encode(file.content) : file.content;
}

/** Paths (relative to `labsDir`) whose committed bytes differ from `files`, or are missing. */
export function staleLabFiles(files: readonly LabFile[], labsDir: string = LABS_DIR): string[] {
  return files
    .filter((file) => {
      const path = join(labsDir, file.path);
      return !existsSync(path) || !Buffer.from(labFileBytes(file)).equals(readFileSync(path));
    })
    .map((file) => file.path);
}

async function main(): Promise<void> {
  const files = await labDataFiles();
  if (process.argv.includes('--check')) {
    const stale = staleLabFiles(files);
    for (const path of stale) console.error(`labs/${path} differs from what write-lab-data writes`);
    process.exitCode = stale.length === 0 ? 0 : 1;
    return;
  }
  for (const file of files) {
    const path = join(LABS_DIR, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, labFileBytes(file));
    console.log(`wrote labs/${file.path}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
