/**
 * The shapes of the build-cache simulation (cache.ts): its options and report, and the model of a
 * build it compares between the cached build and the current one.
 */
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

/** One instruction as the cache sees it: its key, the text and files it was keyed on. */
export interface Step {
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

/** A stage as built: its steps, and the files, environment and WORKDIR it ends with. */
export interface StageBuild {
  stage: Stage;
  key: string;
  steps: Step[];
  files: Map<string, ImageEntry>;
  env: Map<string, string>;
  workdir: string;
  runLines: number[];
}

/** Every stage of one build, which of them the target needs (and why), and the target. */
export interface BuildModel {
  stages: StageBuild[];
  needed: Map<number, string>;
  targetIndex: number | null;
}

/** Instructions that write a filesystem layer. */
export const LAYER_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);
/** Instructions whose arguments Docker runs through environment replacement. */
export const EXPANDED_KEYWORDS = new Set([
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
