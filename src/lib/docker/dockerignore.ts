/**
 * `.dockerignore` parsing and matching, following Docker's documented rules
 * (docs.docker.com/build/concepts/context/#dockerignore-files):
 * - one pattern per line; lines starting with `#` are comments, blank lines are skipped;
 * - patterns are cleaned like Go's `filepath.Clean` and a leading `/` is dropped, because the
 *   context root is both the working and the root directory;
 * - matching uses Go's `filepath.Match` syntax (`*`, `?`, `[...]`, `\` escapes) plus `**`, which
 *   matches any number of directories, zero included;
 * - a pattern that matches a directory excludes everything under it;
 * - `!` starts an exception, and the last line that matches a path decides its fate.
 */

/** One pattern line of a `.dockerignore` file. */
export interface DockerignorePattern {
  /** The line as written, trimmed. */
  text: string;
  /** The cleaned pattern, without `!`. */
  pattern: string;
  /** True for `!` lines, which re-include what earlier lines excluded. */
  exception: boolean;
  /** 1-based source line. */
  line: number;
  /** Compiled matcher for a whole slash-separated path. */
  regex: RegExp;
  /** Literal text every match starts with (a cheap pre-check before the RegExp). */
  literalPrefix: string;
  /** Literal text every match ends with. */
  literalSuffix: string;
}

/** A parsed `.dockerignore`. */
export interface ParsedDockerignore {
  /** Usable patterns in file order. */
  patterns: DockerignorePattern[];
  /** Lines Docker would reject (bad glob syntax). */
  errors: { line: number; message: string }[];
}

/** Whether a context path is left out, and which line decided it. */
export interface IgnoreDecision {
  /** True when the path is not sent to the builder. */
  ignored: boolean;
  /** The last pattern that matched the path or one of its parent directories, or null. */
  pattern: DockerignorePattern | null;
}

// Anything path.Clean would change: empty, `.`/`..` segments, doubled or trailing slashes.
const ALREADY_CLEAN_BREAKERS = /(^|\/)\.\.?(\/|$)|\/\/|.\/$/;

/** Cleans a slash path the way Go's `path.Clean` does (`a//b/./c/..` → `a/b`; empty → `.`). */
export function cleanPath(path: string): string {
  // Most paths are already clean; skip the split/join for them (the context has thousands).
  if (path !== '' && !ALREADY_CLEAN_BREAKERS.test(path)) return path;
  const rooted = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push('..');
      continue;
    }
    parts.push(part);
  }
  const joined = parts.join('/');
  if (rooted) return '/' + joined;
  return joined === '' ? '.' : joined;
}

const REGEX_SPECIALS = new Set([
  '.',
  '+',
  '(',
  ')',
  '{',
  '}',
  '|',
  '^',
  '$',
  '[',
  ']',
  '\\',
  '*',
  '?',
  '/',
]);

function escapeRegexChar(char: string): string {
  return REGEX_SPECIALS.has(char) && char !== '/' ? `\\${char}` : char;
}

/**
 * Compiles a Go `filepath.Match` pattern, extended with `**`, into an anchored RegExp over
 * slash-separated paths. Returns null for a pattern Go rejects (unclosed `[`, trailing `\`).
 */
export function compileGlob(pattern: string): RegExp | null {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const char = pattern[i] ?? '';
    if (char === '*') {
      if (pattern[i + 1] === '*') {
        while (pattern[i] === '*') i++;
        const atSegmentStart = out === '' || out.endsWith('/');
        if (atSegmentStart && pattern[i] === '/') {
          // `**/` may stand for zero directories, so `**/x` also matches a top-level `x`. Whole
          // segments are consumed one at a time, which keeps matching linear (no backtracking).
          out += '(?:[^/]*/)*';
          i++;
        } else {
          out += '.*';
        }
        continue;
      }
      out += '[^/]*';
      i++;
      continue;
    }
    if (char === '?') {
      out += '[^/]';
      i++;
      continue;
    }
    if (char === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) return null;
      out += escapeRegexChar(next);
      i += 2;
      continue;
    }
    if (char === '[') {
      const cls = compileClass(pattern, i);
      if (cls === null) return null;
      out += cls.source;
      i = cls.next;
      continue;
    }
    out += escapeRegexChar(char);
    i++;
  }
  return new RegExp(`^${out}$`);
}

function classChar(char: string): string {
  return char === '\\' || char === ']' || char === '[' || char === '^' || char === '-'
    ? `\\${char}`
    : char;
}

function compileClass(pattern: string, start: number): { source: string; next: number } | null {
  let i = start + 1;
  let negated = false;
  if (pattern[i] === '^') {
    negated = true;
    i++;
  }
  let body = '';
  let count = 0;
  for (;;) {
    let char = pattern[i];
    if (char === undefined) return null;
    if (char === ']' && count > 0) break;
    if (char === ']' || char === '-') return null;
    if (char === '\\') {
      i++;
      char = pattern[i];
      if (char === undefined) return null;
    }
    i++;
    if (pattern[i] === '-' && pattern[i + 1] !== ']') {
      let hi = pattern[i + 1];
      i += 2;
      if (hi === '\\') {
        hi = pattern[i];
        i++;
      }
      if (hi === undefined || hi < char) return null;
      body += `${classChar(char)}-${classChar(hi)}`;
    } else {
      body += classChar(char);
    }
    count++;
  }
  // A class stands for one character of a path segment, so it never matches the separator.
  const source = negated ? `[^/${body}]` : `(?!/)[${body}]`;
  return { source, next: i + 1 };
}

