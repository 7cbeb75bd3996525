/**
 * Diagnostics shared by the YAML reader, the GitHub Actions validator and the GitLab CI checker.
 * A diagnostic always carries a 1-based line and column so an editor widget can underline the
 * exact place, and a message written as a plain sentence for a reader who is learning CI/CD.
 */

/** Errors stop a workflow from running on the real service; warnings are worth a look. */
export type Severity = 'error' | 'warning';

/** A key or index on the way from the document root to a node, as in `jobs.build.steps[2]`. */
export type PathSegment = string | number;

/** A 1-based position in the source text. */
export interface SourcePosition {
  /** 1-based line number. */
  line: number;
  /** 1-based column number. */
  column: number;
}

/** One finding about a workflow file, with its place in the source. */
export interface Diagnostic extends SourcePosition {
  /** Whether the finding blocks the workflow (`error`) or only deserves attention (`warning`). */
  severity: Severity;
  /** Stable identifier of the rule, for tests and for styling (for example `step-uses-and-run`). */
  code: string;
  /** The finding as a plain sentence. */
  message: string;
  /** Path of the node the finding is about; empty for the whole document. */
  path: PathSegment[];
}

/** Orders diagnostics by line, then column, then errors before warnings, without mutating. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.slice().sort((a, b) => {
    if (a.line !== b.line) return a.line - b.line;
    if (a.column !== b.column) return a.column - b.column;
    if (a.severity !== b.severity) return a.severity === 'error' ? -1 : 1;
    return 0;
  });
}

/** Keeps only the diagnostics with severity `error`. */
export function errorsOf(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === 'error');
}

/** Keeps only the diagnostics with severity `warning`. */
export function warningsOf(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === 'warning');
}
