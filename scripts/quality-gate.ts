/**
 * The CI model-quality gate: compares a candidate model card's metric with the production model
 * card's and exits 1 (blocking the pipeline) when the candidate is worse by more than the tolerance,
 * or when its worst per-species slice is below `--slice-minimum`.
 *
 *   npx tsx scripts/quality-gate.ts --candidate artifacts/model-card.json \
 *     --production production-model-card.json --metric accuracy --tolerance 0.01 \
 *     [--minimum 0.9] [--slice-minimum 0.9] [--model artifacts/penguins.onnx] [--report gate.json]
 *
 * It fails closed: a production card that is missing (not given, or not found) blocks, unless
 * `--first-deployment` declares the very first release, which then needs `--minimum`. With
 * `--model`, the gate hashes the model file it was given, checks the card describes that file, and
 * records `sha256:<hex>` in the report as the model id the build job must ship. The decision rule
 * is `evaluateQualityGate` in src/lib/cicd, the same function chapter 4's playground runs.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import {
  evaluateQualityGate,
  metricFromModelCard,
  parseQualityGateArgs,
  speciesSlicesFromModelCard,
  worstSlice,
  type QualityGateArgs,
} from '../src/lib/cicd/quality-gate';

function readCard(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(
      `Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function readMetric(card: unknown, path: string, metric: string): number {
  const reading = metricFromModelCard(card, metric);
  if (!reading.ok) throw new Error(`${path}: ${reading.message}`);
  return reading.value;
}

/** `sha256:<hex>` of the model file, checked against the digest the card declares (if any). */
function modelId(modelPath: string, card: unknown, cardPath: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(modelPath);
  } catch (error) {
    throw new Error(
      `Cannot read ${modelPath}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const hex = createHash('sha256').update(bytes).digest('hex');
  const artifact = (card as { artifact?: { sha256?: unknown } } | null)?.artifact;
  if (typeof artifact?.sha256 === 'string' && artifact.sha256 !== hex) {
    throw new Error(
      `${cardPath} describes a model with sha256 ${artifact.sha256}, but ${modelPath} has sha256 ${hex}: the card and the model do not belong together.`,
    );
  }
  return `sha256:${hex}`;
}

/** The production metric, or null when there is no card to read (the gate then fails closed). */
function productionMetric(args: QualityGateArgs): number | null {
  const { productionPath, metric } = args;
  if (productionPath === null) return null;
  if (!existsSync(productionPath)) {
    console.log(
      `quality-gate: ${productionPath} not found, so there is no production model to compare with.`,
    );
    return null;
  }
  return readMetric(readCard(productionPath), productionPath, metric);
}

/** Runs the gate; returns the process exit code (0 deploy, 1 block, 2 usage or input error). */
export function main(argv: readonly string[]): number {
  const parsed = parseQualityGateArgs(argv);
  if (!parsed.ok) {
    console.error(`quality-gate: ${parsed.message}`);
    return 2;
  }
  const args = parsed.args;
  const { candidatePath, metric, tolerance, minimum, sliceMinimum, reportPath } = args;
  let candidate: number;
  let production: number | null;
  let id: string | null = null;
  let slices: ReturnType<typeof speciesSlicesFromModelCard> = null;
  try {
    const card = readCard(candidatePath);
    candidate = readMetric(card, candidatePath, metric);
    slices = speciesSlicesFromModelCard(card);
    if (args.modelPath !== null) id = modelId(args.modelPath, card, candidatePath);
    production = productionMetric(args);
  } catch (error) {
    console.error(`quality-gate: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const result = evaluateQualityGate({
    candidate,
    production,
    metric,
    tolerance,
    firstDeployment: args.firstDeployment,
    ...(minimum !== undefined ? { minimum } : {}),
    ...(slices !== null ? { slices } : {}),
    ...(sliceMinimum !== undefined ? { sliceMinimum } : {}),
  });
  console.log(`quality-gate: ${result.decision.toUpperCase()}: ${result.reason}`);
  if (id !== null) console.log(`quality-gate: model id ${id}`);
  if (reportPath !== null) {
    const report = {
      metric,
      candidate,
      production,
      tolerance,
      minimum: minimum ?? null,
      slice_minimum: sliceMinimum ?? null,
      first_deployment: args.firstDeployment,
      model_id: id,
      slices: slices ?? [],
      worst_slice: slices === null ? null : worstSlice(slices),
      ...result,
    };
    writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  }
  return result.decision === 'deploy' ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2));
