import { beforeAll, describe, expect, it } from 'vitest';
import { standardizedLogitsModel } from '../model/fixtures';
import { encodeSoftmaxModel } from '../onnx/encode';
import { createSession, type Ort } from '../runtime/ort';
import { nodeOrtLoader } from '../runtime/ort-node';
import { onnxDeployer, onnxPredictor } from './onnx-predictor';

const model = standardizedLogitsModel([1, 0], [2, 1]);

describe('the onnxruntime predictor', () => {
  let ort: Ort;
  beforeAll(async () => {
    ort = await nodeOrtLoader().load();
  });

  it('runs a batch through a real session and names the classes', async () => {
    let released = 0;
    const deployer = onnxDeployer(ort, encodeSoftmaxModel, async (bytes) => {
      const session = await createSession(ort, bytes);
      return {
        run: (feeds) => session.run(feeds),
        release: async () => {
          released++;
          await session.release();
        },
      };
    });
    const predictor = await deployer.deploy(model);
    // z = ((x0 − 1)/2, x1): row 1 → logits (ln 2, 0, 0) → (0.5, 0.25, 0.25); row 2 → (0, ln 3, 0).
    const out = await predictor.predictBatch([
      [1 + 2 * Math.log(2), 0],
      [1, Math.log(3)],
    ]);
    expect(out.labels).toEqual(['p', 'q']);
    [0.5, 0.25, 0.25].forEach((p, i) => expect(out.probabilities[0]![i]).toBeCloseTo(p, 6));
    [0.2, 0.6, 0.2].forEach((p, i) => expect(out.probabilities[1]![i]).toBeCloseTo(p, 6));
    expect(out.latencyMs).toBeGreaterThanOrEqual(0);
    await predictor.release();
    expect(released).toBe(1);
  });

  it('rejects a row of the wrong width', async () => {
    const session = await createSession(ort, encodeSoftmaxModel(model));
    const predictor = onnxPredictor(ort, session, { classes: model.classes, featureCount: 2 });
    await expect(predictor.predictBatch([[1, 2, 3]])).rejects.toThrow('expected 2');
    await predictor.release();
  });
});
