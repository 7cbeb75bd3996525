import { describe, expect, it } from 'vitest';
import { checkCronExpression } from './cron';

describe('checkCronExpression', () => {
  it.each([
    '0 3 * * 1',
    '*/15 * * * *',
    '30 5,17 * * *',
    '0 0 1 JAN-MAR MON-FRI',
    '0 12 * * sun',
    '5-55/10 0-23 1-31 1-12 0-6',
  ])('accepts %s', (expr) => expect(checkCronExpression(expr).ok).toBe(true));

  it.each([
    ['0 3 * *', /4 fields/],
    ['0 3 * * * *', /6 fields/],
    ['@daily', /shortcut/],
    ['60 * * * *', /minute field .* outside the allowed 0 to 59/],
    ['0 24 * * *', /hour field/],
    ['0 0 0 * *', /day-of-month/],
    ['0 0 * 13 *', /month/],
    ['0 0 * * 7', /day-of-week/],
    ['0 0 * * FOO', /not a number/],
    ['*/0 * * * *', /step/],
    ['10-5 * * * *', /backwards/],
    ['1,,2 * * * *', /empty item/],
  ])('rejects %s', (expr, reason) => {
    const result = checkCronExpression(expr);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(reason);
  });

  it('warns that GitHub runs schedules at most every 5 minutes', () => {
    const every = checkCronExpression('* * * * *');
    expect(every.ok && every.warnings).toHaveLength(1);
    const five = checkCronExpression('*/5 * * * *');
    expect(five.ok && five.warnings).toHaveLength(0);
  });
});
