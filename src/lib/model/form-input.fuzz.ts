/**
 * Fuzz of chapter 1's text fields through the validators the page calls (issue 15): every
 * generated text gets a message for its field or a value inside the field's range; nothing throws.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { FEATURE_BOUNDS } from '../api/schemas';
import { PENGUIN_FEATURE_NAMES } from '../data/penguins';
import { validateMeasurementText, validateTrainForm } from './form-input';
import { TRAIN_OPTION_BOUNDS } from './train';
import { fuzzSuite } from '../fuzz';

/** Generated inputs per field; the report quotes these counts. */
export const FUZZ_RUNS = { trainingSettingPerField: 300, penguinMeasurementPerField: 250 } as const;

/** Bad and extreme field text: empty, whitespace, huge, tiny, negative, NaN, unicode, 100k chars. */
const fieldText = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.double().map(String),
  fc.integer().map(String),
  fc.double({ min: -1e6, max: 1e6 }).map((x) => x.toExponential(3)),
  fc.constantFrom(
    '',
    '   ',
    '\u00a0',
    'NaN',
    '-Infinity',
    '1e309',
    '5e-324',
    '-0',
    '0x10',
    '1_000',
  ),
  fc.constant('9'.repeat(100_000)),
);

const { describe, it, tests } = fuzzSuite();

describe('training settings fuzz', () => {
  for (const field of ['seed', 'epochs', 'learningRate'] as const) {
    it(`${field}: ${FUZZ_RUNS.trainingSettingPerField} texts give a message at the field or a valid setting`, (assert) => {
      assert(
        fc.property(fieldText, (text) => {
          const form = { seed: '42', epochs: '200', learningRate: '1', [field]: text };
          const result = validateTrainForm(form);
          if (result.ok) {
            const value = result.options[field];
            expect(Number.isFinite(value)).toBe(true);
            if (field === 'learningRate') {
              expect(value).toBeGreaterThan(0);
              expect(value).toBeLessThanOrEqual(TRAIN_OPTION_BOUNDS.learningRate.max);
            } else {
              expect(Number.isInteger(value)).toBe(true);
              expect(value).toBeGreaterThanOrEqual(TRAIN_OPTION_BOUNDS[field].min);
              expect(value).toBeLessThanOrEqual(TRAIN_OPTION_BOUNDS[field].max);
            }
          } else {
            expect(Object.keys(result.fieldErrors)).toEqual([field]);
            expect(result.fieldErrors[field]?.length).toBeGreaterThan(0);
          }
        }),
        { numRuns: FUZZ_RUNS.trainingSettingPerField },
      );
    });
  }
});

describe('single-penguin fuzz', () => {
  const valid = {
    beak_length_mm: '39.1',
    beak_depth_mm: '18.7',
    flipper_length_mm: '181',
    body_mass_g: '3750',
  };
  for (const field of PENGUIN_FEATURE_NAMES) {
    it(`${field}: ${FUZZ_RUNS.penguinMeasurementPerField} texts give a message at the field or a value in range`, (assert) => {
      assert(
        fc.property(fieldText, (text) => {
          const result = validateMeasurementText({ ...valid, [field]: text }, FEATURE_BOUNDS);
          const { min, max } = FEATURE_BOUNDS[field];
          if (result.ok) {
            expect(result.values[field]).toBeGreaterThanOrEqual(min);
            expect(result.values[field]).toBeLessThanOrEqual(max);
          } else {
            expect(Object.keys(result.fieldErrors)).toEqual([field]);
            expect(result.fieldErrors[field]?.length).toBeGreaterThan(0);
          }
        }),
        { numRuns: FUZZ_RUNS.penguinMeasurementPerField },
      );
    });
  }
});

/** The properties above, for the unit test beside this file and the fuzz bench. */
export const FUZZ_TESTS = tests;
