/**
 * The train-and-verify widget's fields, as `Field.astro` props (build time): the training
 * settings with the training code's bounds, and the four measurements with the API's bounds,
 * prefilled with the booklet's example penguin. Every field has the same 40-character limit
 * the validators enforce.
 */
import { FEATURE_BOUNDS } from '../../lib/api/schemas';
import { EXAMPLE_PENGUIN_FEATURES, PENGUIN_FEATURE_NAMES } from '../../lib/data/penguins';
import { DEFAULT_PENGUIN_SETTINGS as defaults } from '../../lib/model/default-model';
import { MAX_NUMBER_TEXT } from '../../lib/model/form-input';
import { TRAIN_OPTION_BOUNDS as bounds } from '../../lib/model/train';

const field = (name: string, label: string, value: number, inputmode: 'numeric' | 'decimal') => ({
  id: `tv-${name}`,
  name,
  label,
  value: String(value),
  inputmode,
  maxlength: MAX_NUMBER_TEXT,
});

/** Seed, epochs and learning rate. */
export const trainFields = [
  field(
    'seed',
    `Seed (whole number, ${bounds.seed.min} to ${bounds.seed.max})`,
    defaults.seed,
    'numeric',
  ),
  field(
    'epochs',
    `Epochs (${bounds.epochs.min} to ${bounds.epochs.max})`,
    defaults.epochs,
    'numeric',
  ),
  field(
    'learningRate',
    `Learning rate (above 0, at most ${bounds.learningRate.max})`,
    defaults.learningRate,
    'decimal',
  ),
];

const labels = {
  beak_length_mm: 'Beak length',
  beak_depth_mm: 'Beak depth',
  flipper_length_mm: 'Flipper length',
  body_mass_g: 'Body mass',
} as const;

/** The four measurements of one penguin. */
export const penguinFields = PENGUIN_FEATURE_NAMES.map((name) => {
  const { unit, min, max } = FEATURE_BOUNDS[name];
  const label = `${labels[name]} (${unit}, ${min} to ${max})`;
  return field(name, label, EXAMPLE_PENGUIN_FEATURES[name], 'decimal');
});
