import { describe, expect, it } from 'vitest';
import { checkNumberAnswer, parseNumberAnswer } from './number';
import type { NumberSpec } from './types';

const accuracy: NumberSpec = {
  kind: 'number',
  expected: 67 / 69,
  tolerance: 0.05,
  unit: 'percent',
  readFrom: 'the held-out accuracy',
};
const value = (text: string, unit: NumberSpec['unit']) => {
  const parsed = parseNumberAnswer(text, unit);
  return parsed.ok ? parsed.value : parsed.message;
};

describe('parseNumberAnswer', () => {
  it('reads a percentage written as a fraction, in points, or with a sign and spaces', () => {
    expect(value('0.97', 'percent')).toBeCloseTo(97, 12);
    expect(value('97%', 'percent')).toBe(97);
    expect(value('97.3 %', 'percent')).toBe(97.3);
    expect(value(' 97.3 ', 'percent')).toBe(97.3);
    expect(value('.5', 'percent')).toBe(50);
  });

  it('reads durations in ms, s and µs, and request numbers with thousands separators', () => {
    expect(value('226.0 ms', 'ms')).toBe(226);
    expect(value('0.226 s', 'ms')).toBeCloseTo(226, 9);
    expect(value('226', 'ms')).toBe(226);
    expect(value('1500 µs', 'ms')).toBe(1.5);
    expect(value('1,000', 'count')).toBe(1000);
    expect(value('request 1000', 'count')).toMatch(/not a number/);
    expect(value('1000 requests', 'count')).toBe(1000);
  });

  it('refuses what is not one number, saying why', () => {
    expect(value('', 'percent')).toMatch(/^Type your answer first/);
    expect(value('abc', 'percent')).toBe(
      '“abc” is not a number. Write one number, for example 97.3% or 0.973.',
    );
    expect(value('97,3', 'percent')).toMatch(/not a number/);
    expect(value('1.2.3', 'ms')).toMatch(/not a number/);
    expect(value('1,00', 'count')).toMatch(/not a number/);
    expect(value('12 ms', 'percent')).toMatch(/is a percentage, so “ms” does not fit/);
    expect(value('12%', 'ms')).toMatch(/is a duration, so “%” does not fit/);
    expect(value('999.5', 'count')).toMatch(/whole number/);
    expect(value('9'.repeat(41), 'count')).toMatch(/under 40 characters/);
    expect(value('1e3', 'count')).toMatch(/not a number/);
    expect(value('Infinity', 'ms')).toMatch(/not a number/);
  });
});

describe('checkNumberAnswer', () => {
  it('accepts the value as the widget rounds it, and within the tolerance only', () => {
    expect(checkNumberAnswer(accuracy, '97.1%')).toMatchObject({ correct: true });
    expect(checkNumberAnswer(accuracy, '0.971')).toMatchObject({ correct: true });
    expect(checkNumberAnswer(accuracy, '97.10 %').message).toBe(
      "Correct: 97.1% matches the widget's 97.1% (within ±0.05 points).",
    );
    // 67/69 = 97.101…%: 97.2 is 0.099 points away, beyond ±0.05.
    expect(checkNumberAnswer(accuracy, '97.2')).toMatchObject({ correct: false });
  });

  it('says which way a wrong answer is off and where to read the value, without giving it', () => {
    const close = checkNumberAnswer(accuracy, '97.4');
    expect(close.correct).toBe(false);
    expect(close.message).toBe(
      'Close, but 97.4% is too high: copy the value with all the decimals the widget shows (the held-out accuracy).',
    );
    const far = checkNumberAnswer(accuracy, '0.5');
    expect(far.message).toBe('Not yet: 50.0% is too low. Read the held-out accuracy.');
    expect(far.message).not.toContain('97.1');
  });

  it('marks unreadable answers as field errors, so the page shows them at the field', () => {
    expect(checkNumberAnswer(accuracy, 'ninety')).toMatchObject({
      correct: false,
      fieldError: true,
    });
  });

  it('needs the exact number when the tolerance is 0', () => {
    const spec: NumberSpec = {
      kind: 'number',
      expected: 1000,
      tolerance: 0,
      unit: 'count',
      readFrom: 'the log',
    };
    expect(checkNumberAnswer(spec, '1000').correct).toBe(true);
    expect(checkNumberAnswer(spec, '1001').message).toBe(
      'Not yet: 1001 is too high. Read the log.',
    );
  });
});
