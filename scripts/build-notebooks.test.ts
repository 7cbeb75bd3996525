import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { sourceText, validateNotebook, type NotebookCell } from '../src/lib/notebook/nbformat';
import {
  DEFAULT_CONTENT_DIR,
  generateNotebookArtifacts,
  main,
  readChapters,
  siteFromEnv,
  writeNotebookArtifacts,
} from './build-notebooks';

const FIXTURES_DIR = fileURLToPath(new URL('../src/lib/notebook/fixtures/', import.meta.url));
const SITE = { siteUrl: 'https://owner.github.io', basePath: '/mlops-booklet/' };

const scratchDirs: string[] = [];
function scratch(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  scratchDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

function generateOk(contentDir: string) {
  const artifacts = generateNotebookArtifacts(contentDir, SITE);
  if (!artifacts.ok) throw new Error(artifacts.errors.join('\n'));
  return artifacts;
}

describe('readChapters', () => {
  it('reads NN-slug chapters with their companions, leaving out page sources', () => {
    const chapters = readChapters(FIXTURES_DIR);
    expect(chapters.map((chapter) => chapter.slug)).toEqual([
      '01-model-deployment',
      '02-docker',
      '03-cloud-apis',
    ]);
    expect(chapters.map((chapter) => chapter.companions.map((file) => file.path))).toEqual([
      ['predict.py', 'requirements.txt', 'train.py'],
      ['.dockerignore', 'Dockerfile'],
      [],
    ]);
  });
});

describe('siteFromEnv', () => {
  it('reads SITE_URL and BASE_PATH with the same defaults as astro.config.mjs', () => {
    expect(siteFromEnv({})).toEqual({ siteUrl: 'http://localhost:4321', basePath: '/' });
    expect(siteFromEnv({ SITE_URL: 'https://a.b', BASE_PATH: '/x/' })).toEqual({
      siteUrl: 'https://a.b',
      basePath: '/x/',
    });
  });
});

describe('generateNotebookArtifacts and writeNotebookArtifacts on fixtures', () => {
  it('writes one notebook per chapter and the zip, and removes stale notebooks', () => {
    const artifacts = generateOk(FIXTURES_DIR);
    const outDir = scratch('notebooks-out');
    writeFileSync(join(outDir, '00-renamed.ipynb'), '{}');
    writeFileSync(join(outDir, 'keep.txt'), 'not ours');
    const written = writeNotebookArtifacts(outDir, artifacts);
    expect(written).toEqual([
      '01-model-deployment.ipynb',
      '02-docker.ipynb',
      '03-cloud-apis.ipynb',
      'mlops-booklet-notebooks.zip',
    ]);
    expect(readdirSync(outDir).sort()).toEqual([...written, 'keep.txt'].sort());
    for (const name of written.filter((file) => file.endsWith('.ipynb'))) {
      expect(validateNotebook(JSON.parse(readFileSync(join(outDir, name), 'utf8'))).errors).toEqual(
        [],
      );
    }
    const files = unzipSync(
      new Uint8Array(readFileSync(join(outDir, 'mlops-booklet-notebooks.zip'))),
    );
    expect(Object.keys(files).sort()).toEqual([
      '01_Model_Deployment/01-model-deployment.ipynb',
      '01_Model_Deployment/predict.py',
      '01_Model_Deployment/requirements.txt',
      '01_Model_Deployment/train.py',
      '02_Docker_Containerization/.dockerignore',
      '02_Docker_Containerization/02-docker.ipynb',
      '02_Docker_Containerization/Dockerfile',
      '03_Cloud_Deployment_and_APIs/03-cloud-apis.ipynb',
      'README.md',
    ]);
  });

  it('gives byte-identical output when run twice on unchanged input', () => {
    const first = generateOk(FIXTURES_DIR);
    const second = generateOk(FIXTURES_DIR);
    expect(second.zip).toEqual(first.zip);
    expect(second.notebooks.map((notebook) => notebook.json)).toEqual(
      first.notebooks.map((notebook) => notebook.json),
    );
  });
});

describe('main', () => {
  it('needs exactly one output folder argument', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(main([], FIXTURES_DIR)).toBe(2);
    expect(main(['a', 'b'], FIXTURES_DIR)).toBe(2);
    error.mockRestore();
  });

  it('fails with exit code 1 and writes nothing when a chapter is broken', () => {
    const contentDir = scratch('notebooks-content');
    mkdirSync(join(contentDir, '01-broken'));
    writeFileSync(join(contentDir, '01-broken', 'index.mdx'), '# no front matter\n');
    const outDir = join(scratch('notebooks-out'), 'out');
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(main([outDir], contentDir)).toBe(1);
    expect(error).toHaveBeenCalledWith(
      'build-notebooks: 01-broken: the chapter has no YAML front matter',
    );
    error.mockRestore();
    expect(existsSync(outDir)).toBe(false);
  });

  it('uses SITE_URL and BASE_PATH for the links it writes', () => {
    vi.stubEnv('SITE_URL', 'https://example.org');
    vi.stubEnv('BASE_PATH', 'booklet');
    const outDir = join(scratch('notebooks-out'), 'nested', 'out');
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(main([outDir], FIXTURES_DIR)).toBe(0);
      expect(warn).toHaveBeenCalledWith(
        'build-notebooks: warning: 01-model-deployment: dropped inline expression {cost}',
      );
    } finally {
      log.mockRestore();
      warn.mockRestore();
      vi.unstubAllEnvs();
    }
    const notebook = readFileSync(join(outDir, '02-docker.ipynb'), 'utf8');
    expect(notebook).toContain('https://example.org/booklet/glossary/#ephemeral');
  });
});

