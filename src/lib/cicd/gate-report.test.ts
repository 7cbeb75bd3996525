import { describe, expect, it } from 'vitest';
import { parseGateReport, renderGateReportMarkdown } from './gate-report';

const report = {
  decision: 'block',
  reason: 'Worst slice | too low',
  metric: 'accuracy',
  candidate: 0.9710144927536232,
  production: 0.9710144927536232,
  threshold: 0.9610144927536232,
  model_id: 'sha256:' + 'b'.repeat(64),
  slices: [
    { name: 'species=Gentoo', value: 1, support: 25 },
    { name: 'species=Chinstrap', value: 13 / 14, support: 14 },
  ],
};

describe('gate report Markdown', () => {
  it('renders the decision, the numbers and the slices worst first', () => {
    const parsed = parseGateReport(report);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(renderGateReportMarkdown(parsed.report)).toBe(
      [
        '### Quality gate: BLOCKED',
        '',
        'Worst slice \\| too low',
        '',
        '| | value |',
        '| --- | --- |',
        '| candidate accuracy | 0.9710 |',
        '| production accuracy | 0.9710 |',
        '| threshold | 0.9610 |',
        `| model id | \`sha256:${'b'.repeat(64)}\` |`,
        '',
        '| slice | accuracy | held-out rows |',
        '| --- | --- | --- |',
        '| species=Chinstrap | 0.9286 | 14 |',
        '| species=Gentoo | 1.0000 | 25 |',
        '',
      ].join('\n'),
    );
  });

  it('rejects what is not a report and neutralizes HTML', () => {
    expect(parseGateReport(null).ok).toBe(false);
    expect(parseGateReport({ ...report, decision: 'maybe' }).ok).toBe(false);
    expect(parseGateReport({ ...report, candidate: 'high' }).ok).toBe(false);
    const parsed = parseGateReport({ ...report, reason: '<img src=x>', production: null });
    if (!parsed.ok) throw new Error(parsed.message);
    const text = renderGateReportMarkdown(parsed.report);
    expect(text).toContain('&lt;img src=x>');
    expect(text).toContain('| production accuracy | — |');
  });
});
