/**
 * Helpers for chapter 4's pipeline playground that are pure logic: checking the branch, tag and
 * changed-file inputs of the event picker, laying out the job graph as columns of boxes, listing
 * the steps a reader can make fail, finding the quality-gate step a blocked gate fails, and
 * summing up a simulated run in a sentence.
 */
import { layoutLayeredDag } from '../viz/dag-layout';
import type { JobGraph } from './job-graph';
import type { FailingStep, JobStatus, RunSimulation } from './simulate';
import type { Workflow } from './workflow-model';

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
}

/** The booklet's job-graph sizes: boxes wide enough for `deploy-production` in a 13 px font. */
export const DEFAULT_GRAPH_DIMENSIONS: GraphDimensions = {
  boxWidth: 150,
  boxHeight: 52,
  columnGap: 36,
  rowGap: 16,
  margin: 8,
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
  /** SVG path data: a cubic curve from the right middle of `from` to the left middle of `to`. */
  d: string;
}

/** The laid-out graph. */
export interface GraphLayout {
  /** Total width including margins. */
  width: number;
  /** Total height including margins. */
  height: number;
  /** Boxes in wave order. */
  nodes: GraphNode[];
  /** Edges between placed boxes. */
  edges: GraphEdge[];
}

/**
 * Places waves as columns from left to right and jobs of a wave top to bottom: the shared layered
 * layout of src/lib/viz/dag-layout.ts with every box the same size.
 */
export function layoutJobGraph(
  graph: Pick<JobGraph, 'waves' | 'edges'>,
  dimensions: GraphDimensions = DEFAULT_GRAPH_DIMENSIONS,
): GraphLayout {
  const { boxWidth, boxHeight, columnGap, rowGap, margin } = dimensions;
  const layout = layoutLayeredDag(
    { layers: graph.waves, edges: graph.edges },
    { nodeWidth: boxWidth, nodeHeight: boxHeight, columnGap, rowGap, margin },
  );
  return {
    width: layout.width,
    height: layout.height,
    nodes: layout.nodes.map(({ id, layer, row, x, y }) => ({ id, wave: layer, row, x, y })),
    edges: layout.edges.map(({ from, to, d }) => ({ from, to, d })),
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
