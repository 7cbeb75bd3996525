import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SoftmaxModel } from '../model/types';
import {
  decodeOnnx,
  formatOnnxType,
  readSoftmaxModelFromOnnx,
  type OnnxDecodeResult,
  type OnnxSummary,
} from './decode';
import { encodeSoftmaxModel } from './encode';
import { encodeModelProto } from './onnx-proto';
import { handMadePenguinModel } from '../model/fixtures';

function penguinModel(): SoftmaxModel {
  return handMadePenguinModel({
    seed: 7,
    epochs: 250,
    learningRate: 0.05,
    l2: 0.0001,
    dataHash: 'ab'.repeat(32),
    metrics: { accuracy: 0.97 },
    version: 'penguins-v2',
  });
}

const ENCODED = encodeSoftmaxModel(penguinModel());

function summaryOf(result: OnnxDecodeResult): OnnxSummary {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.kind}: ${result.error.message}`);
  return result.summary;
}

// Hand-built protobuf bytes (tag = field << 3 | wire type), independent of the encoder.
const ld = (field: number, payload: number[]) => [(field << 3) | 2, payload.length, ...payload];
const str = (s: string) => [...new TextEncoder().encode(s)];

describe('decodeOnnx on the encoder output', () => {
  const s = summaryOf(decodeOnnx(ENCODED));

  it('reports the header and metadata', () => {
    expect(s.byteLength).toBe(ENCODED.length);
    expect(s.irVersion).toBe(8);
    expect(s.producerName).toBe('mlops-booklet');
    expect(s.opsetImports).toEqual([{ domain: '', version: 17 }]);
    const meta = Object.fromEntries(s.metadata.map((m) => [m.key, m.value]));
    expect(meta.version).toBe('penguins-v2');
    expect(meta.seed).toBe('7');
    expect(JSON.parse(meta.classes!)).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
  });

  it('reports inputs and outputs with element types and symbolic/fixed dimensions', () => {
    const g = s.graph!;
    expect(g.inputs).toEqual([
      {
        name: 'features',
        type: { kind: 'tensor', elemType: 'FLOAT', shape: [{ param: 'batch' }, { value: 4 }] },
        typeText: 'FLOAT[batch, 4]',
        docString: expect.stringContaining('beak_length_mm'),
        isInitializer: false,
      },
    ]);
    expect(g.outputs.map((o) => [o.name, o.typeText])).toEqual([
      ['probabilities', 'FLOAT[batch, 3]'],
      ['label', 'INT64[batch]'],
    ]);
  });

  it('lists nodes with attributes, an operator histogram and the initializers', () => {
    const g = s.graph!;
    expect(g.nodeCount).toBe(6);
    expect(g.nodesTruncated).toBe(false);
    expect(g.nodes.map((n) => n.opType)).toEqual([
      'Sub',
      'Div',
      'MatMul',
      'Add',
      'Softmax',
      'ArgMax',
    ]);
    expect(g.nodes[5]).toEqual({
      name: 'argmax',
      opType: 'ArgMax',
      domain: '',
      inputs: ['logits'],
      outputs: ['label'],
      attributes: [
        { name: 'axis', type: 'INT', value: '1' },
        { name: 'keepdims', type: 'INT', value: '0' },
      ],
    });
    expect(g.operatorCounts).toHaveLength(6);
    expect(g.operatorCounts.every((c) => c.count === 1)).toBe(true);
    expect(g.initializers).toEqual([
      {
        name: 'mean',
        dataType: 'FLOAT',
        dims: [4],
        elementCount: 4,
        byteSize: 16,
        storage: 'raw_data',
      },
      {
        name: 'std',
        dataType: 'FLOAT',
        dims: [4],
        elementCount: 4,
        byteSize: 16,
        storage: 'raw_data',
      },
      {
        name: 'weights',
        dataType: 'FLOAT',
        dims: [4, 3],
        elementCount: 12,
        byteSize: 48,
        storage: 'raw_data',
      },
      {
        name: 'bias',
        dataType: 'FLOAT',
        dims: [3],
        elementCount: 3,
        byteSize: 12,
        storage: 'raw_data',
      },
    ]);
    expect(g.initializerBytes).toBe(16 + 16 + 48 + 12);
    expect(g.valueInfoCount).toBe(4);
  });

  it('limits how many nodes and initializers it lists, but counts all', () => {
    const g = summaryOf(decodeOnnx(ENCODED, { maxNodes: 2, maxInitializers: 1 })).graph!;
    expect(g.nodes).toHaveLength(2);
    expect(g.nodeCount).toBe(6);
    expect(g.nodesTruncated).toBe(true);
    expect(g.initializers.map((i) => i.name)).toEqual(['mean']);
    expect(g.initializersTruncated).toBe(true);
    expect(g.initializerCount).toBe(4);
  });
});

describe('decodeOnnx on other ONNX files', () => {
  it('reads a hand-written ModelProto (IR 3, opset 9, one Relu, an old-style input that is also an initializer)', () => {
    const tensorType = ld(1, [0x08, 0x01, ...ld(2, ld(1, [0x08, 0x02]))]); // FLOAT[2]
    const bytes = Uint8Array.from([
      0x08,
      0x03, // ir_version 3
      ...ld(2, str('hand')),
      ...ld(7, [
        ...ld(1, [
          ...ld(1, str('x')),
          ...ld(2, str('y')),
          ...ld(4, str('Relu')),
          ...ld(7, str('ai.onnx')),
        ]),
        ...ld(2, str('tiny')),
        ...ld(5, [
          0x08,
          0x02,
          0x10,
          0x01,
          ...ld(8, str('x')),
          ...ld(9, [0, 0, 0x80, 0x3f, 0, 0, 0, 0x40]),
        ]),
        ...ld(11, [...ld(1, str('x')), ...ld(2, tensorType)]),
        ...ld(12, [...ld(1, str('y')), ...ld(2, tensorType)]),
      ]),
      ...ld(8, [0x10, 0x09]),
    ]);
    const s = summaryOf(decodeOnnx(bytes));
    expect(s.irVersion).toBe(3);
    expect(s.producerName).toBe('hand');
    expect(s.opsetImports).toEqual([{ domain: '', version: 9 }]);
    expect(s.graph?.name).toBe('tiny');
    expect(s.graph?.nodes).toEqual([
      {
        name: '',
        opType: 'Relu',
        domain: 'ai.onnx',
        inputs: ['x'],
        outputs: ['y'],
        attributes: [],
      },
    ]);
    expect(s.graph?.inputs[0]).toMatchObject({
      name: 'x',
      typeText: 'FLOAT[2]',
      isInitializer: true,
    });
    expect(s.graph?.initializers[0]).toEqual({
      name: 'x',
      dataType: 'FLOAT',
      dims: [2],
      elementCount: 2,
      byteSize: 8,
      storage: 'raw_data',
    });

    // The same file cut short anywhere inside the graph is reported, not thrown.
    for (let cut = 10; cut < bytes.length - 4; cut++) {
      const r = decodeOnnx(bytes.subarray(0, cut));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(['malformed', 'not-onnx']).toContain(r.error.kind);
    }
  });

  it('summarizes non-tensor types and every attribute kind', () => {
    const seqOfMap = {
      sequence_type: {
        elem_type: { map_type: { key_type: 7, value_type: { tensor_type: { elem_type: 1 } } } },
      },
    };
    const bytes = encodeModelProto({
      ir_version: 9,
      opset_import: [{ version: 19 }, { domain: 'ai.onnx.ml', version: 3 }],
      graph: {
        name: 'zipmap',
        input: [
          {
            name: 'x',
            type: { tensor_type: { elem_type: 11, shape: { dim: [{}, { dim_value: 2 }] } } },
          },
        ],
        output: [
          { name: 'probs', type: seqOfMap },
          {
            name: 'maybe',
            type: { optional_type: { elem_type: { tensor_type: { elem_type: 9 } } } },
          },
          { name: 'mystery' },
        ],
        node: [
          {
            op_type: 'Demo',
            domain: 'ai.onnx.ml',
            attribute: [
              { name: 'f', type: 1, f: 0.25 },
              { name: 's', type: 3, s: new TextEncoder().encode('hello') },
              { name: 'fs', type: 6, floats: [1, 2.5] },
              { name: 'is', type: 7, ints: Array.from({ length: 20 }, (_, i) => i) },
              {
                name: 'ss',
                type: 8,
                strings: [new TextEncoder().encode('a'), new TextEncoder().encode('b')],
              },
              { name: 't', type: 4, t: { dims: [2, 2], data_type: 1, float_data: [1, 2, 3, 4] } },
              { name: 'g', type: 5, g: { name: 'body', node: [{ op_type: 'Identity' }] } },
              { name: 'legacy', i: 5 }, // IR 1 style: no type field
            ],
          },
        ],
      },
    });
    const s = summaryOf(decodeOnnx(bytes));
    expect(s.graph?.inputs[0]?.typeText).toBe('DOUBLE[?, 2]');
    expect(s.graph?.outputs.map((o) => o.typeText)).toEqual([
      'seq(map(INT64, FLOAT[unknown rank]))',
      'optional(BOOL[unknown rank])',
      'unknown',
    ]);
    expect(s.graph?.nodes[0]?.attributes).toEqual([
      { name: 'f', type: 'FLOAT', value: '0.25' },
      { name: 's', type: 'STRING', value: '"hello"' },
      { name: 'fs', type: 'FLOATS', value: '[1, 2.5]' },
      {
        name: 'is',
        type: 'INTS',
        value: '[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, …]',
      },
      { name: 'ss', type: 'STRINGS', value: '["a", "b"]' },
      { name: 't', type: 'TENSOR', value: 'tensor FLOAT[2, 2]' },
      { name: 'g', type: 'GRAPH', value: "graph 'body' (1 nodes)" },
      { name: 'legacy', type: 'INT', value: '5' },
    ]);
    expect(s.opsetImports[1]).toEqual({ domain: 'ai.onnx.ml', version: 3 });
    expect(formatOnnxType({ kind: 'map', keyType: 'STRING', value: null })).toBe('map(STRING, ?)');
  });
});

describe('decodeOnnx refuses what is not an ONNX model', () => {
  const kind = (bytes: Uint8Array, options = {}) => {
    const r = decodeOnnx(bytes, options);
    return r.ok ? 'ok' : r.error.kind;
  };

  it('empty, too large (checked before parsing), other formats, bare protobuf', () => {
    expect(kind(new Uint8Array(0))).toBe('empty');
    expect(kind(ENCODED, { maxBytes: 100 })).toBe('too-large');
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const pngResult = decodeOnnx(png);
    expect(pngResult.ok).toBe(false);
    if (!pngResult.ok) expect(pngResult.error.message).toMatch(/PNG image, not an ONNX model/);
    expect(kind(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0]))).toBe('not-onnx');
    expect(kind(Uint8Array.from([0x80, 0x04, 0x95, 0, 0]))).toBe('not-onnx');
    expect(kind(new TextEncoder().encode('{"weights": [1, 2]}'))).toBe('not-onnx');
    // Valid protobuf, but not a model: only an IR version; or a string where a model has none.
    expect(kind(Uint8Array.from([0x08, 0x05]))).toBe('not-onnx');
    expect(kind(Uint8Array.from(ld(2, str('just a producer name'))))).toBe('not-onnx');
    expect(kind(Uint8Array.from([0x08, 0x00, ...ld(7, [])]))).toBe('not-onnx');
    // Not protobuf at all.
    expect(kind(Uint8Array.from([0x0a, 0x7f, 0x01]))).toBe('malformed');
  });
});

describe('readSoftmaxModelFromOnnx', () => {
  it('gets the weights and provenance back, rounded to float32', () => {
    const model = penguinModel();
    const r = readSoftmaxModelFromOnnx(ENCODED);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.model.featureNames).toEqual(model.featureNames);
    expect(r.model.featureUnits).toEqual(model.featureUnits);
    expect(r.model.classes).toEqual(model.classes);
    expect(r.model.mean).toEqual(model.mean.map(Math.fround));
    expect(r.model.std).toEqual(model.std.map(Math.fround));
    expect(r.model.weights).toEqual(model.weights.map((row) => row.map(Math.fround)));
    expect(r.model.bias).toEqual(model.bias.map(Math.fround));
    expect(r.model.provenance).toEqual(model.provenance);
  });

  it('refuses other ONNX graphs and broken bytes', () => {
    const other = encodeModelProto({
      ir_version: 8,
      opset_import: [{ version: 17 }],
      graph: { node: [{ op_type: 'Relu' }] },
    });
    const r = readSoftmaxModelFromOnnx(other);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/operators are Relu/);
    expect(readSoftmaxModelFromOnnx(ENCODED.subarray(0, 50)).ok).toBe(false);
    expect(readSoftmaxModelFromOnnx(new Uint8Array(0)).ok).toBe(false);
  });
});

/** Checks a summary is structurally sound, as a page rendering it would assume. */
function expectWellFormed(result: OnnxDecodeResult): void {
  if (!result.ok) {
    expect(['empty', 'too-large', 'malformed', 'not-onnx', 'limit']).toContain(result.error.kind);
    expect(result.error.message.length).toBeGreaterThan(0);
    return;
  }
  const s = result.summary;
  expect(Number.isFinite(s.irVersion)).toBe(true);
  expect(s.irVersion).toBeGreaterThanOrEqual(1);
  expect(Array.isArray(s.opsetImports)).toBe(true);
  if (s.graph) {
    expect(s.graph.nodes.length).toBeLessThanOrEqual(s.graph.nodeCount);
    for (const v of [...s.graph.inputs, ...s.graph.outputs])
      expect(typeof v.typeText).toBe('string');
  }
  expect(() => JSON.stringify(s)).not.toThrow();
}

describe('decodeOnnx never throws (fast-check)', () => {
  it('on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        expectWellFormed(decodeOnnx(bytes));
        expect(
          readSoftmaxModelFromOnnx(bytes).ok === true ||
            readSoftmaxModelFromOnnx(bytes).ok === false,
        ).toBe(true);
      }),
      { numRuns: 2000, seed: 20240601 },
    );
  });

  it('on every truncation of a valid encoding', () => {
    for (let cut = 0; cut <= ENCODED.length; cut++) {
      const bytes = ENCODED.subarray(0, cut);
      expectWellFormed(decodeOnnx(bytes));
      readSoftmaxModelFromOnnx(bytes);
    }
  });

  it('on single-byte mutations of a valid encoding', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: ENCODED.length - 1 }),
        fc.integer({ min: 0, max: 255 }),
        (index, value) => {
          const bytes = ENCODED.slice();
          bytes[index] = value;
          expectWellFormed(decodeOnnx(bytes));
          readSoftmaxModelFromOnnx(bytes);
        },
      ),
      { numRuns: 1500, seed: 17 },
    );
  });

  it('on random protobuf-shaped messages built from valid field tags', () => {
    const field = fc.oneof(
      fc
        .tuple(fc.integer({ min: 1, max: 30 }), fc.nat({ max: 300 }))
        .map(([f, v]) => [(f << 3) | 0, v & 0x7f]),
      fc
        .tuple(fc.integer({ min: 1, max: 15 }), fc.uint8Array({ maxLength: 20 }))
        .map(([f, payload]) => [(f << 3) | 2, payload.length, ...payload]),
    );
    fc.assert(
      fc.property(fc.array(field, { maxLength: 20 }), (fields) => {
        expectWellFormed(decodeOnnx(Uint8Array.from(fields.flat())));
      }),
      { numRuns: 2000, seed: 99 },
    );
  });
});
