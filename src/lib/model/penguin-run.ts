/**
 * The default penguin pipeline (split, train, evaluate, record provenance) run the way a page
 * needs it: on already-cleaned rows, with training in chunks that yield to the browser, a loss
 * callback and cancellation. With the booklet's default settings it produces the same model,
 * bit for bit, as `trainDefaultPenguinModel`, so the bytes a reader exports can be compared
 * with the published `models/penguins.onnx`.
 */
import type { CleaningReport, PenguinRow } from '../data/penguins';
import {
  DEFAULT_PENGUIN_SETTINGS,
  finishPenguinModel,
  penguinTrainingData,
  splitPenguins,
  type DefaultPenguinModel,
  type PenguinTrainingSettings,
} from './default-model';
import { trainSoftmax, type TrainHooks } from './train';

/** A finished run, plus whether the loss stopped being finite. */
export interface PenguinRun extends DefaultPenguinModel {
  /** True when training stopped early because the loss became infinite or NaN. */
  diverged: boolean;
}

/** Whether the settings that shape the model equal the booklet's defaults. */
export function isDefaultPenguinSetup(
  settings: Pick<
    PenguinTrainingSettings,
    'seed' | 'epochs' | 'learningRate' | 'l2' | 'testFraction'
  >,
): boolean {
  const d = DEFAULT_PENGUIN_SETTINGS;
  return (
    settings.seed === d.seed &&
    settings.epochs === d.epochs &&
    settings.learningRate === d.learningRate &&
    settings.l2 === d.l2 &&
    settings.testFraction === d.testFraction
  );
}

/**
 * Version label for a run: the booklet's own (`penguins-v1`) for the default settings, and a
 * label naming the changed settings otherwise, so a custom model never passes for the published one.
 */
export function penguinVersionLabel(
  settings: Pick<
    PenguinTrainingSettings,
    'seed' | 'epochs' | 'learningRate' | 'l2' | 'testFraction'
  >,
): string {
  if (isDefaultPenguinSetup(settings)) return DEFAULT_PENGUIN_SETTINGS.version;
  return `${DEFAULT_PENGUIN_SETTINGS.version}-custom-seed${settings.seed}-epochs${settings.epochs}-lr${settings.learningRate}`;
}

/**
 * Splits cleaned rows, trains in chunks (see `trainSoftmax`: `hooks.signal` cancels with
 * TrainingCancelled), then evaluates and fills the provenance with `finishPenguinModel`, as
 * `trainDefaultPenguinModel` does. The version defaults to `penguinVersionLabel(settings)`.
 */
export async function trainPenguinRun(
  rows: readonly PenguinRow[],
  report: CleaningReport,
  overrides: Partial<PenguinTrainingSettings> = {},
  hooks: Omit<TrainHooks, 'meta'> = {},
): Promise<PenguinRun> {
  const merged = { ...DEFAULT_PENGUIN_SETTINGS, ...overrides };
  const settings: PenguinTrainingSettings = {
    ...merged,
    version: overrides.version ?? penguinVersionLabel(merged),
  };
  const split = splitPenguins(rows, settings);
  const { seed, epochs, learningRate, l2 } = settings;
  const trained = await trainSoftmax(
    penguinTrainingData(split.train),
    { seed, epochs, learningRate, l2 },
    hooks,
  );
  const { model, metrics } = await finishPenguinModel(trained.model, split, settings.version);
  return {
    model,
    split,
    report,
    metrics,
    settings,
    history: trained.history,
    diverged: trained.diverged,
  };
}
