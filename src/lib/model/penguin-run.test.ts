import { describe, expect, it } from 'vitest';
import { cleanPenguins } from '../data/penguins';
import { readRawPenguins } from '../data/vega-files-node';
import { encodeSoftmaxModel } from '../onnx/encode';
import { DEFAULT_PENGUIN_SETTINGS, trainDefaultPenguinModel } from './default-model';
import { isDefaultPenguinSetup, penguinVersionLabel, trainPenguinRun } from './penguin-run';
import { TrainingCancelled } from './train';

const raw = await readRawPenguins();
const { rows, report } = cleanPenguins(raw);

describe('penguinVersionLabel', () => {
  it('keeps the booklet version for the default settings only', () => {
    expect(isDefaultPenguinSetup(DEFAULT_PENGUIN_SETTINGS)).toBe(true);
    expect(penguinVersionLabel(DEFAULT_PENGUIN_SETTINGS)).toBe('penguins-v1');
    const custom = { ...DEFAULT_PENGUIN_SETTINGS, seed: 7 };
    expect(isDefaultPenguinSetup(custom)).toBe(false);
    expect(penguinVersionLabel(custom)).toBe('penguins-v1-custom-seed7-epochs200-lr1');
  });
});

describe('trainPenguinRun', () => {
  it('with the default settings gives the build-time model and byte-identical ONNX', async () => {
    const reference = await trainDefaultPenguinModel(raw);
    const epochsSeen: number[] = [];
    const run = await trainPenguinRun(
      rows,
      report,
      {},
      { onEpoch: (p) => epochsSeen.push(p.epoch) },
    );
    expect(run.model).toEqual(reference.model);
    expect(run.metrics).toEqual(reference.metrics);
    expect(run.diverged).toBe(false);
    expect(epochsSeen).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(encodeSoftmaxModel(run.model)).toEqual(encodeSoftmaxModel(reference.model));
  });

  it('labels a custom run and records its settings', async () => {
    const run = await trainPenguinRun(rows, report, { seed: 3, epochs: 20, learningRate: 0.5 });
    expect(run.model.provenance).toMatchObject({
      seed: 3,
      epochs: 20,
      learningRate: 0.5,
      version: 'penguins-v1-custom-seed3-epochs20-lr0.5',
    });
    expect(run.history).toHaveLength(21);
  });

  it('rejects with TrainingCancelled when the signal fires', async () => {
    const controller = new AbortController();
    const pending = trainPenguinRun(
      rows,
      report,
      { epochs: 5000 },
      { chunkMs: 1, signal: controller.signal, onChunk: () => controller.abort() },
    );
    await expect(pending).rejects.toBeInstanceOf(TrainingCancelled);
  });
});
