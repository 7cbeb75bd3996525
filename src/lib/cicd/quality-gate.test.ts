import { describe, expect, it } from 'vitest';
import { defaultPenguinArtifact } from '../artifacts/penguins-node';
import {
  evaluateQualityGate,
  metricFromModelCard,
  parseQualityGateArgs,
  speciesSlicesFromModelCard,
  worstSlice,
} from './quality-gate';

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

  it('fails closed: no production value blocks unless a first deployment is declared', () => {
    const closed = gate(0.99, null);
    expect(closed.decision).toBe('block');
    expect(closed.reason).toMatch(/fails closed/);
    expect(gate(0.99, null, 0.01, { minimum: 0.9 }).decision).toBe('block');
  });

  it('deploys a declared first deployment only with a minimum it meets', () => {
    const first = { firstDeployment: true };
    expect(gate(0.99, null, 0.01, first).reason).toMatch(/needs an explicit --minimum/);
    expect(gate(0.99, null, 0.01, first).decision).toBe('block');
    expect(gate(0.8, null, 0.01, { ...first, minimum: 0.9 }).reason).toMatch(
      /does not reach the required minimum of 0\.9/,
    );
    const ok = gate(0.95, null, 0.01, { ...first, minimum: 0.9 });
    expect(ok.decision).toBe('deploy');
    expect(ok.reason).toMatch(/first deployment/);
  });

  it('blocks a first-deployment declaration when production exists', () => {
    const result = gate(0.99, 0.9, 0.01, { firstDeployment: true, minimum: 0.9 });
    expect(result.decision).toBe('block');
    expect(result.reason).toMatch(/not a first deployment/);
  });

  it('blocks on the worst slice even when the overall metric passes', () => {
    const slices = [
      { name: 'species=Adelie', value: 0.97, support: 30 },
      { name: 'species=Chinstrap', value: 12 / 14, support: 14 },
      { name: 'species=Gentoo', value: 1, support: 25 },
    ];
    const blocked = gate(0.96, 0.95, 0.01, { slices, sliceMinimum: 0.9 });
    expect(blocked.decision).toBe('block');
    expect(blocked.reason).toMatch(
      /worst slice, species=Chinstrap \(14 held-out rows\), scores 0\.8571/,
    );
    expect(gate(0.96, 0.95, 0.01, { slices, sliceMinimum: 0.85 }).decision).toBe('deploy');
    expect(gate(0.96, 0.95, 0.01, { slices: [], sliceMinimum: 0.85 }).decision).toBe('block');
    expect(worstSlice(slices)?.name).toBe('species=Chinstrap');
    expect(worstSlice([])).toBeNull();
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
        firstDeployment: false,
        modelPath: null,
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

  it('takes --first-deployment as a flag that requires --minimum', () => {
    expect(parseQualityGateArgs(['--candidate', 'a', '--first-deployment'])).toEqual({
      ok: false,
      message: '`--first-deployment` needs an explicit `--minimum`.',
    });
    const first = parseQualityGateArgs([
      '--candidate',
      'a',
      '--first-deployment',
      '--minimum',
      '0.9',
      '--slice-minimum',
      '0.85',
      '--model',
      'm.onnx',
    ]);
    expect(first.ok && first.args).toMatchObject({
      firstDeployment: true,
      minimum: 0.9,
      sliceMinimum: 0.85,
      modelPath: 'm.onnx',
    });
    expect(parseQualityGateArgs(['--candidate', 'a', '--slice-minimum', 'low']).ok).toBe(false);
  });
});

describe('speciesSlicesFromModelCard', () => {
  it('reads per-species accuracy equal to the confusion matrix diagonal over its row', async () => {
    const { card } = await defaultPenguinArtifact();
    const slices = speciesSlicesFromModelCard(card);
    const matrix = card.evaluation.confusion.matrix;
    // Independent check: accuracy on the rows of species i = matrix[i][i] / sum(matrix[i]).
    expect(slices).toEqual(
      card.classes.map((label, i) => {
        const row = matrix[i] as number[];
        const total = row.reduce((a, b) => a + b, 0);
        return {
          name: `species=${label}`,
          value: expect.closeTo((row[i] as number) / total, 12) as number,
          support: total,
        };
      }),
    );
    expect(slices?.reduce((n, s) => n + s.support, 0)).toBe(card.data.testRows);
  });

  it('returns null for cards without a per-class list', () => {
    expect(speciesSlicesFromModelCard({ metrics: { accuracy: 1 } })).toBeNull();
    expect(speciesSlicesFromModelCard({ evaluation: { perClass: [{ label: 'x' }] } })).toBeNull();
  });
});

describe('the slice numbers chapter 4 states', () => {
  it('are the default model card’s', async () => {
    const { readFileSync } = await import('node:fs');
    const chapter = readFileSync(
      new URL('../../../content/04-ci-cd/index.mdx', import.meta.url),
      'utf8',
    ).replace(/\s+/g, ' ');
    const { card } = await defaultPenguinArtifact();
    const slices = speciesSlicesFromModelCard(card) ?? [];
    const count = (name: string) => {
      const slice = slices.find((s) => s.name === `species=${name}`);
      if (!slice) throw new Error(name);
      return {
        right: Math.round(slice.value * slice.support),
        of: slice.support,
        acc: slice.value,
      };
    };
    const [a, c, g] = [count('Adelie'), count('Chinstrap'), count('Gentoo')];
    const total = card.data.testRows;
    const right = a.right + c.right + g.right;
    expect(right / total).toBeCloseTo(card.metrics.accuracy, 12);
    expect(chapter).toContain(
      `The penguin test set has ${a.of} Adelies, ${c.of} Chinstraps and ${g.of} Gentoos`,
    );
    expect(chapter).toContain(
      `could still score ${total - c.of} of ${total}, about ${((total - c.of) / total).toFixed(2)}`,
    );
    expect(chapter).toContain(
      `gets ${right} of ${total} right (${card.metrics.accuracy.toFixed(3)}) overall, ${a.right} of ${a.of} Adelies (${a.acc.toFixed(3)}), ${c.right} of ${c.of} Chinstraps (${c.acc.toFixed(3)}) and all ${g.of} Gentoos`,
    );
    expect(g.right).toBe(g.of);
  });
});
