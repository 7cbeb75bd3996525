/**
 * Reads YAML text into a plain value while keeping the source positions of every node, so that
 * later checks can point at a line and column. It never throws: syntax problems come back as
 * diagnostics written as plain sentences.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type YAMLError,
} from 'yaml';
import type { Diagnostic, PathSegment, SourcePosition } from './diagnostics';

/** A successfully read YAML document with what is needed to map paths back to positions. */
export interface YamlSource {
  /** The original text. */
  text: string;
  /** The parsed document, whose nodes carry source ranges. */
  document: Document.Parsed;
  /** Converts character offsets to lines and columns. */
  lineCounter: LineCounter;
  /** The document as plain JavaScript (aliases expanded). */
  value: unknown;
}

/** The outcome of reading YAML: the source, or the syntax errors that prevented reading it. */
export type YamlReadResult =
  | { ok: true; source: YamlSource; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

// Aliases can expand exponentially ("billion laughs"); a workflow never needs more than a few.
const MAX_ALIAS_COUNT = 100;

/** Converts a 0-based character offset to a 1-based line and column. */
export function offsetToPosition(lineCounter: LineCounter, offset: number): SourcePosition {
  const { line, col } = lineCounter.linePos(Math.max(0, offset));
  return { line, column: col };
}

function quotedKeyAt(text: string, offset: number): string {
  const match = /^\s*["']?([^:\n"']*)/.exec(text.slice(offset));
  return (match?.[1] ?? '').trim();
}

/** Rewrites an error from the `yaml` package as a sentence a newcomer can act on. */
function yamlErrorSentence(error: YAMLError, text: string): string {
  switch (error.code) {
    case 'BAD_INDENT':
      return /Flow (sequence|map)/.test(error.message)
        ? 'A list in square brackets or a map in braces is not closed, or the lines after it are not indented enough.'
        : 'This line is indented differently from the lines around it; items of the same mapping or list must start at the same column.';
    case 'TAB_AS_INDENT':
      return 'This line is indented with a tab; YAML allows only spaces for indentation.';
    case 'DUPLICATE_KEY': {
      const key = quotedKeyAt(text, error.pos[0]);
      return `The key \`${key}\` appears twice in the same mapping; each key may appear only once.`;
    }
    case 'MISSING_CHAR':
      if (/quote/.test(error.message)) {
        return 'A quoted string is never closed; add the matching closing quote.';
      }
      if (/between flow/.test(error.message)) {
        return 'Items inside square brackets or braces must be separated by commas; a value that contains `[` or `]` must be quoted.';
      }
      return 'A closing bracket or brace is missing.';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'This value contains a colon followed by a space, which YAML reads as another key; put the whole value in quotes.';
    case 'UNEXPECTED_TOKEN':
      return 'YAML did not expect this text here; check the indentation, and do not mix list items (`- `) and keys (`key:`) at the same level.';
    case 'MULTIPLE_DOCS':
      return 'The file holds more than one YAML document (separated by `---`); a pipeline file must hold exactly one.';
    case 'BAD_SCALAR_START':
      return 'A plain value cannot start with this character; put the value in quotes.';
    case 'BAD_DQ_ESCAPE':
      return 'A double-quoted string contains an unknown escape sequence; use single quotes, or write the backslash as `\\\\`.';
    case 'BAD_ALIAS':
    case 'ALIAS_PROPS':
      return 'This alias (`*name`) is malformed; an alias is just `*` followed by the name of an anchor defined earlier.';
    case 'MULTIPLE_ANCHORS':
    case 'MULTIPLE_TAGS':
    case 'BAD_PROP_ORDER':
      return 'A value has more than one anchor or tag, or they are in the wrong order.';
    case 'BLOCK_IN_FLOW':
      return 'A block-style list or map appears inside square brackets or braces; inside brackets, separate items with commas.';
    case 'KEY_OVER_1024_CHARS':
      return 'A key is longer than 1024 characters.';
    case 'TAG_RESOLVE_FAILED':
      return 'A value carries a `!tag` that YAML does not know; remove the tag or quote the value.';
    case 'BAD_DIRECTIVE':
      return 'A `%` directive at the start of the file is not understood.';
    case 'NON_STRING_KEY':
      return 'A key is a list or a map; keys must be plain names.';
    case 'BAD_COLLECTION_TYPE':
      return 'A tag asks for a collection type that does not match the value.';
    case 'RESOURCE_EXHAUSTION':
      return 'The file expands to too much data.';
    default:
      return `The YAML is malformed here (${error.message}).`;
  }
}

function fromYamlError(
  error: YAMLError,
  severity: 'error' | 'warning',
  text: string,
  lineCounter: LineCounter,
): Diagnostic {
  return {
    severity,
    code: `yaml-${error.code.toLowerCase().replace(/_/g, '-')}`,
    message: yamlErrorSentence(error, text),
    path: [],
    ...offsetToPosition(lineCounter, error.pos[0]),
  };
}

/**
 * A line indented deeper than its sibling keys turns into the continuation of the previous value
 * (`runs-on: ubuntu-latest` + `   steps:` reads as one multi-line key). The parser then reports two
 * confusing implicit-key errors; replace them with one about the indentation of the second line.
 */
function explainErrors(
  errors: readonly YAMLError[],
  text: string,
  lineCounter: LineCounter,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const handledStarts = new Set<number>();
  for (const error of errors) {
    if (error.code !== 'MULTILINE_IMPLICIT_KEY') continue;
    const newline = text.indexOf('\n', error.pos[0]);
    if (newline < 0 || newline >= error.pos[1]) continue;
    let lineStart = newline + 1;
    while (text[lineStart] === ' ') lineStart += 1;
    handledStarts.add(error.pos[0]);
    out.push({
      severity: 'error',
      code: 'yaml-bad-indent',
      message:
        'This line is indented further than the key above it, so YAML reads it as part of that value; indent it like its neighbours (or quote the value if the colon belongs to it).',
      path: [],
      ...offsetToPosition(lineCounter, lineStart),
    });
  }
  for (const error of errors) {
    if (handledStarts.has(error.pos[0])) continue;
    const diagnostic = fromYamlError(error, 'error', text, lineCounter);
    const duplicate = out.some(
      (d) =>
        d.line === diagnostic.line &&
        d.column === diagnostic.column &&
        d.message === diagnostic.message,
    );
    if (!duplicate) out.push(diagnostic);
  }
  return out;
}

function firstAliasOffset(document: Document.Parsed): number {
  let offset = 0;
  visit(document, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

/** Parses YAML text; never throws. Syntax errors make `ok` false. */
export function readYaml(text: string): YamlReadResult {
  const lineCounter = new LineCounter();
  let document: Document.Parsed;
  try {
    // logLevel 'error': at the default 'warn' the parser logs some findings to the console (a
    // mapping used as a key), which a browser shows as console.warn; 'silent' would also drop the
    // several-documents error. The reader gets diagnostics instead.
    document = parseDocument(text, { lineCounter, prettyErrors: false, logLevel: 'error' });
  } catch (cause) {
    // The parser reports problems as document errors; this guard is for the unforeseen.
    return {
      ok: false,
      diagnostics: [
        {
          severity: 'error',
          code: 'yaml-internal',
          message: `The YAML could not be read (${String(cause)}).`,
          path: [],
          line: 1,
          column: 1,
        },
      ],
    };
  }
  const warnings = document.warnings.map((w) => fromYamlError(w, 'warning', text, lineCounter));
  if (document.errors.length > 0) {
    const errors = explainErrors(document.errors, text, lineCounter);
    return { ok: false, diagnostics: [...errors, ...warnings] };
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (cause) {
    const unresolved = /Unresolved alias/.test(String(cause));
    return {
      ok: false,
      diagnostics: [
        {
          severity: 'error',
          code: unresolved ? 'yaml-unresolved-alias' : 'yaml-alias-count',
          message: unresolved
            ? 'An alias (`*name`) refers to an anchor that is not defined earlier in the file; a value starting with `*`, such as a `**` pattern, must be quoted.'
            : 'Aliases in this file expand to too much data.',
          path: [],
          ...offsetToPosition(lineCounter, firstAliasOffset(document)),
        },
        ...warnings,
      ],
    };
  }
  return { ok: true, source: { text, document, lineCounter, value }, diagnostics: warnings };
}

function scalarKeyEquals(key: unknown, segment: PathSegment): boolean {
  if (isScalar(key)) return String(key.value) === String(segment);
  return false;
}

/**
 * Finds where the node at `path` starts. With `part: 'key'` it points at the key of the last
 * segment (useful for "this key is unknown" and "this job is missing something"); with `'value'`
 * it points at the value, falling back to the key when the value is empty. A path that leaves the
 * document stops at the deepest node that exists.
 */
export function positionOf(
  source: YamlSource,
  path: readonly PathSegment[],
  part: 'key' | 'value' = 'value',
): SourcePosition {
  const { document, lineCounter } = source;
  let current: unknown = document.contents;
  let keyRange: readonly number[] | undefined;
  let valueRange: readonly number[] | undefined = (current as { range?: number[] } | null)?.range;
  let complete = true;
  for (const segment of path) {
    if (isAlias(current)) current = current.resolve(document);
    if (isMap(current)) {
      const pair = current.items.find((p) => scalarKeyEquals(p.key, segment));
      if (!pair) {
        complete = false;
        break;
      }
      keyRange = (pair.key as { range?: number[] } | null)?.range;
      current = pair.value;
      const range = (current as { range?: number[] } | null)?.range;
      // An empty value (`key:` with nothing after it) has an empty range; the key is a better spot.
      valueRange = range && range[0] !== range[1] ? range : keyRange;
    } else if (isSeq(current) && typeof segment === 'number') {
      const item = current.items[segment];
      if (item === undefined) {
        complete = false;
        break;
      }
      current = item;
      keyRange = undefined;
      valueRange = (item as { range?: number[] } | null)?.range ?? valueRange;
    } else {
      complete = false;
      break;
    }
  }
  // A path that stops early names something missing; point at the deepest key that exists.
  const preferKey = (part === 'key' || !complete) && keyRange !== undefined;
  const range = preferKey ? keyRange : (valueRange ?? keyRange);
  return offsetToPosition(lineCounter, range?.[0] ?? 0);
}

/** Where a source position falls: the path of the innermost node, and whether it is on a key. */
export interface PathAtPosition {
  /** Path of the innermost key or value that contains the position. */
  path: PathSegment[];
  /** `key` when the position is on a mapping key, `value` otherwise. */
  part: 'key' | 'value';
}

function contains(range: readonly number[] | undefined, offset: number): boolean {
  // An empty value (`on:` with nothing after it) has an empty range; it is found at its start.
  if (range?.[0] !== undefined && range[0] === range[1]) return range[0] === offset;
  return (
    range !== undefined && range[0] !== undefined && range[0] <= offset && offset < (range[1] ?? 0)
  );
}

/** Finds the path of the innermost node at a 1-based line and column (the reverse of `positionOf`). */
export function pathAt(source: YamlSource, line: number, column: number): PathAtPosition {
  const { document, lineCounter } = source;
  const lineStart = lineCounter.lineStarts[line - 1] ?? source.text.length;
  const offset = lineStart + column - 1;
  const path: PathSegment[] = [];
  let current: unknown = document.contents;
  for (;;) {
    if (isAlias(current)) current = current.resolve(document);
    if (isMap(current)) {
      const pair = current.items.find(
        (p) =>
          contains((p.key as { range?: number[] } | null)?.range, offset) ||
          contains((p.value as { range?: number[] } | null)?.range, offset),
      );
      if (!pair || !isScalar(pair.key)) return { path, part: 'value' };
      path.push(String(pair.key.value));
      if (contains(pair.key.range ?? undefined, offset)) return { path, part: 'key' };
      current = pair.value;
    } else if (isSeq(current)) {
      const index = current.items.findIndex((item) =>
        contains((item as { range?: number[] } | null)?.range, offset),
      );
      if (index < 0) return { path, part: 'value' };
      path.push(index);
      current = current.items[index];
    } else {
      return { path, part: 'value' };
    }
  }
}
