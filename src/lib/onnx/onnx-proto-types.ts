/**
 * The shapes of decoded onnx.proto messages: scalars default as in proto3, absent messages are
 * undefined. Field names are onnx.proto's own snake_case names.
 */
/** onnx.StringStringEntryProto */
export interface StringStringEntryProto {
  key: string;
  value: string;
}
/** onnx.OperatorSetIdProto */
export interface OperatorSetIdProto {
  domain: string;
  version: bigint;
}
/** onnx.TensorShapeProto.Dimension */
export interface TensorShapeDimension {
  dim_value: bigint;
  dim_param: string;
  denotation: string;
  /** Which member of the `value` oneof was present, if any. */
  value?: 'dim_value' | 'dim_param';
}
/** onnx.TensorShapeProto */
export interface TensorShapeProto {
  dim: TensorShapeDimension[];
}
/** onnx.TypeProto.Tensor and onnx.TypeProto.SparseTensor */
export interface TypeProtoTensor {
  elem_type: number;
  shape?: TensorShapeProto;
}
/** onnx.TypeProto */
export interface TypeProto {
  tensor_type?: TypeProtoTensor;
  sequence_type?: { elem_type?: TypeProto };
  map_type?: { key_type: number; value_type?: TypeProto };
  sparse_tensor_type?: TypeProtoTensor;
  optional_type?: { elem_type?: TypeProto };
  denotation: string;
}
/** onnx.ValueInfoProto */
export interface ValueInfoProto {
  name: string;
  type?: TypeProto;
  doc_string: string;
}
/** onnx.TensorProto */
export interface TensorProto {
  dims: bigint[];
  data_type: number;
  float_data: number[];
  int32_data: number[];
  string_data: Uint8Array[];
  int64_data: bigint[];
  name: string;
  raw_data: Uint8Array;
  double_data: number[];
  uint64_data: bigint[];
  doc_string: string;
  external_data: StringStringEntryProto[];
  data_location: number;
}
/** onnx.SparseTensorProto */
export interface SparseTensorProto {
  values?: TensorProto;
  indices?: TensorProto;
  dims: bigint[];
}
/** onnx.AttributeProto */
export interface AttributeProto {
  name: string;
  f: number;
  i: bigint;
  s: Uint8Array;
  t?: TensorProto;
  g?: GraphProto;
  floats: number[];
  ints: bigint[];
  strings: Uint8Array[];
  tensors: TensorProto[];
  graphs: GraphProto[];
  doc_string: string;
  type: number;
  ref_attr_name: string;
  sparse_tensor?: SparseTensorProto;
  sparse_tensors: SparseTensorProto[];
}
/** onnx.NodeProto */
export interface NodeProto {
  input: string[];
  output: string[];
  name: string;
  op_type: string;
  attribute: AttributeProto[];
  doc_string: string;
  domain: string;
}
/** onnx.GraphProto */
export interface GraphProto {
  node: NodeProto[];
  name: string;
  initializer: TensorProto[];
  doc_string: string;
  input: ValueInfoProto[];
  output: ValueInfoProto[];
  value_info: ValueInfoProto[];
  sparse_initializer: SparseTensorProto[];
}
/** onnx.ModelProto */
export interface ModelProto {
  ir_version: bigint;
  producer_name: string;
  producer_version: string;
  domain: string;
  model_version: bigint;
  doc_string: string;
  graph?: GraphProto;
  opset_import: OperatorSetIdProto[];
  metadata_props: StringStringEntryProto[];
}

/**
 * What the encoder accepts for a decoded shape `T`: every field optional, int64 fields as
 * `number` or `bigint`.
 */
export type ProtoInit<T> = T extends bigint
  ? number | bigint
  : T extends Uint8Array
    ? Uint8Array
    : T extends (infer U)[]
      ? ProtoInit<U>[]
      : T extends object
        ? { [K in keyof T]?: ProtoInit<T[K]> | undefined }
        : T;
