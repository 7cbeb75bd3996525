import { describe, expect, it } from 'vitest';
import { hashString } from './hash';

describe('hashString', () => {
  it('starts with the standard 32-bit FNV-1a digest', () => {
    // Published FNV-1a 32-bit test vectors (Fowler/Noll/Vo reference test suite).
    expect(hashString('').slice(0, 8)).toBe('811c9dc5');
    expect(hashString('a').slice(0, 8)).toBe('e40c292c');
    expect(hashString('foobar').slice(0, 8)).toBe('bf9cf968');
  });

  it('is 16 hex digits, deterministic, and separates near-identical strings', () => {
    expect(hashString('COPY . .')).toMatch(/^[0-9a-f]{16}$/);
    expect(hashString('COPY . .')).toBe(hashString('COPY . .'));
    expect(hashString('ab')).not.toBe(hashString('ba'));
    expect(hashString('é')).not.toBe(hashString('e'));
  });
});

describe('hashString UTF-8 handling', () => {
  it('hashes the same bytes TextEncoder produces, surrogate pairs and lone surrogates included', () => {
    // Reference: FNV-1a over TextEncoder's bytes, computed independently here.
    const reference = (text: string): string => {
      let h = 0x811c9dc5;
      for (const byte of new TextEncoder().encode(text)) h = Math.imul(h ^ byte, 0x01000193);
      return (h >>> 0).toString(16).padStart(8, '0');
    };
    for (const text of ['é', '€ and ✓', 'penguin 🐧', 'lone \ud800 surrogate', '\udc00x']) {
      expect(hashString(text).slice(0, 8), text).toBe(reference(text));
    }
  });
});
