import { beforeAll, describe, expect, it } from 'vitest';
import { handWorkedModel } from '../model/fixtures';
import { createSession, type Ort, type OrtSession } from '../runtime';
import { nodeOrtLoader } from '../runtime/ort-node';
import { encodeSoftmaxModel } from '../onnx/encode';
import {
  argmax,
  createFunctionPredictor,
  createOnnxPredictor,
  createSwappablePredictor,
  createUnavailablePredictor,
  type OnnxSessionLike,
} from './predictor';

const classes = ['Adelie', 'Chinstrap', 'Gentoo'];

describe('argmax', () => {
  it('returns the first index of the maximum within the window', () => {
    expect(argmax([9, 1, 3, 3, 0], 1, 3)).toBe(1);
    expect(argmax([0, 0.2, 0.5, 0.3], 1, 3)).toBe(1);
    expect(argmax([5, 5, 5], 0, 3)).toBe(0);
  });
});

describe('createFunctionPredictor', () => {
  it('passes rows of four features and labels each row by its argmax', async () => {
    const seen: number[][][] = [];
    const predictor = createFunctionPredictor(
      (rows) => {
        seen.push(rows);
        return rows.map((row) => (row[0] === 1 ? [0.1, 0.7, 0.2] : [0.6, 0.3, 0.1]));
      },
      { version: 'fn-1', classes },
    );
    expect(predictor.isReady()).toBe(true);
    const output = await predictor.predict(new Float32Array([1, 2, 3, 4, 5, 6, 7, 8]), 2);
    expect(seen).toEqual([
      [
        [1, 2, 3, 4],
        [5, 6, 7, 8],
      ],
    ]);
    expect(output.labels).toEqual([1, 0]);
    expect(Array.from(output.probabilities)).toEqual(
      Array.from(new Float32Array([0.1, 0.7, 0.2, 0.6, 0.3, 0.1])),
    );
    expect(output.version).toBe('fn-1');
    expect(output.classes).toEqual(classes);
  });

  it('rejects when the function returns the wrong shape', async () => {
    const fewRows = createFunctionPredictor(() => [], { version: 'x', classes });
    await expect(fewRows.predict(new Float32Array(4), 1)).rejects.toThrow(/0 rows for 1/);
    const fewColumns = createFunctionPredictor(() => [[1, 0]], { version: 'x', classes });
    await expect(fewColumns.predict(new Float32Array(4), 1)).rejects.toThrow(/2 columns/);
  });
});

describe('createOnnxPredictor', () => {
  // Weights copy the standardized beak length, beak depth and flipper length into the logits.
  const model = handWorkedModel(
    {
      featureNames: ['beak_length_mm', 'beak_depth_mm', 'flipper_length_mm', 'body_mass_g'],
      classes: classes,
      mean: [40, 18, 200, 4000],
      std: [4, 2, 10, 500],
      weights: [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
        [0, 0, 0],
      ],
      bias: [0, 0, 0],
    },
    'onnx-1',
  );
  let ort: Ort;
  let session: OrtSession;
  beforeAll(async () => {
    ort = await nodeOrtLoader().load();
    session = await createSession(ort, encodeSoftmaxModel(model));
  });

  it('returns the graph probabilities and int64 labels as numbers', async () => {
    const predictor = createOnnxPredictor(
      ort,
      session,
      { version: 'onnx-1', classes },
      { modelId: 'sha256:' + 'ab'.repeat(32) },
    );
    const output = await predictor.predict(new Float32Array([36, 22, 200, 4000]), 1);
    // z = (-1, 2, 0): softmax = (0.042010, 0.843795, 0.114195).
    expect(output.labels).toEqual([1]);
    [0.04201, 0.843795, 0.114195].forEach((p, i) =>
      expect(output.probabilities[i]).toBeCloseTo(p, 5),
    );
    expect(output.version).toBe('onnx-1');
    // The id travels with every output, so a response names the file that answered it.
    expect(output.modelId).toBe('sha256:' + 'ab'.repeat(32));
    expect(predictor.modelId).toBe(output.modelId);
  });

  it('serves concurrent calls correctly (runs are queued)', async () => {
    const predictor = createOnnxPredictor(
      ort,
      session,
      { version: 'onnx-1', classes },
      { modelId: 'm' },
    );
    // Row k has beak length 40 + 4k, so its first logit is k and, for k ≥ 1, Adelie wins.
    const calls = Array.from({ length: 20 }, (_, k) =>
      predictor.predict(new Float32Array([40 + 4 * (k + 1), 18, 200, 4000]), 1),
    );
    const outputs = await Promise.all(calls);
    outputs.forEach((output, k) => {
      const e = Math.exp(k + 1);
      expect(output.probabilities[0]).toBeCloseTo(e / (e + 2), 5);
      expect(output.labels).toEqual([0]);
    });
  });

  it('refuses a session without the contract tensor names', () => {
    const renamed: OnnxSessionLike = {
      inputNames: ['x'],
      outputNames: session.outputNames,
      run: (f) => session.run(f),
    };
    expect(() =>
      createOnnxPredictor(ort, renamed, { version: 'v', classes }, { modelId: 'm' }),
    ).toThrow(/no input named "features"/);
  });

  it('rejects when the model output does not match its classes, and recovers afterwards', async () => {
    let broken = true;
    const flaky: OnnxSessionLike = {
      inputNames: session.inputNames,
      outputNames: session.outputNames,
      run: async (feeds) =>
        broken
          ? {
              probabilities: new ort.Tensor('float32', new Float32Array([0.5, 0.5]), [1, 2]),
              label: new ort.Tensor('int64', new BigInt64Array([0n]), [1]),
            }
          : session.run(feeds),
    };
    const predictor = createOnnxPredictor(ort, flaky, { version: 'v', classes }, { modelId: 'm' });
    await expect(predictor.predict(new Float32Array([40, 18, 200, 4000]), 1)).rejects.toThrow(
      /2 probabilities/,
    );
    broken = false;
    const output = await predictor.predict(new Float32Array([40, 18, 200, 4000]), 1);
    expect(output.labels).toEqual([0]);
  });
});

describe('createUnavailablePredictor and createSwappablePredictor', () => {
  it('reports a reason until a ready predictor is swapped in', async () => {
    const swappable = createSwappablePredictor(createUnavailablePredictor('model file missing'));
    expect(swappable.isReady()).toBe(false);
    expect(swappable.notReadyReason()).toBe('model file missing');
    expect(swappable.version).toBe('none');
    await expect(swappable.predict(new Float32Array(4), 1)).rejects.toThrow(/not ready/);
    const ready = createFunctionPredictor((rows) => rows.map(() => [0, 0, 1]), {
      version: 'v9',
      classes,
    });
    swappable.swap(ready);
    expect(swappable.isReady()).toBe(true);
    expect(swappable.version).toBe('v9');
    expect(swappable.classes).toEqual(classes);
    expect(swappable.current).toBe(ready);
    expect((await swappable.predict(new Float32Array(4), 1)).labels).toEqual([2]);
  });
});
