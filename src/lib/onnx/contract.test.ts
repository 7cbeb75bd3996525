import { describe, expect, it } from 'vitest';
import { handMadePenguinModel } from '../model/fixtures';
import { predictProba } from '../model/predict';
import { createSession } from '../runtime/ort';
import { nodeOrtLoader } from '../runtime/ort-node';
import {
  assertSoftmaxSessionNames,
  decodeSoftmaxOutputs,
  probabilityRow,
  SOFTMAX_TENSOR_NAMES,
} from './contract';
import { encodeSoftmaxModel } from './encode';

const f32 = (...values: number[]) => ({ data: Float32Array.from(values) });
const i64 = (...values: number[]) => ({ data: BigInt64Array.from(values.map(BigInt)) });

describe('decodeSoftmaxOutputs', () => {
  it('returns the probabilities and the int64 labels as class indices', () => {
    const decoded = decodeSoftmaxOutputs(
      { probabilities: f32(0.25, 0.75, 0.5, 0.5, 1, 0), label: i64(1, 0, 0) },
      3,
      2,
    );
    expect(Array.from(decoded.probabilities)).toEqual([0.25, 0.75, 0.5, 0.5, 1, 0]);
    expect(decoded.labels).toEqual([1, 0, 0]);
    expect(probabilityRow(decoded, 0, 2)).toEqual([0.25, 0.75]);
    expect(probabilityRow(decoded, 2, 2)).toEqual([1, 0]);
  });

  it('names the broken output: missing, wrong type, wrong size, label out of range', () => {
    expect(() => decodeSoftmaxOutputs({ label: i64(0) }, 1, 2)).toThrow(
      'The model output "probabilities" is not a float32 tensor.',
    );
    expect(() =>
      decodeSoftmaxOutputs({ probabilities: { data: [0.5, 0.5] }, label: i64(0) }, 1, 2),
    ).toThrow(/not a float32 tensor/);
    expect(() =>
      decodeSoftmaxOutputs({ probabilities: f32(1, 0, 0), label: i64(0) }, 1, 2),
    ).toThrow('The model returned 3 probabilities for 1 rows × 2 classes.');
    expect(() =>
      decodeSoftmaxOutputs({ probabilities: f32(1, 0), label: { data: Int32Array.of(0) } }, 1, 2),
    ).toThrow(/"label" is not an int64 tensor/);
    expect(() => decodeSoftmaxOutputs({ probabilities: f32(1, 0), label: i64(2) }, 1, 2)).toThrow(
      'The model returned a label outside its classes.',
    );
    expect(() => decodeSoftmaxOutputs({ probabilities: f32(1, 0), label: i64(-1) }, 1, 2)).toThrow(
      /outside its classes/,
    );
  });
});

describe('assertSoftmaxSessionNames', () => {
  it('accepts the contract and names what is missing', () => {
    expect(() => assertSoftmaxSessionNames(['features'], ['probabilities', 'label'])).not.toThrow();
    expect(() => assertSoftmaxSessionNames(['x'], ['probabilities', 'label'])).toThrow(
      'The ONNX model has no input named "features".',
    );
    expect(() => assertSoftmaxSessionNames(['features'], ['probabilities'])).toThrow(
      'The ONNX model has no output named "label".',
    );
  });
});

describe('the contract against a real onnxruntime session of the encoded model', () => {
  it('the encoder writes these names, and decoding a run gives the TypeScript model’s answers', async () => {
    const model = handMadePenguinModel({ version: 'contract' });
    const ort = await nodeOrtLoader().load();
    const session = await createSession(ort, encodeSoftmaxModel(model));
    assertSoftmaxSessionNames(session.inputNames, session.outputNames);
    expect(session.inputNames).toEqual([SOFTMAX_TENSOR_NAMES.input]);
    const rows = [
      [39.1, 18.7, 181, 3750],
      [46.5, 17.9, 192, 3500],
      [50, 15.2, 218, 5700],
    ];
    const input = new ort.Tensor('float32', Float32Array.from(rows.flat()), [3, 4]);
    const outputs = await session.run({ [SOFTMAX_TENSOR_NAMES.input]: input });
    const decoded = decodeSoftmaxOutputs(outputs, 3, model.classes.length);
    const expected = predictProba(model, rows);
    expected.forEach((row, i) => {
      probabilityRow(decoded, i, 3).forEach((p, k) => expect(p).toBeCloseTo(row[k]!, 5));
      expect(decoded.labels[i]).toBe(row.indexOf(Math.max(...row)));
    });
    await session.release();
  });
});
