/**
 * The model-quality gate of the chapter's pipeline: a candidate model may replace the production
 * model only if its metric is not worse than production's by more than a tolerance (and, if set,
 * reaches an absolute minimum and a floor on its worst data slice). The gate fails closed: without
 * a production model to compare with it blocks, unless the caller says explicitly that this is the
 * first deployment. `scripts/quality-gate.ts` in CI and the chapter's widget both call
 * `evaluateQualityGate`, so the page and the pipeline apply the same rule.
 */
import { propertyOf } from '../json-value';

/** Inputs of the gate. */
export interface QualityGateInput {
  /** The candidate model's metric value (for example held-out accuracy). */
  candidate: number;
  /** The production model's value for the same metric, or null when nothing is deployed yet. */
  production: number | null;
  /** Metric name, used in the reason (for example `accuracy`). */
  metric: string;
  /** How much worse than production the candidate may be (same units as the metric, ≥ 0). */
  tolerance: number;
  /** Absolute floor the candidate must reach, whatever production scores. */
  minimum?: number;
  /** True (default) when larger values are better, as for accuracy; false for losses and errors. */
  higherIsBetter?: boolean;
  /**
   * Set only for the very first release, when nothing is in production. Without it a missing
   * production value blocks (fail closed); with it, `minimum` is required and is the only bar.
   */
  firstDeployment?: boolean;
  /** The candidate's metric on each data slice (for example per species); higher is better. */
  slices?: readonly SliceMetric[];
  /** Floor every slice must reach; the worst slice decides. */
  sliceMinimum?: number;
}

/** A metric measured on one slice of the held-out data. */
export interface SliceMetric {
  /** Which rows, for example `species=Chinstrap`. */
  name: string;
  /** The metric on those rows only. */
  value: number;
  /** How many held-out rows the slice has: a small slice gives a coarse estimate. */
  support: number;
}

/** The gate's verdict. */
export interface QualityGateResult {
  /** `deploy` lets the pipeline continue; `block` stops it. */
  decision: 'deploy' | 'block';
  /** One or two sentences saying why. */
  reason: string;
  /** The value the candidate had to reach (production ∓ tolerance), or null without production. */
  threshold: number | null;
}

// Metrics are computed in binary floating point, so 0.51 − 0.04 lands a hair above 0.47; a
// candidate within this allowance of the threshold counts as reaching it.
const ROUNDING_ALLOWANCE = 1e-9;

function show(value: number): string {
  return String(Number(value.toFixed(4)));
}

