/**
 * DESIGN.md's size rule for src/lib: no function over about 80 lines, no file over about 400.
 * Functions are found with the TypeScript parser (declarations, methods, arrow functions and
 * function expressions, measured from their first to their last line). The files and functions
 * still over the limits are listed below with the reason; the test fails when a new one appears,
 * and also when a listed one has shrunk under the limit, so the list stays true.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const LIB = dirname(fileURLToPath(import.meta.url));
const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 80;

/** Files over 400 lines, and why they stay so for now. */
const LONG_FILES: Record<string, string> = {};

/** Functions over 80 lines (file:name), and why. */
const LONG_FUNCTIONS: Record<string, string> = {};

function libFiles(dir = LIB): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return libFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')
      ? [relative(LIB, path)]
      : [];
  });
}

function functionName(node: ts.Node): string {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name)
    return node.name.getText();
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent))
    return parent.name.getText();
  return '<anonymous>';
}

/** `file:name` → line count of every function longer than the limit. */
function longFunctions(file: string): Map<string, number> {
  const text = readFileSync(join(LIB, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found = new Map<string, number>();
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
      const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (last - first + 1 > MAX_FUNCTION_LINES)
        found.set(`${file}:${functionName(node)}`, last - first + 1);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const FILES = libFiles();

describe('size limits in src/lib', () => {
  it('scans the real sources', () => {
    expect(FILES.length).toBeGreaterThan(100);
    expect(FILES).toContain('pickle/disassemble.ts');
  });

  it(`no file over ${MAX_FILE_LINES} lines except the listed ones`, () => {
    const long = FILES.filter(
      (file) => readFileSync(join(LIB, file), 'utf8').split('\n').length > MAX_FILE_LINES,
    );
    expect(long.sort()).toEqual(Object.keys(LONG_FILES).sort());
  });

  it(`no function over ${MAX_FUNCTION_LINES} lines except the listed ones`, () => {
    const long = FILES.flatMap((file) => [...longFunctions(file).keys()]);
    expect(long.sort()).toEqual(Object.keys(LONG_FUNCTIONS).sort());
  });
});
