/**
 * Bench for the chapter-4 CI/CD library: the time to validate the companion ML pipeline (YAML
 * parse + GitHub's workflow parser and schema + cross-job checks), build its job graph, decide its
 * trigger for a push to main, simulate a version-tag run with an approval gate, and all four
 * together (what the widget reruns on every edit). Also times a generated 200-job workflow.
 * Medians in ms. Sizes, raw and gzip (level 9) in KB: the built chunk that holds GitHub's
 * workflow parser (read from `dist/`, so after a build), and GitHub's two packages bundled with
 * their dependencies.
 * Run alone with `npx tsx scripts/bench/cicd.ts`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { validateGitHubWorkflow } from '../../src/lib/cicd/github-validate';
import { buildJobGraph } from '../../src/lib/cicd/job-graph';
import { simulateRun, type SimulationOptions } from '../../src/lib/cicd/simulate';
import { decideTrigger, type TriggerEvent } from '../../src/lib/cicd/triggers';
import type { Workflow } from '../../src/lib/cicd/workflow-model';
import { median } from '../../src/lib/stats/quantile';

function medianMs(task: () => void, samples = 101, warmup = 10): number {
  for (let i = 0; i < warmup; i++) task();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    task();
    times.push(performance.now() - start);
  }
  return Number(median(times).toFixed(4));
}

/** A workflow with `jobs` jobs in a layered graph: each job needs up to two jobs of the previous layer. */
export function generatedWorkflow(jobs = 200, width = 10): string {
  const lines = [
    'name: generated',
    'on:',
    '  push:',
    '    branches: [main]',
    "    paths: ['src/**']",
    'permissions:',
    '  contents: read',
    'jobs:',
  ];
  for (let i = 0; i < jobs; i++) {
    lines.push(`  job-${i}:`);
    if (i >= width) {
      const layerStart = (Math.floor(i / width) - 1) * width;
      lines.push(
        `    needs: [job-${layerStart + (i % width)}, job-${layerStart + ((i + 1) % width)}]`,
      );
    }
    lines.push(
      '    runs-on: ubuntu-latest',
      "    if: github.event_name == 'push'",
      '    steps:',
      '      - uses: actions/checkout@v4',
      `      - run: echo ${i}`,
    );
  }
  return lines.join('\n') + '\n';
}

const kb = (bytes: number): number => Math.round(bytes / 102.4) / 10;

// The root definition of GitHub's workflow schema: only the chunk with the parser contains it.
const PARSER_MARKER = 'workflow-root-strict';

/** The chunk of the built site that holds GitHub's workflow parser, raw and gzip. */
function parserChunk(): Record<string, number | string> {
  const dir = 'dist/_astro';
  if (!existsSync(dir)) return { 'cicd.parser_chunk': 'no dist/ (build the site first)' };
  const chunks = readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => ({ name: f, bytes: readFileSync(join(dir, f)) }))
    .filter((c) => c.bytes.includes(PARSER_MARKER));
  return {
    'cicd.parser_chunk': chunks.map((c) => c.name).join(', ') || 'not found',
    'cicd.parser_chunk_kb': kb(chunks.reduce((n, c) => n + c.bytes.length, 0)),
    'cicd.parser_chunk_gzip_kb': kb(
      chunks.reduce((n, c) => n + gzipSync(c.bytes, { level: 9 }).length, 0),
    ),
  };
}

/** GitHub's two packages with their dependencies (`yaml`, `cronstrue`), minified for browsers. */
async function packagesAlone(): Promise<Record<string, number>> {
  const result = await build({
    stdin: {
      contents:
        "export { parseWorkflow, convertWorkflowTemplate } from '@actions/workflow-parser';\n" +
        "export { Evaluator, Lexer, Parser } from '@actions/expressions';\n",
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const bytes = result.outputFiles[0]?.contents ?? new Uint8Array();
  return {
    'cicd.actions_packages_with_deps_min_kb': kb(bytes.length),
    'cicd.actions_packages_with_deps_min_gzip_kb': kb(gzipSync(bytes, { level: 9 }).length),
  };
}

/** Runs the CI/CD benchmarks and returns medians in milliseconds and sizes in KB. */
export async function run(): Promise<Record<string, number | string>> {
  const pipelinePath = fileURLToPath(
    new URL('../../content/04-ci-cd/pipelines/ml-pipeline.github.yml', import.meta.url),
  );
  const text = readFileSync(pipelinePath, 'utf8');
  const validation = validateGitHubWorkflow(text);
  if (!validation.ok || !validation.workflow)
    throw new Error('the companion pipeline must validate');
  const workflow: Workflow = validation.workflow;
  const push: TriggerEvent = {
    kind: 'push',
    branch: 'main',
    changedPaths: ['src/lib/model/train.ts', 'README.md'],
  };
  const tagRun: SimulationOptions = {
    event: { kind: 'tag', tag: 'v1.2.0' },
    protectedEnvironments: ['production'],
    approvals: { production: true },
  };

  const big = generatedWorkflow();
  const bigValidation = validateGitHubWorkflow(big);
  if (!bigValidation.ok || !bigValidation.workflow)
    throw new Error('the generated workflow must validate');
  const bigWorkflow = bigValidation.workflow;

  return {
    ...parserChunk(),
    ...(await packagesAlone()),
    'cicd.pipeline': `${workflow.jobs.length} jobs in ${validation.graph?.waves.length ?? 0} waves`,
    'cicd.validate_ms_median': medianMs(() => validateGitHubWorkflow(text)),
    'cicd.graph_ms_median': medianMs(() => buildJobGraph(workflow.jobs), 1001, 100),
    'cicd.trigger_ms_median': medianMs(() => decideTrigger(workflow.triggers, push), 1001, 100),
    'cicd.simulate_ms_median': medianMs(() => simulateRun(workflow, tagRun), 501, 50),
    'cicd.validate_graph_trigger_simulate_ms_median': medianMs(() => {
      const v = validateGitHubWorkflow(text);
      if (v.workflow) {
        buildJobGraph(v.workflow.jobs);
        decideTrigger(v.workflow.triggers, push);
        simulateRun(v.workflow, tagRun);
      }
    }),
    'cicd.validate_200_jobs_ms_median': medianMs(() => validateGitHubWorkflow(big), 15, 3),
    'cicd.simulate_200_jobs_ms_median': medianMs(
      () => simulateRun(bigWorkflow, { event: push }),
      15,
      3,
    ),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await run());
}
