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
 */
import {
  cleanPath,
  compileGlob,
  filterBuildContext,
  matchDockerignore,
  parseDockerignore,
} from './dockerignore';
import type { ParsedDockerignore } from './dockerignore';
import { hashString } from './hash';
import {
  expandVariables,
  parseArgDeclarations,
  parseDockerfile,
  parseKeyValuePairs,
  resolveFromReference,
  splitWords,
  stageLabel,
} from './parse';
import type { Instruction, ParsedDockerfile, Stage } from './parse';

/** One file of the build context; `version` stands in for a content hash. */
export interface ContextFile {
  /** Path relative to the context root, slash-separated. */
  path: string;
  /** Content version: two files with equal versions have equal bytes. */
  version: string;
  /** Size in bytes, when known (for context-size figures). */
  size?: number;
  /** How many files this entry stands for when it summarizes a folder (default 1). */
  files?: number;
}

/**
 * What changed since the cached build: either the paths whose content changed (a listed path that
 * is absent from the current context is taken to have been deleted), or the whole previous context.
 */
export type ContextChange =
  { changedPaths: readonly string[] } | { previousContext: readonly ContextFile[] };

/** Options of {@link simulateLayerCache}. */
export interface LayerCacheOptions {
  /** `.dockerignore` text of the current build; null or absent means there is none. */
  dockerignore?: string | null;
  /** `.dockerignore` of the cached build; defaults to the current one. */
  previousDockerignore?: string | null;
  /** The Dockerfile of the cached build; defaults to the current one. */
  previousDockerfile?: ParsedDockerfile;
  /** Target stage (name or index); defaults to the last stage. */
  target?: string;
  /** `--build-arg` values of the current build. */
  buildArgs?: Readonly<Record<string, string>>;
  /** `--build-arg` values of the cached build; default to the current ones. */
  previousBuildArgs?: Readonly<Record<string, string>>;
  /** Base image references whose registry digest moved since the cached build (`--pull`). */
  updatedBaseImages?: readonly string[];
  /** True when there is no cached build at all (first build, or `--no-cache`). */
  noCache?: boolean;
}

/** Cache outcome of one instruction. */
export type LayerStatus = 'hit' | 'rebuild' | 'no-layer' | 'skipped' | 'error';

/** What the simulation decided for one instruction, and why. */
export interface InstructionCacheResult {
  /** Stage index, or -1 for a global ARG. */
  stageIndex: number;
  /** Stage label (`deps`, `stage 0`), or `global` for ARGs before the first FROM. */
  stage: string;
  /** Instruction keyword. */
  keyword: string;
  /** First source line. */
  line: number;
  /** Last source line. */
  endLine: number;
  /** `hit`/`rebuild` for layer-writing steps and FROM; `no-layer` for metadata; `skipped` for unneeded stages. */
  status: LayerStatus;
  /** Whether the builder reused its cache entry (metadata steps included); false when skipped. */
  cached: boolean;
  /** The decision in one sentence. */
  reason: string;
  /** Context files whose change caused the miss (first miss of a stage only). */
  changedFiles: string[];
}

/** What the simulation decided for one stage. */
export interface StageCacheResult {
  /** Stage index. */
  index: number;
  /** Stage label. */
  label: string;
  /** True when the target depends on this stage. */
  needed: boolean;
  /** Why it is built or skipped, in words. */
  why: string;
  /** True when any of its steps misses the cache. */
  rebuilt: boolean;
  /** Line of its first cache miss, or null. */
  firstRebuildLine: number | null;
}

/** A path in an image's filesystem and where it came from. */
export interface ImageEntry {
  /** Absolute path inside the image. */
  path: string;
  /** `context`: a build-context file; `heredoc`: inline file; `stage-file`: a file another stage copied
   * in from the context; `stage-output`: something a RUN in another stage produced; `image`: from another image. */
  origin: 'context' | 'heredoc' | 'stage-file' | 'stage-output' | 'image';
  /** Context path, or a description of the producing stage or image. */
  source: string;
  /** Line of the instruction that put it in the final stage. */
  line: number;
  /** Whether the entry is a single file or a whole directory the simulation cannot list. */
  kind: 'file' | 'directory';
}

/** A filesystem layer of the final image. */
export interface FinalLayer {
  /** Stage label the layer was built in. */
  stage: string;
  /** Source line, or 0 for the base image. */
  line: number;
  /** `FROM` for the base image, else RUN/COPY/ADD. */
  keyword: string;
  /** Text shown for the layer (image reference or instruction arguments). */
  detail: string;
  /** Cache outcome. */
  status: LayerStatus;
}

