/**
 * The ONNX encoder and decoder (about 35 KB gzip with protobufjs), loaded on demand by the
 * chapter-1 widgets through one dynamic import so both share a single chunk.
 */
export { encodeSoftmaxModel } from '../../lib/onnx/encode';
export { decodeOnnx, MAX_ONNX_BYTES } from '../../lib/onnx/decode';
export { compareOnnxArtifacts } from '../../lib/onnx/compare';