describe('listings from elsewhere in the repository', () => {
  it('are read from disk inside the repository, never outside it', () => {
    const repository = scratch('notebooks-repo');
    const contentDir = join(repository, 'content');
    mkdirSync(join(repository, '.github', 'workflows'), { recursive: true });
    mkdirSync(join(contentDir, '04-ci-cd'), { recursive: true });
    writeFileSync(join(repository, '.github', 'workflows', 'ci.yml'), 'on: push\n');
    writeFileSync(join(dirname(repository), 'outside-the-repository.txt'), 'secret\n');
    writeFileSync(
      join(contentDir, '04-ci-cd', 'index.mdx'),
      [
        '---',
        'title: CI/CD',
        'chapter:',
        '  number: 4',
        '  objectives: ["Read a workflow as a job graph", "Gate a deploy on model quality"]',
        '  concept: "Pipelines as code"',
        '  outcome: "A pipeline that blocks bad models"',
        '  readingMinutes: 5',
        '---',
        "import ci from '../../.github/workflows/ci.yml?raw';",
        "import outside from '../../../outside-the-repository.txt?raw';",
        '',
        '<Code code={ci} lang="yaml" title="ci.yml" />',
        '',
        '<Code code={outside} lang="text" title="outside" />',
        '',
      ].join('\n'),
    );
    const artifacts = generateOk(contentDir);
    const notebook = artifacts.notebooks[0]?.json ?? '';
    expect(notebook).toContain('"```yaml\\n",\n    "on: push\\n",');
    expect(notebook).not.toContain('secret');
    expect(artifacts.warnings).toEqual([
      '04-ci-cd: could not resolve the listing of <Code title="outside">',
    ]);
    rmSync(join(dirname(repository), 'outside-the-repository.txt'));
  });
});

describe("the booklet's own chapters", () => {
  it('convert into valid notebooks', () => {
    const chapters = readChapters(DEFAULT_CONTENT_DIR);
    expect(chapters.length).toBeGreaterThan(0);
    const artifacts = generateOk(DEFAULT_CONTENT_DIR);
    expect(artifacts.notebooks.map((notebook) => notebook.slug)).toEqual(
      chapters.map((chapter) => chapter.slug),
    );
    for (const notebook of artifacts.notebooks) {
      expect(validateNotebook(JSON.parse(notebook.json)).errors).toEqual([]);
    }
  });
});

/** One cell's fate when the notebook is run in a fresh Python process. */
interface CellRun {
  index: number;
  status: 'ran' | 'failed' | 'skipped';
  detail: string;
}

/**
 * Runs a notebook's code cells in order in one namespace, as a kernel would. A cell importing a
 * module this machine lacks is skipped, and so is every later cell, since it may rely on state
 * the skipped cell would have created. Prints a JSON list of CellRun.
 */
const RUN_CELLS_PY = `
import ast, contextlib, importlib.util, io, json, sys, traceback
sys.path.insert(0, '')
cells = json.load(sys.stdin)
namespace = {'__name__': '__main__'}
report = []
blocked = None
for index, source in enumerate(cells):
    tree = ast.parse(source)
    if blocked is not None:
        report.append({'index': index, 'status': 'skipped', 'detail': blocked})
        continue
    missing = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or '.'] if node.level == 0 else ['(relative import)']
        else:
            continue
        for name in names:
            top = name.split('.')[0]
            found = top != '(relative import)' and importlib.util.find_spec(top) is not None
            if not found and top not in missing:
                missing.append(top)
    if missing:
        report.append({'index': index, 'status': 'skipped', 'detail': 'not importable here: ' + ', '.join(missing)})
        blocked = 'an earlier cell (%d) was skipped' % index
        continue
    output = io.StringIO()
    try:
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            exec(compile(tree, '<cell %d>' % index, 'exec'), namespace)
        report.append({'index': index, 'status': 'ran', 'detail': output.getvalue()})
    except BaseException:
        report.append({'index': index, 'status': 'failed', 'detail': output.getvalue() + traceback.format_exc()})
        blocked = 'an earlier cell (%d) failed' % index
print(json.dumps(report))
`;

