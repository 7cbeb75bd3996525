import { describe, expect, it } from 'vitest';
import type { SoftmaxModel } from '../model/types';
import { nodeOrtLoader } from '../runtime/ort-node';
import { createSession } from '../runtime/ort';
import {
  DEFAULT_IR_VERSION,
  DEFAULT_OPSET_VERSION,
  encodeSoftmaxModel,
  ONNX_PRODUCER_NAME,
  ONNX_PRODUCER_VERSION,
} from './encode';
import { decodeModelProto, type GraphProto, type TensorProto } from './onnx-proto';
import { handMadePenguinModel } from '../model/fixtures';

function penguinModel(): SoftmaxModel {
  return handMadePenguinModel({
    dataHash: 'c0ffee'.padEnd(64, '0'),
    metrics: { accuracy: 0.985, macro_f1: 0.981 },
    version: 'penguins-v1',
  });
}

/** Measurements shaped like real Palmer penguins (Adelie, Chinstrap, Gentoo and in-between birds). */
const ROWS = [
  [39.1, 18.7, 181, 3750],
  [46.5, 17.9, 192, 3500],
  [50.0, 15.2, 218, 5700],
  [36.7, 19.3, 193, 3450],
  [49.5, 19.0, 200, 3800],
  [46.1, 13.2, 211, 4500],
  [42.0, 20.2, 190, 4250],
  [45.2, 14.8, 212, 5200],
];

/** The model's forward pass written out in float64: z = (x − mean)/std; logits = zW + b; softmax. */
function referenceForward(
  model: SoftmaxModel,
  row: number[],
): { probabilities: number[]; label: number } {
  const z = row.map((x, j) => (x - model.mean[j]!) / model.std[j]!);
  const logits = model.bias.map(
    (b, k) => b + z.reduce((sum, zj, j) => sum + zj * model.weights[j]![k]!, 0),
  );
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const total = exps.reduce((a, b) => a + b, 0);
  const probabilities = exps.map((e) => e / total);
  return { probabilities, label: logits.indexOf(max) };
}

function graphOf(bytes: Uint8Array): GraphProto {
  const graph = decodeModelProto(bytes).graph;
  if (!graph) throw new Error('no graph');
  return graph;
}

function floatsOf(t: TensorProto): number[] {
  const view = new DataView(t.raw_data.buffer, t.raw_data.byteOffset, t.raw_data.byteLength);
  return Array.from({ length: t.raw_data.length / 4 }, (_, i) => view.getFloat32(i * 4, true));
}

