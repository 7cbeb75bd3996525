import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeSoftmaxModel } from '../onnx/encode';
import { onnxPredictorMetadata, readOnnxMetadata } from './onnx-metadata';
import { handMadePenguinModel } from '../model/fixtures';

/** Hand-encodes one length-delimited protobuf field (tag = field << 3 | 2). */
function field(number: number, payload: number[]): number[] {
  if (payload.length > 127) throw new Error('test helper handles short payloads only');
  return [(number << 3) | 2, payload.length, ...payload];
}
const text = (s: string) => Array.from(new TextEncoder().encode(s));
const entry = (key: string, value: string) =>
  field(14, [...field(1, text(key)), ...field(2, text(value))]);

describe('readOnnxMetadata', () => {
  it('reads metadata_props and skips other fields of every wire type', () => {
    const varintField = [0x08, 0x08]; // field 1 (ir_version), wire type 0, value 8
    const fixed64Field = [0x19, 1, 2, 3, 4, 5, 6, 7, 8]; // field 3, wire type 1 (8 bytes)
    const fixed32Field = [0x25, 1, 2, 3, 4]; // field 4, wire type 5 (4 bytes)
    const bytes = Uint8Array.from([
      ...varintField,
      ...field(2, text('producer')), // producer_name
      ...entry('classes', '["a","b"]'),
      ...fixed64Field,
      ...fixed32Field,
      ...entry('version', 'v2'),
    ]);
    expect(readOnnxMetadata(bytes)).toEqual({
      ok: true,
      props: { classes: '["a","b"]', version: 'v2' },
    });
  });

  it('returns an error for truncated or non-protobuf input', () => {
    expect(readOnnxMetadata(Uint8Array.from([0x72, 0x10, 0x0a])).ok).toBe(false); // length past the end
    expect(readOnnxMetadata(new TextEncoder().encode('<!doctype html>')).ok).toBe(false);
    expect(readOnnxMetadata(Uint8Array.from([0x0b])).ok).toBe(false); // group wire type
  });

  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(typeof readOnnxMetadata(bytes).ok).toBe('boolean');
        expect(typeof onnxPredictorMetadata(bytes).ok).toBe('boolean');
      }),
      { seed: 3, numRuns: 2000 },
    );
  });
});

describe('onnxPredictorMetadata', () => {
  it('parses classes as JSON and requires a version', () => {
    const good = Uint8Array.from([...entry('classes', '["x","y","z"]'), ...entry('version', '7')]);
    expect(onnxPredictorMetadata(good)).toEqual({
      ok: true,
      metadata: { classes: ['x', 'y', 'z'], version: '7' },
    });
    const noVersion = Uint8Array.from(entry('classes', '["x","y"]'));
    expect(onnxPredictorMetadata(noVersion)).toEqual({
      ok: false,
      message: 'The ONNX metadata has no "version" entry.',
    });
    const badJson = Uint8Array.from([...entry('classes', 'x,y'), ...entry('version', '1')]);
    expect(onnxPredictorMetadata(badJson).ok).toBe(false);
    const notList = Uint8Array.from([...entry('classes', '{"a":1}'), ...entry('version', '1')]);
    expect(onnxPredictorMetadata(notList).ok).toBe(false);
  });
});

describe('onnxPredictorMetadata on the booklet encoder output', () => {
  it('finds the classes and version that encodeSoftmaxModel writes', () => {
    const bytes = encodeSoftmaxModel(handMadePenguinModel({ version: 'penguins-test' }));
    expect(onnxPredictorMetadata(bytes)).toEqual({
      ok: true,
      metadata: { classes: ['Adelie', 'Chinstrap', 'Gentoo'], version: 'penguins-test' },
    });
  });
});
