/**
 * The CI model-quality gate: compares a candidate model card's metric with the production model
 * card's and exits 1 (blocking the pipeline) when the candidate is worse by more than the tolerance.
 *
 *   npx tsx scripts/quality-gate.ts --candidate artifacts/model-card.json \
 *     --production production-model-card.json --metric accuracy --tolerance 0.01 [--report gate.json]
 *
 * Without a production card (first deployment, or `--production` left out) the candidate is
 * judged against `--minimum` alone. The decision rule is `evaluateQualityGate` in src/lib/cicd,
 * the same function chapter 4's playground runs.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import {
  evaluateQualityGate,
  metricFromModelCard,
  parseQualityGateArgs,
} from '../src/lib/cicd/quality-gate';

function readMetric(path: string, metric: string): number {
  let card: unknown;
  try {
    card = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(
      `Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const reading = metricFromModelCard(card, metric);
  if (!reading.ok) throw new Error(`${path}: ${reading.message}`);
  return reading.value;
}

/** Runs the gate; returns the process exit code (0 deploy, 1 block, 2 usage or input error). */
export function main(argv: readonly string[]): number {
  const parsed = parseQualityGateArgs(argv);
  if (!parsed.ok) {
    console.error(`quality-gate: ${parsed.message}`);
    return 2;
  }
  const { candidatePath, productionPath, metric, tolerance, minimum, reportPath } = parsed.args;
  let candidate: number;
  let production: number | null = null;
  try {
    candidate = readMetric(candidatePath, metric);
    if (productionPath !== null) {
      if (existsSync(productionPath)) production = readMetric(productionPath, metric);
      else
        console.log(
          `quality-gate: ${productionPath} not found; treating this as the first deployment.`,
        );
    }
  } catch (error) {
    console.error(`quality-gate: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const result = evaluateQualityGate({
    candidate,
    production,
    metric,
    tolerance,
    ...(minimum !== undefined ? { minimum } : {}),
  });
  console.log(`quality-gate: ${result.decision.toUpperCase()}: ${result.reason}`);
  if (reportPath !== null) {
    writeFileSync(
      reportPath,
      `${JSON.stringify({ metric, candidate, production, ...result }, null, 2)}\n`,
    );
  }
  return result.decision === 'deploy' ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2));
