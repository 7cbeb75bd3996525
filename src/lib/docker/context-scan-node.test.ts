import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanBuildContext } from './context-scan-node';

describe('scanBuildContext', () => {
  const root = mkdtempSync(join(tmpdir(), 'ctx-'));
  const write = (path: string, bytes: number) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), 'x'.repeat(bytes));
  };
  write('package.json', 10);
  write('src/app.ts', 20);
  write('node_modules/left-pad/index.js', 30);
  write('node_modules/left-pad/package.json', 5);
  write('node_modules/@scope/pkg/a.js', 7);
  write('node_modules/vega-datasets/data/penguins.json', 100);
  write('node_modules/vega-datasets/index.js', 3);
  write('.git/HEAD', 4);
  write('.git/objects/ab/cd', 6);
  write('dist/index.html', 50);

  const context = scanBuildContext(root, {
    skip: ['dist'],
    keep: ['node_modules/vega-datasets/data/penguins.json'],
  });

  it('lists working-tree files with their sizes and skips the named outputs', () => {
    expect(context.find((f) => f.path === 'src/app.ts')).toEqual({
      path: 'src/app.ts',
      version: 'v1',
      size: 20,
    });
    expect(context.some((f) => f.path.startsWith('dist'))).toBe(false);
  });

  it('collapses node_modules and .git into one entry each with the real count and bytes', () => {
    // left-pad 30 + 5, @scope/pkg 7, vega-datasets/index.js 3 (penguins.json is kept apart).
    expect(context.find((f) => f.path === 'node_modules')).toMatchObject({ size: 45, files: 4 });
    expect(context.find((f) => f.path === '.git')).toMatchObject({ size: 10, files: 2 });
    expect(context.filter((f) => f.path.startsWith('node_modules'))).toHaveLength(2);
  });

  it('keeps the requested files individually, out of the folder total', () => {
    const kept = context.find((f) => f.path === 'node_modules/vega-datasets/data/penguins.json');
    expect(kept?.size).toBe(100);
  });

  it('accounts for every byte exactly once', () => {
    const total = context.reduce((sum, f) => sum + (f.size ?? 0), 0);
    expect(total).toBe(10 + 20 + 30 + 5 + 7 + 100 + 3 + 4 + 6);
  });
});
