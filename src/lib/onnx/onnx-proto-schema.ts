/**
 * The subset of onnx.proto this project reads and writes, declared as a protobufjs reflection
 * schema (`Root.fromJSON`) with the field numbers of onnx/onnx.proto3, and the enum tables of
 * data and attribute types. The codec that walks this schema is `onnx-proto.ts`.
 *
 * Field names are onnx.proto's own snake_case names, so the decoded objects read like the spec.
 */
import { Root, type INamespace } from 'protobufjs/light.js';

const repeated = 'repeated';
const packed = { packed: true };

/** TypeProto.Tensor and TypeProto.SparseTensor declare the same two fields. */
const ELEM_TYPE_AND_SHAPE = {
  fields: {
    elem_type: { type: 'int32', id: 1 }, // int32 elem_type = 1;
    shape: { type: 'TensorShapeProto', id: 2 }, // TensorShapeProto shape = 2;
  },
};

/** TypeProto.Sequence and TypeProto.Optional both hold one element type. */
const TYPE_PROTO_ELEM = {
  fields: { elem_type: { type: 'TypeProto', id: 1 } }, // TypeProto elem_type = 1;
};

/**
 * The schema, message by message. Each `id` is the field number in onnx/onnx.proto3
 * (ONNX 1.x; the numbers never change between releases, new fields only get new numbers).
 */
