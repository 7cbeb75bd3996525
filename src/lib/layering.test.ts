/**
 * The layers DESIGN.md promises, checked on every source file's imports:
 * - nothing under src/lib imports from src/components, src/pages or scripts;
 * - pages and scripts both import src/lib and never each other;
 * - only src/lib/runtime imports onnxruntime-web, even as a type (`import type`, `typeof import`);
 * - a src/lib file that imports a Node built-in (node:*, fs, path, child_process, …) is named *-node.ts.
 * Imports are read from the text: static `import`/`export … from`, side-effect `import '…'`,
 * `import('…')` (dynamic or in a type), and `require('…')`, with comments stripped first, plus
 * triple-slash `/// <reference types="…" />` directives (a type-only dependency written as a
 * comment). The scan covers src, scripts, tests and the MDX chapters in content.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCE_EXTENSIONS = /\.(ts|mts|cts|js|mjs|cjs|astro|mdx)$/;
const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Repository-relative paths of the source files under `dir`. */
function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (absolute: string) => {
    for (const entry of readdirSync(absolute, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(absolute, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (SOURCE_EXTENSIONS.test(entry.name)) out.push(relative(ROOT, path));
    }
  };
  walk(join(ROOT, dir));
  return out.sort();
}

/** Block comments, and line comments that start a line or follow whitespace (not `https://`). */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|\s)\/\/.*$/gm, '$1');
}

/** Every module specifier the file names in an import, re-export, import() or require(). */
export function importSpecifiers(text: string): string[] {
  const references = [...text.matchAll(/^\s*\/\/\/\s*<reference\s+types\s*=\s*["']([^"']+)["']/gm)];
  const code = stripComments(text);
  const patterns = [
    /\b(?:import|export)\s[^;'"`]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  const found = patterns.flatMap((pattern) =>
    [...code.matchAll(pattern)].map((m) => m[1] as string),
  );
  return [...found, ...references.map((m) => m[1] as string)];
}

/** A relative specifier as a repository-relative path (query such as `?raw` dropped); else null. */
function resolveRelative(file: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  return relative(ROOT, resolve(ROOT, dirname(file), specifier.replace(/\?.*$/, '')));
}

interface ImportEdge {
  file: string;
  specifier: string;
  target: string | null;
}

const FILES = ['src', 'scripts', 'tests', 'content'].flatMap(sourceFiles);
const EDGES: ImportEdge[] = FILES.flatMap((file) =>
  importSpecifiers(readFileSync(join(ROOT, file), 'utf8')).map((specifier) => ({
    file,
    specifier,
    target: resolveRelative(file, specifier),
  })),
);
const under = (path: string | null, dir: string): boolean =>
  path !== null && (path === dir || path.startsWith(`${dir}/`));
const show = (edges: ImportEdge[]) => edges.map((e) => `${e.file} → ${e.specifier}`);

describe('importSpecifiers', () => {
  it('finds static, re-export, side-effect, dynamic, type-level and require imports, not comments', () => {
    const text = [
      "import a from './a';",
      "import type { B } from '../b';",
      "export { c } from './c';",
      "export * from './d';",
      "import './e.css';",
      "const f = await import('./f');",
      "type G = typeof import('g-module');",
      "const h = require('h');",
      "// import z from 'commented-out';",
      "/* const y = import('also-commented'); */",
      "const url = 'https://example.org/x'; import i from './i';",
      'import {\n  j,\n  k,\n} from "./jk";',
      '/// <reference types="l-types" />',
    ].join('\n');
    expect(importSpecifiers(text)).toEqual(
      expect.arrayContaining(['./a', '../b', './c', './d', './e.css', './f', 'g-module', 'h']),
    );
    expect(importSpecifiers(text)).toEqual(expect.arrayContaining(['./i', './jk', 'l-types']));
    expect(importSpecifiers(text)).not.toContain('commented-out');
    expect(importSpecifiers(text)).not.toContain('also-commented');
  });

  it('sees the imports of real files (the scan is not vacuous)', () => {
    expect(FILES.length).toBeGreaterThan(200);
    expect(FILES).toContain('content/01-model-deployment/index.mdx');
    expect(
      EDGES.some(
        (e) => e.file === 'src/lib/runtime/ort.ts' && e.specifier === 'onnxruntime-web/wasm',
      ),
    ).toBe(true);
    expect(EDGES.some((e) => e.file.startsWith('scripts/') && under(e.target, 'src/lib'))).toBe(
      true,
    );
  });
});

describe('the layers', () => {
  it('src/lib imports nothing from src/components, src/pages or scripts', () => {
    const upward = EDGES.filter(
      (e) =>
        under(e.file, 'src/lib') &&
        (under(e.target, 'src/components') ||
          under(e.target, 'src/pages') ||
          under(e.target, 'scripts')),
    );
    expect(show(upward)).toEqual([]);
  });

  it('pages and scripts import src/lib, never each other', () => {
    const crossing = EDGES.filter(
      (e) =>
        (under(e.file, 'src/pages') && under(e.target, 'scripts')) ||
        (under(e.file, 'scripts') && under(e.target, 'src/pages')),
    );
    expect(show(crossing)).toEqual([]);
  });

  it('only src/lib/runtime imports onnxruntime-web, even as a type', () => {
    const ort = EDGES.filter(
      (e) =>
        (e.specifier === 'onnxruntime-web' || e.specifier.startsWith('onnxruntime-web/')) &&
        !under(e.file, 'src/lib/runtime'),
    );
    expect(show(ort)).toEqual([]);
  });

  it('a src/lib file that imports a Node built-in is named *-node.ts (tests aside)', () => {
    const unmarked = EDGES.filter(
      (e) =>
        under(e.file, 'src/lib') &&
        !e.file.endsWith('.test.ts') &&
        NODE_BUILTINS.has(e.specifier) &&
        !e.file.endsWith('-node.ts'),
    );
    expect(show(unmarked)).toEqual([]);
  });
});