const PARSE_PY = 'import ast,sys; ast.parse(sys.stdin.read())';

function pythonAvailable(): boolean {
  const probe = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  return probe.error === undefined && probe.status === 0;
}

/** Extracts one module folder of the zip into a scratch directory, as a reader would unzip it. */
function extractModule(files: Record<string, Uint8Array>, folder: string): string {
  const dir = scratch('notebook-run');
  for (const [path, bytes] of Object.entries(files)) {
    if (!path.startsWith(`${folder}/`)) continue;
    const target = join(dir, path.slice(folder.length + 1));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
  }
  return dir;
}

/** Compiles every code cell and runs the runnable ones; returns the runs keyed by notebook path. */
function checkPythonCells(contentDir: string): Map<string, { cells: string[]; runs: CellRun[] }> {
  const artifacts = generateOk(contentDir);
  const files = unzipSync(artifacts.zip);
  const results = new Map<string, { cells: string[]; runs: CellRun[] }>();
  for (const path of Object.keys(files)
    .filter((name) => name.endsWith('.ipynb'))
    .sort()) {
    const notebook = JSON.parse(strFromU8(files[path] ?? new Uint8Array())) as {
      cells: NotebookCell[];
    };
    const cells = notebook.cells
      .filter((cell) => cell.cell_type === 'code')
      .map((cell) => sourceText(cell.source));
    for (const [index, source] of cells.entries()) {
      const parsed = spawnSync('python3', ['-c', PARSE_PY], { input: source, encoding: 'utf8' });
      expect(parsed.status, `${path} code cell ${index} does not parse:\n${parsed.stderr}`).toBe(0);
    }
    const folder = path.slice(0, path.indexOf('/'));
    const run = spawnSync('python3', ['-c', RUN_CELLS_PY], {
      input: JSON.stringify(cells),
      encoding: 'utf8',
      cwd: extractModule(files, folder),
      timeout: 120_000,
    });
    expect(run.status, `${path} could not be run:\n${run.stderr}`).toBe(0);
    const runs = JSON.parse(run.stdout) as CellRun[];
    for (const cell of runs) {
      expect(cell.status, `${path} code cell ${cell.index} failed:\n${cell.detail}`).not.toBe(
        'failed',
      );
      if (cell.status === 'skipped')
        console.info(`${path}: code cell ${cell.index} skipped: ${cell.detail}`);
    }
    results.set(path, { cells, runs });
  }
  return results;
}

describe('Python code cells', () => {
  it('parse, and run where their imports are available (fixtures and the real chapters)', () => {
    if (!pythonAvailable()) {
      console.info('python3 is not installed here: code cells were neither parsed nor run.');
      return;
    }
    const fixtureRuns = checkPythonCells(FIXTURES_DIR);
    const chapter1 = fixtureRuns.get('01_Model_Deployment/01-model-deployment.ipynb');
    expect(chapter1?.cells).toHaveLength(4);
    // The install cell is only comments: running it does nothing, so it always runs.
    expect(chapter1?.runs[0]).toEqual({ index: 0, status: 'ran', detail: '' });
    const numpy = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
    if (numpy.status === 0) {
      expect(chapter1?.runs[1]?.status).toBe('ran');
      expect(chapter1?.runs[1]?.detail).toMatch(/^training accuracy: (0\.\d\d|1\.00)\n$/);
      expect(chapter1?.runs[2]).toEqual({
        index: 2,
        status: 'ran',
        detail: "{'weights': [0.5, -1.25]}\n",
      });
    } else {
      console.info('numpy is not installed here: the fixture training cell was only parsed.');
    }
    const onnxruntime = spawnSync('python3', ['-c', 'import onnxruntime'], { encoding: 'utf8' });
    if (onnxruntime.status !== 0 && numpy.status === 0) {
      expect(chapter1?.runs[3]).toEqual({
        index: 3,
        status: 'skipped',
        detail: 'not importable here: onnxruntime',
      });
    }
    checkPythonCells(DEFAULT_CONTENT_DIR);
  }, 240_000);
});
