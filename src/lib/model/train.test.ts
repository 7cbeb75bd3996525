import { describe, expect, it } from 'vitest';
import { createRng } from '../sim/rng';
import {
  createTrainer,
  DEFAULT_TRAIN_OPTIONS,
  InvalidTrainingInput,
  softmaxObjective,
  type SoftmaxProblem,
  standardization,
  type TrainingData,
  trainSoftmax,
  TrainingCancelled,
  validateTrainOptions,
} from './train';

// Three well-separated 2-D blobs, drawn with a fixed seed.
function blobs(perClass: number, seed: number): TrainingData {
  const rng = createRng(seed);
  const centres: [string, number, number][] = [
    ['a', 0, 0],
    ['b', 4, 0],
    ['c', 0, 40],
  ];
  const x: number[][] = [];
  const y: string[] = [];
  for (const [label, cx, cy] of centres) {
    for (let i = 0; i < perClass; i++) {
      x.push([cx + rng.normal(), cy + 10 * rng.normal()]);
      y.push(label);
    }
  }
  return { x, y, featureNames: ['p', 'q'], featureUnits: ['cm', 'cm'] };
}

describe('standardization', () => {
  it('uses the mean and population standard deviation', () => {
    // Column [1, 2, 3, 4]: mean 2.5, variance ((1.5² + 0.5²) · 2) / 4 = 1.25.
    const { mean, std } = standardization(
      [
        [1, 7],
        [2, 7],
        [3, 7],
        [4, 7],
      ],
      2,
    );
    expect(mean).toEqual([2.5, 7]);
    expect(std[0]).toBeCloseTo(Math.sqrt(1.25), 14);
    // A constant column keeps scale 1 instead of dividing by 0.
    expect(std[1]).toBe(1);
  });
});

describe('softmaxObjective', () => {
  const problem: SoftmaxProblem = {
    z: Float64Array.of(1, -2, 0.5, 0, -1, 1, 2, 0.25, -0.5, 1.5),
    labels: Int32Array.of(0, 2, 1, 1, 2),
    n: 5,
    d: 2,
    k: 3,
  };

  it('is ln k at zero weights, plus (λ/2)‖W‖² for the penalty', () => {
    const zero = { weights: new Float64Array(6), bias: new Float64Array(3) };
    expect(softmaxObjective(problem, zero, 0.3).loss).toBeCloseTo(Math.log(3), 14);
    const ones = { weights: new Float64Array(6).fill(1), bias: new Float64Array(3) };
    // All weights equal: every class has the same logit, so the data term is still ln 3.
    expect(softmaxObjective(problem, ones, 0.3).loss).toBeCloseTo(Math.log(3) + 0.15 * 6, 14);
  });

  it('matches a one-row loss worked by hand', () => {
    // z = 1, W = [1, 0], b = 0, label 0: −log(e / (e + 1)) = log(1 + e^−1) = 0.31326168751822286
    const one: SoftmaxProblem = {
      z: Float64Array.of(1),
      labels: Int32Array.of(0),
      n: 1,
      d: 1,
      k: 2,
    };
    const params = { weights: Float64Array.of(1, 0), bias: new Float64Array(2) };
    expect(softmaxObjective(one, params, 0).loss).toBeCloseTo(0.31326168751822286, 14);
  });

  it('has the gradient of central finite differences', () => {
    const rng = createRng(9);
    const params = {
      weights: Float64Array.from({ length: 6 }, () => rng.normal()),
      bias: Float64Array.from({ length: 3 }, () => rng.normal()),
    };
    const l2 = 0.1;
    const { gradWeights, gradBias } = softmaxObjective(problem, params, l2);
    const h = 1e-6;
    const numeric = (vector: Float64Array, index: number): number => {
      const saved = vector[index] as number;
      vector[index] = saved + h;
      const up = softmaxObjective(problem, params, l2).loss;
      vector[index] = saved - h;
      const down = softmaxObjective(problem, params, l2).loss;
      vector[index] = saved;
      return (up - down) / (2 * h);
    };
    for (let i = 0; i < 6; i++) {
      expect(gradWeights[i]).toBeCloseTo(numeric(params.weights, i), 7);
    }
    for (let c = 0; c < 3; c++) {
      expect(gradBias[c]).toBeCloseTo(numeric(params.bias, c), 7);
    }
  });

  it('stays finite for huge logits', () => {
    const params = { weights: Float64Array.of(1e4, -1e4, 0, 0, 0, 0), bias: new Float64Array(3) };
    const { loss, gradWeights } = softmaxObjective(problem, params, 0);
    expect(Number.isFinite(loss)).toBe(true);
    expect(Array.from(gradWeights).every(Number.isFinite)).toBe(true);
  });
});

