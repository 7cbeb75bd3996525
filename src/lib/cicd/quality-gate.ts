/**
 * The model-quality gate of the chapter's pipeline: a candidate model may replace the production
 * model only if its metric is not worse than production's by more than a tolerance (and, if set,
 * reaches an absolute minimum). `scripts/quality-gate.ts` in CI and the chapter's widget both call
 * `evaluateQualityGate`, so the page and the pipeline apply the same rule.
 */

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
  if (production === null) {
    return {
      decision: 'deploy',
      reason: `No production model is deployed yet, so the candidate (${metric} ${show(candidate)}) is deployed${minimum !== undefined ? ' because it meets the required ' + show(minimum) : ''}.`,
      threshold: null,
    };
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

/** A metric read from a model card, or why it could not be read. */
export type MetricReading = { ok: true; value: number } | { ok: false; message: string };

/**
 * Reads a metric from a model card JSON value: `metrics.<name>` at the top level, or
 * `provenance.metrics.<name>` as in the booklet's `SoftmaxModel`. Never throws.
 */
export function metricFromModelCard(card: unknown, metric: string): MetricReading {
  const lookup = (holder: unknown): unknown => {
    if (typeof holder !== 'object' || holder === null) return undefined;
    const metrics = (holder as Record<string, unknown>)['metrics'];
    if (typeof metrics !== 'object' || metrics === null) return undefined;
    return (metrics as Record<string, unknown>)[metric];
  };
  const provenance =
    typeof card === 'object' && card !== null
      ? (card as Record<string, unknown>)['provenance']
      : undefined;
  const value = lookup(card) ?? lookup(provenance);
  if (typeof value === 'number' && Number.isFinite(value)) return { ok: true, value };
  if (value === undefined)
    return { ok: false, message: `The model card has no \`metrics.${metric}\` value.` };
  return { ok: false, message: `The model card's \`metrics.${metric}\` is not a finite number.` };
}

/** Command-line settings of `scripts/quality-gate.ts`. */
export interface QualityGateArgs {
  /** Path of the candidate's model card JSON. */
  candidatePath: string;
  /** Path of the production model card JSON; null when no model is deployed yet. */
  productionPath: string | null;
  /** Metric to compare (default `accuracy`). */
  metric: string;
  /** Allowed drop below production (default 0). */
  tolerance: number;
  /** Optional absolute floor. */
  minimum?: number;
  /** Where to write the candidate metrics and the decision as JSON, if anywhere. */
  reportPath: string | null;
}

/**
 * Parses `--candidate <file> [--production <file>] [--metric accuracy] [--tolerance 0.01]
 * [--minimum 0.9] [--report <file>]`; never throws.
 */
export function parseQualityGateArgs(
  argv: readonly string[],
): { ok: true; args: QualityGateArgs } | { ok: false; message: string } {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    if (
      !['--candidate', '--production', '--metric', '--tolerance', '--minimum', '--report'].includes(
        flag,
      )
    ) {
      return { ok: false, message: `Unknown option \`${flag}\`.` };
    }
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
  const args: QualityGateArgs = {
    candidatePath,
    productionPath: values.get('--production') ?? null,
    metric: values.get('--metric') ?? 'accuracy',
    tolerance,
    reportPath: values.get('--report') ?? null,
  };
  const minimum = values.get('--minimum');
  if (minimum !== undefined) {
    const parsed = Number(minimum);
    if (!Number.isFinite(parsed)) return { ok: false, message: '`--minimum` must be a number.' };
    args.minimum = parsed;
  }
  return { ok: true, args };
}
