import { describe, expect, it } from 'vitest';
import { fnv1a32, idSafeSlug, makeCellId } from './cell-id';

describe('fnv1a32', () => {
  it('matches the published FNV-1a 32-bit test vectors', () => {
    // Test vectors from the FNV reference (Noll, "FNV Hash", test suite for FNV-1a 32-bit).
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('hashes the UTF-8 bytes, not UTF-16 code units', () => {
    // "é" is the two bytes C3 A9; worked by hand from the offset basis with prime 16777619:
    // h1 = (0x811c9dc5 ^ 0xc3) * p mod 2^32, h2 = (h1 ^ 0xa9) * p mod 2^32.
    const prime = 16777619n;
    const mod = 2n ** 32n;
    const h1 = ((0x811c9dc5n ^ 0xc3n) * prime) % mod;
    const h2 = ((h1 ^ 0xa9n) * prime) % mod;
    expect(fnv1a32('é')).toBe(Number(h2));
  });
});

describe('makeCellId', () => {
  const pattern = /^[a-zA-Z0-9_-]{1,64}$/;

  it('is stable and has the nbformat 4.5 shape', () => {
    const id = makeCellId('01-model-deployment', 3, 'code', 'print(1)');
    expect(id).toBe(makeCellId('01-model-deployment', 3, 'code', 'print(1)'));
    expect(id).toMatch(pattern);
    expect(id.startsWith('01-model-deployment-003-')).toBe(true);
  });

  it('changes with the source, the position and the cell type', () => {
    const base = makeCellId('s', 0, 'code', 'x');
    expect(makeCellId('s', 0, 'code', 'y')).not.toBe(base);
    expect(makeCellId('s', 1, 'code', 'x')).not.toBe(base);
    expect(makeCellId('s', 0, 'markdown', 'x')).not.toBe(base);
  });

  it('stays within 64 characters and the id alphabet for any slug', () => {
    expect(idSafeSlug('a b/ç.d')).toBe('a_b___d');
    expect(idSafeSlug('')).toBe('cell');
    const id = makeCellId('x'.repeat(200) + ' ü', 12345, 'markdown', 'text');
    expect(id).toMatch(pattern);
    expect(id.length).toBeLessThanOrEqual(64);
  });
});