describe('createTrainer', () => {
  it('separates well-separated classes', () => {
    const data = blobs(30, 1);
    const trainer = createTrainer(data, { epochs: 300 });
    trainer.step(300);
    const model = trainer.model();
    expect(model.classes).toEqual(['a', 'b', 'c']);
    expect(model.featureNames).toEqual(['p', 'q']);
    expect(model.featureUnits).toEqual(['cm', 'cm']);
    expect(model.weights).toHaveLength(2);
    expect(model.weights[0]).toHaveLength(3);
    expect(trainer.history.at(-1)?.loss).toBeLessThan(0.2);
  });

  it('learns standardization from the training data', () => {
    const data = blobs(10, 2);
    const model = createTrainer(data).model();
    const column = data.x.map((row) => Number(row[0]));
    const mean = column.reduce((s, v) => s + v, 0) / column.length;
    expect(model.mean[0]).toBeCloseTo(mean, 12);
  });

  it('is deterministic for a seed and depends on it', () => {
    const data = blobs(20, 3);
    const run = (seed: number): number[][] => {
      const t = createTrainer(data, { seed, epochs: 50 });
      t.step(50);
      return t.model().weights;
    };
    expect(run(5)).toEqual(run(5));
    expect(run(6)).not.toEqual(run(5));
  });

  it('decreases the loss at every epoch for a small learning rate', () => {
    const trainer = createTrainer(blobs(25, 4), { learningRate: 0.05, epochs: 200 });
    const history = trainer.step(200);
    expect(history).toHaveLength(201);
    for (let e = 1; e < history.length; e++) {
      expect(history[e]?.loss).toBeLessThan(history[e - 1]?.loss ?? 0);
    }
  });

  it('steps in increments and never past the epoch budget', () => {
    const trainer = createTrainer(blobs(5, 5), { epochs: 10 });
    expect(trainer.history).toEqual([{ epoch: 0, loss: trainer.history[0]?.loss }]);
    trainer.step(4);
    expect(trainer.epoch).toBe(4);
    expect(trainer.done).toBe(false);
    trainer.step(100);
    expect(trainer.epoch).toBe(10);
    expect(trainer.done).toBe(true);
    expect(trainer.history.map((p) => p.epoch)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(trainer.step(3)).toHaveLength(11);
  });

  it('records settings and given provenance in the model', () => {
    const trainer = createTrainer(blobs(5, 6), { seed: 8, epochs: 3, learningRate: 0.2, l2: 0.5 });
    trainer.step(3);
    const model = trainer.model({ dataHash: 'abc', metrics: { accuracy: 1 }, version: 'v-test' });
    expect(model.provenance).toEqual({
      seed: 8,
      epochs: 3,
      learningRate: 0.2,
      l2: 0.5,
      dataHash: 'abc',
      metrics: { accuracy: 1 },
      version: 'v-test',
    });
  });

  it('rejects unusable data with InvalidTrainingInput', () => {
    const bad = (data: TrainingData): Record<string, string> => {
      try {
        createTrainer(data);
      } catch (error) {
        if (error instanceof InvalidTrainingInput) return error.fieldErrors;
        throw error;
      }
      throw new Error('expected InvalidTrainingInput');
    };
    expect(bad({ x: [], y: [] })['x']).toBe('There are no training rows.');
    expect(
      bad({ x: [[1, 2]], y: ['a'], featureNames: ['p', 'q', 'r'], featureUnits: ['', '', ''] })[
        'x'
      ],
    ).toBe('Every row needs 3 values.');
    expect(
      bad({ x: [[1], [Number.NaN]], y: ['a', 'b'], featureNames: ['p'], featureUnits: [''] })['x'],
    ).toBe('Every feature value must be a finite number.');
    expect(
      bad({ x: [[1], [2]], y: ['a', 'a'], featureNames: ['p'], featureUnits: [''] })['classes'],
    ).toBe('Training needs at least two classes.');
    expect(
      bad({
        x: [[1], [2]],
        y: ['a', 'q'],
        classes: ['a', 'b'],
        featureNames: ['p'],
        featureUnits: [''],
      })['y'],
    ).toBe('Label "q" is not one of the classes.');
  });

  it('defaults to the four penguin measurements', () => {
    const x = [
      [39, 18, 181, 3750],
      [46, 14, 211, 4500],
    ];
    const model = createTrainer({ x, y: ['Adelie', 'Gentoo'] }).model();
    expect(model.featureNames).toEqual([
      'beak_length_mm',
      'beak_depth_mm',
      'flipper_length_mm',
      'body_mass_g',
    ]);
    expect(model.featureUnits).toEqual(['mm', 'mm', 'mm', 'g']);
  });
});

describe('validateTrainOptions', () => {
  it('accepts the defaults and fills missing fields from them', () => {
    expect(validateTrainOptions({})).toEqual({ ok: true, options: DEFAULT_TRAIN_OPTIONS });
    expect(validateTrainOptions({ epochs: 7 })).toEqual({
      ok: true,
      options: { ...DEFAULT_TRAIN_OPTIONS, epochs: 7 },
    });
  });

  it('gives one message per bad field, ready to show inline', () => {
    expect(validateTrainOptions({ seed: 1.5, epochs: 0, learningRate: 0, l2: -1 })).toEqual({
      ok: false,
      fieldErrors: {
        seed: 'Seed must be a whole number.',
        epochs: 'Epochs must be between 1 and 5000.',
        learningRate: 'Learning rate must be greater than 0.',
        l2: 'L2 must be 0 or more.',
      },
    });
    expect(validateTrainOptions({ epochs: 5001, learningRate: 11 })).toMatchObject({
      fieldErrors: {
        epochs: 'Epochs must be between 1 and 5000.',
        learningRate: 'Learning rate must be at most 10.',
      },
    });
    expect(validateTrainOptions({ epochs: '12', seed: Number.NaN })).toMatchObject({
      fieldErrors: { epochs: 'Epochs must be a number.', seed: 'Seed must be a number.' },
    });
  });

  it('rejects a learning rate and L2 whose product reaches 2', () => {
    expect(validateTrainOptions({ learningRate: 4, l2: 0.5 })).toEqual({
      ok: false,
      fieldErrors: { l2: 'Learning rate × L2 must be below 2, or the weights blow up.' },
    });
    expect(validateTrainOptions({ learningRate: 4, l2: 0.49 }).ok).toBe(true);
  });

  it('createTrainer throws InvalidTrainingInput on bad settings', () => {
    expect(() => createTrainer(blobs(3, 1), { epochs: 0 })).toThrow(InvalidTrainingInput);
  });
});

describe('trainSoftmax', () => {
  it('gives the same model as stepping a trainer, reporting every epoch in order', async () => {
    const data = blobs(15, 7);
    const epochs: number[] = [];
    const result = await trainSoftmax(
      data,
      { epochs: 40 },
      { onEpoch: (p) => epochs.push(p.epoch), chunkMs: 0 },
    );
    const trainer = createTrainer(data, { epochs: 40 });
    trainer.step(40);
    expect(result.model).toEqual(trainer.model());
    expect(result.history).toEqual(trainer.history);
    expect(epochs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(result.diverged).toBe(false);
  });

  it('rejects with TrainingCancelled when aborted mid-way', async () => {
    const controller = new AbortController();
    let chunks = 0;
    const promise = trainSoftmax(
      blobs(15, 8),
      { epochs: 5000 },
      {
        chunkMs: 0,
        signal: controller.signal,
        onChunk: () => {
          chunks += 1;
          if (chunks === 3) controller.abort();
        },
      },
    );
    const error = await promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainingCancelled);
    // chunkMs 0 means one batch of 4 epochs per chunk, so the third chunk ends at epoch 12.
    expect((error as TrainingCancelled).epoch).toBe(12);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      trainSoftmax(blobs(5, 9), {}, { signal: controller.signal }),
    ).rejects.toMatchObject({
      name: 'TrainingCancelled',
      epoch: 0,
    });
  });
});
