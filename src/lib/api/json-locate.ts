/**
 * Finds where a value sits in a JSON text, so the request playground can point at the field an
 * error names (`instances.2.body_mass_g`) inside the body the reader typed. The scanner follows
 * the JSON grammar of RFC 8259 §2–7 (it accepts what `JSON.parse` accepts, up to a nesting depth
 * of `MAX_JSON_DEPTH`), records the
 * character span of every value, and never throws: bad input is a returned result with the
 * offset where the text stops being JSON.
 */

/** Where one value sits in the text: `[start, end)`; for object members also the key's start. */
export interface JsonSpan {
  /** Path segments from the root, as zod reports them (keys, and array indices as numbers). */
  path: readonly (string | number)[];
  /** Offset of the value's first character. */
  start: number;
  /** Offset just after the value's last character. */
  end: number;
  /** Offset of the opening quote of the member's key; undefined for array items and the root. */
  keyStart?: number;
}

/** The outcome of `scanJson`. */
export type JsonScan =
  { ok: true; spans: JsonSpan[] } | { ok: false; offset: number; message: string };

/** Deepest nesting the scanner follows; deeper text is reported as an error, not a stack overflow. */
export const MAX_JSON_DEPTH = 256;

class ScanError {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/** RFC 8259 §6: number = [ minus ] int [ frac ] [ exp ]; sticky, so it matches at `lastIndex`. */
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Backslash escapes with a one-character meaning (RFC 8259 §7); `\u` is handled apart. */
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** A recursive-descent pass over one JSON text; `pos` is shared by every production. */
class JsonScanner {
  readonly spans: JsonSpan[] = [];
  pos = 0;

  constructor(readonly text: string) {}

  fail(message: string, at = this.pos): never {
    throw new ScanError(at, message);
  }

  skipWhitespace(): void {
    while (this.pos < this.text.length && WHITESPACE.has(this.text[this.pos] as string)) this.pos++;
  }

  describe(at: number): string {
    return at >= this.text.length ? 'the end of the text' : `"${this.text[at] as string}"`;
  }

  scanString(): string {
    // The caller has checked the opening quote.
    const text = this.text;
    const start = this.pos;
    this.pos++;
    let value = '';
    for (;;) {
      if (this.pos >= text.length) this.fail('Unterminated string.', start);
      const ch = text[this.pos] as string;
      const code = ch.charCodeAt(0);
      if (ch === '"') {
        this.pos++;
        return value;
      }
      if (code < 0x20) this.fail('Control character inside a string; escape it.');
      if (ch !== '\\') {
        value += ch;
        this.pos++;
        continue;
      }
      const escape = text[this.pos + 1];
      if (escape !== undefined && escape in SIMPLE_ESCAPES) {
        value += SIMPLE_ESCAPES[escape];
        this.pos += 2;
      } else if (escape === 'u') {
        const hex = text.slice(this.pos + 2, this.pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Bad \\u escape: expected four hex digits.');
        value += String.fromCharCode(parseInt(hex, 16));
        this.pos += 6;
      } else {
        this.fail('Bad escape sequence in a string.');
      }
    }
  }

  scanNumber(): void {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (!match) this.fail(`Unexpected ${this.describe(this.pos)}.`);
    this.pos += (match as RegExpExecArray)[0].length;
  }

  /** After a member or item: true on `,` (more follow), false on `close`, else a failure. */
  separator(close: '}' | ']', what: string): boolean {
    this.skipWhitespace();
    const ch = this.text[this.pos];
    if (ch === ',' || ch === close) {
      this.pos++;
      return ch === ',';
    }
    return this.fail(`Expected "," or "${close}" after ${what}, found ${this.describe(this.pos)}.`);
  }

  /** Steps past an opening bracket; true (and past `close` too) when the container is empty. */
  openEmpty(close: '}' | ']'): boolean {
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] !== close) return false;
    this.pos++;
    return true;
  }

  scanObject(path: (string | number)[], depth: number): void {
    if (this.openEmpty('}')) return;
    do {
      this.skipWhitespace();
      if (this.text[this.pos] !== '"')
        this.fail(`Expected a property name in double quotes, found ${this.describe(this.pos)}.`);
      const memberStart = this.pos;
      const key = this.scanString();
      this.skipWhitespace();
      if (this.text[this.pos] !== ':')
        this.fail(`Expected ":" after a property name, found ${this.describe(this.pos)}.`);
      this.pos++;
      this.scanValue([...path, key], depth + 1, memberStart);
    } while (this.separator('}', 'a property value'));
  }

  scanArray(path: (string | number)[], depth: number): void {
    if (this.openEmpty(']')) return;
    let index = 0;
    do this.scanValue([...path, index++], depth + 1);
    while (this.separator(']', 'an array item'));
  }

