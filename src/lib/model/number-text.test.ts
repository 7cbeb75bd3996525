import { describe, expect, it } from 'vitest';
import * as formInput from './form-input';
import { MAX_NUMBER_TEXT, parseNumberText, TOO_LONG_MESSAGE } from './number-text';

describe('parseNumberText', () => {
  it('reads decimal and scientific notation, trimmed', () => {
    expect(parseNumberText(' -2.75 ')).toBe(-2.75);
    expect(parseNumberText('.5')).toBe(0.5);
    expect(parseNumberText('1e3')).toBe(1000);
    expect(parseNumberText('3.')).toBe(3);
  });
  it('rejects what Number() would accept but a reader does not mean', () => {
    for (const text of ['', '   ', '0x1f', 'Infinity', '1e999', '1,5', 'twelve']) {
      expect(parseNumberText(text)).toBeNull();
    }
  });
  it('states the length limit in its message, and form-input re-exports the same values', () => {
    expect(TOO_LONG_MESSAGE).toContain(String(MAX_NUMBER_TEXT));
    expect(formInput.parseNumberText).toBe(parseNumberText);
    expect(formInput.MAX_NUMBER_TEXT).toBe(MAX_NUMBER_TEXT);
  });
});
