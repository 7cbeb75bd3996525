/**
 * The whole pipeline on in-memory inputs: chapters → validated notebooks → zip. The disk (or an
 * Astro endpoint) only supplies the inputs and writes the outputs, so this part stays testable.
 */
import { chapterHeading, mdxToCells } from './mdx-to-cells';
import { buildNotebook, serializeNotebook, validateNotebook } from './nbformat';
import { siteRootUrl, type SiteLocation } from './site-url';
import { buildNotebookZip, type CompanionFile, type NotebookModule } from './zip';

/** A chapter as read from `content/<slug>/`. */
export interface ChapterInput {
  /** Folder name, e.g. `01-model-deployment`. */
  slug: string;
  /** Text of `index.mdx`. */
  mdx: string;
  /** Files beside `index.mdx` that ship with the notebook, paths relative to the chapter folder. */
  companions: readonly CompanionFile[];
}

/** One generated notebook. */
export interface GeneratedNotebook {
  slug: string;
  chapterNumber: number;
  title: string;
  /** `<slug>.ipynb`. */
  fileName: string;
  /** Serialized nbformat 4.5 JSON, ending in a newline. */
  json: string;
}

/** Everything the build produces, or the reasons it could not. */
export type NotebookArtifactsResult =
  | { ok: true; notebooks: GeneratedNotebook[]; zip: Uint8Array; warnings: string[] }
  | { ok: false; errors: string[] };

/** File name of the zip the site offers for download. */
export const NOTEBOOK_ZIP_FILE_NAME = 'mlops-booklet-notebooks.zip';

/**
 * Collapses `.` and `..` segments of a slash-separated path; `..` that climbs above the start is
 * kept (`04-ci-cd/../../.github/x.yml` → `../.github/x.yml`), since listings may live outside content/.
 */
export function normalizeContentPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && segments.length > 0 && segments[segments.length - 1] !== '..') {
      segments.pop();
    } else segments.push(segment);
  }
  return segments.join('/');
}

/** Optional inputs of `buildNotebookArtifacts`. */
export interface BuildNotebookOptions {
  /**
   * Reads a file a listing imports that is not among the chapters' companions (for example
   * `../../.github/workflows/ci.yml?raw` or a `.ts` source), by its path relative to content/.
   * Returns undefined when there is no such file.
   */
  readFile?: (contentRelativePath: string) => string | undefined;
}

/**
 * Converts every chapter, validates each notebook against the nbformat 4.5 rules and zips them.
 * A listing may come from another chapter's folder (`../02-docker/Dockerfile?raw`), so companions
 * are looked up across all chapters by their content-relative path, then through `readFile`.
 * Never throws: a `readFile` that throws becomes an error of the chapter that asked.
 */
export function buildNotebookArtifacts(
  chapters: readonly ChapterInput[],
  site: SiteLocation,
  options: BuildNotebookOptions = {},
): NotebookArtifactsResult {
  const decoder = new TextDecoder();
  const filesByContentPath = new Map<string, string | Uint8Array>();
  for (const chapter of chapters) {
    for (const file of chapter.companions) {
      filesByContentPath.set(normalizeContentPath(`${chapter.slug}/${file.path}`), file.content);
    }
  }

  const errors: string[] = [];
  const warnings: string[] = [];
  const notebooks: GeneratedNotebook[] = [];
  const modules: NotebookModule[] = [];
  const sorted = [...chapters].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  for (const chapter of sorted) {
    const readCompanion = (relativePath: string): string | undefined => {
      const key = normalizeContentPath(`${chapter.slug}/${relativePath}`);
      const content = filesByContentPath.get(key);
      if (content === undefined) return options.readFile?.(key);
      return typeof content === 'string' ? content : decoder.decode(content);
    };
    const converted = mdxToCells(chapter.mdx, { ...site, slug: chapter.slug, readCompanion });
    if (!converted.ok) {
      errors.push(`${chapter.slug}: ${converted.error}`);
      continue;
    }
    warnings.push(...converted.warnings.map((warning) => `${chapter.slug}: ${warning}`));
    const { title, chapter: meta } = converted.frontMatter;
    const notebook = buildNotebook(converted.cells, {
      title: chapterHeading(converted.frontMatter),
    });
    const json = serializeNotebook(notebook);
    const validation = validateNotebook(JSON.parse(json));
    if (!validation.valid) {
      for (const error of validation.errors)
        errors.push(`${chapter.slug}: ${error.path}: ${error.message}`);
      continue;
    }
    if (notebooks.some((other) => other.chapterNumber === meta.number)) {
      errors.push(`${chapter.slug}: chapter number ${meta.number} is used by another chapter`);
      continue;
    }
    const fileName = `${chapter.slug}.ipynb`;
    notebooks.push({ slug: chapter.slug, chapterNumber: meta.number, title, fileName, json });
    modules.push({
      chapterNumber: meta.number,
      title,
      notebookFileName: fileName,
      notebookJson: json,
      companions: chapter.companions,
    });
  }
  if (errors.length > 0) return { ok: false, errors };

  const zip = buildNotebookZip(modules, siteRootUrl(site));
  if (!zip.ok) return { ok: false, errors: [zip.error] };
  return { ok: true, notebooks, zip: zip.bytes, warnings };
}
