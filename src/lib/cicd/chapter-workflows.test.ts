/**
 * Chapter 4 explains `.github/workflows/ci.yml` and `deploy.yml` line by line. These tests pin
 * every fact that explanation states, so a change to a workflow that would make the chapter wrong
 * fails here and points at the prose to update (content/04-ci-cd/index.mdx).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

function read(relative: string): string {
  return readFileSync(fileURLToPath(new URL(relative, import.meta.url)), 'utf8');
}

type Step = Record<string, unknown> & { uses?: string; run?: string; name?: string };
type Job = Record<string, unknown> & { steps: Step[] };
const ci = parse(read('../../../.github/workflows/ci.yml')) as Record<string, unknown>;
const deploy = parse(read('../../../.github/workflows/deploy.yml')) as Record<string, unknown>;
const pkg = JSON.parse(read('../../../package.json')) as { scripts: Record<string, string> };

describe('ci.yml, as chapter 4 describes it', () => {
  it('is named CI and runs for every pull request and for pushes to main only', () => {
    expect(ci['name']).toBe('CI');
    expect(ci['on']).toEqual({ pull_request: null, push: { branches: ['main'] } });
  });

  it('has a read-only token and one cancelling concurrency group per ref', () => {
    expect(ci['permissions']).toEqual({ contents: 'read' });
    expect(ci['concurrency']).toEqual({
      group: 'ci-${{ github.ref }}',
      'cancel-in-progress': true,
    });
  });

  it('has one job, test, on ubuntu-latest with a 30-minute timeout, and the steps in the order told', () => {
    const jobs = ci['jobs'] as Record<string, Job>;
    expect(Object.keys(jobs)).toEqual(['test']);
    const test = jobs['test'] as Job;
    expect(test['runs-on']).toBe('ubuntu-latest');
    expect(test['timeout-minutes']).toBe(30);
    const steps = test.steps;
    expect(steps.map((s) => s.uses ?? s.run)).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'npm ci',
      'npm run check',
      'actions/setup-python@v5',
      'sudo apt-get update && sudo apt-get install -y --no-install-recommends prometheus',
      'npm test',
      'actions/upload-artifact@v4',
    ]);
    expect(steps[1]?.['with']).toEqual({ 'node-version-file': '.nvmrc', cache: 'npm' });
    expect(steps[7]?.['if']).toBe('failure()');
    expect(steps[7]?.['with']).toMatchObject({ name: 'playwright-report', 'retention-days': 7 });
    expect(String((steps[7]?.['with'] as Record<string, unknown>)['path'])).toMatch(
      /playwright-report\/\s+test-results\//,
    );
  });

  it('relies on npm scripts that do what the chapter says', () => {
    expect(pkg.scripts['check']).toBe('astro check');
    expect(pkg.scripts['test']).toBe(
      'npm run test:unit && npm run build:test && npm run test:e2e && npm run test:python',
    );
    expect(pkg.scripts['build:test']).toMatch(/^BASE_PATH=\/mlops-booklet\/ /);
    expect(pkg.scripts['quality-gate']).toBe('tsx scripts/quality-gate.ts');
  });
});

describe('deploy.yml, as chapter 4 describes it', () => {
  it('runs on pushes to main and by hand, with exactly three permissions', () => {
    expect(deploy['on']).toEqual({ push: { branches: ['main'] }, workflow_dispatch: null });
    expect(deploy['permissions']).toEqual({
      contents: 'read',
      pages: 'write',
      'id-token': 'write',
    });
  });

  it('queues deployments in one fixed group instead of cancelling them', () => {
    expect(deploy['concurrency']).toEqual({ group: 'pages', 'cancel-in-progress': false });
  });

  it('tests, reads the Pages settings, builds with them and uploads dist, then deploys', () => {
    const jobs = deploy['jobs'] as Record<string, Job>;
    expect(Object.keys(jobs)).toEqual(['build', 'deploy']);
    const build = (jobs['build'] as Job).steps;
    expect(build.map((s) => s.uses ?? s.run)).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'npm ci',
      'actions/setup-python@v5',
      'sudo apt-get update && sudo apt-get install -y --no-install-recommends prometheus',
      'npm test',
      'actions/configure-pages@v5',
      'npm run build',
      'actions/upload-pages-artifact@v3',
    ]);
    expect(build[6]?.['id']).toBe('pages');
    expect(build[7]?.['env']).toEqual({
      SITE_URL: '${{ steps.pages.outputs.origin }}',
      BASE_PATH: '${{ steps.pages.outputs.base_path }}',
    });
    expect(build[8]?.['with']).toEqual({ path: 'dist' });
    const job = jobs['deploy'] as Job;
    expect(job['needs']).toBe('build');
    expect(job['environment']).toEqual({
      name: 'github-pages',
      url: '${{ steps.deployment.outputs.page_url }}',
    });
    expect(job.steps).toEqual([
      { name: 'Deploy', id: 'deployment', uses: 'actions/deploy-pages@v4' },
    ]);
  });

  it('lets astro.config.mjs read SITE_URL and BASE_PATH', () => {
    const config = read('../../../astro.config.mjs');
    expect(config).toContain('process.env.SITE_URL');
    expect(config).toContain('process.env.BASE_PATH');
  });
});
