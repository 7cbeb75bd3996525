/**
 * Turns what a reader typed into form fields into validated numbers, with one message per
 * field, so widgets can mark the field (`aria-invalid`) and keep the reader's text. Nothing
 * here throws: bad input is a result, not an exception.
 */
import { validateTrainOptions, type TrainOptionsValidation } from './train';

// The number parsing lives in number-text.ts, which has no zod: the landing page's runtime check
// uses it, and must not load zod (through `./train`) before the reader asks for anything.
export { MAX_NUMBER_TEXT, parseNumberText, TOO_LONG_MESSAGE } from './number-text';
import { MAX_NUMBER_TEXT, parseNumberText, TOO_LONG_MESSAGE } from './number-text';

/** The training form's fields, as typed. */
export interface TrainFormText {
  seed: string;
  epochs: string;
  learningRate: string;
}

/**
 * Validates the training form with `validateTrainOptions` (so the bounds and messages are the
 * training code's own). Text that is not a number reaches it as NaN and is reported as
 * "… must be a number."; text over {@link MAX_NUMBER_TEXT} characters is "Too long"; the L2
 * penalty keeps its default.
 */
export function validateTrainForm(text: TrainFormText): TrainOptionsValidation {
  const read = (value: string) => parseNumberText(value) ?? Number.NaN;
  const result = validateTrainOptions({
    seed: read(text.seed),
    epochs: read(text.epochs),
    learningRate: read(text.learningRate),
  });
  if (!result.ok && result.fieldErrors.l2 !== undefined) {
    // The form has no L2 field: the learning rate × L2 rule can only fail through the learning
    // rate (NaN or out of range), so its message belongs there, or nowhere if one is shown.
    const { l2, ...rest } = result.fieldErrors;
    result.fieldErrors = rest.learningRate === undefined ? { ...rest, learningRate: l2 } : rest;
  }
  const tooLong = (['seed', 'epochs', 'learningRate'] as const).filter(
    (key) => text[key].length > MAX_NUMBER_TEXT,
  );
  if (tooLong.length === 0) return result;
  const fieldErrors = result.ok ? {} : { ...result.fieldErrors };
  for (const key of tooLong) fieldErrors[key] = TOO_LONG_MESSAGE;
  return { ok: false, fieldErrors };
}

/** The accepted range and unit of one measurement field. */
export interface MeasurementBounds {
  min: number;
  max: number;
  unit: string;
}

/** Validated measurements, or one message per bad field. */
export type MeasurementValidation<K extends string> =
  { ok: true; values: Record<K, number> } | { ok: false; fieldErrors: Partial<Record<K, string>> };

/** Checks every field against its inclusive [min, max] range; messages name the unit. */
export function validateMeasurementText<K extends string>(
  text: Readonly<Record<K, string>>,
  bounds: Readonly<Record<K, MeasurementBounds>>,
): MeasurementValidation<K> {
  const values: Partial<Record<K, number>> = {};
  const fieldErrors: Partial<Record<K, string>> = {};
  for (const key of Object.keys(bounds) as K[]) {
    const { min, max, unit } = bounds[key];
    const raw = text[key] ?? '';
    const value = parseNumberText(raw);
    if (raw.length > MAX_NUMBER_TEXT) fieldErrors[key] = TOO_LONG_MESSAGE;
    else if (raw.trim() === '') fieldErrors[key] = `Required: type a value in ${unit}.`;
    else if (value === null) fieldErrors[key] = `Type a number in ${unit}, for example ${min}.`;
    else if (value < min || value > max)
      fieldErrors[key] = `Must be between ${min} and ${max} ${unit}.`;
    else values[key] = value;
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return { ok: true, values: values as Record<K, number> };
}
