/**
 * Sizes of the same trained model written three ways, for the chapter's format comparison:
 * the bare parameters as JSON, the whole model object as JSON, and the ONNX file.
 */
import type { SoftmaxModel } from './types';

/** The parameters alone, `{"weights":[[…]],"bias":[…]}`: what "just save the weights" writes. */
export function weightsJson(model: SoftmaxModel): string {
  return JSON.stringify({ weights: model.weights, bias: model.bias });
}

/** Bytes of `text` encoded as UTF-8. */
export function utf8ByteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Byte counts of the three encodings. */
export interface SerializedSizes {
  /** `weightsJson(model)`: weights and biases only, no standardization, no class names. */
  weightsJsonBytes: number;
  /** `JSON.stringify(model)`: parameters, standardization, names and provenance, but no code. */
  modelJsonBytes: number;
  /** The ONNX file: parameters as float32 plus the computation graph and metadata. */
  onnxBytes: number;
}

/** Measures the three encodings of `model`, given its ONNX bytes. */
export function serializedSizes(model: SoftmaxModel, onnx: Uint8Array): SerializedSizes {
  return {
    weightsJsonBytes: utf8ByteLength(weightsJson(model)),
    modelJsonBytes: utf8ByteLength(JSON.stringify(model)),
    onnxBytes: onnx.length,
  };
}
