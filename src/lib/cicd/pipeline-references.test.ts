/**
 * Every file, npm script and API route the example pipelines of chapter 4 name must exist, so an
 * example cannot call a script that was renamed or smoke-test a route the API does not serve (the
 * pipelines once checked `/health`, which the API never had).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { API_ROUTES } from '../api/openapi';
import { validateGitHubWorkflow } from './github-validate';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = join(root, 'content/04-ci-cd/pipelines');
const pipelines = readdirSync(dir)
  .filter((f) => /\.(github|gitlab-ci)\.yml$/.test(f))
  .map((f) => ({ file: f, text: readFileSync(join(dir, f), 'utf8') }));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};

/** Repository files a pipeline reads (not the ones it writes, such as artifacts/*). */
function namedFiles(text: string): string[] {
  const files = new Set<string>();
  for (const m of text.matchAll(/(?<![\w./-])(scripts\/[\w./-]+\.ts)\b/g))
    files.add(m[1] as string);
  for (const m of text.matchAll(/node-version-file: (\S+)/g)) files.add(m[1] as string);
  for (const name of ['Dockerfile', '.dockerignore', 'package-lock.json'])
    if (new RegExp(`['\\s]${name.replace('.', '\\.')}['\\s]`).test(text)) files.add(name);
  return [...files].sort();
}

/** Paths requested from the API: the part after the host of every http(s) URL, and smoke-test routes. */
function namedRoutes(text: string): string[] {
  const routes = new Set<string>();
  for (const m of text.matchAll(/https?:\/\/[\w.:-]+(\/[\w/.-]*)/g)) routes.add(m[1] as string);
  return [...routes].sort();
}

describe.each(pipelines)('$file names only things that exist', ({ text }) => {
  it('every repository file it reads', () => {
    const files = namedFiles(text);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(existsSync(join(root, file)), file).toBe(true);
  });

  it('every npm script it runs', () => {
    const scripts = [...text.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1] as string);
    for (const name of scripts) expect(pkg.scripts, name).toHaveProperty([name]);
  });

  it('every API route it requests', () => {
    const routes: readonly string[] = API_ROUTES;
    for (const route of namedRoutes(text)) expect(routes, route).toContain(route);
  });
});

describe('the example pipelines', () => {
  it('smoke-test with the script, never a /health route', () => {
    for (const { file, text } of pipelines) {
      expect(text, file).not.toMatch(/\/health\b/);
      expect(text, file).toMatch(/scripts\/smoke-test\.ts --url \S+ --model-id /);
    }
  });

  it('name the scripts the gate and the smoke test use', () => {
    const all = pipelines.map((p) => namedFiles(p.text)).flat();
    expect(new Set(all)).toEqual(
      new Set([
        '.dockerignore',
        '.nvmrc',
        'Dockerfile',
        'package-lock.json',
        'scripts/gate-summary.ts',
        'scripts/quality-gate.ts',
        'scripts/smoke-test.ts',
      ]),
    );
  });
});

describe.each(pipelines.filter((p) => p.file.endsWith('.github.yml')))(
  '$file in the workflow validator',
  ({ text }) => {
    it('has no errors', () => {
      const errors = validateGitHubWorkflow(text).diagnostics.filter((d) => d.severity === 'error');
      expect(errors).toEqual([]);
    });
  },
);
