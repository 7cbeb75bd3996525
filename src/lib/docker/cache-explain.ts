/**
 * Phase "explain", part 2: every instruction of every stage gets a cache status and a sentence.
 * Stages the target does not need are skipped; in a needed stage each step hits if the cached
 * build has its key, the first miss is explained (cache-reasons.ts), and every later step of the
 * stage rebuilds because of it, or because its base stage rebuilt.
 */
import { missingSourceMessage } from './cache-context';
import { type CachedBuild, hitReason, missReason } from './cache-reasons';
import {
  type BuildModel,
  type ContextFile,
  type InstructionCacheResult,
  LAYER_KEYWORDS,
  type LayerStatus,
  type StageBuild,
  type StageCacheResult,
  type Step,
} from './cache-types';
import type { ParsedDockerignore } from './dockerignore';
import { stageLabel } from './parse';
import type { Instruction, ParsedDockerfile, Stage } from './parse';

/** The decisions so far, and what explaining them needs. */
export interface Explanation {
  dockerfile: ParsedDockerfile;
  current: BuildModel;
  cached: CachedBuild & { keys: ReadonlySet<string>; firstMissByStage: Map<number, number> };
  ignore: ParsedDockerignore | null;
  context: readonly ContextFile[];
  instructions: InstructionCacheResult[];
  stages: StageCacheResult[];
  errors: string[];
}

/** Where a stage first missed, and whether that was because its base stage rebuilt. */
type FirstMiss = { line: number; viaBase: { label: string; line: number } | null } | null;

function result(
  stage: Stage,
  instruction: Instruction,
  status: LayerStatus,
  cached: boolean,
  reason: string,
  changedFiles: string[],
): InstructionCacheResult {
  return {
    stageIndex: stage.index,
    stage: stageLabel(stage),
    keyword: instruction.keyword,
    line: instruction.startLine,
    endLine: instruction.endLine,
    status,
    cached,
    reason,
    changedFiles,
  };
}

/** Global ARGs write no layer: they matter only where a FROM uses them. */
export function globalArgResults(dockerfile: ParsedDockerfile): InstructionCacheResult[] {
  return dockerfile.globalInstructions.map((instruction) => ({
    stageIndex: -1,
    stage: 'global',
    keyword: instruction.keyword,
    line: instruction.startLine,
    endLine: instruction.endLine,
    status: 'no-layer',
    cached: true,
    reason:
      'Global ARG: it is in scope only for FROM lines, so it matters only where a FROM uses it.',
    changedFiles: [],
  }));
}

function explainSkippedStage(ex: Explanation, stageBuild: StageBuild): void {
  const { stage } = stageBuild;
  const { current, dockerfile } = ex;
  const targetLabel =
    current.targetIndex === null ? '' : stageLabel(dockerfile.stages[current.targetIndex] as Stage);
  for (const step of stageBuild.steps) {
    const why = `Skipped: the target stage ${targetLabel} does not depend on stage ${stageLabel(stage)}, so BuildKit never builds it.`;
    ex.instructions.push(result(stage, step.instruction, 'skipped', false, why, []));
  }
  const why = `not needed by the target ${targetLabel}`;
  ex.stages.push({
    index: stage.index,
    label: stageLabel(stage),
    needed: false,
    why,
    rebuilt: false,
    firstRebuildLine: null,
  });
}

/** The first miss of a stage: explained, and remembered with its cause. */
function explainFirstMiss(
  ex: Explanation,
  stage: Stage,
  step: Step,
  status: LayerStatus,
): FirstMiss {
  const { instruction } = step;
  const miss = missReason(step, stage, ex.current, ex.cached);
  const baseIndex = instruction.keyword === 'FROM' ? step.fromStages[0]?.index : undefined;
  const baseLine = baseIndex === undefined ? undefined : ex.cached.firstMissByStage.get(baseIndex);
  ex.instructions.push(result(stage, instruction, status, false, miss.reason, miss.changedFiles));
  if (baseIndex === undefined || baseLine === undefined)
    return { line: instruction.startLine, viaBase: null };
  const label = stageLabel(ex.dockerfile.stages[baseIndex] as Stage);
  return { line: instruction.startLine, viaBase: { label, line: baseLine } };
}

/** One step of a needed stage; returns the stage's first miss, set by this step if it is one. */
function explainStep(ex: Explanation, stage: Stage, step: Step, firstMiss: FirstMiss): FirstMiss {
  const { instruction } = step;
  const layer = LAYER_KEYWORDS.has(instruction.keyword) || instruction.keyword === 'FROM';
  if (step.missingSources.length > 0) {
    const message = missingSourceMessage(step, ex.ignore, ex.context);
    ex.errors.push(`line ${instruction.startLine}: ${message}`);
    ex.instructions.push(
      result(stage, instruction, 'error', false, `${instruction.keyword} fails: ${message}`, []),
    );
    return firstMiss ?? { line: instruction.startLine, viaBase: null };
  }
  if (!ex.cached.noCache && ex.cached.keys.has(step.key)) {
    ex.instructions.push(
      result(stage, instruction, layer ? 'hit' : 'no-layer', true, hitReason(step, ex.current), []),
    );
    return firstMiss;
  }
  const status: LayerStatus = layer ? 'rebuild' : 'no-layer';
  if (firstMiss === null) return explainFirstMiss(ex, stage, step, status);
  const cause =
    firstMiss.viaBase !== null
      ? `its base stage ${firstMiss.viaBase.label} rebuilt (line ${firstMiss.viaBase.line})`
      : `an earlier layer in this stage rebuilt (line ${firstMiss.line})`;
  const reason = layer
    ? `${instruction.keyword} rebuilds because ${cause}.`
    : `${instruction.keyword} is re-evaluated because ${cause}; it changes only image settings, not the filesystem.`;
  ex.instructions.push(result(stage, instruction, status, false, reason, []));
  return firstMiss;
}

/** Explains every stage of the current build, in order (a stage's base is explained first). */
export function explainStages(ex: Explanation): void {
  for (const stageBuild of ex.current.stages) {
    const { stage } = stageBuild;
    const neededWhy = ex.current.needed.get(stage.index);
    if (neededWhy === undefined) {
      explainSkippedStage(ex, stageBuild);
      continue;
    }
    let firstMiss: FirstMiss = null;
    for (const step of stageBuild.steps) firstMiss = explainStep(ex, stage, step, firstMiss);
    if (firstMiss !== null) ex.cached.firstMissByStage.set(stage.index, firstMiss.line);
    ex.stages.push({
      index: stage.index,
      label: stageLabel(stage),
      needed: true,
      why: neededWhy,
      rebuilt: firstMiss !== null,
      firstRebuildLine: firstMiss?.line ?? null,
    });
  }
}
