import { describe, expect, it, vi } from 'vitest';
import { positionOf, readYaml } from './yaml-source';

function firstError(text: string) {
  const result = readYaml(text);
  expect(result.ok).toBe(false);
  return result.diagnostics[0];
}

describe('readYaml', () => {
  it('logs nothing for a mapping used as a key (the reader sees the document, not the console)', () => {
    const emitted = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const result = readYaml('? {}\n: x\njobs: {}\n');
      expect(result.ok).toBe(true);
      expect(emitted).not.toHaveBeenCalled();
      expect(warned).not.toHaveBeenCalled();
    } finally {
      emitted.mockRestore();
      warned.mockRestore();
    }
  });

  it('reads a document and keeps its plain value', () => {
    const result = readYaml('on: push\njobs:\n  a:\n    runs-on: x\n');
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.source.value).toEqual({ on: 'push', jobs: { a: { 'runs-on': 'x' } } });
  });

  it('reads `on` as a string key (YAML 1.2), not as the YAML 1.1 boolean true', () => {
    const result = readYaml('on: push\n');
    expect(result.ok && Object.keys(result.source.value as object)).toEqual(['on']);
  });

  it('reports a mis-indented key at its line as a plain sentence', () => {
    // Line 3 starts one column left of line 2's key.
    const error = firstError('a:\n  b: 1\n c: 2\n');
    expect(error).toMatchObject({ line: 3, column: 1, severity: 'error' });
    expect(error?.message).toMatch(/indented differently/);
  });

  it('names a duplicated key', () => {
    const error = firstError('jobs:\n  a: 1\n  a: 2\n');
    expect(error).toMatchObject({ line: 3, code: 'yaml-duplicate-key' });
    expect(error?.message).toContain('`a`');
  });

  it('explains tabs, unclosed quotes and unclosed brackets', () => {
    expect(firstError('a:\n\t- b\n')?.message).toMatch(/tab/);
    expect(firstError('a: "x\n')?.message).toMatch(/quoted string is never closed/);
    expect(firstError('a: [1, 2\nb: 3\n')?.message).toMatch(/not closed/);
  });

  it('explains an unquoted `**` pattern, which YAML reads as an alias (GitHub docs: "creates a parse error")', () => {
    const error = firstError('paths:\n  - **/README.md\n');
    expect(error).toMatchObject({ line: 2, column: 5, code: 'yaml-unresolved-alias' });
    expect(error?.message).toMatch(/must be quoted/);
  });

  it("explains an unquoted bracket in a flow sequence (the docs' invalid example)", () => {
    const error = firstError('branches: [ main, release/v[0-9].[0-9] ]\n');
    expect(error?.line).toBe(1);
    expect(error?.message).toMatch(/separated by commas|quoted/);
  });

  it('rejects several documents in one file', () => {
    expect(firstError('a: 1\n---\nb: 2\n')?.code).toBe('yaml-multiple-docs');
  });

  it('stops alias bombs instead of expanding them', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      lines.push(
        `${name}: &${name} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`,
      );
    }
    const result = readYaml(lines.join('\n'));
    expect(result.ok).toBe(false);
  });
});

describe('positionOf', () => {
  const text = [
    'jobs:',
    '  build:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - run: one',
    '      - name: two',
    '        run: two',
    'empty:',
    '',
  ].join('\n');
  const result = readYaml(text);
  if (!result.ok) throw new Error('fixture must parse');
  const { source } = result;

  it('points at keys and values', () => {
    expect(positionOf(source, ['jobs', 'build'], 'key')).toEqual({ line: 2, column: 3 });
    expect(positionOf(source, ['jobs', 'build', 'runs-on'], 'value')).toEqual({
      line: 3,
      column: 14,
    });
    expect(positionOf(source, ['jobs', 'build', 'runs-on'], 'key')).toEqual({ line: 3, column: 5 });
  });

  it('points at list items by index', () => {
    expect(positionOf(source, ['jobs', 'build', 'steps', 1])).toEqual({ line: 6, column: 9 });
    expect(positionOf(source, ['jobs', 'build', 'steps', 1, 'run'])).toEqual({
      line: 7,
      column: 14,
    });
  });

  it('falls back to the deepest existing key for missing parts and to the key for empty values', () => {
    expect(positionOf(source, ['jobs', 'build', 'timeout-minutes'])).toEqual({
      line: 2,
      column: 3,
    });
    expect(positionOf(source, ['empty'])).toEqual({ line: 8, column: 1 });
    expect(positionOf(source, [])).toEqual({ line: 1, column: 1 });
  });
});
