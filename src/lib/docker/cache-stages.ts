/**
 * Stages of a multi-stage build: which one is the target, which ones it needs (BuildKit builds
 * only those, docs.docker.com/build/building/multi-stage/), and the chain a stage is built on.
 */
import type { BuildModel, StageBuild } from './cache-types';
import { resolveFromReference, stageLabel } from './parse';
import type { Instruction, ParsedDockerfile, Stage } from './parse';

/** The target stage's index (the last stage by default); an unknown name is an error. */
export function resolveTarget(
  dockerfile: ParsedDockerfile,
  target: string | undefined,
  errors: string[],
): number | null {
  const last = dockerfile.stages.length - 1;
  if (last < 0) return null;
  if (target === undefined || target === '') return last;
  const lowered = target.toLowerCase();
  const named = dockerfile.stages.find((stage) => stage.name === lowered);
  if (named !== undefined) return named.index;
  if (/^\d+$/.test(target) && Number(target) <= last) return Number(target);
  errors.push(`target stage "${target}" does not exist; building the last stage instead`);
  return last;
}

/** A RUN --mount value's type, source and `from`. */
export interface MountSpec {
  type: string;
  source: string;
  from: string | null;
}

/** Reads `type=bind,source=x,from=stage` from a RUN --mount value. */
export function parseMount(value: string): MountSpec {
  const spec: MountSpec = { type: 'bind', source: '.', from: null };
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    const val = eq < 0 ? '' : part.slice(eq + 1).trim();
    if (key === 'type') spec.type = val;
    else if (key === 'source' || key === 'src') spec.source = val;
    else if (key === 'from') spec.from = val;
  }
  return spec;
}

/** Which stages the target needs, with the reason for each (BuildKit's stage pruning). */
export function neededStages(
  dockerfile: ParsedDockerfile,
  targetIndex: number | null,
): Map<number, string> {
  const needed = new Map<number, string>();
  if (targetIndex === null) return needed;
  const target = dockerfile.stages[targetIndex];
  if (target === undefined) return needed;
  needed.set(targetIndex, 'the target stage');
  const queue: Stage[] = [target];
  while (queue.length > 0) {
    const stage = queue.shift() as Stage;
    const label = stageLabel(stage);
    const add = (index: number, why: string): void => {
      const dependency = dockerfile.stages[index];
      if (dependency === undefined || needed.has(index)) return;
      needed.set(index, why);
      queue.push(dependency);
    };
    if (stage.baseRef !== null) {
      const base = dockerfile.stages.find(
        (candidate) => candidate.name === stage.baseRef && candidate.index < stage.index,
      );
      if (base !== undefined)
        add(
          base.index,
          `stage ${label} is built on it (line ${stage.instructions[0]?.startLine ?? 0})`,
        );
    }
    for (const instruction of stage.instructions) {
      for (const reference of stageReferences(dockerfile, stage, instruction)) {
        add(reference, `stage ${label} copies from it (line ${instruction.startLine})`);
      }
    }
  }
  return needed;
}

/** Stages an instruction reads from (COPY --from, RUN --mount from=). */
export function stageReferences(
  dockerfile: ParsedDockerfile,
  stage: Stage,
  instruction: Instruction,
): number[] {
  const out: number[] = [];
  for (const flag of instruction.flags) {
    let value: string | null = null;
    if (flag.name === 'from' && (instruction.keyword === 'COPY' || instruction.keyword === 'ADD'))
      value = flag.value;
    if (flag.name === 'mount' && instruction.keyword === 'RUN' && flag.value !== null)
      value = parseMount(flag.value).from;
    if (value === null || value === '') continue;
    const reference = resolveFromReference(dockerfile, stage.index, value);
    if (reference.kind === 'stage') out.push(reference.index);
  }
  return out;
}

/** A stage and the stages it is built on (FROM stage), base first. */
export function stageChain(model: BuildModel, index: number): StageBuild[] {
  const chain: StageBuild[] = [];
  let current = model.stages[index];
  const seen = new Set<number>();
  while (current !== undefined && !seen.has(current.stage.index)) {
    seen.add(current.stage.index);
    chain.unshift(current);
    const baseRef = current.stage.baseRef;
    if (baseRef === null) break;
    const stageIndex: number = current.stage.index;
    current = model.stages.find(
      (candidate) => candidate.stage.name === baseRef && candidate.stage.index < stageIndex,
    );
  }
  return chain;
}
