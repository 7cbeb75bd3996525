/**
 * The candidate model of chapter 4's quality gate: the chapter-1 penguin classifier trained with
 * the reader's settings and scored on the same held-out penguins as the production model, so the
 * two accuracies are comparable. Training is chunked (`trainSoftmax`), so a page stays responsive.
 */
import type { PenguinRow } from '../data/penguins';
import {
  DEFAULT_PENGUIN_SETTINGS,
  evaluatePenguinModel,
  penguinTrainingData,
  splitPenguins,
} from '../model/default-model';
import {
  trainSoftmax,
  validateTrainOptions,
  type TrainHooks,
  type TrainOptions,
} from '../model/train';

/** The settings a reader can change for the candidate (L2 stays at the booklet's default). */
export type CandidateSettings = Pick<TrainOptions, 'seed' | 'epochs' | 'learningRate'>;

/** Text typed in the candidate's fields. */
export interface CandidateFields {
  /** Seed of the initial weights. */
  seed: string;
  /** Number of gradient-descent epochs. */
  epochs: string;
  /** Gradient-descent step size. */
  learningRate: string;
}

/** The settings, or one message per field that cannot be used. */
export type CandidateFieldsReading =
  | { ok: true; settings: CandidateSettings }
  | { ok: false; fieldErrors: Partial<Record<keyof CandidateFields, string>> };

/** Longest text a number field accepts (the playground's `PLAYGROUND_LIMITS.number`). */
export const MAX_NUMBER_CHARS = 24;

/** Says that a number field holds more than {@link MAX_NUMBER_CHARS} characters, or null. */
function tooLong(name: string, text: string): string | null {
  return text.length > MAX_NUMBER_CHARS
    ? `${name} can be at most ${MAX_NUMBER_CHARS} characters; this one has ${text.length}.`
    : null;
}

const FIELD_NAMES: Record<keyof CandidateFields, string> = {
  seed: 'Seed',
  epochs: 'Epochs',
  learningRate: 'Learning rate',
};

/**
 * Reads the three fields as numbers and checks them with chapter 1's `validateTrainOptions`
 * (its bounds: TRAIN_OPTION_BOUNDS), so the messages match the chapter-1 widget's.
 */
export function readCandidateFields(fields: CandidateFields): CandidateFieldsReading {
  const fieldErrors: Partial<Record<keyof CandidateFields, string>> = {};
  const numbers: Partial<Record<keyof CandidateFields, number>> = {};
  for (const key of Object.keys(FIELD_NAMES) as Array<keyof CandidateFields>) {
    const text = fields[key].trim();
    // Number('') is 0, so an empty box must be caught before converting.
    const value = text === '' ? Number.NaN : Number(text);
    const long = tooLong(FIELD_NAMES[key], fields[key]);
    if (long) fieldErrors[key] = long;
    else if (text === '') fieldErrors[key] = `${FIELD_NAMES[key]} is required.`;
    else if (!Number.isFinite(value)) fieldErrors[key] = `${FIELD_NAMES[key]} must be a number.`;
    else numbers[key] = value;
  }
  const checked = validateTrainOptions({ ...numbers, l2: DEFAULT_PENGUIN_SETTINGS.l2 });
  if (!checked.ok) {
    for (const key of Object.keys(FIELD_NAMES) as Array<keyof CandidateFields>) {
      const message = checked.fieldErrors[key];
      if (message !== undefined) fieldErrors[key] ??= message;
    }
  }
  if (Object.keys(fieldErrors).length > 0 || !checked.ok) return { ok: false, fieldErrors };
  const { seed, epochs, learningRate } = checked.options;
  return { ok: true, settings: { seed, epochs, learningRate } };
}

/** Reads the gate's tolerance: a number from 0 to 1, in accuracy units (0.01 = one point). */
export function readTolerance(
  text: string,
): { ok: true; value: number } | { ok: false; message: string } {
  const trimmed = text.trim();
  const value = trimmed === '' ? Number.NaN : Number(trimmed);
  const long = tooLong('Tolerance', text);
  if (long) return { ok: false, message: long };
  if (trimmed === '')
    return { ok: false, message: 'Tolerance is required; type 0 to allow no drop.' };
  if (!Number.isFinite(value))
    return { ok: false, message: 'Tolerance must be a number, such as 0.01.' };
  if (value < 0 || value > 1) {
    return { ok: false, message: 'Tolerance must be between 0 and 1 (accuracy is a share of 1).' };
  }
  return { ok: true, value };
}

/** How the candidate did on the held-out penguins. */
export interface CandidateEvaluation {
  /** Held-out accuracy, the metric the gate compares. */
  accuracy: number;
  /** Held-out rows classified correctly. */
  correct: number;
  /** Held-out log loss. */
  logLoss: number;
  /** Rows trained on. */
  trainRows: number;
  /** Held-out rows scored. */
  testRows: number;
  /** Epochs actually run (fewer than asked when the loss stopped being finite). */
  epochsRun: number;
  /** True when the loss became infinite or NaN. */
  diverged: boolean;
}

/**
 * Trains the candidate on the production model's training split and scores it on the production
 * model's held-out split. The split always uses the booklet's split seed and test fraction
 * (DEFAULT_PENGUIN_SETTINGS), whatever seed the candidate uses for its initial weights, so the
 * candidate and production are measured on the same penguins.
 */
export async function trainCandidate(
  rows: readonly PenguinRow[],
  settings: CandidateSettings,
  hooks: Pick<TrainHooks, 'onChunk' | 'signal' | 'chunkMs'> = {},
): Promise<CandidateEvaluation> {
  const split = splitPenguins(rows, DEFAULT_PENGUIN_SETTINGS);
  const result = await trainSoftmax(
    penguinTrainingData(split.train),
    { ...settings, l2: DEFAULT_PENGUIN_SETTINGS.l2 },
    hooks,
  );
  const metrics = evaluatePenguinModel(result.model, split.test);
  return {
    accuracy: metrics.accuracy,
    // The confusion matrix's diagonal counts the rows whose prediction equals the truth.
    correct: metrics.confusion.reduce((sum, row, i) => sum + (row[i] ?? 0), 0),
    logLoss: metrics.logLoss,
    trainRows: split.train.length,
    testRows: split.test.length,
    epochsRun: result.model.provenance.epochs,
    diverged: result.diverged,
  };
}
