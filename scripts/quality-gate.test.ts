import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
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

  it('treats a missing production card as the first deployment, judged by the minimum', () => {
    const candidate = card(dir, 'c3.json', 0.8);
    expect(
      main([
        '--candidate',
        candidate,
        '--production',
        join(dir, 'absent.json'),
        '--minimum',
        '0.9',
      ]),
    ).toBe(1);
    expect(
      main([
        '--candidate',
        candidate,
        '--production',
        join(dir, 'absent.json'),
        '--minimum',
        '0.7',
      ]),
    ).toBe(0);
  });

  it('exits 2 on bad arguments or an unreadable card', () => {
    expect(main(['--tolerance', '0.01'])).toBe(2);
    expect(main(['--candidate', join(dir, 'nope.json')])).toBe(2);
  });
});
