/**
 * The stage graph of a multi-stage Dockerfile, laid out for drawing: stages are nodes, and an edge
 * runs from stage A to stage B when B builds on A (`FROM a AS b`), copies from it
 * (`COPY --from=a`), or mounts it in a RUN (`RUN --mount=type=bind,from=a`). Which stages a build
 * needs follows from these edges (docs.docker.com/build/building/multi-stage/).
 */
import { flagValue, resolveFromReference, stageLabel } from './parse';
import type { Instruction, ParsedDockerfile } from './parse';

/** How one stage uses another. */
export type StageEdgeKind = 'from' | 'copy' | 'mount';

/** A stage placed on a grid: `column` is its depth in the graph, `row` its place in that column. */
export interface StageGraphNode {
  /** Stage index. */
  index: number;
  /** Stage name, or `stage N`. */
  label: string;
  /** What the stage starts from: an earlier stage's label or the resolved base image. */
  base: string;
  /** True when `base` is an earlier stage rather than an image. */
  baseIsStage: boolean;
  /** Longest chain of edges leading into the stage (0 for stages that use no other stage). */
  column: number;
  /** Position among the stages of the same column, in source order. */
  row: number;
}

/** One use of a stage by a later stage. */
export interface StageGraphEdge {
  /** Index of the stage that is used. */
  from: number;
  /** Index of the stage that uses it. */
  to: number;
  /** FROM, COPY --from or RUN --mount from. */
  kind: StageEdgeKind;
  /** Line of the first instruction that creates this use. */
  line: number;
}

/** An image (not a stage) that a `COPY --from` or mount reads from. */
export interface ExternalSource {
  /** Index of the stage that reads it. */
  stage: number;
  /** The image reference. */
  ref: string;
  /** Line of the instruction. */
  line: number;
}

/** The whole graph. */
export interface StageGraph {
  /** One node per stage, in source order. */
  nodes: StageGraphNode[];
  /** Edges, one per (from, to, kind), in order of their line. */
  edges: StageGraphEdge[];
  /** Images read by `COPY --from` or mounts that are not stages. */
  externalSources: ExternalSource[];
  /** Number of columns (0 when there is no stage). */
  columns: number;
  /** Largest number of nodes in one column. */
  rows: number;
}

/** Value of `from=` inside a `--mount=type=bind,from=build,target=...` specification. */
function mountSource(spec: string): string | null {
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim().toLowerCase() === 'from') {
      const value = part.slice(eq + 1).trim();
      return value === '' ? null : value;
    }
  }
  return null;
}

/** Stages or images an instruction reads: COPY/ADD --from, RUN --mount from=. */
function usesOf(instruction: Instruction): { value: string; kind: StageEdgeKind }[] {
  const uses: { value: string; kind: StageEdgeKind }[] = [];
  if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
    const from = flagValue(instruction, 'from');
    if (typeof from === 'string' && from !== '') uses.push({ value: from, kind: 'copy' });
  } else if (instruction.keyword === 'RUN') {
    for (const flag of instruction.flags) {
      if (flag.name !== 'mount' || flag.value === null) continue;
      const source = mountSource(flag.value);
      if (source !== null) uses.push({ value: source, kind: 'mount' });
    }
  }
  return uses;
}

/** One stage's node, its edges (FROM stage, COPY --from, mounts) and the images it reads. */
function stageNode(
  dockerfile: ParsedDockerfile,
  stage: ParsedDockerfile['stages'][number],
  addEdge: (edge: StageGraphEdge) => void,
  externalSources: ExternalSource[],
): StageGraphNode {
  const fromLine = stage.instructions[0]?.startLine ?? 0;
  let base = stage.resolvedBaseImage;
  let baseIsStage = false;
  if (stage.baseRef !== null) {
    const reference = resolveFromReference(dockerfile, stage.index, stage.baseRef);
    if (reference.kind === 'stage') {
      addEdge({ from: reference.index, to: stage.index, kind: 'from', line: fromLine });
      base = stageLabel(dockerfile.stages[reference.index] ?? stage);
      baseIsStage = true;
    }
  }
  for (const instruction of stage.instructions) {
    for (const use of usesOf(instruction)) {
      const reference = resolveFromReference(dockerfile, stage.index, use.value);
      const line = instruction.startLine;
      if (reference.kind === 'stage')
        addEdge({ from: reference.index, to: stage.index, kind: use.kind, line });
      else externalSources.push({ stage: stage.index, ref: reference.ref, line });
    }
  }
  return { index: stage.index, label: stageLabel(stage), base, baseIsStage, column: 0, row: 0 };
}

/** Builds the stage graph; edges can only point from an earlier stage to a later one. */
export function buildStageGraph(dockerfile: ParsedDockerfile): StageGraph {
  const edges: StageGraphEdge[] = [];
  const externalSources: ExternalSource[] = [];
  const seen = new Set<string>();
  const addEdge = (edge: StageGraphEdge): void => {
    const key = `${edge.from}>${edge.to}>${edge.kind}`;
    if (seen.has(key)) return;
    seen.add(key);
    edges.push(edge);
  };
  const nodes = dockerfile.stages.map((stage) =>
    stageNode(dockerfile, stage, addEdge, externalSources),
  );

  // Edges point backwards in the file only, so one pass in source order settles every depth.
  for (const node of nodes) {
    for (const edge of edges) {
      if (edge.to !== node.index) continue;
      const source = nodes[edge.from];
      if (source !== undefined) node.column = Math.max(node.column, source.column + 1);
    }
  }
  const perColumn = new Map<number, number>();
  for (const node of nodes) {
    node.row = perColumn.get(node.column) ?? 0;
    perColumn.set(node.column, node.row + 1);
  }
  edges.sort((a, b) => a.line - b.line || a.from - b.from);
  return {
    nodes,
    edges,
    externalSources,
    columns: perColumn.size === 0 ? 0 : Math.max(...perColumn.keys()) + 1,
    rows: perColumn.size === 0 ? 0 : Math.max(...perColumn.values()),
  };
}
