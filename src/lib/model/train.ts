/**
 * Training for multinomial logistic (softmax) regression, written out in full so the chapter can
 * show every step: standardize on the training split, then full-batch gradient descent on the
 * mean cross-entropy plus an L2 penalty on the weights. No randomness except the seeded initial
 * weights, so a seed always gives the same model.
 *
 * Objective (as in Bishop, Pattern Recognition and Machine Learning, §4.3.4, plus weight decay):
 *   L(W, b) = −(1/n) Σ_i log softmax(z_i·W + b)_{y_i}  +  (λ/2) ‖W‖²
 *   ∂L/∂W   = (1/n) Zᵀ(P − Y) + λW,    ∂L/∂b = (1/n) Σ_i (p_i − y_i)
 * where Z holds standardized inputs, P the predicted probabilities and Y the one-hot labels.
 */
import { PENGUIN_FEATURE_NAMES, PENGUIN_FEATURE_UNITS } from '../data/penguins';
import { createRng } from '../sim/rng';
import { type TrainOptions, validateTrainOptions } from './train-options';
import type { ModelProvenance, SoftmaxModel } from './types';

export * from './train-options';

/** Labelled numeric rows to train on. */
export interface TrainingData {
  /** One array of feature values per row, all the same length. */
  x: readonly ArrayLike<number>[];
  /** Class label of each row. */
  y: readonly string[];
  /** Feature names; default: the four penguin measurements. */
  featureNames?: readonly string[];
  /** Feature units, same order; default: the penguin units. */
  featureUnits?: readonly string[];
  /** Class order of the model; default: the distinct labels of `y`, sorted. */
  classes?: readonly string[];
}

/** Thrown when training data or settings cannot be used; `fieldErrors` says which and why. */
export class InvalidTrainingInput extends Error {
  override readonly name = 'InvalidTrainingInput';
  /** One message per offending field (settings) or data aspect (`x`, `y`, `classes`). */
  readonly fieldErrors: Record<string, string>;
  constructor(fieldErrors: Record<string, string>) {
    super(Object.values(fieldErrors).join(' '));
    this.fieldErrors = fieldErrors;
  }
}

/** Thrown (as a rejection) by `trainSoftmax` when its AbortSignal fires. */
export class TrainingCancelled extends Error {
  override readonly name = 'TrainingCancelled';
  /** Epochs completed before the cancellation took effect. */
  readonly epoch: number;
  constructor(epoch: number) {
    super(`training cancelled after ${epoch} epochs`);
    this.epoch = epoch;
  }
}

/** The training loss after a number of epochs (epoch 0 is the initial weights). */
export interface LossPoint {
  epoch: number;
  loss: number;
}

/** A standardized, integer-labelled problem: the form the optimizer works on. */
export interface SoftmaxProblem {
  /** n × d standardized inputs, row-major. */
  z: Float64Array;
  /** Class index of each row. */
  labels: Int32Array;
  n: number;
  d: number;
  k: number;
}

/** Weights (d × k, row-major) and biases (k). */
export interface SoftmaxParams {
  weights: Float64Array;
  bias: Float64Array;
}

/** The objective at a point and its gradient. */
export interface Objective {
  loss: number;
  gradWeights: Float64Array;
  gradBias: Float64Array;
}

/** Mean cross-entropy plus (l2/2)‖W‖², and its exact gradient (see the module comment). */
export function softmaxObjective(
  problem: SoftmaxProblem,
  params: SoftmaxParams,
  l2: number,
): Objective {
  const { z, labels, n, d, k } = problem;
  const { weights, bias } = params;
  const gradWeights = new Float64Array(d * k);
  const gradBias = new Float64Array(k);
  const logits = new Float64Array(k);
  const exps = new Float64Array(k);
  let crossEntropy = 0;
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) {
      let s = bias[c] as number;
      for (let j = 0; j < d; j++) s += (z[i * d + j] as number) * (weights[j * k + c] as number);
      logits[c] = s;
      if (s > max) max = s;
    }
    // Exponentials are taken around the max so they cannot overflow.
    let sumExp = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp((logits[c] as number) - max);
      exps[c] = e;
      sumExp += e;
    }
    const y = labels[i] as number;
    // −log p_y = log Σ_c exp(logit_c) − logit_y, with the log-sum-exp taken around the max.
    crossEntropy += max + Math.log(sumExp) - (logits[y] as number);
    for (let c = 0; c < k; c++) {
      // (p_ic − y_ic): the derivative of the cross-entropy with respect to logit c.
      const residual = (exps[c] as number) / sumExp - (c === y ? 1 : 0);
      gradBias[c] = (gradBias[c] as number) + residual / n;
      for (let j = 0; j < d; j++) {
        const index = j * k + c;
        gradWeights[index] =
          (gradWeights[index] as number) + ((z[i * d + j] as number) * residual) / n;
      }
    }
  }
  let squaredNorm = 0;
  for (let index = 0; index < d * k; index++) {
    const w = weights[index] as number;
    squaredNorm += w * w;
    gradWeights[index] = (gradWeights[index] as number) + l2 * w;
  }
  return { loss: crossEntropy / n + (l2 / 2) * squaredNorm, gradWeights, gradBias };
}

