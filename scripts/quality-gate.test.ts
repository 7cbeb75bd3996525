import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { defaultPenguinArtifact } from '../src/lib/artifacts/penguins-node';
import { main } from './quality-gate';

function card(dir: string, name: string, accuracy: number): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ metrics: { accuracy } }));
  return path;
}

describe('scripts/quality-gate', () => {
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'gate-'));

  it('deploys a candidate within the tolerance and writes the report', () => {
    const report = join(dir, 'report.json');
    const code = main([
      '--candidate',
      card(dir, 'c.json', 0.96),
      '--production',
      card(dir, 'p.json', 0.965),
      '--tolerance',
      '0.01',
      '--report',
      report,
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(report, 'utf8'))).toMatchObject({
      decision: 'deploy',
      candidate: 0.96,
      production: 0.965,
    });
  });

  it('blocks (exit 1) a candidate worse than production by more than the tolerance', () => {
    expect(
      main([
        '--candidate',
        card(dir, 'c2.json', 0.9),
        '--production',
        card(dir, 'p2.json', 0.97),
        '--tolerance',
        '0.01',
      ]),
    ).toBe(1);
  });

  it('fails closed: a missing production card blocks unless --first-deployment is given', () => {
    const candidate = card(dir, 'c3.json', 0.95);
    const absent = join(dir, 'absent.json');
    const report = join(dir, 'closed.json');
    expect(main(['--candidate', candidate, '--production', absent, '--report', report])).toBe(1);
    expect(JSON.parse(readFileSync(report, 'utf8'))).toMatchObject({
      decision: 'block',
      production: null,
      first_deployment: false,
    });
    expect(main(['--candidate', candidate])).toBe(1);
    expect(main(['--candidate', candidate, '--minimum', '0.9'])).toBe(1);
    expect(main(['--candidate', candidate, '--first-deployment'])).toBe(2);
    const first = ['--candidate', candidate, '--production', absent, '--first-deployment'];
    expect(main([...first, '--minimum', '0.96'])).toBe(1);
    expect(main([...first, '--minimum', '0.9'])).toBe(0);
  });

  it('records the sha256 of the model it gated, and refuses a card of another model', async () => {
    const { onnx, card: modelCard } = await defaultPenguinArtifact();
    const model = join(dir, 'penguins.onnx');
    writeFileSync(model, onnx);
    const cardPath = join(dir, 'model-card.json');
    writeFileSync(cardPath, JSON.stringify(modelCard));
    const production = card(dir, 'p4.json', modelCard.metrics.accuracy);
    const report = join(dir, 'gated.json');
    const args = ['--candidate', cardPath, '--production', production, '--model', model];
    expect(main([...args, '--slice-minimum', '0.9', '--report', report])).toBe(0);
    const written = JSON.parse(readFileSync(report, 'utf8')) as Record<string, unknown>;
    const hex = createHash('sha256').update(onnx).digest('hex');
    expect(written['model_id']).toBe(`sha256:${hex}`);
    expect(written['worst_slice']).toMatchObject({ name: expect.stringMatching(/^species=/) });
    // The worst slice decides: a floor just above it blocks, a floor at it passes.
    const worst = (written['worst_slice'] as { value: number }).value;
    expect(main([...args, '--slice-minimum', String(worst + 0.01)])).toBe(1);
    expect(main([...args, '--slice-minimum', String(worst)])).toBe(0);
    writeFileSync(model, Uint8Array.from([...onnx, 0]));
    expect(main(args)).toBe(2);
  });

  it('exits 2 on bad arguments or an unreadable card', () => {
    expect(main(['--tolerance', '0.01'])).toBe(2);
    expect(main(['--candidate', join(dir, 'nope.json')])).toBe(2);
  });
});
