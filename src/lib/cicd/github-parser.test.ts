import { describe, expect, it } from 'vitest';
import { parseWithGitHub } from './github-parser';

const job = '  a:\n    runs-on: x\n    steps:\n      - run: a\n';

describe('parseWithGitHub', () => {
  it('returns the converter errors when the call returns, without awaiting it', () => {
    // Duplicate step ids are found by GitHub's converter, which is async only to fetch reusable
    // workflows; the validator relies on it finishing synchronously without a file provider.
    const findings = parseWithGitHub(
      'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - id: s\n        run: a\n      - id: s\n        run: b\n',
    );
    expect(findings.map((f) => [f.line, f.column, f.message])).toEqual([
      [8, 13, "The identifier 's' may not be used more than once within the same scope."],
    ]);
  });

  it('reports nothing for a valid workflow', () => {
    expect(parseWithGitHub(`on: push\njobs:\n${job}`)).toEqual([]);
  });

  it("reads what GitHub's schema expects at an error from the parser's tree", () => {
    const [level] = parseWithGitHub(`on: push\npermissions:\n  contents: admin\njobs:\n${job}`);
    expect(level).toMatchObject({ line: 3, column: 13, message: "Unexpected value 'admin'" });
    expect(level?.expected?.words).toEqual(['read', 'write', 'none']);
    expect(level?.expected?.contexts).toEqual([]);

    const [key] = parseWithGitHub(`on:\n  push:\n    types: [opened]\njobs:\n${job}`);
    expect(key?.expected?.keys).toEqual(
      expect.arrayContaining(['branches', 'tags', 'paths', 'paths-ignore']),
    );
    expect(key?.expected?.keys).not.toContain('types');

    const [timeout] = parseWithGitHub(
      'on: push\njobs:\n  a:\n    runs-on: x\n    timeout-minutes: soon\n    steps:\n      - run: a\n',
    );
    expect(timeout?.expected?.kinds).toEqual(['a number']);
    expect(timeout?.expected?.contexts).toEqual(expect.arrayContaining(['github', 'matrix']));
  });

  it('reports YAML it cannot read instead of throwing', () => {
    const findings = parseWithGitHub('on: [push\n');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings[0]?.line).toBeGreaterThanOrEqual(1);
  });
});