export const ONNX_PROTO_DESCRIPTOR: INamespace = {
  nested: {
    onnx: {
      nested: {
        ModelProto: {
          fields: {
            ir_version: { type: 'int64', id: 1 }, // int64 ir_version = 1;
            producer_name: { type: 'string', id: 2 }, // string producer_name = 2;
            producer_version: { type: 'string', id: 3 }, // string producer_version = 3;
            domain: { type: 'string', id: 4 }, // string domain = 4;
            model_version: { type: 'int64', id: 5 }, // int64 model_version = 5;
            doc_string: { type: 'string', id: 6 }, // string doc_string = 6;
            graph: { type: 'GraphProto', id: 7 }, // GraphProto graph = 7;
            opset_import: { rule: repeated, type: 'OperatorSetIdProto', id: 8 }, // repeated OperatorSetIdProto opset_import = 8;
            metadata_props: { rule: repeated, type: 'StringStringEntryProto', id: 14 }, // repeated StringStringEntryProto metadata_props = 14;
          },
        },
        StringStringEntryProto: {
          fields: {
            key: { type: 'string', id: 1 }, // string key = 1;
            value: { type: 'string', id: 2 }, // string value = 2;
          },
        },
        OperatorSetIdProto: {
          fields: {
            domain: { type: 'string', id: 1 }, // string domain = 1;
            version: { type: 'int64', id: 2 }, // int64 version = 2;
          },
        },
        GraphProto: {
          fields: {
            node: { rule: repeated, type: 'NodeProto', id: 1 }, // repeated NodeProto node = 1;
            name: { type: 'string', id: 2 }, // string name = 2;
            initializer: { rule: repeated, type: 'TensorProto', id: 5 }, // repeated TensorProto initializer = 5;
            doc_string: { type: 'string', id: 10 }, // string doc_string = 10;
            input: { rule: repeated, type: 'ValueInfoProto', id: 11 }, // repeated ValueInfoProto input = 11;
            output: { rule: repeated, type: 'ValueInfoProto', id: 12 }, // repeated ValueInfoProto output = 12;
            value_info: { rule: repeated, type: 'ValueInfoProto', id: 13 }, // repeated ValueInfoProto value_info = 13;
            sparse_initializer: { rule: repeated, type: 'SparseTensorProto', id: 15 }, // repeated SparseTensorProto sparse_initializer = 15;
          },
        },
        NodeProto: {
          fields: {
            input: { rule: repeated, type: 'string', id: 1 }, // repeated string input = 1;
            output: { rule: repeated, type: 'string', id: 2 }, // repeated string output = 2;
            name: { type: 'string', id: 3 }, // string name = 3;
            op_type: { type: 'string', id: 4 }, // string op_type = 4;
            attribute: { rule: repeated, type: 'AttributeProto', id: 5 }, // repeated AttributeProto attribute = 5;
            doc_string: { type: 'string', id: 6 }, // string doc_string = 6;
            domain: { type: 'string', id: 7 }, // string domain = 7;
          },
        },
        AttributeProto: {
          fields: {
            name: { type: 'string', id: 1 }, // string name = 1;
            f: { type: 'float', id: 2 }, // float f = 2;
            i: { type: 'int64', id: 3 }, // int64 i = 3;
            s: { type: 'bytes', id: 4 }, // bytes s = 4;
            t: { type: 'TensorProto', id: 5 }, // TensorProto t = 5;
            g: { type: 'GraphProto', id: 6 }, // GraphProto g = 6;
            floats: { rule: repeated, type: 'float', id: 7, options: packed }, // repeated float floats = 7;
            ints: { rule: repeated, type: 'int64', id: 8, options: packed }, // repeated int64 ints = 8;
            strings: { rule: repeated, type: 'bytes', id: 9 }, // repeated bytes strings = 9;
            tensors: { rule: repeated, type: 'TensorProto', id: 10 }, // repeated TensorProto tensors = 10;
            graphs: { rule: repeated, type: 'GraphProto', id: 11 }, // repeated GraphProto graphs = 11;
            doc_string: { type: 'string', id: 13 }, // string doc_string = 13;
            type: { type: 'int32', id: 20 }, // AttributeType type = 20; (enum read as its number)
            ref_attr_name: { type: 'string', id: 21 }, // string ref_attr_name = 21;
            sparse_tensor: { type: 'SparseTensorProto', id: 22 }, // SparseTensorProto sparse_tensor = 22;
            sparse_tensors: { rule: repeated, type: 'SparseTensorProto', id: 23 }, // repeated SparseTensorProto sparse_tensors = 23;
          },
        },
        ValueInfoProto: {
          fields: {
            name: { type: 'string', id: 1 }, // string name = 1;
            type: { type: 'TypeProto', id: 2 }, // TypeProto type = 2;
            doc_string: { type: 'string', id: 3 }, // string doc_string = 3;
          },
        },
        TensorProto: {
          fields: {
            dims: { rule: repeated, type: 'int64', id: 1, options: packed }, // repeated int64 dims = 1;
            data_type: { type: 'int32', id: 2 }, // int32 data_type = 2;
            float_data: { rule: repeated, type: 'float', id: 4, options: packed }, // repeated float float_data = 4 [packed = true];
            int32_data: { rule: repeated, type: 'int32', id: 5, options: packed }, // repeated int32 int32_data = 5 [packed = true];
            string_data: { rule: repeated, type: 'bytes', id: 6 }, // repeated bytes string_data = 6;
            int64_data: { rule: repeated, type: 'int64', id: 7, options: packed }, // repeated int64 int64_data = 7 [packed = true];
            name: { type: 'string', id: 8 }, // string name = 8;
            raw_data: { type: 'bytes', id: 9 }, // bytes raw_data = 9;
            double_data: { rule: repeated, type: 'double', id: 10, options: packed }, // repeated double double_data = 10 [packed = true];
            uint64_data: { rule: repeated, type: 'uint64', id: 11, options: packed }, // repeated uint64 uint64_data = 11 [packed = true];
            doc_string: { type: 'string', id: 12 }, // string doc_string = 12;
            external_data: { rule: repeated, type: 'StringStringEntryProto', id: 13 }, // repeated StringStringEntryProto external_data = 13;
            data_location: { type: 'int32', id: 14 }, // DataLocation data_location = 14; (enum read as its number)
          },
        },
        SparseTensorProto: {
          fields: {
            values: { type: 'TensorProto', id: 1 }, // TensorProto values = 1;
            indices: { type: 'TensorProto', id: 2 }, // TensorProto indices = 2;
            dims: { rule: repeated, type: 'int64', id: 3, options: packed }, // repeated int64 dims = 3;
          },
        },
        TensorShapeProto: {
          fields: {
            dim: { rule: repeated, type: 'Dimension', id: 1 }, // repeated Dimension dim = 1;
          },
          nested: {
            Dimension: {
              oneofs: { value: { oneof: ['dim_value', 'dim_param'] } },
              fields: {
                dim_value: { type: 'int64', id: 1 }, // int64 dim_value = 1; (oneof value)
                dim_param: { type: 'string', id: 2 }, // string dim_param = 2; (oneof value)
                denotation: { type: 'string', id: 3 }, // string denotation = 3;
              },
            },
          },
        },
        TypeProto: {
          oneofs: {
            value: {
              oneof: [
                'tensor_type',
                'sequence_type',
                'map_type',
                'sparse_tensor_type',
                'optional_type',
              ],
            },
          },
          fields: {
            tensor_type: { type: 'Tensor', id: 1 }, // Tensor tensor_type = 1;
            sequence_type: { type: 'Sequence', id: 4 }, // Sequence sequence_type = 4;
            map_type: { type: 'Map', id: 5 }, // Map map_type = 5;
            denotation: { type: 'string', id: 6 }, // string denotation = 6;
            sparse_tensor_type: { type: 'SparseTensor', id: 8 }, // SparseTensor sparse_tensor_type = 8;
            optional_type: { type: 'Optional', id: 9 }, // Optional optional_type = 9;
          },
          nested: {
            Tensor: ELEM_TYPE_AND_SHAPE,
            Sequence: TYPE_PROTO_ELEM,
            Map: {
              fields: {
                key_type: { type: 'int32', id: 1 }, // int32 key_type = 1;
                value_type: { type: 'TypeProto', id: 2 }, // TypeProto value_type = 2;
              },
            },
            Optional: TYPE_PROTO_ELEM,
            SparseTensor: ELEM_TYPE_AND_SHAPE,
          },
        },
      },
    },
  },
};

