import * as protobuf from 'protobufjs/light.js';
import { describe, expect, it } from 'vitest';
import {
  decodeModelProto,
  encodeModelProto,
  ONNX_PROTO_DESCRIPTOR,
  onnxRoot,
  ProtoDecodeError,
  type ModelProto,
} from './onnx-proto';

// A tiny protobuf writer for building test inputs by hand, independent of protobufjs:
// tag = (field_number << 3) | wire_type; varints are little-endian base-128.
const varint = (n: number | bigint): number[] => {
  let v = BigInt.asUintN(64, BigInt(n));
  const out: number[] = [];
  while (v > 0x7fn) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
};
const vi = (field: number, n: number | bigint) => [...varint((field << 3) | 0), ...varint(n)];
const ld = (field: number, payload: number[]) => [
  ...varint((field << 3) | 2),
  ...varint(payload.length),
  ...payload,
];
const str = (s: string) => [...new TextEncoder().encode(s)];
const f32 = (field: number, x: number) => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, x, true);
  return [...varint((field << 3) | 5), ...b];
};

/** TypeProto { tensor_type { elem_type: FLOAT, shape { dim { dim_param: "N" } dim { dim_value: 3 } } } } */
const floatNx3 = ld(1, [...vi(1, 1), ...ld(2, [...ld(1, ld(2, str('N'))), ...ld(1, vi(1, 3))])]);

/** A hand-written ModelProto: Relu from x to y, IR 7, opset 13, one metadata entry. */
const HAND_MODEL = Uint8Array.from([
  ...vi(1, 7), // ir_version = 7
  ...ld(2, str('hand')), // producer_name
  ...ld(7, [
    // graph
    ...ld(1, [...ld(1, str('x')), ...ld(2, str('y')), ...ld(3, str('r')), ...ld(4, str('Relu'))]), // node
    ...ld(2, str('g')), // name
    ...ld(11, [...ld(1, str('x')), ...ld(2, floatNx3)]), // input
    ...ld(12, [...ld(1, str('y')), ...ld(2, floatNx3)]), // output
  ]),
  ...ld(8, vi(2, 13)), // opset_import { version: 13 }
  ...ld(14, [...ld(1, str('k')), ...ld(2, str('v'))]), // metadata_props { key: "k", value: "v" }
]);

