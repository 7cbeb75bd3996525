/**
 * Reading a number a reader typed: the parsing and the length limit shared by every number field.
 * Kept free of zod and the training code, so the landing page's runtime check can use it without
 * loading them (DESIGN.md: at most 60 KB of JavaScript before any interaction).
 */

// Plain decimal or scientific notation: what people type, and what Number() reads the same way.
// Number() alone would also accept '', '0x1f', 'Infinity' and whitespace-only text.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Longest text a number field accepts (issue 15 #9): far more than any number a reader types
 * (`-1.2345678901234567e-300` is 24 characters), and the `maxlength` of the page's fields.
 */
export const MAX_NUMBER_TEXT = 40;

/** The message for a field longer than {@link MAX_NUMBER_TEXT}. */
export const TOO_LONG_MESSAGE = `Too long: type at most ${MAX_NUMBER_TEXT} characters.`;

/** The number in `text` (trimmed, decimal or `1e3` notation), or null when it is not one. */
export function parseNumberText(text: string): number | null {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}
