import { describe, expect, it } from 'vitest';
import { hashRows } from '../data/hash';
import { cleanPenguins, penguinFeaturesByName } from '../data/penguins';
import { readRawPenguins } from '../data/vega-files-node';
import {
  DEFAULT_PENGUIN_SETTINGS,
  evaluatePenguinModel,
  trainDefaultPenguinModel,
} from './default-model';
import { predictOne } from './predict';

const raw = await readRawPenguins();

describe('trainDefaultPenguinModel', () => {
  it('reaches at least 0.95 held-out accuracy with the default settings', async () => {
    const result = await trainDefaultPenguinModel(raw);
    expect(result.metrics.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(result.settings).toEqual(DEFAULT_PENGUIN_SETTINGS);
  });

  it('holds out round(0.2 · n) of each species from the 342 cleaned rows', async () => {
    const { split, report } = await trainDefaultPenguinModel(raw);
    expect(report.keptRows).toBe(342);
    // Kept species counts 151 / 68 / 123 → test round(30.2) + round(13.6) + round(24.6) = 30 + 14 + 25.
    expect(split.test).toHaveLength(69);
    expect(split.train).toHaveLength(342 - 69);
    expect(split.test.filter((r) => r.species === 'Chinstrap')).toHaveLength(14);
  });

  it('confusion matrix and accuracy agree with a direct count over the test rows', async () => {
    const { model, split, metrics } = await trainDefaultPenguinModel(raw);
    const correct = split.test.filter(
      (r) => predictOne(model, penguinFeaturesByName(r)).label === r.species,
    );
    expect(metrics.accuracy).toBe(correct.length / split.test.length);
    const diagonal = metrics.confusion.reduce((s, row, i) => s + (row[i] ?? 0), 0);
    expect(diagonal).toBe(correct.length);
    expect(metrics.confusion.flat().reduce((s, v) => s + v, 0)).toBe(split.test.length);
    expect(metrics.logLoss).toBeGreaterThan(0);
    expect(metrics.logLoss).toBeLessThan(0.3);
  });

  it('fills provenance with the training-row hash, metrics and version', async () => {
    const { model, split, metrics } = await trainDefaultPenguinModel(raw);
    expect(model.provenance).toMatchObject({
      seed: 42,
      epochs: DEFAULT_PENGUIN_SETTINGS.epochs,
      version: 'penguins-v1',
      dataHash: await hashRows(split.train),
      metrics: {
        accuracy: metrics.accuracy,
        logLoss: Number(metrics.logLoss.toFixed(6)),
        trainRows: 273,
        testRows: 69,
      },
    });
    expect(model.provenance.dataHash).toMatch(/^[0-9a-f]{64}$/);
    expect(model.classes).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
  });

  it('standardizes with statistics of the training split only', async () => {
    const { model, split } = await trainDefaultPenguinModel(raw);
    const trainMean = split.train.reduce((s, r) => s + r.bodyMassG, 0) / split.train.length;
    const allRows = cleanPenguins(raw).rows;
    const allMean = allRows.reduce((s, r) => s + r.bodyMassG, 0) / allRows.length;
    expect(model.mean[3]).toBeCloseTo(trainMean, 9);
    expect(model.mean[3]).not.toBeCloseTo(allMean, 9);
  });

  it('is deterministic, and another seed changes the split', async () => {
    const a = await trainDefaultPenguinModel(raw);
    const b = await trainDefaultPenguinModel(raw);
    const c = await trainDefaultPenguinModel(raw, { seed: 7 });
    expect(b.model).toEqual(a.model);
    expect(c.split.testIndices).not.toEqual(a.split.testIndices);
    expect(c.model.provenance.dataHash).not.toBe(a.model.provenance.dataHash);
  });

  it('evaluatePenguinModel gives perfect scores when every prediction is right', async () => {
    const { model, split } = await trainDefaultPenguinModel(raw);
    const right = split.test.filter(
      (r) => predictOne(model, penguinFeaturesByName(r)).label === r.species,
    );
    const metrics = evaluatePenguinModel(model, right);
    expect(metrics.accuracy).toBe(1);
    expect(metrics.perClass.every((s) => s.precision === 1 && s.recall === 1 && s.f1 === 1)).toBe(
      true,
    );
  });
});