describe('decodeModelProto', () => {
  it('reads a hand-written ModelProto field by field', () => {
    const m = decodeModelProto(HAND_MODEL);
    expect(m.ir_version).toBe(7n);
    expect(m.producer_name).toBe('hand');
    expect(m.producer_version).toBe('');
    expect(m.opset_import).toEqual([{ domain: '', version: 13n }]);
    expect(m.metadata_props).toEqual([{ key: 'k', value: 'v' }]);
    const g = m.graph!;
    expect(g.name).toBe('g');
    expect(g.node).toHaveLength(1);
    expect(g.node[0]).toMatchObject({
      input: ['x'],
      output: ['y'],
      name: 'r',
      op_type: 'Relu',
      domain: '',
      attribute: [],
    });
    const dims = g.input[0]?.type?.tensor_type?.shape?.dim ?? [];
    expect(dims.map((d) => [d.value, d.dim_param, d.dim_value])).toEqual([
      ['dim_param', 'N', 0n],
      ['dim_value', '', 3n],
    ]);
    expect(g.output[0]?.name).toBe('y');
    expect(g.initializer).toEqual([]);
  });

  it('accepts repeated numbers both packed and unpacked, and reads packed floats', () => {
    const tensor = (dims: number[]) => [...ld(8, str('w')), ...vi(2, 1), ...dims];
    const unpacked = [...vi(1, 2), ...vi(1, 3)];
    const packed = ld(1, [...varint(2), ...varint(3)]);
    for (const dims of [unpacked, packed]) {
      const m = decodeModelProto(Uint8Array.from([...vi(1, 8), ...ld(7, ld(5, tensor(dims)))]));
      expect(m.graph?.initializer[0]?.dims).toEqual([2n, 3n]);
      expect(m.graph?.initializer[0]?.name).toBe('w');
    }
    // AttributeProto.floats (field 7), packed: two little-endian float32s.
    const floats = new Uint8Array(8);
    new DataView(floats.buffer).setFloat32(0, 0.5, true);
    new DataView(floats.buffer).setFloat32(4, -4, true);
    const node = ld(1, [
      ...ld(4, str('Foo')),
      ...ld(5, [...ld(1, str('scales')), ...vi(20, 6), ...ld(7, [...floats]), ...f32(2, 2.5)]),
    ]);
    const attr = decodeModelProto(Uint8Array.from([...vi(1, 8), ...ld(7, node)])).graph?.node[0]
      ?.attribute[0];
    expect(attr?.floats).toEqual([0.5, -4]);
    expect(attr?.f).toBe(2.5);
    expect(attr?.type).toBe(6);
  });

  it('skips fields the schema does not declare, and fields with an unexpected wire type', () => {
    const extra = Uint8Array.from([
      ...HAND_MODEL,
      ...ld(20, [1, 2, 3]), // training_info
      ...ld(25, ld(1, str('fn'))), // functions
      ...vi(99, 12345),
      ...[...varint((1 << 3) | 2), 1, 0], // ir_version sent as length-delimited: ignored
    ]);
    expect(decodeModelProto(extra)).toEqual(decodeModelProto(HAND_MODEL));
  });

  it('reads int64 values over the full signed range', () => {
    expect(decodeModelProto(Uint8Array.from(vi(1, -1))).ir_version).toBe(-1n);
    expect(varint(-1)).toHaveLength(10);
    expect(decodeModelProto(Uint8Array.from(vi(5, 2n ** 40n))).model_version).toBe(2n ** 40n);
    expect(decodeModelProto(Uint8Array.from(vi(5, 2n ** 63n - 1n))).model_version).toBe(
      2n ** 63n - 1n,
    );
  });

  it('throws ProtoDecodeError (only) on truncated or inconsistent data', () => {
    for (let cut = 1; cut < HAND_MODEL.length; cut++) {
      let thrown: unknown = null;
      try {
        decodeModelProto(HAND_MODEL.subarray(0, cut));
      } catch (e) {
        thrown = e;
      }
      // Some prefixes end exactly between two top-level fields and are valid messages.
      if (thrown !== null) expect(thrown).toBeInstanceOf(ProtoDecodeError);
    }
    // The graph is cut inside: its length prefix claims more bytes than remain.
    expect(() => decodeModelProto(HAND_MODEL.subarray(0, 20))).toThrow(ProtoDecodeError);
    // A nested length that overruns its parent message.
    const overrun = Uint8Array.from([...ld(7, [...varint((2 << 3) | 2), 50, 0x41]), 0, 0, 0]);
    expect(() => decodeModelProto(overrun)).toThrow(expect.objectContaining({ kind: 'malformed' }));
    const outerOverrun = Uint8Array.from([...ld(7, [0x12, 0x05]), 0x41, 0x42, 0x43, 0x44, 0x45]);
    expect(() => decodeModelProto(outerOverrun)).toThrow(/index out of range/);
    expect(() => decodeModelProto(Uint8Array.from(ld(7, [0x0a, 0x09, 0x08])))).toThrow(
      /length prefix/,
    );
    expect(() => decodeModelProto(Uint8Array.from([0x00]))).toThrow(/field number 0/);
    expect(() => decodeModelProto(Uint8Array.from([0x0f]))).toThrow(ProtoDecodeError); // wire type 7
  });

  it('enforces the nesting and repeated-value limits', () => {
    // TypeProto.sequence_type.elem_type nested 80 levels deep inside a graph input.
    let type: number[] = ld(1, vi(1, 1));
    for (let i = 0; i < 80; i++) type = ld(4, ld(1, type));
    const deep = Uint8Array.from([
      ...vi(1, 8),
      ...ld(7, ld(11, [...ld(1, str('x')), ...ld(2, type)])),
    ]);
    expect(() => decodeModelProto(deep)).toThrow(expect.objectContaining({ kind: 'limit' }));
    expect(decodeModelProto(deep, { maxDepth: 200 }).graph?.input[0]?.name).toBe('x');

    const fourDims = Uint8Array.from([...vi(1, 8), ...ld(7, ld(5, ld(1, [1, 2, 3, 4])))]);
    expect(decodeModelProto(fourDims).graph?.initializer[0]?.dims).toEqual([1n, 2n, 3n, 4n]);
    expect(() => decodeModelProto(fourDims, { maxRepeatedValues: 3 })).toThrow(
      /too many repeated values/,
    );
  });
});