/** The reflected schema. */
export const onnxRoot: Root = Root.fromJSON(ONNX_PROTO_DESCRIPTOR).resolveAll() as Root;

/** TensorProto.DataType numbers (onnx.proto3 `enum DataType`) and their names. */
export const ONNX_DATA_TYPES: Readonly<Record<number, string>> = {
  0: 'UNDEFINED',
  1: 'FLOAT',
  2: 'UINT8',
  3: 'INT8',
  4: 'UINT16',
  5: 'INT16',
  6: 'INT32',
  7: 'INT64',
  8: 'STRING',
  9: 'BOOL',
  10: 'FLOAT16',
  11: 'DOUBLE',
  12: 'UINT32',
  13: 'UINT64',
  14: 'COMPLEX64',
  15: 'COMPLEX128',
  16: 'BFLOAT16',
  17: 'FLOAT8E4M3FN',
  18: 'FLOAT8E4M3FNUZ',
  19: 'FLOAT8E5M2',
  20: 'FLOAT8E5M2FNUZ',
  21: 'UINT4',
  22: 'INT4',
  23: 'FLOAT4E2M1',
  24: 'FLOAT8E8M0',
};

/** The TensorProto.DataType numbers the encoder uses. */
export const DataType = { FLOAT: 1, INT64: 7 } as const;

/** AttributeProto.AttributeType numbers (onnx.proto3 `enum AttributeType`) and their names. */
export const ONNX_ATTRIBUTE_TYPES: Readonly<Record<number, string>> = {
  0: 'UNDEFINED',
  1: 'FLOAT',
  2: 'INT',
  3: 'STRING',
  4: 'TENSOR',
  5: 'GRAPH',
  6: 'FLOATS',
  7: 'INTS',
  8: 'STRINGS',
  9: 'TENSORS',
  10: 'GRAPHS',
  11: 'SPARSE_TENSOR',
  12: 'SPARSE_TENSORS',
};

/** The AttributeType numbers the encoder uses. */
export const AttributeType = { FLOAT: 1, INT: 2, STRING: 3 } as const;

// ---------- decoded message shapes (scalars default as in proto3; absent messages are undefined) ----------
