/**
 * Reads an executed Jupyter notebook (nbformat 4, the JSON the labs commit) into plain typed cells.
 * Reading is defensive: the file is data, so a malformed notebook gives an error result with the
 * path of the offending field instead of a crash or a half-rendered page. Conformance to the full
 * official schema is checked by nbformat itself in the Python suite (reference/).
 */
import { z } from 'zod';

/** nbformat's multiline string: one string, or a list of lines that join to it. */
const multiline = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value.join('') : value));

const metadata = z.record(z.string(), z.unknown()).default({});

const streamOutput = z.object({
  output_type: z.literal('stream'),
  // nbformat's schema allows any stream name; kernels write stdout and stderr.
  name: z.string(),
  text: multiline,
});

const dataOutput = z.object({
  output_type: z.enum(['execute_result', 'display_data']),
  data: z.record(z.string(), z.unknown()),
  metadata,
  execution_count: z.number().int().nullable().optional(),
});

const errorOutput = z.object({
  output_type: z.literal('error'),
  ename: z.string(),
  evalue: z.string(),
  traceback: z.array(z.string()),
});

const output = z.discriminatedUnion('output_type', [streamOutput, dataOutput, errorOutput]);

const markdownCell = z.object({
  cell_type: z.literal('markdown'),
  id: z.string().optional(),
  source: multiline,
  metadata,
});

const rawCell = z.object({
  cell_type: z.literal('raw'),
  id: z.string().optional(),
  source: multiline,
  metadata,
});

const codeCell = z.object({
  cell_type: z.literal('code'),
  id: z.string().optional(),
  source: multiline,
  metadata,
  execution_count: z.number().int().nullable(),
  outputs: z.array(output),
});

const notebookSchema = z.object({
  nbformat: z.literal(4),
  nbformat_minor: z.number().int().nonnegative(),
  metadata,
  cells: z.array(z.discriminatedUnion('cell_type', [markdownCell, codeCell, rawCell])),
});

/** A stream output: text a cell printed on stdout or stderr. */
export interface StreamOutput {
  kind: 'stream';
  /** `stdout` or `stderr` in practice; the schema allows any name. */
  name: string;
  text: string;
}

/** A rich output (`execute_result` or `display_data`): one representation per MIME type. */
export interface DataOutput {
  kind: 'data';
  outputType: 'execute_result' | 'display_data';
  /** MIME type → value; text types are joined to one string, JSON types stay as parsed. */
  data: Readonly<Record<string, unknown>>;
  metadata: Readonly<Record<string, unknown>>;
}

/** An exception raised by a cell, with its traceback lines (which may carry ANSI colours). */
export interface ErrorOutput {
  kind: 'error';
  ename: string;
  evalue: string;
  traceback: readonly string[];
}

/** Any output of a code cell. */
export type NotebookOutput = StreamOutput | DataOutput | ErrorOutput;

/** One cell, with its source as a single string and its tags lifted out of the metadata. */
export interface NotebookCell {
  type: 'markdown' | 'code' | 'raw';
  source: string;
  tags: readonly string[];
  metadata: Readonly<Record<string, unknown>>;
  /** The `In [n]` number; null for a code cell that was not executed, and for other cells. */
  executionCount: number | null;
  outputs: readonly NotebookOutput[];
}

/** A notebook as the lab pages use it. */
export interface Notebook {
  nbformatMinor: number;
  /** The kernel's language (`language_info.name`, else `kernelspec.language`), e.g. `python`. */
  language: string;
  cells: readonly NotebookCell[];
}

/** Outcome of `parseNotebook`. */
export type ParseNotebookResult = { ok: true; notebook: Notebook } | { ok: false; error: string };

/** MIME types whose nbformat value is a multiline string (everything but JSON types). */
function isTextMime(mime: string): boolean {
  return !(mime === 'application/json' || mime.endsWith('+json'));
}

/** Joins multiline text values so every text MIME type holds one string. */
function normalizeData(data: Record<string, unknown>): Record<string, unknown> {
  const normalized: Record<string, unknown> = {};
  for (const [mime, value] of Object.entries(data)) {
    const joined =
      isTextMime(mime) && Array.isArray(value) && value.every((line) => typeof line === 'string')
        ? value.join('')
        : value;
    normalized[mime] = joined;
  }
  return normalized;
}

/** `metadata.tags` when it is a list of strings; anything else counts as no tags. */
function tagsOf(cellMetadata: Record<string, unknown>): string[] {
  const tags = cellMetadata['tags'];
  return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [];
}

/** Field path of a zod issue, e.g. `cells[3].outputs[0].name`. */
function issuePath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/** The kernel language from the notebook metadata, `python` when it says nothing. */
function languageOf(notebookMetadata: Record<string, unknown>): string {
  const info = notebookMetadata['language_info'];
  const spec = notebookMetadata['kernelspec'];
  const fromInfo =
    typeof info === 'object' && info !== null ? (info as { name?: unknown }).name : undefined;
  const fromSpec =
    typeof spec === 'object' && spec !== null
      ? (spec as { language?: unknown }).language
      : undefined;
  if (typeof fromInfo === 'string' && fromInfo !== '') return fromInfo;
  if (typeof fromSpec === 'string' && fromSpec !== '') return fromSpec;
  return 'python';
}

/** Parses the text of an `.ipynb` file; never throws. */
export function parseNotebook(text: string): ParseNotebookResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      error: `not JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const parsed = notebookSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : issuePath(issue.path);
    return {
      ok: false,
      error: `not an nbformat 4 notebook: ${where || 'top level'}: ${issue?.message ?? ''}`,
    };
  }
  const cells = parsed.data.cells.map((cell): NotebookCell => {
    const base = {
      type: cell.cell_type,
      source: cell.source,
      tags: tagsOf(cell.metadata),
      metadata: cell.metadata,
    };
    if (cell.cell_type !== 'code') return { ...base, executionCount: null, outputs: [] };
    const outputs = cell.outputs.map((out): NotebookOutput => {
      if (out.output_type === 'stream') return { kind: 'stream', name: out.name, text: out.text };
      if (out.output_type === 'error') {
        return { kind: 'error', ename: out.ename, evalue: out.evalue, traceback: out.traceback };
      }
      return {
        kind: 'data',
        outputType: out.output_type,
        data: normalizeData(out.data),
        metadata: out.metadata,
      };
    });
    return { ...base, executionCount: cell.execution_count, outputs };
  });
  return {
    ok: true,
    notebook: {
      nbformatMinor: parsed.data.nbformat_minor,
      language: languageOf(parsed.data.metadata),
      cells,
    },
  };
}
