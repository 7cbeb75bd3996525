/**
 * GitHub Actions filter patterns for `branches`, `tags` and `paths`, following the "Filter pattern
 * cheat sheet" in GitHub's "Workflow syntax for GitHub Actions":
 * - `*` matches zero or more characters but not `/`; `**` matches zero or more of any character;
 * - `?` matches zero or one of the preceding character, `+` one or more of it;
 * - `[]` matches one character listed or in a range (ranges only within a-z, A-Z, 0-9);
 * - `!` at the start of a pattern negates it, and later patterns override earlier ones;
 * - `\` escapes the next character; a pattern must match the whole name or path.
 * The cheat sheet's examples (`docs/**\/*.md` matches `docs/README.md`, `**\/README.md` matches
 * `README.md`) show that `**\/` may also match no directory at all, so it compiles to `(.*\/)?`.
 */

/** A pattern compiled to a regular expression, or the reason it cannot be used. */
export type CompiledPattern =
  | { ok: true; source: string; negated: boolean; regex: RegExp }
  | { ok: false; source: string; negated: boolean; message: string };

const cache = new Map<string, CompiledPattern>();

function escapeRegex(ch: string): string {
  return /[.*+?^${}()|[\]\\/-]/.test(ch) ? `\\${ch}` : ch;
}

function rangeClass(ch: string): 'lower' | 'upper' | 'digit' | null {
  if (ch >= 'a' && ch <= 'z') return 'lower';
  if (ch >= 'A' && ch <= 'Z') return 'upper';
  if (ch >= '0' && ch <= '9') return 'digit';
  return null;
}

function compileUncached(source: string): CompiledPattern {
  const negated = source.startsWith('!');
  const body = negated ? source.slice(1) : source;
  const fail = (message: string): CompiledPattern => ({ ok: false, source, negated, message });
  if (body.length === 0) return fail('An empty pattern matches nothing.');
  // Each atom is one regex piece that a following `?` or `+` applies to.
  const atoms: string[] = [];
  let i = 0;
  while (i < body.length) {
    const ch = body[i] as string;
    if (ch === '\\') {
      const next = body[i + 1];
      if (next === undefined) return fail(`The pattern \`${source}\` ends with a lone backslash.`);
      atoms.push(escapeRegex(next));
      i += 2;
    } else if (ch === '*') {
      if (body[i + 1] === '*') {
        if (body[i + 2] === '/') {
          atoms.push('(?:.*/)?');
          i += 3;
        } else {
          atoms.push('.*');
          i += 2;
        }
      } else {
        atoms.push('[^/]*');
        i += 1;
      }
    } else if (ch === '?' || ch === '+') {
      const last = atoms.pop();
      if (last === undefined) {
        return fail(
          `In \`${source}\`, \`${ch}\` has no preceding character to repeat; escape it as \`\\${ch}\` to match it literally.`,
        );
      }
      atoms.push(`(?:${last})${ch}`);
      i += 1;
    } else if (ch === '[') {
      const close = body.indexOf(']', i + 1);
      if (close < 0) return fail(`In \`${source}\`, a \`[\` is never closed with \`]\`.`);
      const inner = body.slice(i + 1, close);
      if (inner.length === 0) return fail(`In \`${source}\`, \`[]\` lists no characters.`);
      let cls = '';
      for (let j = 0; j < inner.length; j++) {
        const a = inner[j] as string;
        const dash = inner[j + 1];
        const b = inner[j + 2];
        if (dash === '-' && b !== undefined) {
          const kind = rangeClass(a);
          if (kind === null || kind !== rangeClass(b) || a > b) {
            return fail(
              `In \`${source}\`, the range \`${a}-${b}\` is not allowed; ranges must stay within a-z, A-Z or 0-9 and go upwards.`,
            );
          }
          cls += `${a}-${b}`;
          j += 2;
        } else {
          cls += escapeRegex(a);
        }
      }
      atoms.push(`[${cls}]`);
      i = close + 1;
    } else {
      atoms.push(escapeRegex(ch));
      i += 1;
    }
  }
  return { ok: true, source, negated, regex: new RegExp(`^${atoms.join('')}$`) };
}

/** Compiles one filter pattern (possibly starting with `!`); results are cached. */
export function compileFilterPattern(pattern: string): CompiledPattern {
  let compiled = cache.get(pattern);
  if (compiled === undefined) {
    compiled = compileUncached(pattern);
    if (cache.size > 5000) cache.clear();
    cache.set(pattern, compiled);
  }
  return compiled;
}

/** Whether `value` matches the pattern's body, ignoring a leading `!`. Invalid patterns never match. */
export function patternMatches(pattern: string, value: string): boolean {
  const compiled = compileFilterPattern(pattern);
  return compiled.ok && compiled.regex.test(value);
}

/** The outcome of running a value through an ordered list of patterns. */
export interface FilterListMatch {
  /** Whether the value is included after all patterns were applied in order. */
  matched: boolean;
  /** The last pattern that matched the value and so decided the outcome, if any. */
  decidedBy: string | null;
}

/**
 * Applies an ordered pattern list: a matching positive pattern includes the value, a matching
 * negative (`!`) pattern excludes it again, and the last matching pattern wins (GitHub docs: "A
 * matching negative pattern after a positive match will exclude the Git ref. A matching positive
 * pattern after a negative match will include the Git ref again.").
 */
export function matchFilterList(patterns: readonly string[], value: string): FilterListMatch {
  let matched = false;
  let decidedBy: string | null = null;
  for (const pattern of patterns) {
    const compiled = compileFilterPattern(pattern);
    if (compiled.ok && compiled.regex.test(value)) {
      matched = !compiled.negated;
      decidedBy = pattern;
    }
  }
  return { matched, decidedBy };
}
