/**
 * One analysis pass of the chapter-2 layer-cache explorer: parse the reader's Dockerfile and
 * `.dockerignore`, simulate the rebuild after the changes they ticked, lint the file and lay out its
 * stage graph. The widget only draws the result, so the same numbers can be checked in tests.
 */
import { simulateLayerCache } from './cache';
import type {
  ContextFile,
  InstructionCacheResult,
  LayerCacheOptions,
  LayerCacheReport,
} from './cache';
import { parseDockerignore } from './dockerignore';
import { lintDockerfile } from './lint';
import type { LintFinding } from './lint';
import { allInstructions, parseDockerfile } from './parse';
import type { Instruction, ParsedDockerfile, ParseError } from './parse';
import { REPOSITORY_BUILD_CONTEXT } from './presets';
import { buildStageGraph } from './stage-graph';
import type { StageGraph } from './stage-graph';

/** What the reader has set up in the explorer. */
export interface BuildAnalysisInput {
  /** Dockerfile text as typed. */
  dockerfile: string;
  /** `.dockerignore` text, or null for "no .dockerignore". */
  dockerignore: string | null;
  /** Context paths edited since the cached build. */
  changedPaths: readonly string[];
  /** Build target stage; empty or absent builds the last stage. */
  target?: string;
  /** No cache to reuse (first build, or `--no-cache`). */
  noCache?: boolean;
  /** The base images' tags now point to new digests (picked up by `docker build --pull`). */
  baseImagesMoved?: boolean;
  /**
   * The Dockerfile and `.dockerignore` of the cached build, when they differ from the current ones
   * (so the reader's own edits count as changes); absent means the same as now.
   */
  previous?: { dockerfile: string; dockerignore: string | null };
  /** Build context; defaults to the repository-shaped context of presets.ts. */
  context?: readonly ContextFile[];
}

/** A cache result together with the instruction text it belongs to. */
export interface AnalyzedInstruction extends InstructionCacheResult {
  /** The instruction as written, comment lines left out. */
  text: string;
}

/** Everything the explorer shows. */
export interface BuildAnalysis {
  /** The parsed Dockerfile. */
  parsed: ParsedDockerfile;
  /** Syntax problems of the Dockerfile, by line. */
  dockerfileErrors: ParseError[];
  /** Bad `.dockerignore` lines. */
  dockerignoreErrors: { line: number; message: string }[];
  /** Problems of the simulated build itself (missing COPY sources, unknown target). */
  buildErrors: string[];
  /** The cache simulation. */
  report: LayerCacheReport;
  /** Per-instruction results with their text, in source order. */
  rows: AnalyzedInstruction[];
  /** Lint findings, by line. */
  lint: LintFinding[];
  /** Stage graph for drawing. */
  graph: StageGraph;
}

/** The instruction's source lines without the comment lines Docker drops inside continuations. */
export function instructionText(instruction: Instruction): string {
  return instruction.raw
    .split('\n')
    .filter((line) => !line.trim().startsWith('#') && line.trim() !== '')
    .join('\n');
}

/** Base images (not stages) the Dockerfile starts from, resolved, without duplicates or `scratch`. */
export function baseImagesOf(parsed: ParsedDockerfile): string[] {
  const images = parsed.stages
    .filter((stage) => stage.baseRef === null)
    .map((stage) => stage.resolvedBaseImage)
    .filter((image) => image !== '' && image.toLowerCase() !== 'scratch');
  return [...new Set(images)];
}

/** Runs parse, cache simulation, lint and stage layout on the reader's input; never throws. */
export function analyzeBuild(input: BuildAnalysisInput): BuildAnalysis {
  const context = input.context ?? REPOSITORY_BUILD_CONTEXT;
  const parsed = parseDockerfile(input.dockerfile);
  const options: LayerCacheOptions = { dockerignore: input.dockerignore };
  if (input.target !== undefined && input.target !== '') options.target = input.target;
  if (input.noCache === true) options.noCache = true;
  if (input.baseImagesMoved === true) options.updatedBaseImages = baseImagesOf(parsed);
  if (input.previous !== undefined) {
    options.previousDockerfile = parseDockerfile(input.previous.dockerfile);
    options.previousDockerignore = input.previous.dockerignore;
  }
  const report = simulateLayerCache(parsed, context, { changedPaths: input.changedPaths }, options);
  const byLine = new Map(
    allInstructions(parsed).map((instruction) => [instruction.startLine, instruction]),
  );
  const rows = report.instructions.map((entry) => {
    const instruction = byLine.get(entry.line);
    return {
      ...entry,
      text: instruction === undefined ? entry.keyword : instructionText(instruction),
    };
  });
  const totalBytes = context.reduce((sum, file) => sum + (file.size ?? 0), 0);
  const lint = lintDockerfile(parsed, {
    context: {
      fileCount: context.length,
      totalBytes,
      hasDockerignore: input.dockerignore !== null,
    },
  });
  return {
    parsed,
    dockerfileErrors: parsed.errors,
    dockerignoreErrors:
      input.dockerignore === null ? [] : parseDockerignore(input.dockerignore).errors,
    buildErrors: report.errors.filter((error) => !error.startsWith('.dockerignore line')),
    report,
    rows,
    lint,
    graph: buildStageGraph(parsed),
  };
}
