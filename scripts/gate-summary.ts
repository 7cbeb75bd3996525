/**
 * Prints the quality gate's report as Markdown, for the pipeline's job summary and pull-request
 * comment:
 *
 *   npx tsx scripts/gate-summary.ts artifacts/gate-report.json >> "$GITHUB_STEP_SUMMARY"
 *
 * Exits 2 when the report is missing or malformed (the gate step failed before writing it).
 */
import { readFileSync } from 'node:fs';
import { parseGateReport, renderGateReportMarkdown } from '../src/lib/cicd/gate-report';

/** Renders the report at `path`; returns the exit code and writes Markdown to `out`. */
export function main(argv: readonly string[], out: (text: string) => void): number {
  const path = argv[0];
  if (path === undefined || argv.length !== 1) {
    console.error('gate-summary: usage: gate-summary.ts <gate-report.json>');
    return 2;
  }
  let parsed: ReturnType<typeof parseGateReport>;
  try {
    parsed = parseGateReport(JSON.parse(readFileSync(path, 'utf8')));
  } catch (error) {
    console.error(
      `gate-summary: cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 2;
  }
  if (!parsed.ok) {
    console.error(`gate-summary: ${path}: ${parsed.message}`);
    return 2;
  }
  out(renderGateReportMarkdown(parsed.report));
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`)
  process.exitCode = main(process.argv.slice(2), (text) => process.stdout.write(text));
