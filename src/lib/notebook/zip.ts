/**
 * The downloadable bundle: every chapter notebook in its own module folder, with the files the
 * chapter ships (requirements.txt, *.py, Dockerfile…) beside it, and a README on how to run them.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';

/** Folder of each module in the zip, by chapter number. */
export const MODULE_FOLDERS: Readonly<Record<number, string>> = {
  1: '01_Model_Deployment',
  2: '02_Docker_Containerization',
  3: '03_Cloud_Deployment_and_APIs',
  4: '04_CI_CD_Pipeline',
  5: '05_Monitoring_and_Retraining',
};

/** A file placed next to a notebook, by its path relative to the module folder. */
export interface CompanionFile {
  path: string;
  content: string | Uint8Array;
}

/** One module's contribution to the zip. */
export interface NotebookModule {
  /** Chapter number, which picks the folder from `MODULE_FOLDERS`. */
  chapterNumber: number;
  /** Chapter title, listed in the README. */
  title: string;
  /** File name of the notebook inside the module folder, e.g. `01-model-deployment.ipynb`. */
  notebookFileName: string;
  /** The serialized notebook. */
  notebookJson: string;
  companions: readonly CompanionFile[];
}

/** Outcome of `buildNotebookZip`. */
export type NotebookZipResult = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

/**
 * Every entry gets the same modification time so unchanged notebooks give a byte-identical zip.
 * The zip format stores local wall-clock fields (MS-DOS date/time), and fflate reads them with
 * the local-time getters, so the date is built from local fields to stay the same in every zone.
 */
const FIXED_MTIME = new Date(2000, 0, 1, 12, 0, 0);

/** True when a relative path stays inside its folder and has no empty, `.` or `..` segment. */
function isSafeRelativePath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\\')) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/** The README at the top of the zip: what is inside and how to run it. */
export function notebooksReadme(modules: readonly NotebookModule[], liveSiteUrl?: string): string {
  const sorted = [...modules].sort((a, b) => a.chapterNumber - b.chapterNumber);
  const lines = [
    '# MLOps Booklet: notebooks',
    '',
    'One folder per module. Each holds the chapter as a Jupyter notebook and the files the',
    'chapter uses (requirements.txt, Python listings, Dockerfile, ...). The interactive demos',
    'only run on the live site; each notebook links to the page and section they belong to.',
    ...(liveSiteUrl === undefined ? [] : ['', `Live site: ${liveSiteUrl}`]),
    '',
    '## Contents',
    '',
    ...sorted.map(
      (module) =>
        `- \`${MODULE_FOLDERS[module.chapterNumber] ?? ''}/${module.notebookFileName}\`: ${module.title}`,
    ),
    '',
    '## How to run them',
    '',
    'You need Python 3.10 or newer. From the folder of the module you want to run:',
    '',
    '```bash',
    'python -m venv .venv',
    'source .venv/bin/activate        # Windows: .venv\\Scripts\\activate',
    'pip install notebook',
    'pip install -r requirements.txt  # only if the folder has a requirements.txt',
    'jupyter notebook',
    '```',
    '',
    'Then open the `.ipynb` file in the browser tab that Jupyter opens and run the cells from the',
    'top. The install cell inside each notebook is commented out on purpose: installing is your',
    'choice, either with the `pip install` line above or by uncommenting that cell.',
    '',
  ];
  return lines.join('\n');
}

/**
 * Zips the modules as `<module folder>/<notebook>` plus companions and a top-level README.md.
 * Entries are written in path order with a fixed mtime, so the bytes depend only on the inputs.
 * Returns an error (never throws) for an unknown chapter number, an unsafe path or a duplicate.
 */
export function buildNotebookZip(
  modules: readonly NotebookModule[],
  liveSiteUrl?: string,
): NotebookZipResult {
  const entries = new Map<string, Uint8Array>();
  const add = (path: string, content: string | Uint8Array): string | undefined => {
    if (entries.has(path)) return `two files would be written to ${path}`;
    entries.set(path, typeof content === 'string' ? strToU8(content) : content);
    return undefined;
  };
  const readmeError = add('README.md', notebooksReadme(modules, liveSiteUrl));
  if (readmeError !== undefined) return { ok: false, error: readmeError };
  for (const module of modules) {
    const folder = MODULE_FOLDERS[module.chapterNumber];
    if (folder === undefined) {
      return { ok: false, error: `no module folder for chapter number ${module.chapterNumber}` };
    }
    const files: CompanionFile[] = [
      { path: module.notebookFileName, content: module.notebookJson },
      ...module.companions,
    ];
    for (const file of files) {
      if (!isSafeRelativePath(file.path)) {
        return { ok: false, error: `unsafe file path "${file.path}" in ${folder}` };
      }
      const error = add(`${folder}/${file.path}`, file.content);
      if (error !== undefined) return { ok: false, error };
    }
  }
  const zippable: Zippable = {};
  for (const path of [...entries.keys()].sort()) {
    zippable[path] = [entries.get(path) ?? new Uint8Array(), { mtime: FIXED_MTIME, level: 9 }];
  }
  try {
    return { ok: true, bytes: zipSync(zippable, { mtime: FIXED_MTIME }) };
  } catch (error) {
    return {
      ok: false,
      error: `zip failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