describe('encodeSoftmaxModel → decodeModelProto', () => {
  const model = penguinModel();
  const bytes = encodeSoftmaxModel(model);
  const decoded = decodeModelProto(bytes);
  const graph = graphOf(bytes);

  it('writes the model header: IR version, opset, producer', () => {
    expect(decoded.ir_version).toBe(BigInt(DEFAULT_IR_VERSION));
    expect(DEFAULT_IR_VERSION).toBe(8);
    expect(DEFAULT_OPSET_VERSION).toBe(17);
    expect(decoded.opset_import).toEqual([{ domain: '', version: 17n }]);
    expect(decoded.producer_name).toBe(ONNX_PRODUCER_NAME);
    expect(decoded.producer_name).toBe('mlops-booklet');
    expect(decoded.producer_version).toBe(ONNX_PRODUCER_VERSION);
    expect(decoded.doc_string).toContain('penguins-v1');
  });

  it('declares the input with a symbolic batch dimension and the outputs with their shapes', () => {
    expect(graph.name).toBe('softmax_regression');
    expect(graph.doc_string).toContain('softmax(logits)');
    expect(graph.input).toHaveLength(1);
    const input = graph.input[0]!;
    expect(input.name).toBe('features');
    expect(input.type?.tensor_type?.elem_type).toBe(1); // FLOAT
    expect(
      input.type?.tensor_type?.shape?.dim.map((d) => [d.value, d.dim_param, d.dim_value]),
    ).toEqual([
      ['dim_param', 'batch', 0n],
      ['dim_value', '', 4n],
    ]);
    expect(graph.output.map((o) => o.name)).toEqual(['probabilities', 'label']);
    const [probabilities, label] = graph.output;
    expect(probabilities?.type?.tensor_type?.elem_type).toBe(1);
    expect(
      probabilities?.type?.tensor_type?.shape?.dim.map((d) => d.dim_param || d.dim_value),
    ).toEqual(['batch', 3n]);
    expect(label?.type?.tensor_type?.elem_type).toBe(7); // INT64
    expect(label?.type?.tensor_type?.shape?.dim.map((d) => d.dim_param)).toEqual(['batch']);
  });

  it('writes the six nodes with readable names, wiring and attributes', () => {
    expect(
      graph.node.map((n) => [n.name, n.op_type, n.input.join(','), n.output.join(',')]),
    ).toEqual([
      ['standardize_sub', 'Sub', 'features,mean', 'centered'],
      ['standardize_div', 'Div', 'centered,std', 'standardized'],
      ['linear_matmul', 'MatMul', 'standardized,weights', 'linear_scores'],
      ['linear_add', 'Add', 'linear_scores,bias', 'logits'],
      ['softmax', 'Softmax', 'logits', 'probabilities'],
      ['argmax', 'ArgMax', 'logits', 'label'],
    ]);
    const attrs = (i: number) => graph.node[i]!.attribute.map((a) => [a.name, a.type, a.i]);
    expect(attrs(4)).toEqual([['axis', 2, 1n]]);
    expect(attrs(5)).toEqual([
      ['axis', 2, 1n],
      ['keepdims', 2, 0n],
    ]);
    expect(graph.value_info.map((v) => v.name)).toEqual([
      'centered',
      'standardized',
      'linear_scores',
      'logits',
    ]);
  });

  it('stores every parameter as a float32 initializer whose values are the model numbers rounded to float32', () => {
    const byName = new Map(graph.initializer.map((t) => [t.name, t]));
    const expectTensor = (name: string, dims: bigint[], values: number[]) => {
      const t = byName.get(name);
      expect(t?.data_type).toBe(1);
      expect(t?.dims).toEqual(dims);
      expect(t?.float_data).toEqual([]);
      expect(floatsOf(t!)).toEqual(values.map(Math.fround));
    };
    expectTensor('mean', [4n], model.mean);
    expectTensor('std', [4n], model.std);
    expectTensor('weights', [4n, 3n], model.weights.flat());
    expectTensor('bias', [3n], model.bias);
  });

  it('writes raw_data little-endian', () => {
    // 1.5f is 0x3FC00000 and -2f is 0xC0000000 (IEEE 754); little-endian puts the low byte first.
    const tiny = { ...penguinModel(), mean: [1.5, -2, 0, 0] };
    const mean = graphOf(encodeSoftmaxModel(tiny)).initializer.find((t) => t.name === 'mean')!;
    expect([...mean.raw_data.subarray(0, 8)]).toEqual([
      0x00, 0x00, 0xc0, 0x3f, 0x00, 0x00, 0x00, 0xc0,
    ]);
  });

  it('records provenance and layout in metadata_props', () => {
    const meta = Object.fromEntries(decoded.metadata_props.map((p) => [p.key, p.value]));
    expect(JSON.parse(meta.feature_names!)).toEqual(model.featureNames);
    expect(JSON.parse(meta.feature_units!)).toEqual(['mm', 'mm', 'mm', 'g']);
    expect(JSON.parse(meta.classes!)).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
    expect(meta.seed).toBe('42');
    expect(meta.epochs).toBe('300');
    expect(meta.learning_rate).toBe('0.1');
    expect(meta.l2).toBe('0.001');
    expect(meta.data_hash).toBe(model.provenance.dataHash);
    expect(JSON.parse(meta.metrics!)).toEqual({ accuracy: 0.985, macro_f1: 0.981 });
    expect(meta.version).toBe('penguins-v1');
    expect(meta.training_runtime).toMatch(/TypeScript softmax regression/);
  });

  it('honours options, and extra metadata cannot replace the standard keys', () => {
    const other = decodeModelProto(
      encodeSoftmaxModel(model, {
        irVersion: 9,
        opsetVersion: 19,
        graphName: 'g2',
        extraMetadata: { owner: 'team-ml', seed: '999' },
      }),
    );
    expect(other.ir_version).toBe(9n);
    expect(other.opset_import[0]?.version).toBe(19n);
    expect(other.graph?.name).toBe('g2');
    const meta = Object.fromEntries(other.metadata_props.map((p) => [p.key, p.value]));
    expect(meta.owner).toBe('team-ml');
    expect(meta.seed).toBe('42');
  });

  it('is deterministic', () => {
    expect(encodeSoftmaxModel(penguinModel())).toEqual(bytes);
  });

  it('refuses inconsistent models', () => {
    const m = penguinModel();
    expect(() => encodeSoftmaxModel({ ...m, bias: [0, 0] })).toThrow(RangeError);
    expect(() => encodeSoftmaxModel({ ...m, weights: m.weights.slice(1) })).toThrow(
      /one row per feature/,
    );
    expect(() => encodeSoftmaxModel({ ...m, std: [1, 0, 1, 1] })).toThrow(/std/);
    expect(() => encodeSoftmaxModel({ ...m, mean: [NaN, 0, 0, 0] })).toThrow(/finite/);
    expect(() =>
      encodeSoftmaxModel({ ...m, classes: ['only'], bias: [0], weights: m.weights.map(() => [1]) }),
    ).toThrow(/two classes/);
  });
});

