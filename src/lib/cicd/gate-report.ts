/**
 * Renders the quality gate's JSON report (written by `scripts/quality-gate.ts --report`) as
 * Markdown, for a GitHub job summary (`$GITHUB_STEP_SUMMARY`) or a pull-request comment, so a
 * reviewer sees the candidate's numbers without downloading the artifact.
 */

/** The report fields this renderer reads; anything else in the file is ignored. */
export interface GateReport {
  decision: 'deploy' | 'block';
  reason: string;
  metric: string;
  candidate: number;
  production: number | null;
  threshold: number | null;
  model_id: string | null;
  slices: { name: string; value: number; support: number }[];
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Checks an unknown JSON value is a gate report; returns it typed, or a reason it is not. */
export function parseGateReport(
  value: unknown,
): { ok: true; report: GateReport } | { ok: false; message: string } {
  if (typeof value !== 'object' || value === null)
    return { ok: false, message: 'The report is not a JSON object.' };
  const r = value as Record<string, unknown>;
  if (r['decision'] !== 'deploy' && r['decision'] !== 'block')
    return { ok: false, message: 'The report has no decision.' };
  if (
    typeof r['reason'] !== 'string' ||
    typeof r['metric'] !== 'string' ||
    !isNumber(r['candidate'])
  )
    return { ok: false, message: 'The report lacks its reason, metric or candidate value.' };
  const nullableNumber = (v: unknown) => (isNumber(v) ? v : null);
  const slices = Array.isArray(r['slices']) ? (r['slices'] as unknown[]) : [];
  const goodSlices = slices.filter(
    (s): s is GateReport['slices'][number] =>
      typeof s === 'object' &&
      s !== null &&
      typeof (s as Record<string, unknown>)['name'] === 'string' &&
      isNumber((s as Record<string, unknown>)['value']) &&
      isNumber((s as Record<string, unknown>)['support']),
  );
  return {
    ok: true,
    report: {
      decision: r['decision'],
      reason: r['reason'],
      metric: r['metric'],
      candidate: r['candidate'],
      production: nullableNumber(r['production']),
      threshold: nullableNumber(r['threshold']),
      model_id: typeof r['model_id'] === 'string' ? r['model_id'] : null,
      slices: goodSlices,
    },
  };
}

/** Makes text safe inside a Markdown table cell: no pipes, no line breaks, no HTML tags. */
function cell(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;');
}

const num = (v: number | null) => (v === null ? '—' : v.toFixed(4));

/** The report as Markdown: the decision, the numbers, then one row per slice (worst first). */
export function renderGateReportMarkdown(report: GateReport): string {
  const lines = [
    `### Quality gate: ${report.decision === 'deploy' ? 'deploy' : 'BLOCKED'}`,
    '',
    cell(report.reason),
    '',
    '| | value |',
    '| --- | --- |',
    `| candidate ${cell(report.metric)} | ${num(report.candidate)} |`,
    `| production ${cell(report.metric)} | ${num(report.production)} |`,
    `| threshold | ${num(report.threshold)} |`,
    `| model id | ${report.model_id === null ? '—' : `\`${cell(report.model_id)}\``} |`,
  ];
  if (report.slices.length > 0) {
    lines.push('', `| slice | ${cell(report.metric)} | held-out rows |`, '| --- | --- | --- |');
    const sorted = [...report.slices].sort((a, b) => a.value - b.value);
    for (const s of sorted) lines.push(`| ${cell(s.name)} | ${num(s.value)} | ${s.support} |`);
  }
  return `${lines.join('\n')}\n`;
}
