/**
 * Phase "model" of the cache simulation: a build as the cache sees it. Every instruction gets a
 * cache key from its parent's key, its text (after variable expansion where Docker expands), the
 * checksum of the context files it reads, the keys of the stages it reads from, and for RUN the
 * build arguments in scope; each stage also tracks its files, ENV and WORKDIR.
 */
import { compareText, joinPath, matchContextSource } from './cache-context';
import { copyStep } from './cache-copy';
import { neededStages, parseMount } from './cache-stages';
import {
  type BuildModel,
  type ContextFile,
  EXPANDED_KEYWORDS,
  type ImageEntry,
  type StageBuild,
  type Step,
} from './cache-types';
import { hashString } from './hash';
import {
  expandVariables,
  parseArgDeclarations,
  parseKeyValuePairs,
  resolveFromReference,
  stageLabel,
} from './parse';
import type { Instruction, ParsedDockerfile, Stage } from './parse';

/** The inputs of one build, shared by all its stages. */
interface BuildInputs {
  dockerfile: ParsedDockerfile;
  context: readonly ContextFile[];
  buildArgs: Readonly<Record<string, string>>;
  updatedImages: ReadonlySet<string>;
  globals: Map<string, string>;
  escape: '\\' | '`';
}

/** A stage being built: what it has accumulated so far. */
interface StageScope {
  stage: Stage;
  base: StageBuild | undefined;
  stages: readonly StageBuild[];
  env: Map<string, string>;
  args: Map<string, string>;
  workdir: string;
  files: Map<string, ImageEntry>;
  runLines: number[];
}

/** What one instruction read, besides its text. */
interface StepReads {
  text: string;
  files: Map<string, string> | null;
  fromStages: { index: number; key: string }[];
  argValues: Map<string, string>;
  missingSources: string[];
}

/** An ARG's value: `--build-arg`, else its default (expanded), else the global ARG's value. */
function buildArgValue(
  name: string,
  declared: string | null,
  inputs: BuildInputs,
  vars: ReadonlyMap<string, string>,
): string | undefined {
  if (Object.prototype.hasOwnProperty.call(inputs.buildArgs, name)) return inputs.buildArgs[name];
  if (declared !== null) return expandVariables(declared, vars, inputs.escape);
  return inputs.globals.get(name);
}

function rawTextOf(instruction: Instruction): string {
  const flags = instruction.flags.map(
    (flag) => `--${flag.name}${flag.value === null ? '' : `=${flag.value}`}`,
  );
  const heredocs = instruction.heredocs.map((heredoc) => `\n${heredoc.body}\n${heredoc.delimiter}`);
  return `${flags.join(' ')} ${instruction.args}`.trim() + heredocs.join('');
}

/** FROM: keyed on the base stage's key, or on the image reference (and whether it moved). */
function fromKey(inputs: BuildInputs, scope: StageScope, reads: StepReads): string {
  const { base, stage } = scope;
  if (base !== undefined) {
    reads.fromStages.push({ index: base.stage.index, key: base.key });
    reads.text = `stage ${stageLabel(base.stage)}`;
    return hashString(`from-stage\u0000${base.key}`);
  }
  const ref = expandVariables(stage.baseImage, inputs.globals, inputs.escape);
  const platform =
    stage.platform === null
      ? ''
      : ` --platform=${expandVariables(stage.platform, inputs.globals, inputs.escape)}`;
  reads.text = `${ref}${platform}`;
  return hashString(
    `from-image\u0000${reads.text}\u0000${inputs.updatedImages.has(ref) ? 'updated' : ''}`,
  );
}

/** RUN: the ARGs in scope count, and bind mounts read context files or another stage. */
function runReads(
  inputs: BuildInputs,
  scope: StageScope,
  instruction: Instruction,
  reads: StepReads,
): void {
  for (const [name, value] of [...scope.args].sort(([a], [b]) => compareText(a, b)))
    reads.argValues.set(name, value);
  scope.runLines.push(instruction.startLine);
  for (const flag of instruction.flags) {
    if (flag.name !== 'mount' || flag.value === null) continue;
    const mount = parseMount(flag.value);
    if (mount.type !== 'bind') continue;
    if (mount.from !== null && mount.from !== '') {
      const reference = resolveFromReference(inputs.dockerfile, scope.stage.index, mount.from);
      const source = reference.kind === 'stage' ? scope.stages[reference.index] : undefined;
      if (source !== undefined)
        reads.fromStages.push({ index: source.stage.index, key: source.key });
    } else {
      reads.files ??= new Map();
      for (const { file } of matchContextSource(mount.source, inputs.context, false))
        reads.files.set(file.path, file.version);
    }
  }
}

