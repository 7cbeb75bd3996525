/**
 * Build-cache simulation: which layers of a Dockerfile a rebuild can reuse after a change, which
 * stages the target needs, and which files reach the final image.
 *
 * The model follows Docker's documented cache rules (docs.docker.com/build/cache/invalidation/):
 * - each instruction is compared with the cached layer built on the same parent; if nothing matches
 *   exactly, the cache is invalidated, and every later instruction of the stage rebuilds;
 * - FROM is keyed on the base image reference (a newer digest behind the same tag also misses);
 * - RUN is keyed on its command text; build arguments in scope count, since "a cache miss occurs
 *   upon its first usage, not its definition" (Dockerfile reference, ARG "Impact on build caching");
 * - COPY and ADD, and RUN bind mounts, are keyed on a checksum of the files they read, after
 *   `.dockerignore` filtering;
 * - metadata instructions (ENV, WORKDIR, USER, LABEL, EXPOSE, CMD, ...) are keyed on their text but
 *   write no filesystem layer;
 * - `COPY --from=stage` depends on that stage's output, and `FROM stage` inherits its cache chain;
 * - BuildKit builds only the stages the target needs (docs.docker.com/build/building/multi-stage/).
 *
 * Real BuildKit is finer-grained in places (it checksums the files `COPY --from` reads, so a rebuilt
 * stage that writes byte-identical files still hits, and a changed LABEL does not bust a later RUN).
 * The simulation cannot know what a RUN writes, so it follows the documented rule and says so.
 *
 * Phases, one module each: model (cache-model.ts, with cache-copy.ts), explain (cache-reasons.ts,
 * cache-explain.ts), final image (cache-final-image.ts); this file runs them: simulate.
 */
import { filterBuildContext } from './dockerignore';
import { normalizeContext, parsedIgnore, previousContextOf } from './cache-context';
import { explainStages, globalArgResults, type Explanation } from './cache-explain';
import { finalImage, layerCounts, summaryOf } from './cache-final-image';
import { buildModel } from './cache-model';
import { resolveTarget } from './cache-stages';
import type {
  BuildModel,
  ContextChange,
  ContextFile,
  LayerCacheOptions,
  LayerCacheReport,
  Step,
} from './cache-types';
import { parseDockerfile, stageLabel } from './parse';
import type { ParsedDockerfile } from './parse';

export type * from './cache-types';

/** The cached build's steps, indexed for the comparisons the explanations make. */
function indexCachedBuild(previous: BuildModel, noCache: boolean) {
  const keys = new Set<string>();
  const byParent = new Map<string, Step[]>();
  const fromByStage = new Map<number, Step>();
  if (noCache) return { keys, byParent, fromByStage };
  for (const stageBuild of previous.stages) {
    if (!previous.needed.has(stageBuild.stage.index)) continue;
    for (const step of stageBuild.steps) {
      keys.add(step.key);
      const list = byParent.get(step.parentKey) ?? [];
      list.push(step);
      byParent.set(step.parentKey, list);
    }
    const from = stageBuild.steps[0];
    if (from !== undefined) fromByStage.set(stageBuild.stage.index, from);
  }
  return { keys, byParent, fromByStage };
}

/** Context figures after `.dockerignore`. */
function contextFigures(filtered: {
  sent: readonly ContextFile[];
  ignored: readonly { file: ContextFile }[];
}): LayerCacheReport['context'] {
  return {
    sentFiles: filtered.sent.reduce((sum, file) => sum + (file.files ?? 1), 0),
    sentBytes: filtered.sent.reduce((sum, file) => sum + (file.size ?? 0), 0),
    ignoredFiles: filtered.ignored.reduce((sum, item) => sum + (item.file.files ?? 1), 0),
    ignoredBytes: filtered.ignored.reduce((sum, item) => sum + (item.file.size ?? 0), 0),
  };
}

/** Simulates a rebuild after `change` and explains every cache decision. */
export function simulateLayerCache(
  dockerfile: ParsedDockerfile,
  context: readonly ContextFile[],
  change: ContextChange,
  options: LayerCacheOptions = {},
): LayerCacheReport {
  const errors: string[] = [];
  const ignore = options.dockerignore == null ? null : parsedIgnore(options.dockerignore);
  for (const error of ignore?.errors ?? [])
    errors.push(`.dockerignore line ${error.line}: ${error.message}`);
  const previousIgnoreText =
    options.previousDockerignore === undefined
      ? options.dockerignore
      : options.previousDockerignore;
  const previousIgnore = previousIgnoreText == null ? null : parsedIgnore(previousIgnoreText);
  const cleanContext = normalizeContext(context);
  const filtered = filterBuildContext(cleanContext, ignore);
  const previousFiltered = filterBuildContext(
    previousContextOf(cleanContext, change),
    previousIgnore,
  );
  const buildArgs = options.buildArgs ?? {};
  const updated = new Set(options.updatedBaseImages ?? []);
  const targetIndex = resolveTarget(dockerfile, options.target, errors);
  const current = buildModel(dockerfile, filtered.sent, buildArgs, updated, targetIndex);
  const previousDockerfile = options.previousDockerfile ?? dockerfile;
  const previousTarget = resolveTarget(previousDockerfile, options.target, []);
  const previous = buildModel(
    previousDockerfile,
    previousFiltered.sent,
    options.previousBuildArgs ?? buildArgs,
    new Set(),
    previousTarget,
  );
  const noCache = options.noCache === true;
  const ex: Explanation = {
    dockerfile,
    current,
    cached: {
      ...indexCachedBuild(previous, noCache),
      firstMissByStage: new Map(),
      noCache,
      updated,
    },
    ignore,
    context: cleanContext,
    instructions: globalArgResults(dockerfile),
    stages: [],
    errors,
  };
  explainStages(ex);
  const instructions = ex.instructions.sort((a, b) => a.line - b.line);
  const counts = layerCounts(instructions);
  const targetStage =
    current.targetIndex === null ? undefined : dockerfile.stages[current.targetIndex];
  return {
    instructions,
    stages: ex.stages,
    target:
      targetStage === undefined
        ? null
        : { index: targetStage.index, label: stageLabel(targetStage) },
    ...finalImage(current, instructions),
    context: contextFigures(filtered),
    counts,
    summary: summaryOf(dockerfile, current, counts, ex.stages),
    errors,
  };
}

/** Parses `text` and runs {@link simulateLayerCache} on it (convenience for widgets and benches). */
export function simulateLayerCacheFromText(
  text: string,
  context: readonly ContextFile[],
  change: ContextChange,
  options: LayerCacheOptions = {},
): LayerCacheReport {
  return simulateLayerCache(parseDockerfile(text), context, change, options);
}
