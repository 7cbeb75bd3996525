import { describe, expect, it } from 'vitest';
import { standardizedLogitsModel } from '../model/fixtures';
import { typeScriptDeployer, typeScriptPredictor } from './predictor';

// Two features, standardization is the identity, logits = (x0, x1, 0): worked by hand below.
const model = standardizedLogitsModel();

describe('typeScriptPredictor', () => {
  it('returns the softmax probabilities, argmax labels and the clock difference', async () => {
    let t = 10;
    const predictor = typeScriptPredictor(model, () => (t += 2.5));
    const out = await predictor.predictBatch([
      [Math.log(2), 0],
      [0, Math.log(3)],
    ]);
    // Row 1: exp(logits) = (2, 1, 1) → (0.5, 0.25, 0.25). Row 2: (1, 3, 1) → (0.2, 0.6, 0.2).
    expect(out.labels).toEqual(['p', 'q']);
    [0.5, 0.25, 0.25].forEach((p, i) => expect(out.probabilities[0]![i]).toBeCloseTo(p, 12));
    [0.2, 0.6, 0.2].forEach((p, i) => expect(out.probabilities[1]![i]).toBeCloseTo(p, 12));
    expect(out.latencyMs).toBe(2.5);
  });

  it('deploys a model into a predictor', async () => {
    const predictor = await typeScriptDeployer(() => 0).deploy(model);
    expect((await predictor.predictBatch([[0, 0]])).labels).toEqual(['p']); // a tie: first class
    await expect(predictor.release()).resolves.toBeUndefined();
  });
});