/** Full result of {@link simulateLayerCache}. */
export interface LayerCacheReport {
  /** One entry per instruction in source order (global ARGs included). */
  instructions: InstructionCacheResult[];
  /** One entry per stage. */
  stages: StageCacheResult[];
  /** The target stage, or null when the Dockerfile has no stage. */
  target: { index: number; label: string } | null;
  /** Filesystem layers of the final image, base first. */
  finalLayers: FinalLayer[];
  /** What the final image contains beyond its base image. */
  finalFiles: ImageEntry[];
  /** Build-context figures after `.dockerignore`. */
  context: { sentFiles: number; sentBytes: number; ignoredFiles: number; ignoredBytes: number };
  /** Counts of layer-writing steps in needed stages. */
  counts: { layers: number; rebuilt: number; cached: number };
  /** One-sentence summary. */
  summary: string;
  /** Problems that stop the simulated build (bad target, missing COPY sources, bad ignore lines). */
  errors: string[];
}

interface Step {
  instruction: Instruction;
  parentKey: string;
  key: string;
  /** Text the cache compares (after variable expansion where Docker expands). */
  text: string;
  /** Raw text as written (to tell "text changed" from "a variable changed"). */
  rawText: string;
  files: Map<string, string> | null;
  fromStages: { index: number; key: string }[];
  argValues: Map<string, string>;
  missingSources: string[];
}

interface StageBuild {
  stage: Stage;
  key: string;
  steps: Step[];
  files: Map<string, ImageEntry>;
  env: Map<string, string>;
  workdir: string;
  runLines: number[];
}

interface BuildModel {
  stages: StageBuild[];
  needed: Map<number, string>;
  targetIndex: number | null;
}

