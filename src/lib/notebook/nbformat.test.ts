import { describe, expect, it } from 'vitest';
import {
  buildNotebook,
  serializeNotebook,
  sourceText,
  toSourceLines,
  validateNotebook,
  type NotebookCell,
} from './nbformat';

const markdown: NotebookCell = {
  id: 'intro',
  cell_type: 'markdown',
  metadata: {},
  source: ['# Title\n', 'text'],
};
const code: NotebookCell = {
  id: 'code-1',
  cell_type: 'code',
  metadata: {},
  source: 'print(1)',
  outputs: [],
  execution_count: null,
};

/** A notebook as Jupyter itself would write it, typed loosely so tests can break it. */
function goodNotebook(): Record<string, unknown> & { cells: Record<string, unknown>[] } {
  return JSON.parse(serializeNotebook(buildNotebook([markdown, code], { title: 'T' })));
}

function pathsOf(json: unknown): string[] {
  return validateNotebook(json).errors.map((error) => error.path);
}

describe('toSourceLines', () => {
  it('keeps each newline with its line and leaves the last line bare', () => {
    expect(toSourceLines('a\nb\n\nc')).toEqual(['a\n', 'b\n', '\n', 'c']);
    expect(toSourceLines('a\n')).toEqual(['a\n']);
    expect(toSourceLines('')).toEqual([]);
  });

  it('joins back to the original text', () => {
    const text = 'x = 1\r\n\ny = 2\n';
    expect(sourceText(toSourceLines(text))).toBe(text);
    expect(sourceText('plain')).toBe('plain');
  });
});

describe('buildNotebook and serializeNotebook', () => {
  it('produces nbformat 4.5 with a python3 kernelspec', () => {
    const notebook = buildNotebook([markdown], { title: 'Chapter 1' });
    expect(notebook.nbformat).toBe(4);
    expect(notebook.nbformat_minor).toBe(5);
    expect(notebook.metadata.kernelspec.name).toBe('python3');
    expect(notebook.metadata.language_info.name).toBe('python');
    expect(notebook.metadata.title).toBe('Chapter 1');
  });

  it('writes sorted keys with one-space indent and a final newline, like nbformat', () => {
    const text = serializeNotebook(buildNotebook([code]));
    const expected = [
      '{',
      ' "cells": [',
      '  {',
      '   "cell_type": "code",',
      '   "execution_count": null,',
      '   "id": "code-1",',
      '   "metadata": {},',
      '   "outputs": [],',
      '   "source": "print(1)"',
      '  }',
      ' ],',
      ' "metadata": {',
      '  "kernelspec": {',
      '   "display_name": "Python 3",',
      '   "language": "python",',
      '   "name": "python3"',
      '  },',
      '  "language_info": {',
      '   "file_extension": ".py",',
      '   "mimetype": "text/x-python",',
      '   "name": "python"',
      '  }',
      ' },',
      ' "nbformat": 4,',
      ' "nbformat_minor": 5',
      '}',
      '',
    ].join('\n');
    expect(text).toBe(expected);
  });
});

