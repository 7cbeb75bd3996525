/**
 * An executed notebook as a page of the site, like a Jupyter Book page: markdown cells as safe
 * HTML, code cells with their execution counts, and their outputs. Figures become files served
 * beside the page, with alt text; cells the labs skip without Docker or a cloud account say so.
 */
import type { Notebook, NotebookCell } from './ipynb';
import {
  newMarkdownPageState,
  renderMarkdownCell,
  type LabHeading,
  type RelativeLinkResolver,
} from './markdown';
import { outputViews, type ImageOutputView, type OutputView } from './outputs';
import { terminalText } from './text';
import { propertyOf } from '../json-value';

/** Why a tagged cell was not executed, in words for the reader. */
export const SKIP_REASONS: Readonly<Record<string, string>> = {
  'needs-docker':
    'needs a Docker engine. The machine that executed this notebook for the site (CI) has none, so the cell was skipped; run it on a machine with Docker.',
  'needs-cloud':
    'needs a cloud account and its credentials. The machine that executed this notebook for the site (CI) has none, so the cell was skipped; run it with your own account.',
};

/** A figure of the page: its file name beside the page, and its alt text. */
export interface LabImage extends ImageOutputView {
  fileName: string;
  alt: string;
}

/** One output as placed on the page. */
export type LabOutput = Exclude<OutputView, ImageOutputView> | LabImage;

/** A cell as the page renders it. */
export interface LabCellView {
  /** 1-based position in the notebook. */
  number: number;
  type: NotebookCell['type'];
  /** Sanitized HTML of a markdown cell. */
  html?: string;
  /** Source of a code or raw cell. */
  code?: string;
  executionCount: number | null;
  outputs: readonly LabOutput[];
  /** Set when the cell was not executed: why, in a sentence. */
  notExecuted?: string;
}

/** The page built from one notebook. */
export interface LabPage {
  /** The notebook's first `#` heading, or undefined when it has none. */
  title: string | undefined;
  headings: readonly LabHeading[];
  cells: readonly LabCellView[];
  images: readonly LabImage[];
  /** Kernel language, for highlighting code cells. */
  language: string;
}

/**
 * Titles a matplotlib cell gives its plots: the plain string literals passed to `.set_title(`,
 * `plt.title(` or `.suptitle(` (f-strings and computed titles are skipped: their text is unknown).
 */
export function matplotlibTitles(source: string): string[] {
  const call = /\b(?:set_title|title|suptitle)\(\s*(?<!f)(["'])((?:(?!\1)[^\\\n]|\\.)*)\1/g;
  return [...source.matchAll(call)]
    .map((match) => (match[2] ?? '').replace(/\\(.)/g, '$1').trim())
    .filter((t) => t !== '');
}

/**
 * Alt text for a figure. In order: MyST-NB's cell metadata `mystnb.image.alt` (the convention
 * Jupyter Book reads), the cell's opening comment line, the plot titles set in the cell, else a
 * description of where it came from.
 */
export function figureAlt(cell: NotebookCell, figureNumber: number): string {
  const alt = propertyOf(propertyOf(cell.metadata['mystnb'], 'image'), 'alt');
  if (typeof alt === 'string' && alt.trim() !== '') return alt.trim();
  const comment = /^\s*#(?![!%])\s*(.+?)\s*$/m.exec(
    cell.source.split('\n').find((line) => line.trim() !== '') ?? '',
  );
  const where = cell.executionCount === null ? 'a cell' : `cell In [${cell.executionCount}]`;
  const lead = `Figure ${figureNumber}, drawn by ${where}`;
  if (comment?.[1]) return `${lead}: ${comment[1]}`;
  const titles = matplotlibTitles(cell.source);
  if (titles.length > 0)
    return `${lead}, with plots titled ${titles.map((t) => `"${t}"`).join(' and ')}`;
  return lead;
}

/** Why a code cell has no execution count, or undefined when it ran. */
function notExecutedReason(cell: NotebookCell): string | undefined {
  if (cell.type !== 'code' || cell.executionCount !== null) return undefined;
  const tag = cell.tags.find((candidate) => SKIP_REASONS[candidate] !== undefined);
  if (tag !== undefined) return `Not executed: this cell ${SKIP_REASONS[tag]}`;
  return 'Not executed: this cell has no recorded execution.';
}

/**
 * Builds the page of an executed notebook. `base` is the site's base path (for root-relative
 * links); `resolveRelative` places links relative to the notebook's folder (see labLinkResolver).
 */
export function buildLabPage(
  notebook: Notebook,
  base: string,
  resolveRelative?: RelativeLinkResolver,
): LabPage {
  const state = newMarkdownPageState(resolveRelative);
  const images: LabImage[] = [];
  const cells = notebook.cells.map((cell, index): LabCellView => {
    const number = index + 1;
    if (cell.type === 'markdown') {
      return {
        number,
        type: 'markdown',
        html: renderMarkdownCell(cell.source, base, state),
        executionCount: null,
        outputs: [],
      };
    }
    // A title after code is not the notebook's title.
    state.titleOpen = false;
    if (cell.type === 'raw') {
      return {
        number,
        type: 'raw',
        code: terminalText(cell.source),
        executionCount: null,
        outputs: [],
      };
    }
    const outputs = outputViews(cell.outputs).map((view, k): LabOutput => {
      if (view.kind !== 'image') return view;
      const extension = view.mime === 'image/png' ? 'png' : 'jpg';
      const image = {
        ...view,
        fileName: `cell-${number}-output-${k + 1}.${extension}`,
        alt: figureAlt(cell, images.length + 1),
      };
      images.push(image);
      return image;
    });
    const reason = notExecutedReason(cell);
    return {
      number,
      type: 'code',
      code: cell.source,
      executionCount: cell.executionCount,
      outputs,
      ...(reason === undefined ? {} : { notExecuted: reason }),
    };
  });
  return {
    title: state.title,
    headings: state.headings,
    cells,
    images,
    language: notebook.language,
  };
}
