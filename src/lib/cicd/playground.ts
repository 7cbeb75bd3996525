/**
 * Helpers for chapter 4's pipeline playground that are pure logic: checking the branch, tag and
 * changed-file inputs of the event picker, laying out the job graph as columns of boxes, listing
 * the steps a reader can make fail, finding the quality-gate step a blocked gate fails, and
 * summing up a simulated run in a sentence.
 */
import { layoutLayeredDag } from '../viz/dag-layout';
import { MAX_NUMBER_CHARS } from './candidate';
import type { JobGraph } from './job-graph';
import type { FailingStep, JobStatus, RunSimulation } from './simulate';
import type { Workflow } from './workflow-model';

/**
 * The longest text each playground field accepts. The page sets `maxlength` one above these, so a
 * paste that is too long is kept (cut one character past the limit) and answered with a message
 * at the field instead of being cut silently.
 */
export const PLAYGROUND_LIMITS = {
  /** The workflow editor: about five times the longest preset. */
  workflow: 20_000,
  /** A branch or tag name. */
  ref: 200,
  /** The changed-files box. */
  paths: 5_000,
  /** A number field (seed, epochs, learning rate, tolerance). */
  number: MAX_NUMBER_CHARS,
} as const;

/** Says that `text` is longer than `max` characters (a sentence naming `what`), or null. */
export function checkLength(text: string, max: number, what: string): string | null {
  if (text.length <= max) return null;
  return `${what} can be at most ${max.toLocaleString('en-US')} characters here; this one has ${text.length.toLocaleString('en-US')}.`;
}

