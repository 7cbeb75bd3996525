import { describe, expect, it } from 'vitest';
import { handMadePenguinModel } from '../model/fixtures';
import type { SoftmaxModel } from '../model/types';
import { compareOnnxArtifacts } from './compare';
import { encodeSoftmaxModel } from './encode';

// The fixture penguin model (4 features, 3 species); each test changes one thing about it.
const base = handMadePenguinModel();

function comparison(a: Uint8Array, b: Uint8Array) {
  const result = compareOnnxArtifacts(a, b);
  if (!result.ok) throw new Error(result.error.message);
  return result.comparison;
}

describe('compareOnnxArtifacts', () => {
  it('finds nothing different in the same file', () => {
    const bytes = encodeSoftmaxModel(base);
    expect(comparison(bytes, bytes.slice())).toEqual({
      identicalBytes: true,
      sameGraph: true,
      differentTensors: [],
      differentMetadata: [],
    });
  });

  it('names only the metadata key when just a metric differs', () => {
    // The next double above 0.98: a difference no printout would show.
    const other = handMadePenguinModel({ metrics: { accuracy: 0.98 + Number.EPSILON / 2 } });
    expect(comparison(encodeSoftmaxModel(base), encodeSoftmaxModel(other))).toEqual({
      identicalBytes: false,
      sameGraph: true,
      differentTensors: [],
      differentMetadata: ['metrics'],
    });
  });

  it('names the tensors whose values differ', () => {
    const other = { ...base, bias: [0.42, -0.88, 0.5], mean: [43.92, 17.15, 200.92, 4200] };
    const result = comparison(encodeSoftmaxModel(base), encodeSoftmaxModel(other));
    expect(result.sameGraph).toBe(true);
    expect(result.differentTensors.sort()).toEqual(['bias', 'mean']);
  });

  it('sees a different graph when the shapes change', () => {
    const wider: SoftmaxModel = {
      ...base,
      featureNames: [...base.featureNames, 'year'],
      featureUnits: [...base.featureUnits, 'year'],
      mean: [...base.mean, 2008],
      std: [...base.std, 0.8],
      weights: [...base.weights, [0, 0, 0]],
    };
    const result = comparison(encodeSoftmaxModel(base), encodeSoftmaxModel(wider));
    expect(result.sameGraph).toBe(false);
    expect(result.differentTensors.sort()).toEqual(['mean', 'std', 'weights']);
    expect(result.differentMetadata).toContain('feature_names');
  });

  it('reports which file could not be read', () => {
    const good = encodeSoftmaxModel(base);
    const result = compareOnnxArtifacts(good, new Uint8Array());
    expect(result).toMatchObject({ ok: false, which: 'second', error: { kind: 'empty' } });
  });
});