  scanValue(path: (string | number)[], depth: number, keyStart?: number): void {
    this.skipWhitespace();
    if (depth > MAX_JSON_DEPTH) this.fail(`Nested more than ${MAX_JSON_DEPTH} levels deep.`);
    const start = this.pos;
    const span: JsonSpan =
      keyStart === undefined ? { path, start, end: start } : { path, start, end: start, keyStart };
    this.spans.push(span);
    const ch = this.text[this.pos];
    if (ch === '{') this.scanObject(path, depth);
    else if (ch === '[') this.scanArray(path, depth);
    else if (ch === '"') this.scanString();
    else if (ch === 't' || ch === 'f' || ch === 'n') {
      const word = ch === 't' ? 'true' : ch === 'f' ? 'false' : 'null';
      if (this.text.startsWith(word, this.pos)) this.pos += word.length;
      else this.fail(`Unexpected ${this.describe(this.pos)}.`);
    } else if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) this.scanNumber();
    else this.fail(`Unexpected ${this.describe(this.pos)}.`);
    span.end = this.pos;
  }
}

/** Scans a JSON text and returns the span of every value in it, in document order. */
export function scanJson(text: string): JsonScan {
  const scanner = new JsonScanner(text);
  try {
    scanner.scanValue([], 0);
    scanner.skipWhitespace();
    if (scanner.pos < text.length)
      scanner.fail(`Unexpected ${scanner.describe(scanner.pos)} after the JSON value.`);
    return { ok: true, spans: scanner.spans };
  } catch (error) {
    if (error instanceof ScanError)
      return { ok: false, offset: error.offset, message: error.message };
    return { ok: false, offset: scanner.pos, message: 'The text could not be scanned.' };
  }
}

/** Joins path segments the way the API's `errors[].path` does (`instances.0.body_mass_g`). */
export function joinJsonPath(path: readonly (string | number)[]): string {
  return path.map(String).join('.');
}

/** Where an error path points in the text. */
export interface JsonPathLocation {
  /** `[start, end)` of the marked text: the member (key and value) when it is one, else the value. */
  start: number;
  end: number;
  /** Offset of the value's first character (after the key and colon, for a member). */
  valueStart: number;
  /** Whether the path itself was found; false when only its nearest existing ancestor was. */
  exact: boolean;
  /** The path actually marked (the ancestor's when `exact` is false). */
  markedPath: string;
}

/**
 * Locates an error path in scanned JSON. A path that does not exist in the text (a missing
 * field) is located at its nearest existing ancestor, the object the field should be added to.
 * Paths are compared segment by segment against the dotted form, so `instances.0.x` matches the
 * item at index 0. With duplicate keys the last one wins, as in `JSON.parse`.
 */
export function locateJsonPath(spans: readonly JsonSpan[], path: string): JsonPathLocation | null {
  const wanted = path === '' ? [] : path.split('.');
  let best: JsonSpan | null = null;
  let bestDepth = -1;
  for (const span of spans) {
    const depth = span.path.length;
    if (depth > wanted.length || depth < bestDepth) continue;
    let matches = true;
    for (let i = 0; i < depth; i++) {
      if (String(span.path[i]) !== wanted[i]) {
        matches = false;
        break;
      }
    }
    // `>=` keeps the last of duplicate keys, like JSON.parse.
    if (matches && depth >= bestDepth) {
      best = span;
      bestDepth = depth;
    }
  }
  if (best === null) return null;
  return {
    start: best.keyStart ?? best.start,
    end: best.end,
    valueStart: best.start,
    exact: bestDepth === wanted.length,
    markedPath: joinJsonPath(best.path),
  };
}

/** 1-based line and column of an offset, counting `\n` line breaks (as editors do). */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < clamped; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: clamped - lineStart + 1 };
}

/** A run of text, and the indices of the marks covering it (empty: not marked). */
export interface MarkedSegment {
  text: string;
  marks: number[];
}

/**
 * Splits a text into runs at the edges of the given ranges, so a view can wrap the marked runs
 * in `<mark>` elements without ever building HTML. Ranges may nest or overlap; empty ranges
 * and ranges outside the text are clipped away.
 */
export function segmentText(
  text: string,
  ranges: readonly { start: number; end: number }[],
): MarkedSegment[] {
  const cuts = new Set<number>([0, text.length]);
  const clipped = ranges.map((range) => ({
    start: Math.max(0, Math.min(range.start, text.length)),
    end: Math.max(0, Math.min(range.end, text.length)),
  }));
  for (const range of clipped) {
    cuts.add(range.start);
    cuts.add(range.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: MarkedSegment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i] as number;
    const to = points[i + 1] as number;
    if (to <= from) continue;
    const marks: number[] = [];
    clipped.forEach((range, index) => {
      if (range.start <= from && to <= range.end && range.end > range.start) marks.push(index);
    });
    segments.push({ text: text.slice(from, to), marks });
  }
  return segments;
}