/** Decides whether a candidate model may be deployed; invalid inputs block with a reason. */
export function evaluateQualityGate(input: QualityGateInput): QualityGateResult {
  const { candidate, production, metric, tolerance, minimum } = input;
  const higherIsBetter = input.higherIsBetter ?? true;
  const block = (reason: string, threshold: number | null = null): QualityGateResult => ({
    decision: 'block',
    reason,
    threshold,
  });
  if (!Number.isFinite(candidate))
    return block(`The candidate's ${metric} is not a finite number, so it cannot be compared.`);
  if (production !== null && !Number.isFinite(production)) {
    return block(
      `The production model's ${metric} is not a finite number, so the candidate cannot be compared with it.`,
    );
  }
  if (!Number.isFinite(tolerance) || tolerance < 0)
    return block(`The tolerance must be a number of at least 0, but it is ${String(tolerance)}.`);
  const better = higherIsBetter ? 'higher' : 'lower';
  if (minimum !== undefined) {
    const missesMinimum = higherIsBetter
      ? candidate < minimum - ROUNDING_ALLOWANCE
      : candidate > minimum + ROUNDING_ALLOWANCE;
    if (missesMinimum) {
      return block(
        `The candidate's ${metric} is ${show(candidate)}, which does not reach the required ${higherIsBetter ? 'minimum' : 'maximum'} of ${show(minimum)}.`,
      );
    }
  }
  const sliceProblem = checkSlices(input.slices, input.sliceMinimum);
  if (sliceProblem !== null) return block(sliceProblem);
  if (production === null) {
    if (input.firstDeployment !== true) {
      return block(
        `There is no production ${metric} to compare with, so the gate fails closed and blocks. If this really is the first deployment, say so explicitly (--first-deployment) and give a --minimum the model must reach.`,
      );
    }
    if (minimum === undefined) {
      return block(
        'A first deployment has nothing to compare with, so it needs an explicit --minimum; without one any model would pass.',
      );
    }
    return {
      decision: 'deploy',
      reason: `This is the declared first deployment, and the candidate's ${metric} ${show(candidate)} meets the required minimum of ${show(minimum)}, so it is deployed.`,
      threshold: null,
    };
  }
  if (input.firstDeployment === true) {
    return block(
      'A production model exists, so this is not a first deployment: drop --first-deployment and let the candidate be compared with production.',
    );
  }
  const threshold = higherIsBetter ? production - tolerance : production + tolerance;
  const passes = higherIsBetter
    ? candidate >= threshold - ROUNDING_ALLOWANCE
    : candidate <= threshold + ROUNDING_ALLOWANCE;
  const comparison = `production ${show(production)} ${higherIsBetter ? '−' : '+'} tolerance ${show(tolerance)} = ${show(threshold)}`;
  if (passes) {
    const verdict = (higherIsBetter ? candidate > production : candidate < production)
      ? `improves on production (${better} is better)`
      : candidate === production
        ? 'matches production'
        : 'is slightly worse than production but within the tolerance';
    return {
      decision: 'deploy',
      reason: `The candidate's ${metric} ${show(candidate)} ${verdict}: it reaches ${comparison}, so it is deployed.`,
      threshold,
    };
  }
  return block(
    `The candidate's ${metric} ${show(candidate)} is worse than ${comparison} (${better} is better), so the release is blocked and production keeps its current model.`,
    threshold,
  );
}

/** Why the slices fail their floor, or null when they pass (or no floor is set). */
function checkSlices(
  slices: readonly SliceMetric[] | undefined,
  sliceMinimum: number | undefined,
): string | null {
  if (sliceMinimum === undefined) return null;
  if (!Number.isFinite(sliceMinimum)) return 'The slice minimum must be a finite number.';
  if (slices === undefined || slices.length === 0)
    return 'A slice minimum is set but the candidate has no slice metrics, so the gate blocks.';
  const bad = slices.find((slice) => !Number.isFinite(slice.value));
  if (bad) return `The candidate's metric on slice ${bad.name} is not a finite number.`;
  const worst = worstSlice(slices) as SliceMetric;
  if (worst.value < sliceMinimum - ROUNDING_ALLOWANCE) {
    return `The candidate's worst slice, ${worst.name} (${worst.support} held-out rows), scores ${show(worst.value)}, below the slice minimum of ${show(sliceMinimum)}, so the release is blocked even if the overall score is fine.`;
  }
  return null;
}

/** The slice with the lowest value (the first one on ties), or null for no slices. */
export function worstSlice(slices: readonly SliceMetric[]): SliceMetric | null {
  let worst: SliceMetric | null = null;
  for (const slice of slices) if (worst === null || slice.value < worst.value) worst = slice;
  return worst;
}

/**
 * Per-species accuracy from a model card's `evaluation.perClass`: the accuracy on the held-out
 * rows of one species is that class's recall (correct among the rows whose true label it is),
 * so the card's recall is exactly the slice accuracy. Returns null when the card has no such list.
 */
export function speciesSlicesFromModelCard(card: unknown): SliceMetric[] | null {
  const perClass = propertyOf(propertyOf(card, 'evaluation'), 'perClass');
  if (!Array.isArray(perClass)) return null;
  const slices: SliceMetric[] = [];
  for (const entry of perClass as unknown[]) {
    if (typeof entry !== 'object' || entry === null) return null;
    const { label, recall, support } = entry as Record<string, unknown>;
    if (typeof label !== 'string' || typeof recall !== 'number' || typeof support !== 'number')
      return null;
    slices.push({ name: `species=${label}`, value: recall, support });
  }
  return slices;
}

/** A metric read from a model card, or why it could not be read. */
export type MetricReading = { ok: true; value: number } | { ok: false; message: string };

