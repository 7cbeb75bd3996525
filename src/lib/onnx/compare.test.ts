import { describe, expect, it } from 'vitest';
import type { SoftmaxModel } from '../model/types';
import { compareOnnxArtifacts } from './compare';
import { encodeSoftmaxModel } from './encode';

function model(overrides: Partial<SoftmaxModel> = {}): SoftmaxModel {
  return {
    featureNames: ['a', 'b'],
    featureUnits: ['mm', 'g'],
    classes: ['x', 'y'],
    mean: [1, 2],
    std: [0.5, 4],
    weights: [
      [1, -1],
      [0.25, 2],
    ],
    bias: [0, 0.5],
    provenance: {
      seed: 1,
      epochs: 10,
      learningRate: 1,
      l2: 0,
      dataHash: 'abc',
      metrics: { accuracy: 0.5 },
      version: 'v1',
    },
    ...overrides,
  };
}

function comparison(a: Uint8Array, b: Uint8Array) {
  const result = compareOnnxArtifacts(a, b);
  if (!result.ok) throw new Error(result.error.message);
  return result.comparison;
}

describe('compareOnnxArtifacts', () => {
  it('finds nothing different in the same file', () => {
    const bytes = encodeSoftmaxModel(model());
    expect(comparison(bytes, bytes.slice())).toEqual({
      identicalBytes: true,
      sameGraph: true,
      differentTensors: [],
      differentMetadata: [],
    });
  });

  it('names only the metadata key when just a metric differs', () => {
    const base = model();
    const other = model({
      provenance: { ...base.provenance, metrics: { accuracy: 0.5000000000000001 } },
    });
    expect(comparison(encodeSoftmaxModel(base), encodeSoftmaxModel(other))).toEqual({
      identicalBytes: false,
      sameGraph: true,
      differentTensors: [],
      differentMetadata: ['metrics'],
    });
  });

  it('names the tensors whose values differ', () => {
    const other = model({ bias: [0, 0.75], mean: [1, 3] });
    const result = comparison(encodeSoftmaxModel(model()), encodeSoftmaxModel(other));
    expect(result.sameGraph).toBe(true);
    expect(result.differentTensors.sort()).toEqual(['bias', 'mean']);
  });

  it('sees a different graph when the shapes change', () => {
    const wider = model({
      featureNames: ['a', 'b', 'c'],
      featureUnits: ['mm', 'g', 'mm'],
      mean: [1, 2, 3],
      std: [1, 1, 1],
      weights: [
        [1, -1],
        [0.25, 2],
        [0, 0],
      ],
    });
    const result = comparison(encodeSoftmaxModel(model()), encodeSoftmaxModel(wider));
    expect(result.sameGraph).toBe(false);
    expect(result.differentTensors.sort()).toEqual(['mean', 'std', 'weights']);
    expect(result.differentMetadata).toContain('feature_names');
  });

  it('reports which file could not be read', () => {
    const good = encodeSoftmaxModel(model());
    const result = compareOnnxArtifacts(good, new Uint8Array());
    expect(result).toMatchObject({ ok: false, which: 'second', error: { kind: 'empty' } });
  });
});
