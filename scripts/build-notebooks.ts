/**
 * Builds the downloadable Jupyter notebooks from the booklet's chapters.
 *
 *   SITE_URL=https://owner.github.io BASE_PATH=/mlops-booklet/ \
 *     npx tsx scripts/build-notebooks.ts public/generated/notebooks
 *
 * Reads `content/NN-slug/index.mdx` and the files beside it, and writes `NN-slug.ipynb` for every
 * chapter plus `mlops-booklet-notebooks.zip` into the folder given as the only argument.
 * `generateNotebookArtifacts` is exported so an Astro endpoint can produce the same bytes.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  buildNotebookArtifacts,
  NOTEBOOK_ZIP_FILE_NAME,
  type ChapterInput,
  type NotebookArtifactsResult,
} from '../src/lib/notebook/build';
import type { SiteLocation } from '../src/lib/notebook/site-url';
import type { CompanionFile } from '../src/lib/notebook/zip';

/** The repository's `content/` folder. */
export const DEFAULT_CONTENT_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'content',
);

/** Chapter folders are `NN-slug`; the landing page and glossary are not chapters. */
const CHAPTER_FOLDER = /^\d{2}-[a-z0-9-]+$/;

/** Page sources and site code are not shipped to notebook readers; everything else in the folder is. */
const EXCLUDED_EXTENSIONS = ['.mdx', '.md', '.ts', '.tsx', '.mts', '.astro'];
const EXCLUDED_NAMES = new Set(['.DS_Store', 'Thumbs.db']);

/** Where the site is published, from the same `SITE_URL` / `BASE_PATH` variables astro.config.mjs reads. */
export function siteFromEnv(env: NodeJS.ProcessEnv = process.env): SiteLocation {
  return {
    siteUrl: env['SITE_URL'] || 'http://localhost:4321',
    basePath: env['BASE_PATH'] || '/',
  };
}

/** Companion files of one chapter folder, recursively, with `/`-separated relative paths, sorted. */
function readCompanions(chapterDir: string): CompanionFile[] {
  const files: CompanionFile[] = [];
  const entries = readdirSync(chapterDir, { recursive: true, encoding: 'utf8' }).sort();
  for (const entry of entries) {
    const path = entry.split(sep).join('/');
    const name = path.slice(path.lastIndexOf('/') + 1);
    if (path.split('/').includes('node_modules') || EXCLUDED_NAMES.has(name)) continue;
    if (EXCLUDED_EXTENSIONS.some((extension) => name.endsWith(extension))) continue;
    const absolute = join(chapterDir, entry);
    if (!statSync(absolute).isFile()) continue;
    files.push({ path, content: new Uint8Array(readFileSync(absolute)) });
  }
  return files;
}

/** Reads every chapter (`NN-slug/index.mdx` and its companions) under a content folder. */
export function readChapters(contentDir: string): ChapterInput[] {
  const chapters: ChapterInput[] = [];
  for (const name of readdirSync(contentDir).sort()) {
    const chapterDir = join(contentDir, name);
    if (!CHAPTER_FOLDER.test(name) || !statSync(chapterDir).isDirectory()) continue;
    const indexPath = join(chapterDir, 'index.mdx');
    let mdx: string;
    try {
      mdx = readFileSync(indexPath, 'utf8');
    } catch {
      continue;
    }
    chapters.push({ slug: name, mdx, companions: readCompanions(chapterDir) });
  }
  return chapters;
}

/**
 * Reads a listing that lives outside the chapter folders (e.g. `../.github/workflows/ci.yml`),
 * by its path relative to content/, but never outside the repository that holds content/.
 */
function repositoryFileReader(
  contentDir: string,
): (contentRelativePath: string) => string | undefined {
  const repositoryRoot = dirname(resolve(contentDir));
  return (contentRelativePath) => {
    const absolute = resolve(contentDir, contentRelativePath);
    if (!absolute.startsWith(`${repositoryRoot}${sep}`)) return undefined;
    if (!existsSync(absolute) || !statSync(absolute).isFile()) return undefined;
    return readFileSync(absolute, 'utf8');
  };
}

/** Reads the chapters from disk and builds notebooks and zip in memory. */
export function generateNotebookArtifacts(
  contentDir: string = DEFAULT_CONTENT_DIR,
  site: SiteLocation = siteFromEnv(),
): NotebookArtifactsResult {
  const chapters = readChapters(contentDir);
  if (chapters.length === 0) {
    return { ok: false, errors: [`no chapters (NN-slug/index.mdx) in ${contentDir}`] };
  }
  return buildNotebookArtifacts(chapters, site, { readFile: repositoryFileReader(contentDir) });
}

/**
 * Writes the notebooks and the zip into `outDir`, removing `.ipynb` files there that no longer
 * correspond to a chapter (a renamed chapter must not leave its old notebook behind).
 * Returns the paths written, relative to `outDir`.
 */
export function writeNotebookArtifacts(
  outDir: string,
  artifacts: Extract<NotebookArtifactsResult, { ok: true }>,
): string[] {
  mkdirSync(outDir, { recursive: true });
  const current = new Set(artifacts.notebooks.map((notebook) => notebook.fileName));
  for (const name of readdirSync(outDir)) {
    if (name.endsWith('.ipynb') && !current.has(name)) rmSync(join(outDir, name));
  }
  const written: string[] = [];
  for (const notebook of artifacts.notebooks) {
    writeFileSync(join(outDir, notebook.fileName), notebook.json);
    written.push(notebook.fileName);
  }
  writeFileSync(join(outDir, NOTEBOOK_ZIP_FILE_NAME), artifacts.zip);
  written.push(NOTEBOOK_ZIP_FILE_NAME);
  return written;
}

/** Command-line entry: returns the process exit code (0 ok, 1 build errors, 2 usage). */
export function main(argv: readonly string[], contentDir: string = DEFAULT_CONTENT_DIR): number {
  const outArg = argv[0];
  if (outArg === undefined || argv.length !== 1) {
    console.error(
      'usage: tsx scripts/build-notebooks.ts <output folder>   (env: SITE_URL, BASE_PATH)',
    );
    return 2;
  }
  const artifacts = generateNotebookArtifacts(contentDir, siteFromEnv());
  if (!artifacts.ok) {
    for (const error of artifacts.errors) console.error(`build-notebooks: ${error}`);
    return 1;
  }
  for (const warning of artifacts.warnings) console.warn(`build-notebooks: warning: ${warning}`);
  const outDir = resolve(outArg);
  const written = writeNotebookArtifacts(outDir, artifacts);
  console.log(
    `build-notebooks: wrote ${written.length} files to ${relative(process.cwd(), outDir) || '.'}`,
  );
  return 0;
}

const invokedPath = process.argv[1];
if (invokedPath !== undefined && import.meta.url === pathToFileURL(resolve(invokedPath)).href) {
  process.exitCode = main(process.argv.slice(2));
}