describe('round trip through onnxruntime-web (Node, wasm backend)', () => {
  const model = penguinModel();

  it('matches the hand-computed forward pass for a batch, and for a single row (dynamic batch)', async () => {
    const ort = await nodeOrtLoader().load();
    const session = await createSession(ort, encodeSoftmaxModel(model));
    expect(session.inputNames).toEqual(['features']);
    expect(session.outputNames).toEqual(['probabilities', 'label']);

    const run = async (rows: number[][]) => {
      const input = new ort.Tensor('float32', Float32Array.from(rows.flat()), [rows.length, 4]);
      const out = await session.run({ features: input });
      const probabilities = out.probabilities!;
      const label = out.label!;
      expect(probabilities.dims).toEqual([rows.length, 3]);
      expect(label.dims).toEqual([rows.length]);
      expect(label.type).toBe('int64');
      return {
        probabilities: probabilities.data as Float32Array,
        label: label.data as BigInt64Array,
      };
    };

    const batch = await run(ROWS);
    const labels = new Set<number>();
    ROWS.forEach((row, i) => {
      // The reference uses the float32-rounded inputs, exactly what the session received.
      const expected = referenceForward(model, row.map(Math.fround));
      expected.probabilities.forEach((p, k) => {
        expect(Math.abs(batch.probabilities[i * 3 + k]! - p)).toBeLessThanOrEqual(1e-5);
      });
      expect(Number(batch.label[i])).toBe(expected.label);
      labels.add(expected.label);
    });
    // The rows were picked so that every species is predicted at least once.
    expect(labels).toEqual(new Set([0, 1, 2]));

    for (const row of [ROWS[0]!, ROWS[2]!]) {
      const single = await run([row]);
      const expected = referenceForward(model, row.map(Math.fround));
      expected.probabilities.forEach((p, k) =>
        expect(Math.abs(single.probabilities[k]! - p)).toBeLessThanOrEqual(1e-5),
      );
      expect(Number(single.label[0])).toBe(expected.label);
    }
  });

  it('runs with other IR/opset choices onnxruntime-web 1.30 supports (IR 7/opset 13, IR 9/opset 19)', async () => {
    const ort = await nodeOrtLoader().load();
    for (const [irVersion, opsetVersion] of [
      [7, 13],
      [9, 19],
    ] as const) {
      const session = await createSession(
        ort,
        encodeSoftmaxModel(model, { irVersion, opsetVersion }),
      );
      const out = await session.run({
        features: new ort.Tensor('float32', Float32Array.from(ROWS[1]!), [1, 4]),
      });
      expect(Number((out.label!.data as BigInt64Array)[0])).toBe(
        referenceForward(model, ROWS[1]!).label,
      );
    }
  });
});
