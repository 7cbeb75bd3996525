import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkBodySize,
  checkContentType,
  checkPath,
  MAX_BODY_CHARS,
  utf8Length,
} from './request-draft';
import { API_ROUTES } from './openapi';
import { MAX_BODY_BYTES } from './schemas';

describe('field checks', () => {
  it('hand-picked Content-Types', () => {
    expect(checkContentType('application/json; charset=utf-8')).toBeNull();
    expect(checkContentType('')).toBeNull();
    expect(checkContentType('application/json\r\nx: y')).toMatch(/one line/);
    expect(checkContentType('appli😀')).toMatch(/ASCII/);
    expect(checkContentType('a'.repeat(201))).toMatch(/Too long/);
  });
  it('every route the API lists is a valid path', () => {
    for (const route of API_ROUTES) expect(checkPath(route)).toBeNull();
    expect(checkPath('v1/predict')).toMatch(/starts with/);
  });
  it('counts UTF-8 bytes as TextEncoder does, and flags bodies over the 413 limit', () => {
    for (const s of ['', 'a', 'ü', '€', '😀', '\ud800', 'a\udc00b'])
      expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
    expect(checkBodySize('x'.repeat(MAX_BODY_BYTES))).toBeNull();
    expect(checkBodySize('x'.repeat(MAX_BODY_BYTES + 1))).toMatch(/413/);
    // The field's maxlength allows 65,536 characters; three-byte characters pass it and not the API.
    expect(checkBodySize('€'.repeat(MAX_BODY_CHARS / 2))).toMatch(/98,304 bytes/);
  });
  it('utf8Length agrees with TextEncoder on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
      }),
      { numRuns: 200 },
    );
  });
});
