/**
 * Checks on chapter 1's companion files: the Python listings are valid Python 3, the
 * requirements pin every third-party package they import, and both inference modules (the
 * Python predict.py and the TypeScript predict.ts shown as "inference logic") import nothing
 * from training.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const HERE = dirname(fileURLToPath(import.meta.url));
const PYTHON_FILES = readdirSync(HERE)
  .filter((name) => name.endsWith('.py'))
  .sort();
const read = (name: string) => readFileSync(join(HERE, name), 'utf8');

/** Top-level module names a Python file imports (`import a.b` → a, `from c import d` → c). */
function pythonImports(source: string): string[] {
  const names = new Set<string>();
  for (const line of source.split('\n')) {
    const match = /^(?:import|from)\s+([A-Za-z_][\w.]*)/.exec(line);
    if (match?.[1]) names.add(match[1].split('.')[0] ?? '');
  }
  return [...names].sort();
}

/** `name==version` lines of a requirements file, as name → version. */
function pins(text: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)==(\d[\w.]*)$/.exec(line);
    if (!match) throw new Error(`not an exact pin: ${line}`);
    result.set((match[1] ?? '').toLowerCase(), match[2] ?? '');
  }
  return result;
}

// Import name → distribution name on the package index, where they differ.
const DISTRIBUTION: Record<string, string> = { sklearn: 'scikit-learn' };
const STANDARD_LIBRARY = new Set([
  'json',
  'os',
  'sys',
  'platform',
  'urllib',
  'dataclasses',
  'importlib',
  'pathlib',
]);
const LOCAL_MODULES = new Set(PYTHON_FILES.map((name) => name.replace(/\.py$/, '')));

describe('chapter 1 companion files', () => {
  it('are the four listings the chapter discusses', () => {
    expect(PYTHON_FILES).toEqual([
      'export_onnx.py',
      'predict.py',
      'save_load_joblib.py',
      'train.py',
    ]);
  });

  it('pin, with ==, every third-party package the listings import', () => {
    const pinned = pins(read('requirements.txt'));
    const needed = new Set<string>();
    for (const file of PYTHON_FILES) {
      for (const name of pythonImports(read(file))) {
        if (STANDARD_LIBRARY.has(name) || LOCAL_MODULES.has(name)) continue;
        needed.add(DISTRIBUTION[name] ?? name);
      }
    }
    expect([...needed].sort()).toEqual([
      'joblib',
      'numpy',
      'onnx',
      'onnxruntime',
      'pandas',
      'scikit-learn',
      'skl2onnx',
    ]);
    for (const name of needed) expect(pinned.has(name), `${name} is pinned`).toBe(true);
  });

  it('keep predict.py free of training code: onnxruntime and numpy only', () => {
    expect(pythonImports(read('predict.py'))).toEqual(['json', 'numpy', 'onnxruntime', 'sys']);
  });

  it('show a TypeScript inference module that imports only the model type', () => {
    const source = readFileSync(join(HERE, '../../src/lib/model/predict.ts'), 'utf8');
    const imports = [...source.matchAll(/^import\s.*from\s+'([^']+)';$/gm)].map((m) => m[1]);
    expect(imports).toEqual(['./types']);
    expect(source).toMatch(/^import type \{ SoftmaxModel \} from '\.\/types';$/m);
  });

  it('are valid Python 3 (compiled without running, when python3 is installed)', () => {
    const probe = spawnSync('python3', ['--version'], { encoding: 'utf8' });
    if (probe.error !== undefined || probe.status !== 0) {
      console.info('python3 is not installed here: the listings were not compiled.');
      return;
    }
    for (const file of PYTHON_FILES) {
      // compile() only: nothing is imported or executed, and no __pycache__ is written.
      const result = spawnSync(
        'python3',
        ['-c', 'import sys; compile(sys.stdin.read(), sys.argv[1], "exec")', file],
        { input: read(file), encoding: 'utf8' },
      );
      expect(result.status, `${file} does not compile:\n${result.stderr}`).toBe(0);
    }
  });
});