/** Per-column mean and population standard deviation; a constant column gets std 1. */
export function standardization(
  x: readonly ArrayLike<number>[],
  d: number,
): { mean: number[]; std: number[] } {
  const n = x.length;
  const mean = Array.from({ length: d }, (_, j) => x.reduce((s, row) => s + Number(row[j]), 0) / n);
  const std = mean.map((m, j) => {
    const variance = x.reduce((s, row) => s + (Number(row[j]) - m) ** 2, 0) / n;
    const sd = Math.sqrt(variance);
    // Like scikit-learn's StandardScaler: a (near-)constant column is left unscaled rather than
    // divided by ~0, so it standardizes to 0 on the training data.
    return sd < MIN_STD ? 1 : sd;
  });
  return { mean, std };
}

/** Below this population standard deviation a column counts as constant. */
export const MIN_STD = 1e-12;

/** Standard deviation of the seeded initial weights: small, so training starts near "no preference". */
export const INITIAL_WEIGHT_SCALE = 0.01;

/** A stepwise trainer: widgets call `step` from their own loop and read the loss history. */
export interface Trainer {
  readonly options: TrainOptions;
  /** Epochs run so far. */
  readonly epoch: number;
  /** True once `options.epochs` epochs ran, or the loss stopped being finite. */
  readonly done: boolean;
  /** True if the loss became infinite or NaN (training stops there). */
  readonly diverged: boolean;
  /** Loss after each epoch, starting with epoch 0. The same array grows as training runs. */
  readonly history: readonly LossPoint[];
  /** Runs up to `epochs` more epochs (never past `options.epochs`) and returns the history. */
  step(epochs?: number): readonly LossPoint[];
  /** The model at the current weights; `meta` fills the provenance fields training cannot know. */
  model(meta?: Partial<Pick<ModelProvenance, 'dataHash' | 'metrics' | 'version'>>): SoftmaxModel;
}

function prepare(data: TrainingData): {
  problem: SoftmaxProblem;
  mean: number[];
  std: number[];
  featureNames: string[];
  featureUnits: string[];
  classes: string[];
} {
  const errors: Record<string, string> = {};
  const n = data.x.length;
  const featureNames = [...(data.featureNames ?? PENGUIN_FEATURE_NAMES)];
  const featureUnits = [...(data.featureUnits ?? PENGUIN_FEATURE_UNITS)];
  const d = featureNames.length;
  const classes = [...(data.classes ?? [...new Set(data.y)].sort())];
  if (n === 0) errors['x'] = 'There are no training rows.';
  else if (data.x.some((row) => row.length !== d)) errors['x'] = `Every row needs ${d} values.`;
  else if (data.x.some((row) => Array.from(row).some((v) => !Number.isFinite(v)))) {
    errors['x'] = 'Every feature value must be a finite number.';
  }
  if (featureUnits.length !== d) errors['featureUnits'] = `Give one unit per feature (${d}).`;
  if (data.y.length !== n) errors['y'] = `Give one label per row (${n}).`;
  if (classes.length < 2) errors['classes'] = 'Training needs at least two classes.';
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const unknown = data.y.find((label) => !classIndex.has(label));
  if (unknown !== undefined) errors['y'] = `Label "${unknown}" is not one of the classes.`;
  if (Object.keys(errors).length > 0) throw new InvalidTrainingInput(errors);

  const { mean, std } = standardization(data.x, d);
  const z = new Float64Array(n * d);
  data.x.forEach((row, i) => {
    for (let j = 0; j < d; j++)
      z[i * d + j] = (Number(row[j]) - (mean[j] as number)) / (std[j] as number);
  });
  const labels = Int32Array.from(data.y, (label) => classIndex.get(label) as number);
  return {
    problem: { z, labels, n, d, k: classes.length },
    mean,
    std,
    featureNames,
    featureUnits,
    classes,
  };
}

/**
 * Creates a trainer for `data`. Settings default to DEFAULT_TRAIN_OPTIONS; invalid settings or data
 * throw InvalidTrainingInput (use validateTrainOptions first to show messages without throwing).
 */
