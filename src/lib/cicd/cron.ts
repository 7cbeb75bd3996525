/**
 * Checks the POSIX cron strings of `on.schedule`. GitHub's "Events that trigger workflows" page
 * documents five space-separated fields (minute 0-59, hour 0-23, day of month 1-31, month 1-12 or
 * JAN-DEC, day of week 0-6 or SUN-SAT) and the operators `*`, `,`, `-` and `/`; it does not
 * support the non-standard `@daily`-style shortcuts, and runs a schedule at most every 5 minutes.
 */

/** The outcome of checking one cron string. */
export type CronCheck = { ok: true; warnings: string[] } | { ok: false; message: string };

interface CronField {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  },
  { name: 'day-of-week', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

function parseValue(text: string, field: CronField): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const index = field.names?.indexOf(text.toUpperCase()) ?? -1;
  // Month names count from 1 (JAN = 1); day names from 0 (SUN = 0).
  if (index >= 0) return field.min + index;
  return null;
}

/** Checks one field; returns a sentence describing the problem, or null when it is valid. */
function checkField(text: string, field: CronField, expression: string): string | null {
  const where = `In the schedule \`${expression}\`, the ${field.name} field \`${text}\``;
  for (const part of text.split(',')) {
    if (part === '') return `${where} has an empty item between commas.`;
    const [rangePart = '', stepPart, extra] = part.split('/');
    if (extra !== undefined) return `${where} has more than one \`/\` in \`${part}\`.`;
    if (stepPart !== undefined && !/^[1-9]\d*$/.test(stepPart)) {
      return `${where} has the step \`/${stepPart}\`; a step must be a whole number of at least 1.`;
    }
    if (rangePart === '*') continue;
    const bounds = rangePart.split('-');
    if (bounds.length > 2) return `${where} has a malformed range \`${rangePart}\`.`;
    const values: number[] = [];
    for (const bound of bounds) {
      const value = parseValue(bound, field);
      if (value === null) {
        return `${where} contains \`${bound}\`, which is not a number${field.names ? ' or a name such as ' + (field.names[0] ?? '') : ''}.`;
      }
      if (value < field.min || value > field.max) {
        return `${where} contains ${value}, outside the allowed ${field.min} to ${field.max}.`;
      }
      values.push(value);
    }
    const [low = 0, high = low] = values;
    if (high < low) return `${where} has the range \`${rangePart}\`, which goes backwards.`;
  }
  return null;
}

/** Validates a five-field cron string as GitHub Actions accepts it. */
export function checkCronExpression(expression: string): CronCheck {
  const trimmed = expression.trim();
  if (trimmed.startsWith('@')) {
    return {
      ok: false,
      message: `The schedule \`${expression}\` uses a shortcut; GitHub does not support \`@yearly\`, \`@daily\` and similar, so write the five fields instead.`,
    };
  }
  const parts = trimmed.split(/\s+/).filter((p) => p !== '');
  if (parts.length !== 5) {
    return {
      ok: false,
      message: `The schedule \`${expression}\` has ${parts.length} field${parts.length === 1 ? '' : 's'}; a cron schedule has exactly five: minute, hour, day of month, month and day of week.`,
    };
  }
  for (let i = 0; i < 5; i++) {
    const problem = checkField(parts[i] as string, FIELDS[i] as CronField, expression);
    if (problem !== null) return { ok: false, message: problem };
  }
  const warnings: string[] = [];
  const minute = parts[0] as string;
  const step = /^\*\/(\d+)$/.exec(minute);
  if (minute === '*' || (step && Number(step[1]) < 5)) {
    warnings.push(
      `The schedule \`${expression}\` asks for runs more often than every 5 minutes; GitHub runs scheduled workflows at most once every 5 minutes.`,
    );
  }
  return { ok: true, warnings };
}
