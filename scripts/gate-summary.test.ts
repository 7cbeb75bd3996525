import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main as gate } from './quality-gate';
import { main } from './gate-summary';

describe('scripts/gate-summary', () => {
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'summary-'));

  it('renders the report the gate wrote', () => {
    const card = join(dir, 'card.json');
    writeFileSync(card, JSON.stringify({ metrics: { accuracy: 0.95 } }));
    const report = join(dir, 'report.json');
    expect(gate(['--candidate', card, '--report', report])).toBe(1);
    let text = '';
    expect(main([report], (t) => (text += t))).toBe(0);
    expect(text).toMatch(/^### Quality gate: BLOCKED\n\nThere is no production accuracy/);
    expect(text).toContain('| candidate accuracy | 0.9500 |');
  });

  it('exits 2 without a readable report', () => {
    expect(main([], () => undefined)).toBe(2);
    expect(main([join(dir, 'missing.json')], () => undefined)).toBe(2);
  });
});
