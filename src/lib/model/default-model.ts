/**
 * The booklet's default penguin classifier: clean, split, train, evaluate. The build-time ONNX
 * artifact and the chapter-1 widget's initial state both come from here, so they agree.
 */
import { hashRows } from '../data/hash';
import {
  cleanPenguins,
  type CleaningReport,
  PENGUIN_FEATURE_NAMES,
  PENGUIN_FEATURE_UNITS,
  PENGUIN_SPECIES,
  penguinFeatureVector,
  type PenguinRow,
} from '../data/penguins';
import { type Split, stratifiedSplit } from '../data/split';
import { accuracy, type ClassScores, confusionMatrix, logLoss, perClassScores } from './metrics';
import { predictLabels, predictProba } from './predict';
import {
  createTrainer,
  DEFAULT_TRAIN_OPTIONS,
  type LossPoint,
  type TrainingData,
  type TrainOptions,
} from './train';
import type { SoftmaxModel } from './types';

/** Training settings plus how the data is split and how the artifact is labelled. */
export interface PenguinTrainingSettings extends TrainOptions {
  /** Share of each species held out for testing. */
  testFraction: number;
  /** Version label written into the model's provenance. */
  version: string;
}

/** The booklet's defaults: seed 42, 20 % held out per species, version `penguins-v1`. */
export const DEFAULT_PENGUIN_SETTINGS: PenguinTrainingSettings = {
  ...DEFAULT_TRAIN_OPTIONS,
  testFraction: 0.2,
  version: 'penguins-v1',
};

/** Held-out quality of a model. */
export interface PenguinMetrics {
  accuracy: number;
  /** Rows = true species, columns = predicted species, both in `model.classes` order. */
  confusion: number[][];
  logLoss: number;
  perClass: ClassScores[];
}

/** Everything the default training run produces. */
export interface DefaultPenguinModel {
  model: SoftmaxModel;
  split: Split<PenguinRow>;
  report: CleaningReport;
  metrics: PenguinMetrics;
  settings: PenguinTrainingSettings;
  /** Training loss per epoch (epoch 0 = initial weights). */
  history: readonly LossPoint[];
}

/** Stratified split of cleaned penguins by species. */
export function splitPenguins(
  rows: readonly PenguinRow[],
  settings: Pick<PenguinTrainingSettings, 'testFraction' | 'seed'>,
): Split<PenguinRow> {
  return stratifiedSplit(rows, {
    testFraction: settings.testFraction,
    seed: settings.seed,
    key: (r) => r.species,
  });
}

/** {@link TrainingData} with every field set, as {@link penguinTrainingData} builds it. */
export interface PenguinTrainingData extends TrainingData {
  x: number[][];
  y: string[];
  featureNames: readonly string[];
  featureUnits: readonly string[];
  classes: readonly string[];
}

/** Penguin rows as training data: the four measurements, species as the label. */
export function penguinTrainingData(rows: readonly PenguinRow[]): PenguinTrainingData {
  return {
    x: rows.map(penguinFeatureVector),
    y: rows.map((r) => r.species),
    featureNames: PENGUIN_FEATURE_NAMES,
    featureUnits: PENGUIN_FEATURE_UNITS,
    classes: PENGUIN_SPECIES,
  };
}

/** Accuracy, confusion matrix, log loss and per-species scores of a model on some rows. */
export function evaluatePenguinModel(
  model: SoftmaxModel,
  rows: readonly PenguinRow[],
): PenguinMetrics {
  const x = rows.map(penguinFeatureVector);
  const truth = rows.map((r) => r.species);
  const predicted = predictLabels(model, x);
  const confusion = confusionMatrix(truth, predicted, model.classes);
  return {
    accuracy: accuracy(truth, predicted),
    confusion,
    logLoss: logLoss(truth, predictProba(model, x), model.classes),
    perClass: perClassScores(confusion, model.classes),
  };
}

/**
 * Evaluates a freshly trained model on the held-out rows and fills its provenance: the SHA-256 of
 * the training rows, the held-out metrics and the version. The build-time artifact and the page's
 * run (penguin-run.ts) both finish here, so their ONNX metadata, and hence their bytes, agree.
 */
export async function finishPenguinModel(
  trained: SoftmaxModel,
  split: Split<PenguinRow>,
  version: string,
): Promise<{ model: SoftmaxModel; metrics: PenguinMetrics }> {
  const metrics = evaluatePenguinModel(trained, split.test);
  const provenance = {
    ...trained.provenance,
    dataHash: await hashRows(split.train),
    metrics: {
      accuracy: metrics.accuracy,
      // Rounded: Math.log differs in its last bits between JS engines, and the artifact's
      // bytes (which carry these metrics) should be the same in Node and in every browser.
      logLoss: Number(metrics.logLoss.toFixed(6)),
      trainRows: split.train.length,
      testRows: split.test.length,
    },
    version,
  };
  return { model: { ...trained, provenance }, metrics };
}

/**
 * Cleans raw penguins.json, splits, trains with the given settings (default: the booklet's), and
 * evaluates on the held-out rows. Provenance records the SHA-256 of the training rows and the
 * held-out metrics. Throws InvalidTrainingInput if the data or settings are unusable.
 */
export async function trainDefaultPenguinModel(
  rawPenguins: unknown,
  overrides: Partial<PenguinTrainingSettings> = {},
): Promise<DefaultPenguinModel> {
  const settings: PenguinTrainingSettings = { ...DEFAULT_PENGUIN_SETTINGS, ...overrides };
  const { rows, report } = cleanPenguins(rawPenguins);
  const split = splitPenguins(rows, settings);
  const { seed, epochs, learningRate, l2 } = settings;
  const trainer = createTrainer(penguinTrainingData(split.train), {
    seed,
    epochs,
    learningRate,
    l2,
  });
  trainer.step(epochs);
  const { model, metrics } = await finishPenguinModel(trainer.model(), split, settings.version);
  return { model, split, report, metrics, settings, history: trainer.history };
}