describe('validateNotebook', () => {
  it('accepts what buildNotebook produces', () => {
    expect(validateNotebook(goodNotebook())).toEqual({ valid: true, errors: [] });
  });

  it('accepts a notebook with outputs, attachments, tags and a raw cell', () => {
    const notebook = goodNotebook();
    notebook.cells.push(
      {
        id: 'ran',
        cell_type: 'code',
        metadata: {
          tags: ['slow', 'train'],
          collapsed: false,
          scrolled: 'auto',
          execution: { 'iopub.status.busy': '2024-01-01T00:00:00Z' },
        },
        source: [],
        execution_count: 3,
        outputs: [
          { output_type: 'stream', name: 'stdout', text: ['hello\n'] },
          {
            output_type: 'execute_result',
            execution_count: 3,
            data: { 'text/plain': '3', 'application/vnd.custom+json': { a: 1 } },
            metadata: {},
          },
          { output_type: 'display_data', data: { 'image/png': 'iVBOR' }, metadata: {} },
          { output_type: 'error', ename: 'ValueError', evalue: 'bad', traceback: ['line 1'] },
        ],
      },
      {
        id: 'pic',
        cell_type: 'markdown',
        metadata: {},
        source: '![x](attachment:x.png)',
        attachments: { 'x.png': { 'image/png': 'iVBOR' } },
      },
      { id: 'raw_1', cell_type: 'raw', metadata: { format: 'text/x-rst' }, source: 'raw' },
    );
    expect(validateNotebook(notebook).errors).toEqual([]);
  });

  it('reports a missing cell id at the cell', () => {
    const notebook = goodNotebook();
    delete notebook.cells[1]?.['id'];
    expect(validateNotebook(notebook)).toEqual({
      valid: false,
      errors: [{ path: '$.cells[1]', message: 'missing required property "id"' }],
    });
  });

  it('reports a duplicate id at the second cell that uses it', () => {
    const notebook = goodNotebook();
    const second = notebook.cells[1];
    if (second) second['id'] = 'intro';
    const result = validateNotebook(notebook);
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      { path: '$.cells[1].id', message: 'duplicate id "intro" (first used by cells[0])' },
    ]);
  });

  it('rejects ids outside [a-zA-Z0-9-_] or longer than 64 characters', () => {
    for (const bad of ['has space', 'dot.ted', 'ümlaut', '', 'x'.repeat(65)]) {
      const notebook = goodNotebook();
      const first = notebook.cells[0];
      if (first) first['id'] = bad;
      expect(pathsOf(notebook)).toEqual(['$.cells[0].id']);
    }
    const notebook = goodNotebook();
    const first = notebook.cells[0];
    if (first) first['id'] = `A-z_09${'x'.repeat(58)}`;
    expect(pathsOf(notebook)).toEqual([]);
  });

  it('rejects an unknown cell_type at that field', () => {
    const notebook = goodNotebook();
    const first = notebook.cells[0];
    if (first) first['cell_type'] = 'heading';
    expect(pathsOf(notebook)).toEqual(['$.cells[0].cell_type']);
  });

  it('rejects extra properties on cells, outputs and the root', () => {
    const notebook = goodNotebook();
    const first = notebook.cells[0];
    if (first) first['outputs'] = [];
    notebook['extra'] = true;
    expect(pathsOf(notebook).sort()).toEqual(['$.cells[0].outputs', '$.extra']);

    const withAttachments = goodNotebook();
    const codeCell = withAttachments.cells[1];
    if (codeCell) codeCell['attachments'] = {};
    expect(pathsOf(withAttachments)).toEqual(['$.cells[1].attachments']);

    const withOutputExtra = goodNotebook();
    const codeCell2 = withOutputExtra.cells[1];
    if (codeCell2)
      codeCell2['outputs'] = [{ output_type: 'stream', name: 'stdout', text: '', color: 'red' }];
    expect(pathsOf(withOutputExtra)).toEqual(['$.cells[1].outputs[0].color']);
  });

  it('rejects the wrong nbformat and a minor version without cell ids', () => {
    const v3 = goodNotebook();
    v3['nbformat'] = 3;
    expect(pathsOf(v3)).toEqual(['$.nbformat']);
    const minor4 = goodNotebook();
    minor4['nbformat_minor'] = 4;
    expect(pathsOf(minor4)).toEqual(['$.nbformat_minor']);
    const text = goodNotebook();
    text['nbformat'] = '4';
    expect(pathsOf(text)).toEqual(['$.nbformat']);
  });

  it('requires the four top-level keys', () => {
    const errors = validateNotebook({}).errors;
    expect(errors.map((error) => error.message)).toEqual([
      'missing required property "metadata"',
      'missing required property "nbformat_minor"',
      'missing required property "nbformat"',
      'missing required property "cells"',
    ]);
    expect(errors.every((error) => error.path === '$')).toBe(true);
  });

  it('checks code-cell fields: execution_count, outputs, source', () => {
    const notebook = goodNotebook();
    const codeCell = notebook.cells[1];
    if (codeCell) {
      codeCell['execution_count'] = -1;
      codeCell['source'] = ['ok\n', 7];
      codeCell['outputs'] = [{ output_type: 'banner' }];
    }
    expect(pathsOf(notebook).sort()).toEqual([
      '$.cells[1].execution_count',
      '$.cells[1].outputs[0].output_type',
      '$.cells[1].source[1]',
    ]);
    const fractional = goodNotebook();
    const cell = fractional.cells[1];
    if (cell) {
      cell['execution_count'] = 1.5;
      delete cell['outputs'];
    }
    expect(pathsOf(fractional).sort()).toEqual(['$.cells[1]', '$.cells[1].execution_count']);
  });

  it('checks metadata: kernelspec, tags, name, scrolled', () => {
    const notebook = goodNotebook();
    const metadata = notebook['metadata'] as Record<string, unknown>;
    metadata['kernelspec'] = { name: 'python3' };
    const [first, second] = notebook.cells;
    if (first) first['metadata'] = { tags: ['a', 'a,b', 'a'], name: '' };
    if (second) second['metadata'] = { scrolled: 'yes', collapsed: 1 };
    expect(pathsOf(notebook).sort()).toEqual([
      '$.cells[0].metadata.name',
      '$.cells[0].metadata.tags[1]',
      '$.cells[0].metadata.tags[2]',
      '$.cells[1].metadata.collapsed',
      '$.cells[1].metadata.scrolled',
      '$.metadata.kernelspec',
    ]);
  });

  it('never throws on arbitrary input', () => {
    for (const input of [null, undefined, 42, 'nb', [], { cells: 'x' }, { cells: [null, 1, []] }]) {
      const result = validateNotebook(input);
      expect(result.valid).toBe(false);
      expect(result.errors.length).toBeGreaterThan(0);
    }
    expect(pathsOf({ cells: [null], metadata: {}, nbformat: 4, nbformat_minor: 5 })).toEqual([
      '$.cells[0]',
    ]);
  });
});