const LAYER_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);
// Instructions whose arguments Docker runs through environment replacement.
const EXPANDED_KEYWORDS = new Set([
  'ADD',
  'COPY',
  'ENV',
  'EXPOSE',
  'LABEL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
  'ONBUILD',
]);

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
  const previousBuildArgs = options.previousBuildArgs ?? buildArgs;
  const updated = new Set(options.updatedBaseImages ?? []);

  const targetIndex = resolveTarget(dockerfile, options.target, errors);
  const current = buildModel(dockerfile, filtered.sent, buildArgs, updated, targetIndex);
  const previousDockerfile = options.previousDockerfile ?? dockerfile;
  const previousTarget = resolveTarget(previousDockerfile, options.target, []);
  const previous = buildModel(
    previousDockerfile,
    previousFiltered.sent,
    previousBuildArgs,
    new Set(),
    previousTarget,
  );

  const previousKeys = new Set<string>();
  const previousByParent = new Map<string, Step[]>();
  const previousFromByStage = new Map<number, Step>();
  if (options.noCache !== true) {
    for (const stageBuild of previous.stages) {
      if (!previous.needed.has(stageBuild.stage.index)) continue;
      for (const step of stageBuild.steps) {
        previousKeys.add(step.key);
        const list = previousByParent.get(step.parentKey) ?? [];
        list.push(step);
        previousByParent.set(step.parentKey, list);
      }
      const from = stageBuild.steps[0];
      if (from !== undefined) previousFromByStage.set(stageBuild.stage.index, from);
    }
  }

  const instructions: InstructionCacheResult[] = dockerfile.globalInstructions.map(
    (instruction) => ({
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
    }),
  );
  const stageResults: StageCacheResult[] = [];
  const firstMissByStage = new Map<number, number>();

  for (const stageBuild of current.stages) {
    const { stage } = stageBuild;
    const label = stageLabel(stage);
    const neededWhy = current.needed.get(stage.index);
    if (neededWhy === undefined) {
      const targetLabel =
        current.targetIndex === null
          ? ''
          : stageLabel(dockerfile.stages[current.targetIndex] as Stage);
      for (const step of stageBuild.steps) {
        instructions.push(
          result(
            stage,
            step.instruction,
            'skipped',
            false,
            `Skipped: the target stage ${targetLabel} does not depend on stage ${label}, so BuildKit never builds it.`,
            [],
          ),
        );
      }
      stageResults.push({
        index: stage.index,
        label,
        needed: false,
        why: `not needed by the target ${targetLabel}`,
        rebuilt: false,
        firstRebuildLine: null,
      });
      continue;
    }
    let firstMiss: { line: number; viaBase: { label: string; line: number } | null } | null = null;
    for (const step of stageBuild.steps) {
      const instruction = step.instruction;
      const layer = LAYER_KEYWORDS.has(instruction.keyword) || instruction.keyword === 'FROM';
      if (step.missingSources.length > 0) {
        errors.push(
          `line ${instruction.startLine}: ${missingSourceMessage(step, ignore, cleanContext)}`,
        );
        instructions.push(
          result(
            stage,
            instruction,
            'error',
            false,
            `${instruction.keyword} fails: ${missingSourceMessage(step, ignore, cleanContext)}`,
            [],
          ),
        );
        firstMiss ??= { line: instruction.startLine, viaBase: null };
        continue;
      }
      const hit = options.noCache !== true && previousKeys.has(step.key);
      if (hit) {
        instructions.push(
          result(
            stage,
            instruction,
            layer ? 'hit' : 'no-layer',
            true,
            hitReason(step, current),
            [],
          ),
        );
        continue;
      }
      const status: LayerStatus = layer ? 'rebuild' : 'no-layer';
      if (firstMiss === null) {
        const miss = missReason(
          step,
          stage,
          current,
          previousByParent,
          previousFromByStage,
          firstMissByStage,
          options.noCache === true,
          updated,
        );
        const baseIndex = instruction.keyword === 'FROM' ? step.fromStages[0]?.index : undefined;
        const baseLine = baseIndex === undefined ? undefined : firstMissByStage.get(baseIndex);
        firstMiss =
          baseIndex !== undefined && baseLine !== undefined
            ? {
                line: instruction.startLine,
                viaBase: {
                  label: stageLabel(dockerfile.stages[baseIndex] as Stage),
                  line: baseLine,
                },
              }
            : { line: instruction.startLine, viaBase: null };
        instructions.push(
          result(stage, instruction, status, false, miss.reason, miss.changedFiles),
        );
      } else {
        const cause =
          firstMiss.viaBase !== null
            ? `its base stage ${firstMiss.viaBase.label} rebuilt (line ${firstMiss.viaBase.line})`
            : `an earlier layer in this stage rebuilt (line ${firstMiss.line})`;
        const reason = layer
          ? `${instruction.keyword} rebuilds because ${cause}.`
          : `${instruction.keyword} is re-evaluated because ${cause}; it changes only image settings, not the filesystem.`;
        instructions.push(result(stage, instruction, status, false, reason, []));
      }
    }
    if (firstMiss !== null) firstMissByStage.set(stage.index, firstMiss.line);
    stageResults.push({
      index: stage.index,
      label,
      needed: true,
      why: neededWhy,
      rebuilt: firstMiss !== null,
      firstRebuildLine: firstMiss?.line ?? null,
    });
  }

  instructions.sort((a, b) => a.line - b.line);
  const statusByLine = new Map(instructions.map((entry) => [entry.line, entry.status]));
  const finalLayers: FinalLayer[] = [];
  const finalFiles: ImageEntry[] = [];
  if (current.targetIndex !== null) {
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
      for (const step of stageBuild.steps) {
        if (!LAYER_KEYWORDS.has(step.instruction.keyword)) continue;
        finalLayers.push({
          stage: stageLabel(stageBuild.stage),
          line: step.instruction.startLine,
          keyword: step.instruction.keyword,
          detail: step.instruction.args,
          status: statusByLine.get(step.instruction.startLine) ?? 'hit',
        });
      }
    }
    const target = current.stages[current.targetIndex];
    if (target !== undefined)
      finalFiles.push(...[...target.files.values()].sort((a, b) => compareText(a.path, b.path)));
  }

  let layers = 0;
  let rebuilt = 0;
  for (const entry of instructions) {
    if (entry.keyword === 'FROM' || !LAYER_KEYWORDS.has(entry.keyword)) continue;
    if (entry.status === 'skipped') continue;
    layers++;
    if (entry.status !== 'hit') rebuilt++;
  }
  const sentBytes = filtered.sent.reduce((sum, file) => sum + (file.size ?? 0), 0);
  const ignoredBytes = filtered.ignored.reduce((sum, item) => sum + (item.file.size ?? 0), 0);
  const targetStage =
    current.targetIndex === null ? undefined : dockerfile.stages[current.targetIndex];
  const skipped = stageResults.filter((stage) => !stage.needed).map((stage) => stage.label);
  const summary =
    targetStage === undefined
      ? 'Nothing to build: the Dockerfile has no FROM.'
      : `${rebuilt} of ${layers} layers rebuild for target ${stageLabel(targetStage)}` +
        (skipped.length > 0
          ? `; stage${skipped.length > 1 ? 's' : ''} ${skipped.join(', ')} skipped`
          : '') +
        '.';
  return {
    instructions,
    stages: stageResults,
    target:
      targetStage === undefined
        ? null
        : { index: targetStage.index, label: stageLabel(targetStage) },
    finalLayers,
    finalFiles,
    context: {
      sentFiles: filtered.sent.reduce((sum, file) => sum + (file.files ?? 1), 0),
      sentBytes,
      ignoredFiles: filtered.ignored.reduce((sum, item) => sum + (item.file.files ?? 1), 0),
      ignoredBytes,
    },
    counts: { layers, rebuilt, cached: layers - rebuilt },
    summary,
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

// The widget re-simulates on every keystroke with the same one or two .dockerignore texts; keeping
// their parses keeps the per-path decisions memoised in dockerignore.ts across calls.
const ignoreCache = new Map<string, ParsedDockerignore>();
const IGNORE_CACHE_SIZE = 8;

function parsedIgnore(text: string): ParsedDockerignore {
  const cached = ignoreCache.get(text);
  if (cached !== undefined) return cached;
  const parsed = parseDockerignore(text);
  if (ignoreCache.size >= IGNORE_CACHE_SIZE)
    ignoreCache.delete(ignoreCache.keys().next().value as string);
  ignoreCache.set(text, parsed);
  return parsed;
}

/** Context paths cleaned once (`./a//b` → `a/b`), so matching can compare strings directly. */
function normalizeContext(files: readonly ContextFile[]): ContextFile[] {
  return files.map((file) => {
    const path = cleanPath(`/${file.path}`).slice(1);
    return path === file.path ? file : { ...file, path };
  });
}

function previousContextOf(context: readonly ContextFile[], change: ContextChange): ContextFile[] {
  if ('previousContext' in change) return normalizeContext(change.previousContext);
  const changed = new Set(change.changedPaths.map((path) => cleanPath(`/${path}`).slice(1)));
  const present = new Set<string>();
  const previous = context.map((file) => {
    const path = file.path;
    present.add(path);
    return changed.has(path) ? { ...file, version: `${file.version}~before` } : file;
  });
  for (const path of changed)
    if (!present.has(path)) previous.push({ path, version: 'deleted-since' });
  return previous;
}

function resolveTarget(
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

interface MountSpec {
  type: string;
  source: string;
  from: string | null;
}

/** Reads `type=bind,source=x,from=stage` from a RUN --mount value. */
function parseMount(value: string): MountSpec {
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
function neededStages(
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

function stageReferences(
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

function stageChain(model: BuildModel, index: number): StageBuild[] {
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

function hasGlob(path: string): boolean {
  return /[*?[]/.test(path);
}

function joinPath(base: string, path: string): string {
  return cleanPath(path.startsWith('/') ? path : `${base}/${path}`);
}

function basename(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}

/** Files a COPY/ADD source matches in the context, with the path each lands at relative to the destination. */
function matchContextSource(
  source: string,
  files: readonly ContextFile[],
  parents: boolean,
): { file: ContextFile; rel: string }[] {
  // Sources are relative to the context; `/` and `..` cannot leave it.
  const clean = cleanPath(`/${source}`).slice(1);
  const out: { file: ContextFile; rel: string }[] = [];
  if (clean === '') {
    for (const file of files) out.push({ file, rel: file.path });
    return out;
  }
  const regex = hasGlob(clean) ? compileGlob(clean) : null;
  for (const file of files) {
    const path = file.path;
    const matches =
      regex === null
        ? (candidate: string): boolean => candidate === clean
        : (candidate: string): boolean => regex.test(candidate);
    if (matches(path)) {
      out.push({ file, rel: parents ? path : basename(path) });
      continue;
    }
    const segments = path.split('/');
    for (let end = 1; end < segments.length; end++) {
      const dir = segments.slice(0, end).join('/');
      if (matches(dir)) {
        out.push({ file, rel: parents ? path : segments.slice(end).join('/') });
        break;
      }
    }
  }
  return out;
}

function buildArgValue(
  name: string,
  declared: string | null,
  buildArgs: Readonly<Record<string, string>>,
  globals: ReadonlyMap<string, string>,
  vars: ReadonlyMap<string, string>,
  escape: '\\' | '`',
): string | undefined {
  if (Object.prototype.hasOwnProperty.call(buildArgs, name)) return buildArgs[name];
  if (declared !== null) return expandVariables(declared, vars, escape);
  return globals.get(name);
}

function buildModel(
  dockerfile: ParsedDockerfile,
  context: readonly ContextFile[],
  buildArgs: Readonly<Record<string, string>>,
  updatedImages: ReadonlySet<string>,
  targetIndex: number | null,
): BuildModel {
  const escape = dockerfile.directives.escape;
  const globals = new Map<string, string>();
  for (const arg of dockerfile.args) {
    const value = buildArgValue(arg.name, arg.defaultValue, buildArgs, globals, globals, escape);
    if (value !== undefined) globals.set(arg.name, value);
  }
  const stages: StageBuild[] = [];
  for (const stage of dockerfile.stages) {
    const base =
      stage.baseRef === null
        ? undefined
        : stages.find(
            (candidate) =>
              candidate.stage.name === stage.baseRef && candidate.stage.index < stage.index,
          );
    const env = new Map(base?.env ?? []);
    const args = new Map<string, string>();
    let workdir = base?.workdir ?? '/';
    const files = new Map(base?.files ?? []);
    const runLines = base === undefined ? [] : base.runLines.slice();
    const steps: Step[] = [];
    const vars = (): Map<string, string> => new Map([...args, ...env]);
    let parentKey = '';
    for (const instruction of stage.instructions) {
      const keyword = instruction.keyword;
      const rawText =
        `${instruction.flags.map((flag) => `--${flag.name}${flag.value === null ? '' : `=${flag.value}`}`).join(' ')} ${instruction.args}`.trim() +
        instruction.heredocs.map((heredoc) => `\n${heredoc.body}\n${heredoc.delimiter}`).join('');
      // One snapshot per instruction: Docker substitutes the values from before the instruction, so
      // in `ENV A=bye B=$A` B gets A's previous value.
      const scope = vars();
      let text = EXPANDED_KEYWORDS.has(keyword) ? expandVariables(rawText, scope, escape) : rawText;
      let fileMap: Map<string, string> | null = null;
      const fromStages: { index: number; key: string }[] = [];
      const argValues = new Map<string, string>();
      const missingSources: string[] = [];
      let key: string;
      if (keyword === 'FROM') {
        if (base !== undefined) {
          fromStages.push({ index: base.stage.index, key: base.key });
          text = `stage ${stageLabel(base.stage)}`;
          key = hashString(`from-stage\u0000${base.key}`);
        } else {
          const ref = expandVariables(stage.baseImage, globals, escape);
          text = `${ref}${stage.platform === null ? '' : ` --platform=${expandVariables(stage.platform, globals, escape)}`}`;
          key = hashString(
            `from-image\u0000${text}\u0000${updatedImages.has(ref) ? 'updated' : ''}`,
          );
        }
      } else {
        if (keyword === 'ARG') {
          // The definition itself is keyed on its text only; the value counts where it is used.
          for (const decl of parseArgDeclarations(instruction.args)) {
            const value = buildArgValue(decl.name, decl.value, buildArgs, globals, scope, escape);
            args.set(decl.name, value ?? '');
          }
          text = rawText;
        } else if (keyword === 'ENV') {
          for (const [name, value] of parseKeyValuePairs(instruction.args, true) ?? []) {
            env.set(name, expandVariables(value, scope, escape));
          }
        } else if (keyword === 'WORKDIR') {
          workdir = joinPath(workdir, expandVariables(instruction.args.trim(), scope, escape));
          text = `WORKDIR ${workdir}`;
        } else if (keyword === 'RUN') {
          for (const [name, value] of [...args].sort(([a], [b]) => compareText(a, b)))
            argValues.set(name, value);
          runLines.push(instruction.startLine);
          for (const flag of instruction.flags) {
            if (flag.name !== 'mount' || flag.value === null) continue;
            const mount = parseMount(flag.value);
            if (mount.type !== 'bind') continue;
            if (mount.from !== null && mount.from !== '') {
              const reference = resolveFromReference(dockerfile, stage.index, mount.from);
              const source = reference.kind === 'stage' ? stages[reference.index] : undefined;
              if (source !== undefined)
                fromStages.push({ index: source.stage.index, key: source.key });
            } else {
              fileMap ??= new Map();
              for (const { file } of matchContextSource(mount.source, context, false))
                fileMap.set(file.path, file.version);
            }
          }
        } else if (keyword === 'COPY' || keyword === 'ADD') {
          fileMap = new Map();
          copyStep(
            instruction,
            stage,
            dockerfile,
            stages,
            context,
            scope,
            escape,
            workdir,
            files,
            fileMap,
            fromStages,
            missingSources,
          );
        }
        const fileDigest =
          fileMap === null
            ? ''
            : hashString(
                [...fileMap]
                  .map(([path, version]) => `${path}\u0001${version}`)
                  .sort()
                  .join('\u0002'),
              );
        const stageDigest = fromStages.map((entry) => entry.key).join(',');
        const argDigest = [...argValues].map(([name, value]) => `${name}=${value}`).join('\u0001');
        key = hashString(
          `${parentKey}\u0000${keyword}\u0000${text}\u0000${fileDigest}\u0000${stageDigest}\u0000${argDigest}`,
        );
      }
      steps.push({
        instruction,
        parentKey,
        key,
        text,
        rawText,
        files: fileMap,
        fromStages,
        argValues,
        missingSources,
      });
      parentKey = key;
    }
    stages.push({ stage, key: parentKey, steps, files, env, workdir, runLines });
  }
  return { stages, needed: neededStages(dockerfile, targetIndex), targetIndex };
}

function copyStep(
  instruction: Instruction,
  stage: Stage,
  dockerfile: ParsedDockerfile,
  stages: readonly StageBuild[],
  context: readonly ContextFile[],
  vars: ReadonlyMap<string, string>,
  escape: '\\' | '`',
  workdir: string,
  files: Map<string, ImageEntry>,
  fileMap: Map<string, string>,
  fromStages: { index: number; key: string }[],
  missingSources: string[],
): void {
  const words = (instruction.json ?? splitWords(instruction.args)).map((word) =>
    expandVariables(word, vars, escape),
  );
  if (words.length < 1) return;
  const destination = words[words.length - 1] ?? '';
  const heredocNames = new Set(instruction.heredocs.map((heredoc) => heredoc.delimiter));
  const sources = words.slice(0, -1);
  const line = instruction.startLine;
  const destRoot = joinPath(workdir, destination);
  // A destination is a directory when written as one, when several files go there, or when it
  // already is one (`.` is the WORKDIR, which WORKDIR created).
  const destIsDir =
    destination.endsWith('/') ||
    /(^|\/)\.\.?$/.test(destination) ||
    destRoot === workdir ||
    sources.length > 1 ||
    sources.some(hasGlob) ||
    [...files.keys()].some((path) => path.startsWith(`${destRoot}/`));
  // `rel` is built from clean context paths, so appending it keeps the path clean.
  const place = (rel: string, singleFile: boolean): string =>
    singleFile && !destIsDir
      ? destRoot
      : rel === ''
        ? destRoot
        : `${destRoot === '/' ? '' : destRoot}/${rel}`;
  const parents = instruction.flags.some((flag) => flag.name === 'parents');
  const excludes = instruction.flags
    .filter((flag) => flag.name === 'exclude' && flag.value !== null)
    .map((flag) => flag.value ?? '');
  const exclude: ParsedDockerignore | null =
    excludes.length > 0 ? parseDockerignore(excludes.join('\n')) : null;

  const fromFlag = instruction.flags.find((flag) => flag.name === 'from');
  const fromValue = fromFlag?.value ?? null;
  if (fromValue !== null && fromValue !== '') {
    const reference = resolveFromReference(
      dockerfile,
      stage.index,
      expandVariables(fromValue, vars, escape),
    );
    const source = reference.kind === 'stage' ? stages[reference.index] : undefined;
    if (source !== undefined) fromStages.push({ index: source.stage.index, key: source.key });
    for (const word of sources) {
      const sourcePath = cleanPath(`/${word}`);
      if (reference.kind === 'image') {
        files.set(place(basename(sourcePath), !destIsDir), {
          path: place(basename(sourcePath), !destIsDir),
          origin: 'image',
          source: `${reference.ref}:${sourcePath}`,
          line,
          kind: 'directory',
        });
        continue;
      }
      if (source === undefined) continue;
      const label = stageLabel(source.stage);
      let found = false;
      let exactFile = false;
      for (const entry of source.files.values()) {
        if (entry.path === sourcePath) {
          found = true;
          exactFile = true;
          const path = place(basename(entry.path), true);
          files.set(path, {
            ...entry,
            path,
            origin: 'stage-file',
            source: `${label}:${entry.path} (from ${entry.source})`,
            line,
          });
        } else if (entry.path.startsWith(`${sourcePath === '/' ? '' : sourcePath}/`)) {
          found = true;
          const path = joinPath(destRoot, entry.path.slice(sourcePath.length + 1));
          files.set(path, {
            ...entry,
            path,
            origin: 'stage-file',
            source: `${label}:${entry.path} (from ${entry.source})`,
            line,
          });
        }
      }
      // Known files are listed; whatever a RUN in that stage wrote under the path is opaque to the model.
      if (!found || (!exactFile && source.runLines.length > 0)) {
        // A directory's contents land in the destination; a file lands at it (or inside it, when it is
        // a directory). The model cannot see which a RUN produced, so a name with an extension is a file.
        const looksLikeFile = !found && basename(sourcePath).includes('.');
        const path = looksLikeFile ? place(basename(sourcePath), !destIsDir) : destRoot;
        const runs =
          source.runLines.length > 0
            ? `written by RUN on line${source.runLines.length > 1 ? 's' : ''} ${source.runLines.join(', ')}`
            : 'from its base image';
        files.set(path, {
          path,
          origin: 'stage-output',
          source: `${label}:${sourcePath} (${runs})`,
          line,
          kind: looksLikeFile ? 'file' : 'directory',
        });
      }
    }
    return;
  }

  for (const word of sources) {
    const heredoc = /^<<-?["']?([A-Za-z_][A-Za-z0-9_]*)["']?$/.exec(word);
    if (heredoc !== null && heredocNames.has(heredoc[1] ?? '')) {
      const name = heredoc[1] ?? '';
      const path = place(name, !destIsDir);
      files.set(path, { path, origin: 'heredoc', source: `heredoc <<${name}`, line, kind: 'file' });
      continue;
    }
    if (instruction.keyword === 'ADD' && /^(https?:\/\/|git@|[a-z0-9.-]+\.git(#|$))/i.test(word)) {
      const path = place(basename(word), !destIsDir);
      files.set(path, { path, origin: 'image', source: `download ${word}`, line, kind: 'file' });
      continue;
    }
    let matches = matchContextSource(word, context, parents);
    if (exclude !== null)
      matches = matches.filter(({ file }) => !matchDockerignore(exclude, file.path).ignored);
    if (matches.length === 0) {
      missingSources.push(word);
      continue;
    }
    const singleFile =
      matches.length === 1 && matches[0]?.file.path === cleanPath(`/${word}`).slice(1);
    for (const { file, rel } of matches) {
      const contextPath = file.path;
      fileMap.set(contextPath, file.version);
      const path = place(rel, singleFile);
      files.set(path, { path, origin: 'context', source: contextPath, line, kind: 'file' });
    }
  }
}

function listPaths(paths: readonly string[], limit = 3): string {
  if (paths.length <= limit) {
    if (paths.length <= 1) return paths.join('');
    return `${paths.slice(0, -1).join(', ')} and ${paths[paths.length - 1] ?? ''}`;
  }
  return `${paths.slice(0, limit).join(', ')} and ${paths.length - limit} more`;
}

function hitReason(step: Step, model: BuildModel): string {
  const { keyword } = step.instruction;
  if (keyword === 'FROM') {
    const stageRef = step.fromStages[0];
    if (stageRef !== undefined) {
      const label = stageLabel((model.stages[stageRef.index] as StageBuild).stage);
      return `FROM ${label} is cached: stage ${label} did not rebuild.`;
    }
    return `FROM reuses the cached base image ${step.text}.`;
  }
  if (keyword === 'COPY' || keyword === 'ADD') {
    if (step.fromStages.length > 0) {
      const labels = step.fromStages.map((entry) =>
        stageLabel((model.stages[entry.index] as StageBuild).stage),
      );
      return `${keyword} is cached: stage ${labels.join(', ')} did not rebuild.`;
    }
    const count = step.files?.size ?? 0;
    if (count === 0)
      return `${keyword} is cached: its text and every layer before it are unchanged.`;
    if (count <= 2)
      return `${keyword} is cached: ${listPaths([...(step.files?.keys() ?? [])])} ${count === 1 ? 'is' : 'are'} unchanged.`;
    return `${keyword} is cached: the ${count} files it copies are unchanged.`;
  }
  if (keyword === 'RUN') return 'RUN is cached: its text and every layer before it are unchanged.';
  return `${keyword} is cached: it changes only image settings (no filesystem layer) and nothing before it changed.`;
}

function missReason(
  step: Step,
  stage: Stage,
  model: BuildModel,
  previousByParent: ReadonlyMap<string, Step[]>,
  previousFromByStage: ReadonlyMap<number, Step>,
  firstMissByStage: ReadonlyMap<number, number>,
  noCache: boolean,
  updated: ReadonlySet<string>,
): { reason: string; changedFiles: string[] } {
  const { keyword } = step.instruction;
  const verb = LAYER_KEYWORDS.has(keyword) || keyword === 'FROM' ? 'rebuilds' : 'is re-evaluated';
  if (noCache)
    return {
      reason: `${keyword} runs: there is no earlier build to reuse (first build or --no-cache).`,
      changedFiles: [],
    };
  if (keyword === 'FROM') {
    const stageRef = step.fromStages[0];
    if (stageRef !== undefined) {
      const label = stageLabel((model.stages[stageRef.index] as StageBuild).stage);
      const line = firstMissByStage.get(stageRef.index);
      return {
        reason: `FROM ${label} rebuilds: stage ${label} rebuilt${line === undefined ? '' : ` (line ${line})`}.`,
        changedFiles: [],
      };
    }
    const before = previousFromByStage.get(stage.index);
    const ref = step.text;
    if (before !== undefined && before.text !== ref)
      return {
        reason: `FROM pulls a different base image: ${before.text} → ${ref}.`,
        changedFiles: [],
      };
    if (updated.has(ref.split(' ')[0] ?? '')) {
      return {
        reason: `FROM pulls a new base image: ${ref} now points to a new digest in the registry.`,
        changedFiles: [],
      };
    }
    return {
      reason: `FROM starts from ${ref}, which the earlier build did not use.`,
      changedFiles: [],
    };
  }
  const candidates = previousByParent.get(step.parentKey) ?? [];
  const sameKeyword = candidates.filter((candidate) => candidate.instruction.keyword === keyword);
  const sameText = sameKeyword.find((candidate) => candidate.text === step.text);
  if (sameText === undefined) {
    const sameRaw = sameKeyword.find((candidate) => candidate.rawText === step.rawText);
    if (sameRaw !== undefined) {
      return {
        reason: `${keyword} ${verb}: a variable it uses changed (${sameRaw.text.trim()} → ${step.text.trim()}).`,
        changedFiles: [],
      };
    }
    if (candidates.length === 0)
      return {
        reason: `${keyword} ${verb}: it is new (the earlier build had nothing after the previous step).`,
        changedFiles: [],
      };
    return { reason: `${keyword} ${verb}: its instruction text changed.`, changedFiles: [] };
  }
  if (step.files !== null && sameText.files !== null) {
    const changed: string[] = [];
    const added: string[] = [];
    const removed: string[] = [];
    for (const [path, version] of step.files) {
      const before = sameText.files.get(path);
      if (before === undefined) added.push(path);
      else if (before !== version) changed.push(path);
    }
    for (const path of sameText.files.keys()) if (!step.files.has(path)) removed.push(path);
    const parts: string[] = [];
    if (changed.length > 0) parts.push(`${listPaths(changed)} changed`);
    if (added.length > 0)
      parts.push(`${listPaths(added)} ${added.length === 1 ? 'was' : 'were'} added`);
    if (removed.length > 0)
      parts.push(`${listPaths(removed)} ${removed.length === 1 ? 'was' : 'were'} removed`);
    if (parts.length > 0)
      return {
        reason: `${keyword} ${verb}: ${parts.join('; ')}.`,
        changedFiles: [...changed, ...added, ...removed],
      };
  }
  const changedStages = step.fromStages.filter(
    (entry) => !sameText.fromStages.some((before) => before.key === entry.key),
  );
  if (changedStages.length > 0) {
    const labels = changedStages.map((entry) => {
      const label = stageLabel((model.stages[entry.index] as StageBuild).stage);
      const line = firstMissByStage.get(entry.index);
      return `${label}${line === undefined ? '' : ` (line ${line})`}`;
    });
    return {
      reason: `${keyword} ${verb}: stage ${labels.join(', ')} rebuilt, so the files it reads are taken to have changed.`,
      changedFiles: [],
    };
  }
  const changedArgs = [...step.argValues].filter(
    ([name, value]) => sameText.argValues.get(name) !== value,
  );
  if (changedArgs.length > 0) {
    const described = changedArgs.map(
      ([name, value]) => `${name} (${sameText.argValues.get(name) ?? 'unset'} → ${value})`,
    );
    return {
      reason: `${keyword} ${verb}: build argument ${described.join(', ')} changed, and RUN sees every ARG in scope.`,
      changedFiles: [],
    };
  }
  return { reason: `${keyword} ${verb}: its inputs changed.`, changedFiles: [] };
}

function missingSourceMessage(
  step: Step,
  ignore: ParsedDockerignore | null,
  context: readonly ContextFile[],
): string {
  return step.missingSources
    .map((source) => {
      const would = matchContextSource(source, context, false);
      const first = would[0];
      if (ignore !== null && first !== undefined) {
        const decision = matchDockerignore(ignore, first.file.path);
        if (decision.pattern !== null) {
          return `nothing in the build context matches "${source}": .dockerignore line ${decision.pattern.line} (${decision.pattern.text}) leaves it out.`;
        }
      }
      return `nothing in the build context matches "${source}".`;
    })
    .join(' ');
}

/** Orders strings by UTF-16 code units: stable across locales, unlike localeCompare. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
