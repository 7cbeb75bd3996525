/**
 * Bench for the chapter-4 CI/CD library: the time to validate the companion ML pipeline (YAML
 * parse + zod schema + cross-job checks), build its job graph, decide its trigger for a push to
 * main, simulate a version-tag run with an approval gate, and all four together (what the widget
 * reruns on every edit). Also times a generated 200-job workflow. Medians in ms.
 * Run alone with `npx tsx scripts/bench/cicd.ts`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
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

/** Runs the CI/CD benchmarks and returns medians in milliseconds. */
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
