/**
 * Phase "explain", part 1: the sentence for each cache decision. A hit says what stayed the same;
 * the first miss of a stage says what changed, by comparing the step with the cached steps built
 * on the same parent (text, a variable, files added/changed/removed, a stage it reads, an ARG).
 */
import { listPaths } from './cache-context';
import { type BuildModel, LAYER_KEYWORDS, type StageBuild, type Step } from './cache-types';
import { stageLabel } from './parse';
import type { Stage } from './parse';

/** A miss: the reason, and the context files whose change caused it. */
export interface MissReason {
  reason: string;
  changedFiles: string[];
}

/** What the cached build offers to compare a step with. */
export interface CachedBuild {
  /** Cached steps by the key of the step before them. */
  byParent: ReadonlyMap<string, Step[]>;
  /** Each cached stage's FROM step. */
  fromByStage: ReadonlyMap<number, Step>;
  /** Line of the first miss of each stage already explained. */
  firstMissByStage: ReadonlyMap<number, number>;
  /** No cached build at all (first build or --no-cache). */
  noCache: boolean;
  /** Base images whose digest moved. */
  updated: ReadonlySet<string>;
}

const labelOf = (model: BuildModel, index: number) =>
  stageLabel((model.stages[index] as StageBuild).stage);
const plain = (reason: string): MissReason => ({ reason, changedFiles: [] });

/** Why a step hit the cache. */
export function hitReason(step: Step, model: BuildModel): string {
  const { keyword } = step.instruction;
  if (keyword === 'FROM') {
    const stageRef = step.fromStages[0];
    if (stageRef === undefined) return `FROM reuses the cached base image ${step.text}.`;
    const label = labelOf(model, stageRef.index);
    return `FROM ${label} is cached: stage ${label} did not rebuild.`;
  }
  if (keyword === 'COPY' || keyword === 'ADD') {
    if (step.fromStages.length > 0) {
      const labels = step.fromStages.map((entry) => labelOf(model, entry.index));
      return `${keyword} is cached: stage ${labels.join(', ')} did not rebuild.`;
    }
    const count = step.files?.size ?? 0;
    if (count === 0)
      return `${keyword} is cached: its text and every layer before it are unchanged.`;
    if (count <= 2) {
      return `${keyword} is cached: ${listPaths([...(step.files?.keys() ?? [])])} ${count === 1 ? 'is' : 'are'} unchanged.`;
    }
    return `${keyword} is cached: the ${count} files it copies are unchanged.`;
  }
  if (keyword === 'RUN') return 'RUN is cached: its text and every layer before it are unchanged.';
  return `${keyword} is cached: it changes only image settings (no filesystem layer) and nothing before it changed.`;
}

function fromMissReason(
  step: Step,
  stage: Stage,
  model: BuildModel,
  cached: CachedBuild,
): MissReason {
  const stageRef = step.fromStages[0];
  if (stageRef !== undefined) {
    const label = labelOf(model, stageRef.index);
    const line = cached.firstMissByStage.get(stageRef.index);
    return plain(
      `FROM ${label} rebuilds: stage ${label} rebuilt${line === undefined ? '' : ` (line ${line})`}.`,
    );
  }
  const before = cached.fromByStage.get(stage.index);
  const ref = step.text;
  if (before !== undefined && before.text !== ref)
    return plain(`FROM pulls a different base image: ${before.text} → ${ref}.`);
  if (cached.updated.has(ref.split(' ')[0] ?? '')) {
    return plain(`FROM pulls a new base image: ${ref} now points to a new digest in the registry.`);
  }
  return plain(`FROM starts from ${ref}, which the earlier build did not use.`);
}

/** Files added, changed or removed between the cached step and this one; null when none. */
function fileChanges(step: Step, before: Step, verb: string): MissReason | null {
  if (step.files === null || before.files === null) return null;
  const changed: string[] = [];
  const added: string[] = [];
  const removed: string[] = [];
  for (const [path, version] of step.files) {
    const old = before.files.get(path);
    if (old === undefined) added.push(path);
    else if (old !== version) changed.push(path);
  }
  for (const path of before.files.keys()) if (!step.files.has(path)) removed.push(path);
  const parts: string[] = [];
  if (changed.length > 0) parts.push(`${listPaths(changed)} changed`);
  if (added.length > 0)
    parts.push(`${listPaths(added)} ${added.length === 1 ? 'was' : 'were'} added`);
  if (removed.length > 0)
    parts.push(`${listPaths(removed)} ${removed.length === 1 ? 'was' : 'were'} removed`);
  if (parts.length === 0) return null;
  return {
    reason: `${step.instruction.keyword} ${verb}: ${parts.join('; ')}.`,
    changedFiles: [...changed, ...added, ...removed],
  };
}

/** Same text as a cached step, so the inputs differ: files, a stage read, or an ARG. */
function inputMissReason(
  step: Step,
  before: Step,
  model: BuildModel,
  cached: CachedBuild,
  verb: string,
): MissReason {
  const { keyword } = step.instruction;
  const files = fileChanges(step, before, verb);
  if (files !== null) return files;
  const changedStages = step.fromStages.filter(
    (entry) => !before.fromStages.some((old) => old.key === entry.key),
  );
  if (changedStages.length > 0) {
    const labels = changedStages.map((entry) => {
      const line = cached.firstMissByStage.get(entry.index);
      return `${labelOf(model, entry.index)}${line === undefined ? '' : ` (line ${line})`}`;
    });
    return plain(
      `${keyword} ${verb}: stage ${labels.join(', ')} rebuilt, so the files it reads are taken to have changed.`,
    );
  }
  const changedArgs = [...step.argValues].filter(
    ([name, value]) => before.argValues.get(name) !== value,
  );
  if (changedArgs.length > 0) {
    const described = changedArgs.map(
      ([name, value]) => `${name} (${before.argValues.get(name) ?? 'unset'} → ${value})`,
    );
    return plain(
      `${keyword} ${verb}: build argument ${described.join(', ')} changed, and RUN sees every ARG in scope.`,
    );
  }
  return plain(`${keyword} ${verb}: its inputs changed.`);
}

/** Why a step missed the cache (the first miss of its stage). */
export function missReason(
  step: Step,
  stage: Stage,
  model: BuildModel,
  cached: CachedBuild,
): MissReason {
  const { keyword } = step.instruction;
  const verb = LAYER_KEYWORDS.has(keyword) || keyword === 'FROM' ? 'rebuilds' : 'is re-evaluated';
  if (cached.noCache)
    return plain(
      `${keyword} runs: there is no earlier build to reuse (first build or --no-cache).`,
    );
  if (keyword === 'FROM') return fromMissReason(step, stage, model, cached);
  const candidates = cached.byParent.get(step.parentKey) ?? [];
  const sameKeyword = candidates.filter((candidate) => candidate.instruction.keyword === keyword);
  const sameText = sameKeyword.find((candidate) => candidate.text === step.text);
  if (sameText !== undefined) return inputMissReason(step, sameText, model, cached, verb);
  const sameRaw = sameKeyword.find((candidate) => candidate.rawText === step.rawText);
  if (sameRaw !== undefined) {
    return plain(
      `${keyword} ${verb}: a variable it uses changed (${sameRaw.text.trim()} → ${step.text.trim()}).`,
    );
  }
  if (candidates.length === 0)
    return plain(
      `${keyword} ${verb}: it is new (the earlier build had nothing after the previous step).`,
    );
  return plain(`${keyword} ${verb}: its instruction text changed.`);
}