/**
 * Reads a metric from a model card JSON value: `metrics.<name>` at the top level, or
 * `provenance.metrics.<name>` as in the booklet's `SoftmaxModel`. Never throws.
 */
export function metricFromModelCard(card: unknown, metric: string): MetricReading {
  const lookup = (holder: unknown): unknown => propertyOf(propertyOf(holder, 'metrics'), metric);
  const value = lookup(card) ?? lookup(propertyOf(card, 'provenance'));
  if (typeof value === 'number' && Number.isFinite(value)) return { ok: true, value };
  if (value === undefined)
    return { ok: false, message: `The model card has no \`metrics.${metric}\` value.` };
  return { ok: false, message: `The model card's \`metrics.${metric}\` is not a finite number.` };
}

/** Command-line settings of `scripts/quality-gate.ts`. */
export interface QualityGateArgs {
  /** Path of the candidate's model card JSON. */
  candidatePath: string;
  /** Path of the production model card JSON; null when none is given. */
  productionPath: string | null;
  /** Metric to compare (default `accuracy`). */
  metric: string;
  /** Allowed drop below production (default 0). */
  tolerance: number;
  /** Optional absolute floor; required with `firstDeployment`. */
  minimum?: number;
  /** Floor for the worst per-species slice, if any. */
  sliceMinimum?: number;
  /** The explicit first-deployment declaration (`--first-deployment`); false unless given. */
  firstDeployment: boolean;
  /** The model file the card describes; its sha256 is checked and recorded as the model id. */
  modelPath: string | null;
  /** Where to write the candidate metrics and the decision as JSON, if anywhere. */
  reportPath: string | null;
}

const VALUE_OPTIONS = [
  '--candidate',
  '--production',
  '--metric',
  '--tolerance',
  '--minimum',
  '--slice-minimum',
  '--model',
  '--report',
];

/** Reads an optional numeric option; undefined when absent, an error message when malformed. */
function numberOption(values: Map<string, string>, flag: string): number | undefined | string {
  const text = values.get(flag);
  if (text === undefined) return undefined;
  const parsed = Number(text);
  return Number.isFinite(parsed) && text.trim() !== '' ? parsed : `\`${flag}\` must be a number.`;
}

/**
 * Parses `--candidate <file> [--production <file>] [--first-deployment] [--metric accuracy]
 * [--tolerance 0.01] [--minimum 0.9] [--slice-minimum 0.8] [--model <file.onnx>]
 * [--report <file>]`; never throws.
 */
export function parseQualityGateArgs(
  argv: readonly string[],
): { ok: true; args: QualityGateArgs } | { ok: false; message: string } {
  const values = new Map<string, string>();
  let firstDeployment = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    if (flag === '--first-deployment') {
      firstDeployment = true;
      continue;
    }
    if (!VALUE_OPTIONS.includes(flag)) return { ok: false, message: `Unknown option \`${flag}\`.` };
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--'))
      return { ok: false, message: `\`${flag}\` needs a value.` };
    values.set(flag, value);
    i += 1;
  }
  const candidatePath = values.get('--candidate');
  if (candidatePath === undefined)
    return { ok: false, message: '`--candidate <model-card.json>` is required.' };
  const tolerance = Number(values.get('--tolerance') ?? '0');
  if (!Number.isFinite(tolerance) || tolerance < 0)
    return { ok: false, message: '`--tolerance` must be a number of at least 0.' };
  const minimum = numberOption(values, '--minimum');
  const sliceMinimum = numberOption(values, '--slice-minimum');
  for (const option of [minimum, sliceMinimum])
    if (typeof option === 'string') return { ok: false, message: option };
  if (firstDeployment && minimum === undefined)
    return { ok: false, message: '`--first-deployment` needs an explicit `--minimum`.' };
  const args: QualityGateArgs = {
    candidatePath,
    productionPath: values.get('--production') ?? null,
    metric: values.get('--metric') ?? 'accuracy',
    tolerance,
    firstDeployment,
    modelPath: values.get('--model') ?? null,
    reportPath: values.get('--report') ?? null,
  };
  if (typeof minimum === 'number') args.minimum = minimum;
  if (typeof sliceMinimum === 'number') args.sliceMinimum = sliceMinimum;
  return { ok: true, args };
}