describe('encodeModelProto', () => {
  const handModel: Parameters<typeof encodeModelProto>[0] = {
    ir_version: 7,
    producer_name: 'hand',
    graph: {
      node: [{ input: ['x'], output: ['y'], name: 'r', op_type: 'Relu' }],
      name: 'g',
      input: [
        {
          name: 'x',
          type: {
            tensor_type: { elem_type: 1, shape: { dim: [{ dim_param: 'N' }, { dim_value: 3 }] } },
          },
        },
      ],
      output: [
        {
          name: 'y',
          type: {
            tensor_type: { elem_type: 1, shape: { dim: [{ dim_param: 'N' }, { dim_value: 3 }] } },
          },
        },
      ],
    },
    opset_import: [{ version: 13 }],
    metadata_props: [{ key: 'k', value: 'v' }],
  };

  it('writes exactly the bytes worked out by hand (fields in number order, proto3 defaults omitted)', () => {
    expect([...encodeModelProto(handModel)]).toEqual([...HAND_MODEL]);
    expect([...encodeModelProto({ ir_version: 8, opset_import: [{ version: 17 }] })]).toEqual([
      0x08, 0x08, 0x42, 0x02, 0x10, 0x11,
    ]);
  });

  it('writes a oneof member even when it holds the default value (dim_value: 0)', () => {
    const bytes = encodeModelProto({
      graph: {
        input: [
          {
            name: 'x',
            type: { tensor_type: { elem_type: 1, shape: { dim: [{ dim_value: 0 }] } } },
          },
        ],
      },
    });
    const dim = decodeModelProto(bytes).graph?.input[0]?.type?.tensor_type?.shape?.dim[0];
    expect(dim?.value).toBe('dim_value');
    expect(dim?.dim_value).toBe(0n);
  });

  it('packs repeated numbers and round-trips int64 extremes', () => {
    const m: Parameters<typeof encodeModelProto>[0] = {
      ir_version: -1n,
      model_version: 2n ** 63n - 1n,
      graph: {
        initializer: [
          { name: 't', dims: [2, 3], data_type: 7, int64_data: [-(2n ** 63n), 0n, 5n] },
        ],
      },
    };
    const bytes = encodeModelProto(m);
    const back: ModelProto = decodeModelProto(bytes);
    expect(back.ir_version).toBe(-1n);
    expect(back.model_version).toBe(2n ** 63n - 1n);
    expect(back.graph?.initializer[0]?.dims).toEqual([2n, 3n]);
    expect(back.graph?.initializer[0]?.int64_data).toEqual([-(2n ** 63n), 0n, 5n]);
    // dims = [2, 3] packed: tag (1 << 3 | 2) = 0x0a, length 2, then 2 and 3.
    const initializer = Uint8Array.from([0x0a, 0x02, 0x02, 0x03]);
    const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
    expect(hex(bytes)).toContain(hex(initializer));
  });
});

describe('schema and CSP', () => {
  it('declares the onnx.proto3 field numbers', () => {
    const id = (type: string, field: string) => onnxRoot.lookupType(type).fields[field]?.id;
    expect(id('onnx.ModelProto', 'ir_version')).toBe(1);
    expect(id('onnx.ModelProto', 'graph')).toBe(7);
    expect(id('onnx.ModelProto', 'opset_import')).toBe(8);
    expect(id('onnx.ModelProto', 'metadata_props')).toBe(14);
    expect(id('onnx.GraphProto', 'initializer')).toBe(5);
    expect(id('onnx.GraphProto', 'input')).toBe(11);
    expect(id('onnx.GraphProto', 'output')).toBe(12);
    expect(id('onnx.TensorProto', 'raw_data')).toBe(9);
    expect(id('onnx.AttributeProto', 'type')).toBe(20);
    expect(id('onnx.TypeProto', 'optional_type')).toBe(9);
    expect(id('onnx.TensorShapeProto.Dimension', 'dim_param')).toBe(2);
  });

  it('never uses protobufjs code generation (new Function), so a CSP without unsafe-eval is fine', () => {
    const util = protobuf.util as unknown as { codegen: unknown };
    const original = util.codegen;
    util.codegen = () => {
      throw new Error('codegen called');
    };
    try {
      const root = protobuf.Root.fromJSON(ONNX_PROTO_DESCRIPTOR).resolveAll();
      expect(root.lookupType('onnx.ModelProto').fieldsArray.length).toBeGreaterThan(0);
      expect(
        decodeModelProto(encodeModelProto({ ir_version: 8, graph: { name: 'g' } })).graph?.name,
      ).toBe('g');
      expect(decodeModelProto(HAND_MODEL).producer_name).toBe('hand');
    } finally {
      util.codegen = original;
    }
  });
});
