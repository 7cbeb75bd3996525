/**
 * The Python labs as the site publishes them: `labs/NN_Module_Name/lab.ipynb`, one per chapter.
 * These are the names and path rules shared by the pages, the zip and the tests.
 */

/** The executed notebook inside each module folder. */
export const LAB_NOTEBOOK_FILE = 'lab.ipynb';

/** The zip of all module folders, served under `notebooks/`. */
export const LABS_ZIP_FILE_NAME = 'mlops-booklet-labs.zip';

/** The README at the top of `labs/`, shipped at the top of the zip. */
export const LABS_README_FILE = 'README.md';

/** A module folder, as the original booklet named them: `01_Model_Deployment`. */
const MODULE_FOLDER = /^(\d{2})_[A-Za-z0-9_]+$/;

/** A lab module and where the site publishes it. */
export interface LabModule {
  /** Folder under `labs/`, e.g. `02_Docker_Containerization`. */
  folder: string;
  /** Chapter number, from the folder's two-digit prefix. */
  number: number;
  /** The chapter's slug (`02-docker`); the lab page is `labs/<slug>/`. */
  slug: string;
  /** File name of the served notebook, e.g. `02_Docker_Containerization.ipynb`. */
  notebookFileName: string;
}

/**
 * The module a folder holds, matched to the chapter with the same two-digit number
 * (`02_Docker_Containerization` ↔ `02-docker`); undefined for any other folder name.
 */
export function labModuleFor(
  folder: string,
  chapterSlugs: readonly string[],
): LabModule | undefined {
  const match = MODULE_FOLDER.exec(folder);
  if (!match) return undefined;
  const prefix = `${match[1]}-`;
  const slug = chapterSlugs.find((candidate) => candidate.startsWith(prefix));
  if (slug === undefined) return undefined;
  return { folder, number: Number(match[1]), slug, notebookFileName: `${folder}.ipynb` };
}

/** Path segments that are caches, environments or editor litter, never part of a lab. */
const JUNK_SEGMENTS = new Set([
  '__pycache__',
  '.ipynb_checkpoints',
  '.pytest_cache',
  '.ruff_cache',
  '.mypy_cache',
  '.venv',
  'venv',
  'node_modules',
  '.DS_Store',
  'Thumbs.db',
]);

/** True for compiled Python files and local secrets files, which a lab never ships. */
function isJunkFile(name: string): boolean {
  return /\.py[co]$/.test(name) || name === '.env' || name.startsWith('.env.');
}

/**
 * True when a file under `labs/` (path relative to it, `/`-separated) belongs in the zip: the
 * README, or a file inside a module folder that is not a cache, environment or secrets file.
 */
export function isLabZipPath(path: string): boolean {
  if (path === LABS_README_FILE) return true;
  const segments = path.split('/');
  const [folder, ...rest] = segments;
  if (folder === undefined || !MODULE_FOLDER.test(folder) || rest.length === 0) return false;
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..'))
    return false;
  if (segments.some((segment) => JUNK_SEGMENTS.has(segment))) return false;
  return !isJunkFile(segments.at(-1) ?? '');
}

/**
 * Resolves a link written relative to a lab folder (`../02_Docker_Containerization/lab.ipynb`),
 * as it works in Jupyter, to the page of the lab it names on the site (`<base>labs/02-docker/`),
 * keeping any `#fragment`. Links to other files of a folder have no page: undefined.
 */
export function labLinkResolver(
  folder: string,
  chapterSlugs: readonly string[],
  base: string,
): (href: string) => string | undefined {
  const root = `https://labs.invalid/labs/${encodeURIComponent(folder)}/`;
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return (href) => {
    let url: URL;
    try {
      url = new URL(href, root);
    } catch {
      return undefined;
    }
    if (url.host !== 'labs.invalid') return undefined;
    const match = /^\/labs\/([^/]+)\/?(?:lab\.ipynb)?$/.exec(url.pathname);
    const module = match
      ? labModuleFor(decodeURIComponent(match[1] ?? ''), chapterSlugs)
      : undefined;
    return module === undefined ? undefined : `${prefix}labs/${module.slug}/${url.hash}`;
  };
}
