import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNotebook, type NotebookCell } from './ipynb';
import { buildLabPage, figureAlt, matplotlibTitles } from './lab-page';

const parsed = parseNotebook(
  readFileSync(new URL('./fixtures/labs/01_Model_Deployment/lab.ipynb', import.meta.url), 'utf8'),
);
if (!parsed.ok) throw new Error(parsed.error);
const notebook = parsed.notebook;
const page = buildLabPage(notebook, '/mlops-booklet/');

describe('buildLabPage', () => {
  it('has one view per notebook cell, in order, with the title taken out of the first cell', () => {
    expect(page.cells).toHaveLength(notebook.cells.length);
    expect(page.cells.map((cell) => cell.number)).toEqual(notebook.cells.map((_, i) => i + 1));
    expect(page.title).toBe('Lab 1: Fixture lab');
    expect(page.cells[0]?.html).not.toContain('<h1');
    expect(page.cells[0]?.html).toContain('href="/mlops-booklet/01-model-deployment/"');
    expect(page.language).toBe('python');
  });

  it('lists the headings for the table of contents with unique anchors', () => {
    expect(page.headings).toEqual([
      { depth: 2, slug: 'load-the-data', text: 'Load the data' },
      { depth: 2, slug: 'plot', text: 'Plot' },
      { depth: 2, slug: 'plot-1', text: 'Plot' },
    ]);
  });

  it('names each figure after its cell and output, with alt text', () => {
    expect(page.images.map((image) => [image.fileName, image.alt])).toEqual([
      ['cell-6-output-1.png', 'Figure 1, drawn by cell In [3]: Flipper length against body mass'],
      ['cell-7-output-1.png', 'Two bars, the second twice as tall'],
    ]);
    expect(page.cells[5]?.outputs[0]).toBe(page.images[0]);
  });

  it('keeps execution counts and says why skipped cells did not run', () => {
    const code = page.cells.filter((cell) => cell.type === 'code');
    expect(code.map((cell) => cell.executionCount)).toEqual([1, 2, 3, 4, 5, null, null, 6]);
    expect(page.cells[9]?.notExecuted).toMatch(/^Not executed: this cell needs a Docker engine/);
    expect(page.cells[10]?.notExecuted).toMatch(/^Not executed: this cell needs a cloud account/);
    expect(page.cells[9]?.code).toBe('!docker build -t fixture .');
    expect(code.filter((cell) => cell.notExecuted !== undefined)).toHaveLength(2);
  });
});

describe('figureAlt', () => {
  const cell = (source: string, executionCount: number | null = 7): NotebookCell => ({
    type: 'code',
    source,
    tags: [],
    metadata: {},
    executionCount,
    outputs: [],
  });
  it('uses the opening comment, never a magic or shebang line', () => {
    expect(figureAlt(cell('\n# Confusion matrix\nplot()'), 2)).toBe(
      'Figure 2, drawn by cell In [7]: Confusion matrix',
    );
    expect(figureAlt(cell('#%% cell\nplot()'), 1)).toBe('Figure 1, drawn by cell In [7]');
    expect(figureAlt(cell('plot()  # inline comment', null), 3)).toBe('Figure 3, drawn by a cell');
  });
});

describe('matplotlibTitles', () => {
  it('finds literal titles of axes, pyplot and figure, and skips f-strings and variables', () => {
    const source = [
      'left.set_title("Held-out confusion matrix")',
      "plt.title('Two of the four inputs')",
      'fig.suptitle("Drift: \\"mass\\" in kg")',
      'ax.set_title(f"epoch {i}")',
      'ax.set_title(name)',
    ].join('\n');
    expect(matplotlibTitles(source)).toEqual([
      'Held-out confusion matrix',
      'Two of the four inputs',
      'Drift: "mass" in kg',
    ]);
  });
  it('lets figureAlt describe a figure by its titles when the cell has no opening comment', () => {
    const cell: NotebookCell = {
      type: 'code',
      source:
        'fig, (a, b) = plt.subplots(1, 2)\na.set_title("Confusion matrix")\nb.set_title("Inputs")',
      tags: [],
      metadata: {},
      executionCount: 14,
      outputs: [],
    };
    expect(figureAlt(cell, 1)).toBe(
      'Figure 1, drawn by cell In [14], with plots titled "Confusion matrix" and "Inputs"',
    );
  });
});
