/**
 * A hand-made, penguin-shaped softmax model (4 features, 3 species) with round illustrative
 * parameters, for tests and benchmarks that need a model without training one. Its numbers are
 * not learned from data and must never be shown to readers as results.
 */
import type { ModelProvenance, SoftmaxModel } from './types';

/** The fixture model; `provenance` fields can be overridden per test. */
export function handMadePenguinModel(provenance: Partial<ModelProvenance> = {}): SoftmaxModel {
  return {
    featureNames: ['beak_length_mm', 'beak_depth_mm', 'flipper_length_mm', 'body_mass_g'],
    featureUnits: ['mm', 'mm', 'mm', 'g'],
    classes: ['Adelie', 'Chinstrap', 'Gentoo'],
    mean: [43.92, 17.15, 200.92, 4201.75],
    std: [5.46, 1.97, 14.06, 801.95],
    weights: [
      [-2.61, 2.18, 0.43],
      [1.12, 0.35, -1.47],
      [-0.58, -0.73, 1.31],
      [-0.21, -0.96, 1.17],
    ],
    bias: [0.42, -0.88, 0.46],
    provenance: {
      seed: 42,
      epochs: 300,
      learningRate: 0.1,
      l2: 0.001,
      dataHash: '0'.repeat(64),
      metrics: { accuracy: 0.98 },
      version: 'fixture',
      ...provenance,
    },
  };
}

/** Parameters a hand-worked test model needs; units and provenance get neutral fillers. */
export interface HandWorkedParameters {
  featureNames: string[];
  classes: string[];
  mean: number[];
  std: number[];
  weights: number[][];
  bias: number[];
}

/** A small model whose outputs a test works out by hand (units and provenance are fillers). */
export function handWorkedModel(parameters: HandWorkedParameters, version = 't'): SoftmaxModel {
  return {
    ...parameters,
    featureUnits: parameters.featureNames.map(() => '1'),
    provenance: {
      seed: 0,
      epochs: 0,
      learningRate: 1,
      l2: 0,
      dataHash: '',
      metrics: {},
      version,
    },
  };
}

/**
 * Features a, b and classes p, q, r whose logits are (z_a, z_b, 0), z the standardized inputs
 * (the identity standardization unless `mean` and `std` are given): the predictor tests work
 * their probabilities out by hand from it.
 */
export function standardizedLogitsModel(mean = [0, 0], std = [1, 1]): SoftmaxModel {
  return handWorkedModel({
    featureNames: ['a', 'b'],
    classes: ['p', 'q', 'r'],
    mean,
    std,
    weights: [
      [1, 0, 0],
      [0, 1, 0],
    ],
    bias: [0, 0, 0],
  });
}
