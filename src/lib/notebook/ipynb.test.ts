import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNotebook } from './ipynb';

const FIXTURE = readFileSync(
  new URL('./fixtures/labs/01_Model_Deployment/lab.ipynb', import.meta.url),
  'utf8',
);

/** A minimal valid notebook with the given cells. */
function notebook(cells: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells, ...extra });
}

describe('parseNotebook', () => {
  it('reads the executed fixture: every cell, in order, with counts, tags and outputs', () => {
    const result = parseNotebook(FIXTURE);
    if (!result.ok) throw new Error(result.error);
    const raw = JSON.parse(FIXTURE) as { cells: { cell_type: string }[] };
    const { cells } = result.notebook;
    expect(cells.map((cell) => cell.type)).toEqual(raw.cells.map((cell) => cell.cell_type));
    expect(result.notebook.language).toBe('python');
    expect(cells.filter((cell) => cell.type === 'code').map((cell) => cell.executionCount)).toEqual(
      [1, 2, 3, 4, 5, null, null, 6],
    );
    expect(cells[9]?.tags).toEqual(['needs-docker']);
    expect(cells[2]?.outputs[0]).toMatchObject({ kind: 'data', outputType: 'execute_result' });
    expect(cells[3]?.outputs[0]).toEqual({
      kind: 'stream',
      name: 'stdout',
      text: "rows: 6\ncolumns: ['species', 'flipper_length_mm', 'body_mass_g']\n",
    });
    expect(cells[11]?.outputs[0]).toMatchObject({ kind: 'error', ename: 'ValueError' });
  });

  it('joins multiline sources and text data given as lists of lines, but keeps JSON data', () => {
    const result = parseNotebook(
      notebook([
        {
          cell_type: 'code',
          metadata: { tags: ['a', 3, 'b'] },
          source: ['x = 1\n', 'x'],
          execution_count: 1,
          outputs: [
            {
              output_type: 'execute_result',
              execution_count: 1,
              metadata: {},
              data: { 'text/plain': ['1', '\n2'], 'application/json': ['kept', 'as list'] },
            },
          ],
        },
      ]),
    );
    if (!result.ok) throw new Error(result.error);
    const cell = result.notebook.cells[0]!;
    expect(cell.source).toBe('x = 1\nx');
    expect(cell.tags).toEqual(['a', 'b']);
    expect(cell.outputs[0]).toMatchObject({
      data: { 'text/plain': '1\n2', 'application/json': ['kept', 'as list'] },
    });
  });

  it('takes the language from language_info, then kernelspec', () => {
    const lang = (metadata: unknown) => {
      const result = parseNotebook(notebook([], { metadata }));
      return result.ok ? result.notebook.language : result.error;
    };
    expect(lang({ language_info: { name: 'R' }, kernelspec: { language: 'julia' } })).toBe('R');
    expect(lang({ kernelspec: { language: 'julia' } })).toBe('julia');
    expect(lang({})).toBe('python');
  });

  it('rejects what is not an nbformat 4 notebook, naming the field', () => {
    expect(parseNotebook('{')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^not JSON/),
    });
    expect(
      parseNotebook(JSON.stringify({ nbformat: 3, nbformat_minor: 0, cells: [] })),
    ).toMatchObject({
      ok: false,
      error: expect.stringContaining('nbformat'),
    });
    const badStream = notebook([
      {
        cell_type: 'code',
        metadata: {},
        source: '',
        execution_count: null,
        outputs: [{ output_type: 'stream', text: 'no stream name' }],
      },
    ]);
    expect(parseNotebook(badStream)).toMatchObject({
      ok: false,
      error: expect.stringContaining('cells[0].outputs[0].name'),
    });
    expect(parseNotebook(notebook([{ cell_type: 'markdown', metadata: {} }]))).toMatchObject({
      ok: false,
      error: expect.stringContaining('cells[0].source'),
    });
  });
});
