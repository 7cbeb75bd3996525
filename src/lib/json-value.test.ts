import { describe, expect, it } from 'vitest';
import { propertyOf } from './json-value';

describe('propertyOf', () => {
  it('reads a key of an object, nested through several levels', () => {
    const card = JSON.parse('{"evaluation":{"perClass":[{"label":"Adelie"}]}}') as unknown;
    expect(propertyOf(propertyOf(card, 'evaluation'), 'perClass')).toEqual([{ label: 'Adelie' }]);
    expect(propertyOf({ a: 0 }, 'a')).toBe(0);
  });

  it('gives undefined for a missing key and for anything that is not an object', () => {
    expect(propertyOf({ a: 1 }, 'b')).toBeUndefined();
    for (const value of [null, undefined, 3, 'text', true]) {
      expect(propertyOf(value, 'length')).toBeUndefined();
    }
  });
});
