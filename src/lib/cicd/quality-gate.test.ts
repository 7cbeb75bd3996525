import { describe, expect, it } from 'vitest';
import { evaluateQualityGate, metricFromModelCard, parseQualityGateArgs } from './quality-gate';

describe('evaluateQualityGate', () => {
  const gate = (candidate: number, production: number | null, tolerance = 0.01, extra = {}) =>
    evaluateQualityGate({ candidate, production, metric: 'accuracy', tolerance, ...extra });

  it('deploys a candidate that beats production', () => {
    const result = gate(0.97, 0.95);
    expect(result.decision).toBe('deploy');
    expect(result.threshold).toBeCloseTo(0.94, 12);
    expect(result.reason).toMatch(/0\.97 improves on production/);
  });

  it('deploys a candidate slightly worse but within the tolerance', () => {
    // 0.945 ≥ 0.95 − 0.01 = 0.94.
    const result = gate(0.945, 0.95);
    expect(result.decision).toBe('deploy');
    expect(result.reason).toMatch(/within the tolerance/);
  });

  it('treats a candidate exactly at production − tolerance as passing despite binary rounding', () => {
    // In floating point 0.51 − 0.04 = 0.47000000000000003 > 0.47, yet 0.47 is exactly on the line.
    expect(0.51 - 0.04).toBeGreaterThan(0.47);
    expect(gate(0.47, 0.51, 0.04).decision).toBe('deploy');
  });

  it('blocks a candidate more than the tolerance below production, and says so', () => {
    const result = gate(0.92, 0.95);
    expect(result.decision).toBe('block');
    expect(result.reason).toBe(
      "The candidate's accuracy 0.92 is worse than production 0.95 − tolerance 0.01 = 0.94 (higher is better), so the release is blocked and production keeps its current model.",
    );
  });

  it('blocks any drop when the tolerance is 0', () => {
    expect(gate(0.9499, 0.95, 0).decision).toBe('block');
    expect(gate(0.95, 0.95, 0).reason).toMatch(/matches production/);
  });

  it('deploys the first model when nothing is in production, if it meets the minimum', () => {
    expect(gate(0.8, null).decision).toBe('deploy');
    expect(gate(0.8, null, 0.01, { minimum: 0.9 }).decision).toBe('block');
    expect(gate(0.8, null, 0.01, { minimum: 0.9 }).reason).toMatch(
      /does not reach the required minimum of 0\.9/,
    );
  });

  it('applies the minimum even when production is worse', () => {
    expect(gate(0.85, 0.8, 0.01, { minimum: 0.9 }).decision).toBe('block');
  });

  it('handles metrics where lower is better', () => {
    const loss = (candidate: number) =>
      evaluateQualityGate({
        candidate,
        production: 0.3,
        metric: 'log loss',
        tolerance: 0.05,
        higherIsBetter: false,
      });
    expect(loss(0.34).decision).toBe('deploy'); // 0.34 ≤ 0.3 + 0.05
    expect(loss(0.36).decision).toBe('block');
    expect(loss(0.36).reason).toMatch(/\+ tolerance 0\.05 = 0\.35 \(lower is better\)/);
  });

  it('blocks on invalid numbers instead of deploying', () => {
    expect(gate(NaN, 0.9).decision).toBe('block');
    expect(gate(0.9, Infinity).decision).toBe('block');
    expect(gate(0.9, 0.9, -0.1).decision).toBe('block');
  });
});

describe('metricFromModelCard', () => {
  it('reads top-level metrics and provenance metrics', () => {
    expect(metricFromModelCard({ metrics: { accuracy: 0.97 } }, 'accuracy')).toEqual({
      ok: true,
      value: 0.97,
    });
    expect(metricFromModelCard({ provenance: { metrics: { accuracy: 0.9 } } }, 'accuracy')).toEqual(
      { ok: true, value: 0.9 },
    );
  });

  it('explains missing or malformed values', () => {
    expect(metricFromModelCard({}, 'accuracy')).toMatchObject({ ok: false });
    expect(metricFromModelCard(null, 'accuracy')).toMatchObject({ ok: false });
    const bad = metricFromModelCard({ metrics: { accuracy: 'high' } }, 'accuracy');
    expect(bad.ok === false && bad.message).toMatch(/not a finite number/);
  });
});

describe('parseQualityGateArgs', () => {
  it('parses the pipeline invocation', () => {
    const result = parseQualityGateArgs([
      '--candidate',
      'artifacts/model-card.json',
      '--production',
      'production-model-card.json',
      '--tolerance',
      '0.01',
      '--report',
      'artifacts/candidate-metrics.json',
    ]);
    expect(result).toEqual({
      ok: true,
      args: {
        candidatePath: 'artifacts/model-card.json',
        productionPath: 'production-model-card.json',
        metric: 'accuracy',
        tolerance: 0.01,
        reportPath: 'artifacts/candidate-metrics.json',
      },
    });
  });

  it('rejects missing, unknown and malformed options', () => {
    expect(parseQualityGateArgs([]).ok).toBe(false);
    expect(parseQualityGateArgs(['--candidate']).ok).toBe(false);
    expect(parseQualityGateArgs(['--candidate', 'a', '--nope', 'x']).ok).toBe(false);
    expect(parseQualityGateArgs(['--candidate', 'a', '--tolerance', '-1']).ok).toBe(false);
    expect(parseQualityGateArgs(['--candidate', 'a', '--minimum', 'x']).ok).toBe(false);
    const withMinimum = parseQualityGateArgs(['--candidate', 'a', '--minimum', '0.9']);
    expect(withMinimum.ok && withMinimum.args.minimum).toBe(0.9);
  });
});
