/**
 * The build context as the cache simulation sees it: `.dockerignore` parses kept between calls,
 * clean context paths, the context of the cached build, and which files a COPY source matches.
 */
import type { ContextChange, ContextFile, Step } from './cache-types';
import { cleanPath, compileGlob, matchDockerignore, parseDockerignore } from './dockerignore';
import type { ParsedDockerignore } from './dockerignore';

// The widget re-simulates on every keystroke with the same one or two .dockerignore texts; keeping
// their parses keeps the per-path decisions memoised in dockerignore.ts across calls.
const ignoreCache = new Map<string, ParsedDockerignore>();
const IGNORE_CACHE_SIZE = 8;

/** A parsed .dockerignore, from a small cache keyed on its text. */
export function parsedIgnore(text: string): ParsedDockerignore {
  const cached = ignoreCache.get(text);
  if (cached !== undefined) return cached;
  const parsed = parseDockerignore(text);
  if (ignoreCache.size >= IGNORE_CACHE_SIZE)
    ignoreCache.delete(ignoreCache.keys().next().value as string);
  ignoreCache.set(text, parsed);
  return parsed;
}

/** Context paths cleaned once (`./a//b` → `a/b`), so matching can compare strings directly. */
export function normalizeContext(files: readonly ContextFile[]): ContextFile[] {
  return files.map((file) => {
    const path = cleanPath(`/${file.path}`).slice(1);
    return path === file.path ? file : { ...file, path };
  });
}

/** The context of the cached build: the changed paths at an older version (absent ones deleted). */
export function previousContextOf(
  context: readonly ContextFile[],
  change: ContextChange,
): ContextFile[] {
  if ('previousContext' in change) return normalizeContext(change.previousContext);
  const changed = new Set(change.changedPaths.map((path) => cleanPath(`/${path}`).slice(1)));
  const present = new Set<string>();
  const previous = context.map((file) => {
    const path = file.path;
    present.add(path);
    return changed.has(path) ? { ...file, version: `${file.version}~before` } : file;
  });
  for (const path of changed)
    if (!present.has(path)) previous.push({ path, version: 'deleted-since' });
  return previous;
}

/** Whether a path has a glob metacharacter. */
export function hasGlob(path: string): boolean {
  return /[*?[]/.test(path);
}

/** `path` resolved against `base`, cleaned. */
export function joinPath(base: string, path: string): string {
  return cleanPath(path.startsWith('/') ? path : `${base}/${path}`);
}

/** The last segment of a slash-separated path. */
export function basename(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}

/** Files a COPY/ADD source matches in the context, with the path each lands at relative to the destination. */
export function matchContextSource(
  source: string,
  files: readonly ContextFile[],
  parents: boolean,
): { file: ContextFile; rel: string }[] {
  // Sources are relative to the context; `/` and `..` cannot leave it.
  const clean = cleanPath(`/${source}`).slice(1);
  const out: { file: ContextFile; rel: string }[] = [];
  if (clean === '') {
    for (const file of files) out.push({ file, rel: file.path });
    return out;
  }
  const regex = hasGlob(clean) ? compileGlob(clean) : null;
  for (const file of files) {
    const path = file.path;
    const matches =
      regex === null
        ? (candidate: string): boolean => candidate === clean
        : (candidate: string): boolean => regex.test(candidate);
    if (matches(path)) {
      out.push({ file, rel: parents ? path : basename(path) });
      continue;
    }
    const segments = path.split('/');
    for (let end = 1; end < segments.length; end++) {
      const dir = segments.slice(0, end).join('/');
      if (matches(dir)) {
        out.push({ file, rel: parents ? path : segments.slice(end).join('/') });
        break;
      }
    }
  }
  return out;
}

/** Up to `limit` paths in words: `a, b and c`, or `a, b, c and 4 more`. */
export function listPaths(paths: readonly string[], limit = 3): string {
  if (paths.length <= limit) {
    if (paths.length <= 1) return paths.join('');
    return `${paths.slice(0, -1).join(', ')} and ${paths[paths.length - 1] ?? ''}`;
  }
  return `${paths.slice(0, limit).join(', ')} and ${paths.length - limit} more`;
}

/** Why a COPY source matches nothing, naming the .dockerignore line that left it out. */
export function missingSourceMessage(
  step: Step,
  ignore: ParsedDockerignore | null,
  context: readonly ContextFile[],
): string {
  return step.missingSources
    .map((source) => {
      const would = matchContextSource(source, context, false);
      const first = would[0];
      if (ignore !== null && first !== undefined) {
        const decision = matchDockerignore(ignore, first.file.path);
        if (decision.pattern !== null) {
          return `nothing in the build context matches "${source}": .dockerignore line ${decision.pattern.line} (${decision.pattern.text}) leaves it out.`;
        }
      }
      return `nothing in the build context matches "${source}".`;
    })
    .join(' ');
}

/** Orders strings by UTF-16 code units: stable across locales, unlike localeCompare. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
