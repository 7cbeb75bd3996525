import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatPercent } from './format';

describe('formatBytes', () => {
  it('uses bytes below 1 KiB and binary multiples above', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
  });
  it('refuses nonsense', () => {
    expect(formatBytes(-1)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
  });
});

describe('formatDuration', () => {
  it('picks the unit by magnitude', () => {
    expect(formatDuration(0.25)).toBe('250.0 µs');
    expect(formatDuration(0.005)).toBe('5.00 µs');
    expect(formatDuration(3.456)).toBe('3.46 ms');
    expect(formatDuration(42)).toBe('42.0 ms');
    expect(formatDuration(1500)).toBe('1.50 s');
  });
});

describe('formatPercent', () => {
  it('multiplies by 100 and rounds', () => {
    expect(formatPercent(0.9731)).toBe('97.3%');
    expect(formatPercent(1, 0)).toBe('100%');
  });
});
