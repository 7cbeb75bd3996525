import { describe, expect, it } from 'vitest';
import { FLOAT32_MAX, FLOAT32_MIN_POSITIVE, readFloat32Input } from './float32-input';

describe('readFloat32Input (issue 15 #7)', () => {
  it('accepts 3.4e38, a valid float32, and says it is rounded', () => {
    const result = readFloat32Input('3.4e38');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // Independent value: the float32 nearest 3.4e38, as numpy.float32(3.4e38) prints it.
    expect(result.value).toBe(3.3999999521443642e38);
    expect(result.note).toMatch(/nearest float32, 3\.3999999521443642e\+38/);
  });
  it('the largest float32 itself is accepted unchanged', () => {
    expect(readFloat32Input('3.4028234663852886e38')).toEqual({
      ok: true,
      typed: FLOAT32_MAX,
      value: FLOAT32_MAX,
      note: null,
    });
    expect(FLOAT32_MAX).toBe((2 - 2 ** -23) * 2 ** 127);
  });
  it('1e39, -1e39 and 1e999 are numbers out of range, not "not a number"', () => {
    for (const text of ['1e39', '-1e39', '1e999']) {
      const result = readFloat32Input(text);
      expect(result).toEqual({
        ok: false,
        message: `${text} is out of range: float32 holds finite numbers from -3.4028235e38 to 3.4028235e38.`,
      });
    }
  });
  it('Infinity is named as infinity', () => {
    for (const text of ['Infinity', '-infinity', 'inf']) {
      const result = readFloat32Input(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/^Infinity is not a finite number/);
    }
  });
  it('1e-50 underflows to 0 and says so', () => {
    const result = readFloat32Input('1e-50');
    expect(result).toMatchObject({ ok: true, typed: 1e-50, value: 0 });
    if (result.ok) expect(result.note).toMatch(/model receives 0/);
    // The smallest subnormal survives.
    expect(readFloat32Input('1.401298464324817e-45')).toMatchObject({
      ok: true,
      value: FLOAT32_MIN_POSITIVE,
    });
  });
  it('exact float32 values carry no note; text is not a number', () => {
    expect(readFloat32Input(' -2.75 ')).toEqual({
      ok: true,
      typed: -2.75,
      value: -2.75,
      note: null,
    });
    expect(readFloat32Input('twelve')).toEqual({
      ok: false,
      message: 'Type a number, for example 1.5 or -2e3.',
    });
    expect(readFloat32Input('')).toMatchObject({ ok: false });
    expect(readFloat32Input('1'.repeat(41))).toEqual({
      ok: false,
      message: 'Too long: type at most 40 characters.',
    });
  });
});
