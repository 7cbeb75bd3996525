/**
 * The shapes of what `decodeOnnx` reports about an ONNX file: graph inputs and outputs with
 * their types, nodes with attributes, initializers and operator counts.
 */
import type { OnnxDecodeError } from './read-model';

/** One dimension of a shape: a fixed size, a named symbolic size, or unknown. */
export type OnnxDimension = { value: number } | { param: string } | { unknown: true };

/** The type of a graph input or output. */
export type OnnxTypeSummary =
  | { kind: 'tensor' | 'sparse_tensor'; elemType: string; shape: OnnxDimension[] | null }
  | { kind: 'sequence' | 'optional'; elem: OnnxTypeSummary | null }
  | { kind: 'map'; keyType: string; value: OnnxTypeSummary | null }
  | { kind: 'unknown' };

/** A graph input or output. */
export interface OnnxValueSummary {
  name: string;
  type: OnnxTypeSummary;
  /** The type written compactly, for example `FLOAT[batch, 4]`. */
  typeText: string;
  docString: string;
  /** True when an initializer has the same name (older exporters list weights as inputs). */
  isInitializer: boolean;
}

/** A node attribute, its value shown as text. */
export interface OnnxAttributeSummary {
  name: string;
  /** AttributeType name, for example `INT` or `FLOATS`. */
  type: string;
  /** The value, shortened for display (`1`, `[0, 1, …]`, `'text'`, `graph 'body' (12 nodes)`). */
  value: string;
}

/** A graph node. */
export interface OnnxNodeSummary {
  name: string;
  opType: string;
  /** Operator domain; empty for the default ONNX domain. */
  domain: string;
  inputs: string[];
  outputs: string[];
  attributes: OnnxAttributeSummary[];
}

/** A stored tensor (weights and other constants). */
export interface OnnxInitializerSummary {
  name: string;
  /** TensorProto.DataType name, for example `FLOAT`. */
  dataType: string;
  dims: number[];
  /** Product of the dims (1 for a scalar). */
  elementCount: number;
  /** Bytes of tensor data stored in the file (0 when external). */
  byteSize: number;
  /** Where the values are: `raw_data`, the typed `*_data` fields, an external file, or nowhere. */
  storage: 'raw_data' | 'typed_fields' | 'external' | 'empty';
}

/** How often an operator appears in the graph. */
export interface OnnxOperatorCount {
  opType: string;
  domain: string;
  count: number;
}

/** The main graph. */
export interface OnnxGraphSummary {
  name: string;
  docString: string;
  inputs: OnnxValueSummary[];
  outputs: OnnxValueSummary[];
  /** All nodes in the file's graph. */
  nodeCount: number;
  /** The first `maxNodes` nodes. */
  nodes: OnnxNodeSummary[];
  nodesTruncated: boolean;
  /** Operator histogram, most frequent first. */
  operatorCounts: OnnxOperatorCount[];
  initializerCount: number;
  /** The first `maxInitializers` initializers. */
  initializers: OnnxInitializerSummary[];
  initializersTruncated: boolean;
  /** Bytes of all initializer data stored in the file. */
  initializerBytes: number;
  /** Number of value_info entries (intermediate types the exporter recorded). */
  valueInfoCount: number;
  sparseInitializerCount: number;
}

/** Everything `decodeOnnx` reports about a file. */
export interface OnnxSummary {
  byteLength: number;
  irVersion: number;
  producerName: string;
  producerVersion: string;
  domain: string;
  modelVersion: number;
  docString: string;
  /** Operator sets the model imports; domain `''` is the default ONNX opset. */
  opsetImports: { domain: string; version: number }[];
  /** ModelProto.metadata_props, in file order. */
  metadata: { key: string; value: string }[];
  /** The main graph, or `null` for a model without one (a function library). */
  graph: OnnxGraphSummary | null;
}

/** Result of `decodeOnnx`. */
export type OnnxDecodeResult =
  { ok: true; summary: OnnxSummary } | { ok: false; error: OnnxDecodeError };
