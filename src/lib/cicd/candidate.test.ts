import { beforeAll, describe, expect, it } from 'vitest';
import { cleanPenguins, type PenguinRow } from '../data/penguins';
import { readRawPenguins } from '../data/vega-files-node';
import { trainDefaultPenguinModel } from '../model/default-model';
import { TrainingCancelled } from '../model/train';
import { readCandidateFields, readTolerance, trainCandidate } from './candidate';
import { evaluateQualityGate } from './quality-gate';

let raw: unknown;
let rows: PenguinRow[];
let production: number;
beforeAll(async () => {
  raw = await readRawPenguins();
  rows = cleanPenguins(raw).rows;
  production = (await trainDefaultPenguinModel(raw)).metrics.accuracy;
});

describe('readCandidateFields', () => {
  it('reads valid fields as numbers', () => {
    expect(readCandidateFields({ seed: ' 7 ', epochs: '200', learningRate: '0.5' })).toEqual({
      ok: true,
      settings: { seed: 7, epochs: 200, learningRate: 0.5 },
    });
    expect(readCandidateFields({ seed: '0', epochs: '1', learningRate: '1e-3' })).toEqual({
      ok: true,
      settings: { seed: 0, epochs: 1, learningRate: 0.001 },
    });
  });

  it('refuses over-long text in every number field with a message (issue 15 #9)', () => {
    const long = `1${'0'.repeat(24)}`;
    expect(readCandidateFields({ seed: long, epochs: long, learningRate: ' 1 ' })).toEqual({
      ok: false,
      fieldErrors: {
        seed: 'Seed can be at most 24 characters; this one has 25.',
        epochs: 'Epochs can be at most 24 characters; this one has 25.',
      },
    });
    expect(readTolerance(`0.${'0'.repeat(23)}`)).toEqual({
      ok: false,
      message: 'Tolerance can be at most 24 characters; this one has 25.',
    });
    expect(readTolerance(`0.${'0'.repeat(21)}1`)).toEqual({ ok: true, value: 1e-22 });
  });

  it('flags empty and non-numeric fields (an empty box is not 0)', () => {
    expect(readCandidateFields({ seed: '', epochs: 'many', learningRate: '1' })).toEqual({
      ok: false,
      fieldErrors: { seed: 'Seed is required.', epochs: 'Epochs must be a number.' },
    });
  });

  it("uses chapter 1's bounds and messages", () => {
    const result = readCandidateFields({ seed: '1.5', epochs: '0', learningRate: '0' });
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        seed: 'Seed must be a whole number.',
        epochs: 'Epochs must be between 1 and 5000.',
        learningRate: 'Learning rate must be greater than 0.',
      },
    });
    expect(readCandidateFields({ seed: '1', epochs: '5001', learningRate: '11' })).toEqual({
      ok: false,
      fieldErrors: {
        epochs: 'Epochs must be between 1 and 5000.',
        learningRate: 'Learning rate must be at most 10.',
      },
    });
  });
});

describe('readTolerance', () => {
  it('accepts 0 to 1 and rejects the rest with a reason', () => {
    expect(readTolerance('0.01')).toEqual({ ok: true, value: 0.01 });
    expect(readTolerance('0')).toEqual({ ok: true, value: 0 });
    expect(readTolerance('')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/required/),
    });
    expect(readTolerance('-0.1')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/between 0 and 1/),
    });
    expect(readTolerance('2')).toMatchObject({ ok: false });
    expect(readTolerance('1%')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/number/),
    });
  });
});

describe('trainCandidate', () => {
  it("with the production settings scores exactly production's held-out accuracy on the same 69 penguins", async () => {
    const candidate = await trainCandidate(rows, { seed: 42, epochs: 200, learningRate: 1 });
    // 69 held-out rows = 30 Adelie + 14 Chinstrap + 25 Gentoo (20 % of each species, rounded).
    expect(candidate.testRows).toBe(69);
    expect(candidate.trainRows).toBe(342 - 69);
    expect(candidate.accuracy).toBe(production);
    expect(candidate.correct / candidate.testRows).toBe(candidate.accuracy);
    expect(candidate.epochsRun).toBe(200);
    expect(candidate.diverged).toBe(false);
  });

  it('keeps the held-out split fixed when the reader changes the seed', async () => {
    const candidate = await trainCandidate(rows, { seed: 7, epochs: 10, learningRate: 1 });
    expect(candidate.testRows).toBe(69);
    expect(candidate.trainRows).toBe(273);
    expect(candidate.correct / 69).toBe(candidate.accuracy);
  });

  it('the weak settings the chapter suggests really make the gate block', async () => {
    const gate = (accuracy: number, tolerance: number) =>
      evaluateQualityGate({ candidate: accuracy, production, metric: 'accuracy', tolerance })
        .decision;
    // One epoch with a tiny step leaves the near-zero initial weights: far below production.
    const untrained = await trainCandidate(rows, { seed: 42, epochs: 1, learningRate: 0.001 });
    expect(untrained.accuracy).toBeLessThan(0.5);
    expect(gate(untrained.accuracy, 0.01)).toBe('block');
    // Five epochs at 0.1 come close, but not within one point of production…
    const short = await trainCandidate(rows, { seed: 42, epochs: 5, learningRate: 0.1 });
    expect(short.accuracy).toBeLessThan(production - 0.01);
    expect(gate(short.accuracy, 0.01)).toBe('block');
    // …and a tolerance of three points lets the same candidate through.
    expect(short.accuracy).toBeGreaterThanOrEqual(production - 0.03);
    expect(gate(short.accuracy, 0.03)).toBe('deploy');
  });

  it('reports chunks and can be cancelled', async () => {
    let chunks = 0;
    await trainCandidate(
      rows,
      { seed: 1, epochs: 50, learningRate: 1 },
      { onChunk: () => (chunks += 1) },
    );
    expect(chunks).toBeGreaterThanOrEqual(1);
    const controller = new AbortController();
    controller.abort();
    await expect(
      trainCandidate(rows, { seed: 1, epochs: 50, learningRate: 1 }, { signal: controller.signal }),
    ).rejects.toBeInstanceOf(TrainingCancelled);
  });
});
