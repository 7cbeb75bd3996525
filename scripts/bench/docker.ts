/**
 * Bench for the chapter-2 Dockerfile library: parse time, and analyse time (layer-cache
 * simulation plus lint, what the widget reruns on every edit) for the repository's Dockerfile, the
 * naive preset without .dockerignore (every context file flows through COPY . .), and a generated
 * 500-instruction multi-stage file. Run alone with `npx tsx scripts/bench/docker.ts`.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { simulateLayerCache } from '../../src/lib/docker/cache';
import type { ContextChange, ContextFile, LayerCacheOptions } from '../../src/lib/docker/cache';
import { lintDockerfile } from '../../src/lib/docker/lint';
import { parseDockerfile } from '../../src/lib/docker/parse';
import { NAIVE_DOCKERFILE, REPOSITORY_BUILD_CONTEXT } from '../../src/lib/docker/presets';
import { median } from '../../src/lib/stats/quantile';

const WARMUP = 5;
const SAMPLES = 31;

function medianMs(task: () => void): number {
  for (let i = 0; i < WARMUP; i++) task();
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const start = performance.now();
    task();
    samples.push(performance.now() - start);
  }
  return Number(median(samples).toFixed(3));
}

/** A 500-instruction Dockerfile: 10 stages of 50, with continuations, copies and cross-stage copies. */
export function generatedDockerfile(instructions = 500, stages = 10): string {
  const perStage = Math.floor(instructions / stages);
  const lines: string[] = ['# syntax=docker/dockerfile:1', 'ARG BASE=node:22.12.0-bookworm-slim'];
  for (let s = 0; s < stages; s++) {
    lines.push(s === 0 ? `FROM \${BASE} AS s${s}` : `FROM s${s - 1} AS s${s}`);
    for (let i = 1; i < perStage; i++) {
      switch (i % 5) {
        case 0:
          lines.push(
            `RUN echo stage ${s} step ${i} \\`,
            '    # a comment inside the continuation',
            `    && echo done ${i}`,
          );
          break;
        case 1:
          lines.push(`COPY src/lib/ ./lib${s}-${i}/`);
          break;
        case 2:
          lines.push(`ENV STEP_${s}_${i}=${i}`);
          break;
        case 3:
          lines.push(
            s > 0 ? `COPY --from=s${s - 1} /app/lib${s - 1}-1/ ./from-${i}/` : `WORKDIR /app`,
          );
          break;
        default:
          lines.push(`RUN ["sh", "-c", "echo ${s}-${i}"]`);
      }
    }
  }
  lines.push('USER node', 'EXPOSE 8000', 'HEALTHCHECK CMD ["true"]');
  return lines.join('\n');
}

function analyse(
  text: string,
  context: readonly ContextFile[],
  change: ContextChange,
  options: LayerCacheOptions,
): void {
  const parsed = parseDockerfile(text);
  simulateLayerCache(parsed, context, change, options);
  lintDockerfile(parsed, {
    context: {
      fileCount: context.length,
      totalBytes: 0,
      hasDockerignore: options.dockerignore != null,
    },
  });
}

/** Runs the Dockerfile benches and returns medians in milliseconds. */
export async function run(): Promise<Record<string, number | string>> {
  const root = new URL('../../', import.meta.url);
  const real = readFileSync(new URL('Dockerfile', root), 'utf8');
  const ignore = readFileSync(new URL('.dockerignore', root), 'utf8');
  const big = generatedDockerfile();
  const bigCount = parseDockerfile(big).stages.reduce(
    (sum, stage) => sum + stage.instructions.length,
    0,
  );
  const change: ContextChange = { changedPaths: ['src/lib/api/app.ts'] };
  const context = REPOSITORY_BUILD_CONTEXT;

  return {
    'docker.context_files': context.length,
    'docker.generated_instructions': bigCount,
    'docker.parse_real_ms_median': medianMs(() => parseDockerfile(real)),
    'docker.analyse_real_ms_median': medianMs(() =>
      analyse(real, context, change, { dockerignore: ignore }),
    ),
    'docker.analyse_naive_no_dockerignore_ms_median': medianMs(() =>
      analyse(NAIVE_DOCKERFILE, context, change, {}),
    ),
    'docker.parse_500_ms_median': medianMs(() => parseDockerfile(big)),
    'docker.analyse_500_ms_median': medianMs(() =>
      analyse(big, context, change, { dockerignore: ignore }),
    ),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await run());
}
