/**
 * Reads the landing page's runtime-check number (issue 15 #7). The model's input is a float32
 * tensor, so the question is not only "is this a number?" but "what does float32 make of it?":
 * values beyond ±3.4028235e38 overflow to infinity, values below the smallest subnormal
 * (2^-149 ≈ 1.4e-45) round to 0, and everything else rounds to the nearest float32
 * (IEEE 754 binary32, as `Math.fround` rounds; ECMA-262 §21.3.2.17).
 */
import { MAX_NUMBER_TEXT, parseNumberText, TOO_LONG_MESSAGE } from '../model/number-text';

/** The largest finite float32, (2 − 2^-23) · 2^127. */
export const FLOAT32_MAX = 3.4028234663852886e38;
/** The smallest positive float32 (a subnormal), 2^-149. */
export const FLOAT32_MIN_POSITIVE = 2 ** -149;

/** What the field holds: a float32 to run (with a note when it changed), or a message. */
export type Float32Input =
  | {
      ok: true;
      /** The number as typed (a double). */
      typed: number;
      /** The float32 the tensor will hold. */
      value: number;
      /** Set when float32 changes the number (rounding or underflow), in words. */
      note: string | null;
    }
  | { ok: false; message: string };

const INFINITY = /^[+-]?(infinity|inf)$/i;
const RANGE = 'float32 holds finite numbers from -3.4028235e38 to 3.4028235e38';

/** Validates the typed text as a float32 input; never throws. */
export function readFloat32Input(text: string): Float32Input {
  if (text.length > MAX_NUMBER_TEXT) return { ok: false, message: TOO_LONG_MESSAGE };
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'Type a number, for example 1.5 or -2e3.' };
  if (INFINITY.test(trimmed)) {
    return { ok: false, message: `Infinity is not a finite number: ${RANGE}.` };
  }
  // parseNumberText refuses 1e999 (Number() gives Infinity), which is a number, just too big.
  const typed = parseNumberText(trimmed) ?? overflowingDecimal(trimmed);
  if (typed === null) return { ok: false, message: 'Type a number, for example 1.5 or -2e3.' };
  const value = Math.fround(typed);
  if (!Number.isFinite(value)) {
    return { ok: false, message: `${trimmed} is out of range: ${RANGE}.` };
  }
  let note: string | null = null;
  if (value === 0 && typed !== 0) {
    note = `${trimmed} is closer to 0 than float32's smallest positive number (about 1.4e-45), so the model receives 0.`;
  } else if (value !== typed) {
    note = `float32 cannot hold ${trimmed} exactly; the model receives the nearest float32, ${value}.`;
  }
  return { ok: true, typed, value, note };
}

/** ±Infinity for decimal text too large for a double ("1e999"), else null. */
function overflowingDecimal(text: string): number | null {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return null;
  const value = Number(text);
  return value === Number.POSITIVE_INFINITY || value === Number.NEGATIVE_INFINITY ? value : null;
}