// Characters git refuses anywhere in a ref name ("git check-ref-format", rules 4 and 5).
const FORBIDDEN_REF_CHARACTERS = /[\s~^:?*[\\\u0000-\u001f\u007f]/;

/**
 * Checks a branch or tag name against git's ref-name rules ("git check-ref-format"): no spaces,
 * control characters or any of `~ ^ : ? * [ \`, no `..`, no `@{`, no empty or dot-led path
 * component, no component ending in `.lock`, not ending in `.`, not `@` alone; and, as
 * `git branch` requires, not starting with `-`. Returns a sentence to show, or null when valid.
 */
export function checkRefName(name: string, kind: 'branch' | 'tag'): string | null {
  const example = kind === 'branch' ? '`main`' : '`v1.0.0`';
  const tooLong = checkLength(name, PLAYGROUND_LIMITS.ref, `A ${kind} name`);
  if (tooLong) return tooLong;
  if (name === '') return `Type a ${kind} name, such as ${example}.`;
  if (name.startsWith('refs/')) {
    return `Type the short ${kind} name (such as ${example}), not the full ref.`;
  }
  if (FORBIDDEN_REF_CHARACTERS.test(name)) {
    return `A ${kind} name cannot contain spaces, control characters or any of ~ ^ : ? * [ \\.`;
  }
  if (name.startsWith('-')) return `A ${kind} name cannot start with \`-\`.`;
  if (name === '@') return `\`@\` alone is not a valid ${kind} name.`;
  if (name.includes('..')) return `A ${kind} name cannot contain \`..\`.`;
  if (name.includes('@{')) return `A ${kind} name cannot contain \`@{\`.`;
  if (name.endsWith('.')) return `A ${kind} name cannot end with \`.\`.`;
  const parts = name.split('/');
  if (parts.some((part) => part === '')) {
    return `A ${kind} name cannot start or end with \`/\` or contain \`//\`.`;
  }
  if (parts.some((part) => part.startsWith('.'))) {
    return `No part of a ${kind} name between slashes may start with \`.\`.`;
  }
  if (parts.some((part) => part.endsWith('.lock'))) {
    return `No part of a ${kind} name between slashes may end with \`.lock\`.`;
  }
  return null;
}

/** A problem on one line of the changed-files box. */
export interface ChangedPathProblem {
  /** 1-based line in the text box. */
  line: number;
  /** The problem as a sentence. */
  message: string;
}

/** The changed files typed by the reader: a list, `null` when the box is empty, or problems. */
export type ChangedPathsReading =
  { ok: true; paths: string[] | null } | { ok: false; problems: ChangedPathProblem[] };

/**
 * Reads one repository-relative path per line. Blank lines are ignored; an empty box gives
 * `paths: null`, meaning "the diff is not known", so the workflow's path filter is not applied.
 */
export function parseChangedPaths(text: string): ChangedPathsReading {
  const tooLong = checkLength(text, PLAYGROUND_LIMITS.paths, 'The list of changed files');
  if (tooLong) return { ok: false, problems: [{ line: 1, message: tooLong }] };
  const paths: string[] = [];
  const problems: ChangedPathProblem[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const path = raw.trim();
    if (path === '') return;
    const line = index + 1;
    const problem = (message: string): void => {
      problems.push({ line, message: `Line ${line}: ${message}` });
    };
    if (path.startsWith('/')) {
      problem(
        `\`${path}\` starts with \`/\`; write paths relative to the repository root, such as \`src/app.ts\`.`,
      );
    } else if (path.includes('\\')) {
      problem(`\`${path}\` contains \`\\\`; separate folders with \`/\`.`);
    } else if (path.includes('*')) {
      problem(
        `\`${path}\` is a pattern; list the files that changed, such as \`src/lib/model/train.ts\`.`,
      );
    } else if (path.split('/').some((part) => part === '.' || part === '..' || part === '')) {
      problem(
        `\`${path}\` has an empty, \`.\` or \`..\` part; write the plain path from the root.`,
      );
    } else {
      paths.push(path);
    }
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, paths: paths.length > 0 ? paths : null };
}

/** Sizes, in SVG user units, of the job graph drawing. */
export interface GraphDimensions {
  /** Width of a job box. */
  boxWidth: number;
  /** Height of a job box. */
  boxHeight: number;
  /** Horizontal space between two wave columns. */
  columnGap: number;
  /** Vertical space between two boxes of a column. */
  rowGap: number;
  /** Margin around the whole drawing. */
  margin: number;
  /** Vertical space between two bands when the waves wrap (default: twice `rowGap`). */
  bandGap?: number;
}

/** The booklet's job-graph sizes: boxes wide enough for `deploy-production` in a 13 px font. */
export const DEFAULT_GRAPH_DIMENSIONS: GraphDimensions = {
  boxWidth: 150,
  boxHeight: 52,
  columnGap: 36,
  rowGap: 16,
  margin: 8,
  bandGap: 32,
};

/** A placed job box. */
export interface GraphNode {
  /** Job id. */
  id: string;
  /** 0-based wave (column). */
  wave: number;
  /** 0-based position inside the wave (row). */
  row: number;
  /** Left edge. */
  x: number;
  /** Top edge. */
  y: number;
}

/** A drawn `needs` edge. */
export interface GraphEdge {
  /** The job that must finish first. */
  from: string;
  /** The job that waits for it. */
  to: string;
  /**
   * SVG path data: a cubic curve from the right middle of `from` to the left middle of `to` in the
   * same band, or from the bottom middle of `from` to the top middle of `to` across bands.
   */
  d: string;
}

/** The laid-out graph. */
export interface GraphLayout {
  /** Total width including margins. */
  width: number;
  /** Total height including margins. */
  height: number;
  /** Wave columns per band (the waves wrap into bands of this many columns). */
  columns: number;
  /** Boxes in wave order. */
  nodes: GraphNode[];
  /** Edges between placed boxes. */
  edges: GraphEdge[];
}

/** How many wave columns of `dimensions` fit in `maxWidth` (at least one). */
export function columnsThatFit(maxWidth: number, dimensions: GraphDimensions): number {
  const { boxWidth, columnGap, margin } = dimensions;
  const fit = Math.floor((maxWidth - 2 * margin + columnGap) / (boxWidth + columnGap));
  return Number.isFinite(fit) ? Math.max(1, fit) : Number.MAX_SAFE_INTEGER;
}

/**
 * Places waves as columns from left to right and jobs of a wave top to bottom, with the shared
 * layered layout of src/lib/viz/dag-layout.ts (every box the same size). When the columns would
 * be wider than `maxWidth`, the waves wrap like lines of text into bands stacked top to bottom
 * (on a phone, one wave per band), so the drawing fits without scrolling sideways. Each band is
 * one shared layout; an edge between bands runs from the bottom middle of its source to the top
 * middle of its target.
 */
export function layoutJobGraph(
  graph: Pick<JobGraph, 'waves' | 'edges'>,
  dimensions: GraphDimensions = DEFAULT_GRAPH_DIMENSIONS,
  maxWidth = Number.POSITIVE_INFINITY,
): GraphLayout {
  const { boxWidth, boxHeight, columnGap, rowGap, margin } = dimensions;
  const bandGap = dimensions.bandGap ?? 2 * rowGap;
  const columns = Math.max(1, Math.min(graph.waves.length, columnsThatFit(maxWidth, dimensions)));
  const spacing = { nodeWidth: boxWidth, nodeHeight: boxHeight, columnGap, rowGap, margin: 0 };
  const nodes: GraphNode[] = [];
  const drawn = new Map<string, string>();
  const key = (from: string, to: string): string => JSON.stringify([from, to]);
  const placed = new Map<string, GraphNode & { band: number }>();
  let top = margin;
  let width = 0;
  for (let first = 0; first < graph.waves.length; first += columns) {
    const band = first / columns;
    const layers = graph.waves.slice(first, first + columns);
    const inBand = new Set(layers.flat());
    const layout = layoutLayeredDag(
      { layers, edges: graph.edges.filter(([a, b]) => inBand.has(a) && inBand.has(b)) },
      spacing,
    );
    for (const n of layout.nodes) {
      const node = { id: n.id, wave: first + n.layer, row: n.row, x: margin + n.x, y: top + n.y };
      nodes.push(node);
      placed.set(n.id, { ...node, band });
    }
    for (const e of layout.edges) {
      const d = `M${e.x1 + margin} ${e.y1 + top} C${(e.x1 + e.x2) / 2 + margin} ${e.y1 + top} ${(e.x1 + e.x2) / 2 + margin} ${e.y2 + top} ${e.x2 + margin} ${e.y2 + top}`;
      drawn.set(key(e.from, e.to), d);
    }
    width = Math.max(width, layout.width);
    top += layout.height + bandGap;
  }
  for (const [from, to] of graph.edges) {
    const a = placed.get(from);
    const b = placed.get(to);
    if (!a || !b || a.band === b.band) continue;
    const x1 = a.x + boxWidth / 2;
    const y1 = a.y + boxHeight;
    const x2 = b.x + boxWidth / 2;
    const y2 = b.y;
    const middle = (y1 + y2) / 2;
    drawn.set(key(from, to), `M${x1} ${y1} C${x1} ${middle} ${x2} ${middle} ${x2} ${y2}`);
  }
  // Edges in the graph's order, whichever band drew them.
  const edges = graph.edges.flatMap(([from, to]): GraphEdge[] => {
    const d = drawn.get(key(from, to));
    return d === undefined ? [] : [{ from, to, d }];
  });
  return {
    width: 2 * margin + width,
    height: graph.waves.length === 0 ? 2 * margin : top - bandGap + margin,
    columns,
    nodes,
    edges,
  };
}

/** One entry of the "make a step fail" picker. */
export interface StepChoice {
  /** Stable value for a `<select>`: `job#index`. */
  value: string;
  /** What the reader sees: `job › step label`. */
  label: string;
  /** The step to fail. */
  step: FailingStep & { step: number };
}

/** Every step of every job, in file order, as choices for the failure picker. */
export function stepChoices(workflow: Workflow): StepChoice[] {
  return workflow.jobs.flatMap((job) =>
    job.steps.map((step) => ({
      value: `${job.id}#${step.index}`,
      label: `${job.id} › ${step.label}`,
      step: { job: job.id, step: step.index },
    })),
  );
}

/**
 * The steps that run the booklet's quality gate (`scripts/quality-gate.ts`, or the npm script of
 * the same name): when the gate blocks, these steps exit with status 1, so they fail in the run.
 */
export function qualityGateSteps(workflow: Workflow): FailingStep[] {
  return workflow.jobs.flatMap((job) =>
    job.steps
      .filter((step) => step.run !== undefined && /quality-gate/.test(step.run))
      .map((step) => ({ job: job.id, step: step.index })),
  );
}

const STATUS_WORDS: Record<JobStatus, [string, string]> = {
  success: ['succeeded', 'succeeded'],
  failure: ['failed', 'failed'],
  skipped: ['was skipped', 'were skipped'],
  cancelled: ['was cancelled', 'were cancelled'],
  waiting: ['waits for approval', 'wait for approval'],
  pending: ['waits behind it', 'wait behind it'],
};

const STATUS_ORDER: JobStatus[] = [
  'success',
  'failure',
  'skipped',
  'cancelled',
  'waiting',
  'pending',
];

/**
 * The 0-based character offset of a 1-based line and column in `text`, clamped to the text, so an
 * editor can put its caret where a diagnostic points.
 */
export function offsetOfPosition(text: string, line: number, column: number): number {
  const lines = text.split('\n');
  const lineIndex = Math.min(Math.max(1, Math.floor(line)), lines.length) - 1;
  let offset = 0;
  for (let i = 0; i < lineIndex; i++) offset += (lines[i] as string).length + 1;
  const lineLength = (lines[lineIndex] as string).length;
  return offset + Math.min(Math.max(1, Math.floor(column)), lineLength + 1) - 1;
}

/** Shortens a label to at most `maxChars` characters, ending with `…` when it was cut. */
export function fitLabel(label: string, maxChars: number): string {
  const chars = Array.from(label);
  if (chars.length <= maxChars) return label;
  return `${chars.slice(0, Math.max(0, maxChars - 1)).join('')}…`;
}

/** Sums up a simulated run in one sentence, such as "The run failed: 3 jobs succeeded, 1 failed." */
export function describeRun(run: RunSimulation): string {
  if (run.conclusion === 'not-triggered') {
    return 'The event does not start this workflow, so no job runs.';
  }
  const counts = STATUS_ORDER.flatMap((status) => {
    const n = run.jobs.filter((job) => job.status === status).length;
    if (n === 0) return [];
    const [one, many] = STATUS_WORDS[status];
    return [`${n} ${n === 1 ? 'job' : 'jobs'} ${n === 1 ? one : many}`];
  });
  const opening: Record<Exclude<RunSimulation['conclusion'], 'not-triggered'>, string> = {
    success: 'The run succeeded',
    failure: 'The run failed',
    cancelled: 'The run was cancelled',
    waiting: 'The run is waiting',
    invalid: 'The run could not start',
  };
  const joined =
    counts.length <= 1
      ? (counts[0] ?? 'no jobs ran')
      : `${counts.slice(0, -1).join(', ')} and ${counts[counts.length - 1]}`;
  return `${opening[run.conclusion]}: ${joined}.`;
}
