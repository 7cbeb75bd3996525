/**
 * Number answers read off a widget. The reader's text is parsed leniently in form ("0.97",
 * "97%", "97.3 %", "226 ms", "0.226 s", "1,000") but strictly in content: anything that is not
 * one number with an optional unit is refused with a message, never guessed at.
 */
import { MAX_NUMBER_ANSWER, type AnswerUnit, type CheckResult, type NumberSpec } from './types';

/** A parsed answer in the exercise's unit, or the message for the field. */
export type ParsedNumber = { ok: true; value: number } | { ok: false; message: string };

const EXAMPLES: Record<AnswerUnit, string> = {
  percent: '97.3% or 0.973',
  ms: '226.0 ms or 0.226 s',
  count: '1000',
};

// One number: digits with an optional decimal part, or thousands groups of three ("1,000").
const NUMBER = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+(?:\.\d*)?|\.\d+)(?:\.(\d+))?$/;

function readPlainNumber(text: string): number | null {
  const match = NUMBER.exec(text);
  if (!match) return null;
  const [, sign, whole = '', fraction] = match;
  // "1,000.5" arrives as whole "1,000" and fraction "5"; "12.5" as whole "12.5".
  const digits = whole.replaceAll(',', '') + (fraction !== undefined ? `.${fraction}` : '');
  const value = Number(digits);
  if (!Number.isFinite(value)) return null;
  return sign === '-' ? -value : value;
}

/** Splits "97.3 %" into the number text and its unit suffix (lower-cased, spaces dropped). */
function splitUnit(text: string): { number: string; suffix: string } {
  const match = /^(.*?)\s*(%|ms|s|µs|us|requests?|req)?$/i.exec(text);
  return { number: (match?.[1] ?? text).trim(), suffix: (match?.[2] ?? '').toLowerCase() };
}

function unitMismatch(unit: AnswerUnit, suffix: string): string | null {
  const allowed: Record<AnswerUnit, string[]> = {
    percent: ['', '%'],
    ms: ['', 'ms', 's', 'µs', 'us'],
    count: ['', 'request', 'requests', 'req'],
  };
  if (allowed[unit].includes(suffix)) return null;
  const wanted = { percent: 'a percentage', ms: 'a duration', count: 'a request number' }[unit];
  return `This answer is ${wanted}, so “${suffix}” does not fit: write it as ${EXAMPLES[unit]}.`;
}

/** Converts the number the reader typed into the exercise's unit (percent points, ms, count). */
function toUnit(unit: AnswerUnit, value: number, suffix: string): number {
  if (unit === 'percent') return suffix === '%' || Math.abs(value) > 1 ? value : value * 100;
  if (unit === 'ms') {
    if (suffix === 's') return value * 1000;
    if (suffix === 'µs' || suffix === 'us') return value / 1000;
  }
  return value;
}

/**
 * Reads a reader's answer in `unit`. A percentage may be written as a fraction ("0.973", read as
 * 97.3%) or in points ("97.3", "97.3 %"); a bare number above 1 is read as points.
 */
export function parseNumberAnswer(text: string, unit: AnswerUnit): ParsedNumber {
  const trimmed = text.trim();
  if (trimmed === '')
    return { ok: false, message: `Type your answer first, for example ${EXAMPLES[unit]}.` };
  if (text.length > MAX_NUMBER_ANSWER)
    return {
      ok: false,
      message: `Keep the answer under ${MAX_NUMBER_ANSWER} characters: one number, with its unit if you like.`,
    };
  const { number, suffix } = splitUnit(trimmed);
  const mismatch = unitMismatch(unit, suffix);
  if (mismatch) return { ok: false, message: mismatch };
  const value = readPlainNumber(number.replace(/\s+/g, ''));
  if (value === null)
    return {
      ok: false,
      message: `“${trimmed}” is not a number. Write one number, for example ${EXAMPLES[unit]}.`,
    };
  if (unit === 'count' && !Number.isInteger(value))
    return { ok: false, message: `A request number is a whole number, such as ${EXAMPLES.count}.` };
  return { ok: true, value: toUnit(unit, value, suffix) };
}

/** Writes a value in the exercise's unit as the widgets show it. */
export function formatInUnit(unit: AnswerUnit, value: number): string {
  if (unit === 'percent') return `${value.toFixed(1)}%`;
  if (unit === 'ms') return `${value.toFixed(1)} ms`;
  return String(Math.round(value));
}

/** The expected value converted to the unit the reader types (fractions become points). */
export function expectedInUnit(spec: NumberSpec): number {
  return spec.unit === 'percent' ? spec.expected * 100 : spec.expected;
}

/** Checks a number answer against the widget's value within the stated tolerance. */
export function checkNumberAnswer(spec: NumberSpec, text: string): CheckResult {
  const parsed = parseNumberAnswer(text, spec.unit);
  if (!parsed.ok) return { correct: false, message: parsed.message, fieldError: true };
  const expected = expectedInUnit(spec);
  const given = formatInUnit(spec.unit, parsed.value);
  const distance = Math.abs(parsed.value - expected);
  // A hair of slack for binary floating point, so a boundary answer is not refused by rounding.
  if (distance <= spec.tolerance + 1e-9) {
    return {
      correct: true,
      message: `Correct: ${given} matches the widget's ${formatInUnit(spec.unit, expected)} (within ±${spec.tolerance}${spec.unit === 'percent' ? ' points' : spec.unit === 'ms' ? ' ms' : ''}).`,
    };
  }
  const direction = parsed.value < expected ? 'too low' : 'too high';
  const close = distance <= 10 * spec.tolerance && spec.tolerance > 0;
  return {
    correct: false,
    message: close
      ? `Close, but ${given} is ${direction}: copy the value with all the decimals the widget shows (${spec.readFrom}).`
      : `Not yet: ${given} is ${direction}. Read ${spec.readFrom}.`,
  };
}
