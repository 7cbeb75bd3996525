import { describe, expect, it } from 'vitest';
import { errorsOf, sortDiagnostics, warningsOf, type Diagnostic } from './diagnostics';

const d = (line: number, column: number, severity: 'error' | 'warning'): Diagnostic => ({
  line,
  column,
  severity,
  code: 'x',
  message: 'm',
  path: [],
});

describe('diagnostics', () => {
  it('sorts by line, then column, then errors before warnings, without mutating the input', () => {
    const input = [d(3, 1, 'warning'), d(1, 5, 'error'), d(3, 1, 'error'), d(1, 2, 'warning')];
    const sorted = sortDiagnostics(input);
    expect(sorted.map((x) => [x.line, x.column, x.severity])).toEqual([
      [1, 2, 'warning'],
      [1, 5, 'error'],
      [3, 1, 'error'],
      [3, 1, 'warning'],
    ]);
    expect(input[0]?.line).toBe(3);
  });

  it('splits errors from warnings', () => {
    const all = [d(1, 1, 'error'), d(2, 1, 'warning'), d(3, 1, 'error')];
    expect(errorsOf(all)).toHaveLength(2);
    expect(warningsOf(all)).toHaveLength(1);
  });
});
