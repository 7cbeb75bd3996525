import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textFrom } from './fuzz';

describe('textFrom', () => {
  it('joins only the given pieces, between minLength and maxLength of them', () => {
    const pieces = ['ab', 'c', 'node_modules'];
    const texts = fc.sample(textFrom(pieces, { minLength: 1, maxLength: 3, separator: '/' }), {
      seed: 3,
      numRuns: 300,
    });
    const counts = new Set<number>();
    for (const text of texts) {
      const parts = text.split('/');
      counts.add(parts.length);
      for (const part of parts) expect(pieces).toContain(part);
    }
    expect([...counts].sort()).toEqual([1, 2, 3]);
  });

  it('can be empty without a minLength, and joins with nothing by default', () => {
    const texts = fc.sample(textFrom(['x', 'yz'], { maxLength: 4 }), { seed: 5, numRuns: 300 });
    expect(texts).toContain('');
    for (const text of texts) expect(text).toMatch(/^(x|yz){0,4}$/);
    expect(texts.some((text) => text.length > 4)).toBe(true);
  });
});
