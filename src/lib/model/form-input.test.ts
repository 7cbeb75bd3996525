import { describe, expect, it } from 'vitest';
import {
  MAX_NUMBER_TEXT,
  parseNumberText,
  TOO_LONG_MESSAGE,
  validateMeasurementText,
  validateTrainForm,
} from './form-input';

describe('parseNumberText', () => {
  it.each([
    ['42', 42],
    [' 0.05 ', 0.05],
    ['-3', -3],
    ['.5', 0.5],
    ['5.', 5],
    ['1e-3', 0.001],
    ['2E2', 200],
  ])('reads decimal and scientific notation, ignoring surrounding spaces: %j', (text, value) => {
    expect(parseNumberText(text)).toBe(value);
  });

  it('refuses text Number() would read as something else', () => {
    for (const text of ['', '   ', 'abc', '0x1f', 'Infinity', 'NaN', '1,5', '1.2.3', '--1', '1e']) {
      expect(parseNumberText(text), text).toBeNull();
    }
    // Overflows to Infinity: not a usable number.
    expect(parseNumberText('1e400')).toBeNull();
  });
});

describe('validateTrainForm', () => {
  it('accepts the defaults as typed', () => {
    const result = validateTrainForm({ seed: '42', epochs: '200', learningRate: '1' });
    expect(result).toEqual({
      ok: true,
      options: { seed: 42, epochs: 200, learningRate: 1, l2: 0.001 },
    });
  });

  it.each([
    {
      case: 'reports each bad field with the training code’s own message',
      form: { seed: 'forty', epochs: '0', learningRate: '-1' },
      errors: {
        seed: 'Seed must be a number.',
        epochs: 'Epochs must be between 1 and 5000.',
        learningRate: 'Learning rate must be greater than 0.',
      },
    },
    {
      case: 'rejects a fractional seed and too many epochs',
      form: { seed: '1.5', epochs: '5001', learningRate: '0.5' },
      errors: {
        seed: 'Seed must be a whole number.',
        epochs: 'Epochs must be between 1 and 5000.',
        learningRate: undefined,
      },
    },
  ])('$case', ({ form, errors }) => {
    const result = validateTrainForm(form);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors.seed).toBe(errors.seed);
    expect(result.fieldErrors.epochs).toBe(errors.epochs);
    expect(result.fieldErrors.learningRate).toBe(errors.learningRate);
  });
});

describe('validateMeasurementText', () => {
  const bounds = {
    beak: { min: 25, max: 70, unit: 'mm' },
    mass: { min: 2000, max: 7000, unit: 'g' },
  };

  it('returns the numbers when every field is in range (bounds inclusive)', () => {
    expect(validateMeasurementText({ beak: '25', mass: '7000' }, bounds)).toEqual({
      ok: true,
      values: { beak: 25, mass: 7000 },
    });
  });

  it('gives one message per bad field, naming the unit and range', () => {
    const result = validateMeasurementText({ beak: '', mass: '4.2' }, bounds);
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        beak: 'Required: type a value in mm.',
        mass: 'Must be between 2000 and 7000 g.',
      },
    });
    const words = validateMeasurementText({ beak: 'long', mass: '3000' }, bounds);
    expect(words).toEqual({
      ok: false,
      fieldErrors: { beak: 'Type a number in mm, for example 25.' },
    });
  });
});

describe('over-long text (issue 15 #9)', () => {
  const long = '1'.repeat(41);
  it('the training form says "Too long" at the field, even for text that parses', () => {
    const result = validateTrainForm({ seed: long, epochs: '200', learningRate: '1' });
    expect(result).toEqual({ ok: false, fieldErrors: { seed: TOO_LONG_MESSAGE } });
    expect(TOO_LONG_MESSAGE).toBe('Too long: type at most 40 characters.');
  });
  it('keeps the other fields’ messages beside it', () => {
    const result = validateTrainForm({ seed: '42', epochs: '0', learningRate: ' '.repeat(50) });
    expect(result).toEqual({
      ok: false,
      fieldErrors: { epochs: 'Epochs must be between 1 and 5000.', learningRate: TOO_LONG_MESSAGE },
    });
  });
  it('a measurement over the limit is "Too long", at exactly the limit it is read', () => {
    const bounds = { x: { min: 0, max: 10, unit: 'mm' } };
    expect(validateMeasurementText({ x: `5${' '.repeat(MAX_NUMBER_TEXT)}` }, bounds)).toEqual({
      ok: false,
      fieldErrors: { x: TOO_LONG_MESSAGE },
    });
    expect(validateMeasurementText({ x: `5${' '.repeat(MAX_NUMBER_TEXT - 1)}` }, bounds)).toEqual({
      ok: true,
      values: { x: 5 },
    });
  });
});
