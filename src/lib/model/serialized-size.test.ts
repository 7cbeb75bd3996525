import { describe, expect, it } from 'vitest';
import { serializedSizes, utf8ByteLength, weightsJson } from './serialized-size';
import type { SoftmaxModel } from './types';

const tiny: SoftmaxModel = {
  featureNames: ['x'],
  featureUnits: ['mm'],
  classes: ['a', 'b'],
  mean: [1],
  std: [2],
  weights: [[1, 2]],
  bias: [0, 0.5],
  provenance: {
    seed: 1,
    epochs: 1,
    learningRate: 1,
    l2: 0,
    dataHash: 'h',
    metrics: {},
    version: 'v',
  },
};

describe('weightsJson and utf8ByteLength', () => {
  it('writes only weights and bias', () => {
    expect(weightsJson(tiny)).toBe('{"weights":[[1,2]],"bias":[0,0.5]}');
  });

  it('counts UTF-8 bytes, not UTF-16 code units', () => {
    expect(utf8ByteLength('abc')).toBe(3);
    expect(utf8ByteLength('é')).toBe(2); // U+00E9 is two bytes in UTF-8
    expect(utf8ByteLength('µs')).toBe(3);
  });
});

describe('serializedSizes', () => {
  it('measures the three encodings', () => {
    // '{"weights":[[1,2]],"bias":[0,0.5]}' counted by hand: 1 + 9 + 1 + 7 + 1 + 6 + 1 + 7 + 1 = 34.
    const sizes = serializedSizes(tiny, new Uint8Array(123));
    expect(sizes.weightsJsonBytes).toBe(34);
    expect(sizes.onnxBytes).toBe(123);
    expect(sizes.modelJsonBytes).toBe(JSON.stringify(tiny).length); // ASCII only here
    expect(sizes.modelJsonBytes).toBeGreaterThan(sizes.weightsJsonBytes);
  });
});