/** Updates the stage for one non-FROM instruction and records what it read. */
function applyInstruction(
  inputs: BuildInputs,
  scope: StageScope,
  instruction: Instruction,
  vars: ReadonlyMap<string, string>,
  reads: StepReads,
): void {
  const { escape } = inputs;
  switch (instruction.keyword) {
    case 'ARG':
      // The definition itself is keyed on its text only; the value counts where it is used.
      for (const decl of parseArgDeclarations(instruction.args)) {
        scope.args.set(decl.name, buildArgValue(decl.name, decl.value, inputs, vars) ?? '');
      }
      return;
    case 'ENV':
      for (const [name, value] of parseKeyValuePairs(instruction.args, true) ?? [])
        scope.env.set(name, expandVariables(value, vars, escape));
      return;
    case 'WORKDIR':
      scope.workdir = joinPath(
        scope.workdir,
        expandVariables(instruction.args.trim(), vars, escape),
      );
      reads.text = `WORKDIR ${scope.workdir}`;
      return;
    case 'RUN':
      return runReads(inputs, scope, instruction, reads);
    case 'COPY':
    case 'ADD': {
      const { stage, stages, workdir, files } = scope;
      const copied = copyStep({
        instruction,
        stage,
        dockerfile: inputs.dockerfile,
        stages,
        context: inputs.context,
        vars,
        escape,
        workdir,
        files,
      });
      reads.files = copied.fileMap;
      reads.fromStages.push(...copied.fromStages);
      reads.missingSources.push(...copied.missingSources);
      return;
    }
  }
}

/** The cache key of a non-FROM step: parent, keyword, text, file checksum, stages and ARGs read. */
function stepKey(parentKey: string, keyword: string, reads: StepReads): string {
  const fileDigest =
    reads.files === null
      ? ''
      : hashString(
          [...reads.files]
            .map(([path, version]) => `${path}\u0001${version}`)
            .sort()
            .join('\u0002'),
        );
  const stageDigest = reads.fromStages.map((entry) => entry.key).join(',');
  const argDigest = [...reads.argValues].map(([name, value]) => `${name}=${value}`).join('\u0001');
  return hashString(
    `${parentKey}\u0000${keyword}\u0000${reads.text}\u0000${fileDigest}\u0000${stageDigest}\u0000${argDigest}`,
  );
}

/** Keys every instruction of a stage, in order, each on its parent's key. */
function buildStage(inputs: BuildInputs, stage: Stage, stages: readonly StageBuild[]): StageBuild {
  const base =
    stage.baseRef === null
      ? undefined
      : stages.find(
          (candidate) =>
            candidate.stage.name === stage.baseRef && candidate.stage.index < stage.index,
        );
  const scope: StageScope = {
    stage,
    base,
    stages,
    env: new Map(base?.env ?? []),
    args: new Map(),
    workdir: base?.workdir ?? '/',
    files: new Map(base?.files ?? []),
    runLines: base === undefined ? [] : base.runLines.slice(),
  };
  const steps: Step[] = [];
  let parentKey = '';
  for (const instruction of stage.instructions) {
    const { keyword } = instruction;
    const rawText = rawTextOf(instruction);
    // One snapshot per instruction: Docker substitutes the values from before the instruction, so
    // in `ENV A=bye B=$A` B gets A's previous value.
    const vars = new Map([...scope.args, ...scope.env]);
    const text = EXPANDED_KEYWORDS.has(keyword)
      ? expandVariables(rawText, vars, inputs.escape)
      : rawText;
    const reads: StepReads = {
      text,
      files: null,
      fromStages: [],
      argValues: new Map(),
      missingSources: [],
    };
    let key: string;
    if (keyword === 'FROM') key = fromKey(inputs, scope, reads);
    else {
      applyInstruction(inputs, scope, instruction, vars, reads);
      key = stepKey(parentKey, keyword, reads);
    }
    const { files, fromStages, argValues, missingSources } = reads;
    steps.push({
      instruction,
      parentKey,
      key,
      text: reads.text,
      rawText,
      files,
      fromStages,
      argValues,
      missingSources,
    });
    parentKey = key;
  }
  const { env, workdir, files, runLines } = scope;
  return { stage, key: parentKey, steps, files, env, workdir, runLines };
}

/** The build model of `dockerfile` over `context` with these build arguments. */
export function buildModel(
  dockerfile: ParsedDockerfile,
  context: readonly ContextFile[],
  buildArgs: Readonly<Record<string, string>>,
  updatedImages: ReadonlySet<string>,
  targetIndex: number | null,
): BuildModel {
  const escape = dockerfile.directives.escape;
  const inputs: BuildInputs = {
    dockerfile,
    context,
    buildArgs,
    updatedImages,
    globals: new Map(),
    escape,
  };
  for (const arg of dockerfile.args) {
    const value = buildArgValue(arg.name, arg.defaultValue, inputs, inputs.globals);
    if (value !== undefined) inputs.globals.set(arg.name, value);
  }
  const stages: StageBuild[] = [];
  for (const stage of dockerfile.stages) stages.push(buildStage(inputs, stage, stages));
  return { stages, needed: neededStages(dockerfile, targetIndex), targetIndex };
}
