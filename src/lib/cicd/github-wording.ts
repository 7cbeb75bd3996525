/**
 * Words for workflow findings: where a path points ("Step 2 of job `build`"), what a value is
 * ("the text `soon`"), lists joined with "or", and "did you mean" hints from the edit distance.
 */
import type { PathSegment } from './diagnostics';

function code(path: readonly PathSegment[]): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : p))
    .join('.')
    .replace(/\.\[/g, '[');
}

/** Names the place a path points to, as a phrase that can start a sentence. */
export function describeLocation(path: readonly PathSegment[]): string {
  if (path.length === 0) return 'The workflow';
  const [first, second, third, fourth, ...rest] = path;
  if (first === 'jobs' && typeof second === 'string') {
    if (third === undefined) return `Job \`${second}\``;
    if (third === 'steps' && typeof fourth === 'number') {
      const step = `step ${fourth + 1} of job \`${second}\``;
      if (rest.length === 0) return `Step ${fourth + 1} of job \`${second}\``;
      return `\`${code(rest)}\` in ${step}`;
    }
    return `\`${code(path.slice(2))}\` of job \`${second}\``;
  }
  return `\`${code(path)}\``;
}

/** Lowercases a leading "Job", "Step", "The" or "A" so a phrase can continue a sentence. */
export function lowerFirst(text: string): string {
  return /^(Job |Step |The |A )/.test(text) ? text[0]?.toLowerCase() + text.slice(1) : text;
}

/** The plain value at a path, or undefined where the path leaves the document. */
export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** Names a value as a sentence would: "empty", "a list", "the text `x`", "the number 3". */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string')
    return `the text \`${value.length > 40 ? value.slice(0, 37) + '…' : value}\``;
  if (typeof value === 'boolean') return `\`${value}\``;
  return `the number ${String(value)}`;
}

/** Joins distinct items as "a, b or c". */
export function orList(items: readonly string[]): string {
  const unique = [...new Set(items)];
  if (unique.length <= 1) return unique[0] ?? '';
  return `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      row[j] = Math.min(
        above + 1,
        (row[j - 1] as number) + 1,
        diagonal + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

/** The closest candidate within a small edit distance, for "did you mean" hints. */
export function closestName(name: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  // One edit for short names, two for longer ones: close enough to be a typo, not another word.
  return best !== null && bestDistance <= (name.length <= 3 ? 1 : 2) ? best : null;
}

/** "; did you mean `x`?" when a candidate is close, otherwise a full stop. */
export function hint(name: string, candidates: readonly string[]): string {
  const suggestion = closestName(name, candidates);
  return suggestion ? `; did you mean \`${suggestion}\`?` : '.';
}

/** Wraps a name in backticks (code in a sentence). */
export const quote = (s: string): string => `\`${s}\``;
