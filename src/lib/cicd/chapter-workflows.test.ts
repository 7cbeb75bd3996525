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
      'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1',
      'actions/setup-node@820762786026740c76f36085b0efc47a31fe5020',
      'npm ci',
      'npm run check',
      'actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97',
      'sudo apt-get update && sudo apt-get install -y --no-install-recommends prometheus prometheus-alertmanager',
      'npm test',
      'actions/upload-artifact@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f',
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
    // `npm test` is scripts/test.sh: the unit tests, the build, then the browser tests with the
    // Python half (test:python's script) beside them, and it fails when any of them fails.
    expect(pkg.scripts['test']).toBe('bash scripts/test.sh');
    expect(pkg.scripts['test:python']).toBe('bash scripts/test-python.sh');
    const runner = read('../../../scripts/test.sh');
    const order = [
      'step test:unit ||',
      'step build:test ||',
      'bash scripts/test-python.sh',
      'step test:e2e\n',
    ];
    expect(order.map((line) => runner.indexOf(line))).toEqual(
      order.map((line) => runner.indexOf(line)).sort((a, b) => a - b),
    );
    expect(order.every((line) => runner.includes(line))).toBe(true);
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
      'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1',
      'actions/setup-node@820762786026740c76f36085b0efc47a31fe5020',
      'npm ci',
      'actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97',
      'sudo apt-get update && sudo apt-get install -y --no-install-recommends prometheus prometheus-alertmanager',
      'npm test',
      'actions/configure-pages@983d7736d9b0ae728b81ab479565c72886d7745b',
      'npm run build',
      'actions/upload-pages-artifact@fc324d3547104276b827a68afc52ff2a11cc49c9',
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
      {
        name: 'Deploy',
        id: 'deployment',
        uses: 'actions/deploy-pages@cd2ce8fcbc39b97be8ca5fce6e763baed58fa128',
      },
    ]);
  });

  it('lets astro.config.mjs read SITE_URL and BASE_PATH', () => {
    const config = read('../../../astro.config.mjs');
    expect(config).toContain('process.env.SITE_URL');
    expect(config).toContain('process.env.BASE_PATH');
  });
});

describe('action pins, as chapter 4 recommends them', () => {
  const files = [
    '../../../.github/workflows/ci.yml',
    '../../../.github/workflows/deploy.yml',
    '../../../content/04-ci-cd/pipelines/ml-pipeline.github.yml',
    '../../../content/04-ci-cd/pipelines/rollback.github.yml',
  ];
  const pins = files.flatMap((file) =>
    [...read(file).matchAll(/uses: ([\w./-]+)@(\S+)(.*)$/gm)].map((m) => ({
      file,
      action: m[1] as string,
      ref: m[2] as string,
      comment: (m[3] as string).trim(),
    })),
  );

  it('pin every action to a full commit SHA with its release tag in a comment', () => {
    expect(pins.length).toBeGreaterThan(20);
    for (const pin of pins) {
      expect(pin.ref, `${pin.file}: ${pin.action}`).toMatch(/^[0-9a-f]{40}$/);
      expect(pin.comment, `${pin.file}: ${pin.action}`).toMatch(/^# v\d+\.\d+\.\d+$/);
    }
  });

  it('use one SHA and one tag per action across all the files', () => {
    const byAction = new Map<string, Set<string>>();
    for (const pin of pins) {
      const seen = byAction.get(pin.action) ?? new Set<string>();
      seen.add(`${pin.ref} ${pin.comment}`);
      byAction.set(pin.action, seen);
    }
    for (const [action, seen] of byAction) expect([...seen], action).toHaveLength(1);
  });
});