export function createTrainer(data: TrainingData, options: Partial<TrainOptions> = {}): Trainer {
  const checked = validateTrainOptions(options);
  if (!checked.ok) throw new InvalidTrainingInput(checked.fieldErrors as Record<string, string>);
  const settings = checked.options;
  const { problem, mean, std, featureNames, featureUnits, classes } = prepare(data);
  const { d, k } = problem;

  const rng = createRng(settings.seed);
  const params: SoftmaxParams = {
    weights: Float64Array.from({ length: d * k }, () => INITIAL_WEIGHT_SCALE * rng.normal()),
    bias: new Float64Array(k),
  };
  let current = softmaxObjective(problem, params, settings.l2);
  const history: LossPoint[] = [{ epoch: 0, loss: current.loss }];
  let epoch = 0;
  let diverged = !Number.isFinite(current.loss);

  const trainer: Trainer = {
    options: settings,
    get epoch() {
      return epoch;
    },
    get done() {
      return diverged || epoch >= settings.epochs;
    },
    get diverged() {
      return diverged;
    },
    history,
    step(epochs = 1) {
      const stop = Math.min(settings.epochs, epoch + Math.max(0, Math.floor(epochs)));
      while (epoch < stop && !diverged) {
        const { learningRate } = settings;
        for (let index = 0; index < d * k; index++) {
          params.weights[index] =
            (params.weights[index] as number) -
            learningRate * (current.gradWeights[index] as number);
        }
        for (let c = 0; c < k; c++) {
          params.bias[c] =
            (params.bias[c] as number) - learningRate * (current.gradBias[c] as number);
        }
        current = softmaxObjective(problem, params, settings.l2);
        epoch += 1;
        history.push({ epoch, loss: current.loss });
        if (!Number.isFinite(current.loss)) diverged = true;
      }
      return history;
    },
    model(meta = {}) {
      return {
        featureNames: [...featureNames],
        featureUnits: [...featureUnits],
        classes: [...classes],
        mean: [...mean],
        std: [...std],
        weights: Array.from({ length: d }, (_, j) =>
          Array.from(params.weights.subarray(j * k, j * k + k)),
        ),
        bias: Array.from(params.bias),
        provenance: {
          seed: settings.seed,
          epochs: epoch,
          learningRate: settings.learningRate,
          l2: settings.l2,
          dataHash: meta.dataHash ?? 'not computed',
          metrics: { ...(meta.metrics ?? {}) },
          version: meta.version ?? 'draft',
        },
      };
    },
  };
  return trainer;
}

/** Callbacks and cancellation for `trainSoftmax`. */
export interface TrainHooks {
  /** Called for every completed epoch, in order. */
  onEpoch?: (point: LossPoint) => void;
  /** Called once per chunk of work, before yielding: the place to redraw a chart. */
  onChunk?: (trainer: Trainer) => void;
  /** Aborting rejects the promise with TrainingCancelled at the next chunk boundary. */
  signal?: AbortSignal;
  /** Milliseconds of work per chunk before yielding to the event loop (default 8). */
  chunkMs?: number;
  /** Provenance fields for the returned model. */
  meta?: Partial<Pick<ModelProvenance, 'dataHash' | 'metrics' | 'version'>>;
}

/** What `trainSoftmax` resolves to. */
export interface TrainResult {
  model: SoftmaxModel;
  history: readonly LossPoint[];
  diverged: boolean;
}

type YieldingScheduler = { yield?: () => Promise<void> };

/** Lets the browser paint and handle input between chunks (scheduler.yield where available). */
function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: YieldingScheduler }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Trains to completion without blocking: epochs run in chunks of about `chunkMs` milliseconds with
 * a yield to the event loop between chunks, so no task runs much longer than a chunk.
 */
export async function trainSoftmax(
  data: TrainingData,
  options: Partial<TrainOptions> = {},
  hooks: TrainHooks = {},
): Promise<TrainResult> {
  const { onEpoch, onChunk, signal, chunkMs = 8, meta } = hooks;
  if (signal?.aborted) throw new TrainingCancelled(0);
  const trainer = createTrainer(data, options);
  let reported = 1; // history[0] is the initial loss, not a completed epoch
  while (!trainer.done) {
    const start = performance.now();
    // Step in small batches and check the clock between them; one epoch on penguins is microseconds.
    do trainer.step(4);
    while (!trainer.done && performance.now() - start < chunkMs);
    if (onEpoch) {
      for (; reported < trainer.history.length; reported++) {
        onEpoch(trainer.history[reported] as LossPoint);
      }
    }
    onChunk?.(trainer);
    if (trainer.done) break;
    await yieldToEventLoop();
    if (signal?.aborted) throw new TrainingCancelled(trainer.epoch);
  }
  return { model: trainer.model(meta), history: trainer.history, diverged: trainer.diverged };
}