/** The literal head and tail of a pattern, outside any wildcard (empty when escapes are involved). */
function literalEnds(pattern: string): { literalPrefix: string; literalSuffix: string } {
  if (pattern.includes('\\')) return { literalPrefix: '', literalSuffix: '' };
  const first = pattern.search(/[*?[]/);
  if (first < 0) return { literalPrefix: pattern, literalSuffix: pattern };
  let last = -1;
  for (let i = 0; i < pattern.length; i++) if ('*?[]'.includes(pattern[i] ?? '')) last = i;
  let suffix = pattern.slice(last + 1);
  // `**/` may match nothing at all, slash included, so that slash is not required.
  if (suffix.startsWith('/') && pattern.slice(0, last + 1).endsWith('**')) suffix = suffix.slice(1);
  return { literalPrefix: pattern.slice(0, first), literalSuffix: suffix };
}

/** Parses `.dockerignore` text; bad lines are reported and skipped, never thrown. */
export function parseDockerignore(text: string): ParsedDockerignore {
  const patterns: DockerignorePattern[] = [];
  const errors: { line: number; message: string }[] = [];
  text.split(/\r\n|\r|\n/).forEach((rawLine, index) => {
    const line = index + 1;
    let text = rawLine.trim();
    if (text === '' || text.startsWith('#')) return;
    let exception = false;
    if (text.startsWith('!')) {
      exception = true;
      text = text.slice(1).trim();
    }
    let pattern = cleanPath(text);
    if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    const regex = compileGlob(pattern);
    if (regex === null) {
      errors.push({ line, message: `syntax error in pattern "${rawLine.trim()}"` });
      return;
    }
    patterns.push({
      text: rawLine.trim(),
      pattern,
      exception,
      line,
      regex,
      ...literalEnds(pattern),
    });
  });
  return { patterns, errors };
}

/** Index of the last pattern matching `path` itself (not its parents), or -1. */
function lastOwnMatch(ignore: ParsedDockerignore, path: string): number {
  for (let index = ignore.patterns.length - 1; index >= 0; index--) {
    const pattern = ignore.patterns[index] as DockerignorePattern;
    if (!path.startsWith(pattern.literalPrefix) || !path.endsWith(pattern.literalSuffix)) continue;
    if (pattern.regex.test(path)) return index;
  }
  return -1;
}

// Decisions per parsed file, so the two passes of a cache simulation (previous and current
// context share most paths) and repeated widget updates match each path once.
const decisionMemo = new WeakMap<ParsedDockerignore, Map<string, number>>();

function memoFor(ignore: ParsedDockerignore): Map<string, number> {
  let memo = decisionMemo.get(ignore);
  if (memo === undefined) {
    memo = new Map();
    decisionMemo.set(ignore, memo);
  }
  return memo;
}

/**
 * Index of the last pattern matching `path` or any parent directory, or -1. The last match wins,
 * so the deciding index is the maximum over the path and its parents; `memo` caches directories.
 */
function decidingIndex(
  ignore: ParsedDockerignore,
  path: string,
  memo: Map<string, number>,
): number {
  const known = memo.get(path);
  if (known !== undefined) return known;
  const slash = path.lastIndexOf('/');
  const own = lastOwnMatch(ignore, path);
  const index = slash < 0 ? own : Math.max(own, decidingIndex(ignore, path.slice(0, slash), memo));
  memo.set(path, index);
  return index;
}

function decisionAt(ignore: ParsedDockerignore, index: number): IgnoreDecision {
  const pattern = index < 0 ? null : (ignore.patterns[index] ?? null);
  return { ignored: pattern !== null && !pattern.exception, pattern };
}

/** Decides whether `path` (relative to the context root) is left out of the build context. */
export function matchDockerignore(ignore: ParsedDockerignore, path: string): IgnoreDecision {
  const clean = cleanPath(path).replace(/^\/+/, '');
  return decisionAt(ignore, decidingIndex(ignore, clean, memoFor(ignore)));
}

/** A file left out of the context and the line that left it out. */
export interface IgnoredFile<T> {
  /** The file. */
  file: T;
  /** The deciding pattern. */
  pattern: DockerignorePattern;
}

/** Splits context files into those sent to the builder and those `.dockerignore` leaves out. */
export function filterBuildContext<T extends { path: string }>(
  files: readonly T[],
  ignore: ParsedDockerignore | null,
): { sent: T[]; ignored: IgnoredFile<T>[] } {
  if (ignore === null) return { sent: files.slice(), ignored: [] };
  const sent: T[] = [];
  const ignored: IgnoredFile<T>[] = [];
  // Files share parent directories (node_modules/...), so each directory is matched only once.
  const memo = memoFor(ignore);
  for (const file of files) {
    const clean = cleanPath(file.path).replace(/^\/+/, '');
    const decision = decisionAt(ignore, decidingIndex(ignore, clean, memo));
    if (decision.ignored && decision.pattern !== null)
      ignored.push({ file, pattern: decision.pattern });
    else sent.push(file);
  }
  return { sent, ignored };
}
