/**
 * Phase "final image" of the cache simulation: the layers of the target image (its base image,
 * then the RUN/COPY/ADD layers of the target and of the stages it is built on, with their cache
 * status), the files it contains beyond its base, the layer counts and the one-line summary.
 */
import { compareText } from './cache-context';
import { stageChain } from './cache-stages';
import {
  type BuildModel,
  type FinalLayer,
  type ImageEntry,
  type InstructionCacheResult,
  LAYER_KEYWORDS,
  type LayerCacheReport,
  type StageCacheResult,
} from './cache-types';
import { stageLabel } from './parse';
import type { ParsedDockerfile } from './parse';

/** Layers and files of the target image. */
export function finalImage(
  current: BuildModel,
  instructions: readonly InstructionCacheResult[],
): { finalLayers: FinalLayer[]; finalFiles: ImageEntry[] } {
  const statusByLine = new Map(instructions.map((entry) => [entry.line, entry.status]));
  const finalLayers: FinalLayer[] = [];
  const finalFiles: ImageEntry[] = [];
  if (current.targetIndex === null) return { finalLayers, finalFiles };
  const chain = stageChain(current, current.targetIndex);
  const root = chain[0];
  if (root !== undefined) {
    const from = root.stage.instructions[0];
    finalLayers.push({
      stage: stageLabel(root.stage),
      line: from?.startLine ?? 0,
      keyword: 'FROM',
      detail: root.stage.resolvedBaseImage,
      status: statusByLine.get(from?.startLine ?? 0) ?? 'hit',
    });
  }
  for (const stageBuild of chain) {
    for (const { instruction } of stageBuild.steps) {
      if (!LAYER_KEYWORDS.has(instruction.keyword)) continue;
      finalLayers.push({
        stage: stageLabel(stageBuild.stage),
        line: instruction.startLine,
        keyword: instruction.keyword,
        detail: instruction.args,
        status: statusByLine.get(instruction.startLine) ?? 'hit',
      });
    }
  }
  const target = current.stages[current.targetIndex];
  if (target !== undefined)
    finalFiles.push(...[...target.files.values()].sort((a, b) => compareText(a.path, b.path)));
  return { finalLayers, finalFiles };
}

/** Layer-writing steps of needed stages, and how many of them rebuild. */
export function layerCounts(
  instructions: readonly InstructionCacheResult[],
): LayerCacheReport['counts'] {
  let layers = 0;
  let rebuilt = 0;
  for (const entry of instructions) {
    if (entry.keyword === 'FROM' || !LAYER_KEYWORDS.has(entry.keyword)) continue;
    if (entry.status === 'skipped') continue;
    layers++;
    if (entry.status !== 'hit') rebuilt++;
  }
  return { layers, rebuilt, cached: layers - rebuilt };
}

/** "3 of 12 layers rebuild for target runtime; stage test skipped." */
export function summaryOf(
  dockerfile: ParsedDockerfile,
  current: BuildModel,
  counts: LayerCacheReport['counts'],
  stages: readonly StageCacheResult[],
): string {
  const targetStage =
    current.targetIndex === null ? undefined : dockerfile.stages[current.targetIndex];
  if (targetStage === undefined) return 'Nothing to build: the Dockerfile has no FROM.';
  const skipped = stages.filter((stage) => !stage.needed).map((stage) => stage.label);
  const skippedText =
    skipped.length > 0
      ? `; stage${skipped.length > 1 ? 's' : ''} ${skipped.join(', ')} skipped`
      : '';
  return `${counts.rebuilt} of ${counts.layers} layers rebuild for target ${stageLabel(targetStage)}${skippedText}.`;
}
