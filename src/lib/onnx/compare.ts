/**
 * Compares two ONNX files part by part: the graph (operators, wiring, inputs and outputs), every
 * stored tensor, and every metadata entry. "The bytes differ" is rarely the useful answer; this
 * says *what* differs, so a reader can tell a retrained model (different tensors) from the same
 * model with a different label or metric in its metadata.
 */
import { decodeOnnx, MAX_ONNX_BYTES, type OnnxDecodeError, type OnnxSummary } from './decode';
import { decodeModelProto, type TensorProto } from './onnx-proto';

/** What differs between two ONNX files. */
export interface OnnxArtifactComparison {
  /** The files are the same bytes. */
  identicalBytes: boolean;
  /** Same IR version, opsets, inputs, outputs and nodes (operators, wiring and attributes). */
  sameGraph: boolean;
  /** Names of stored tensors that differ in type, shape or value, or exist in only one file. */
  differentTensors: string[];
  /** Metadata keys whose values differ, or that exist in only one file. */
  differentMetadata: string[];
}

/** Result of `compareOnnxArtifacts`: the comparison, or why a file could not be read. */
export type OnnxComparisonResult =
  | { ok: true; comparison: OnnxArtifactComparison }
  | { ok: false; which: 'first' | 'second'; error: OnnxDecodeError };

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The parts of a summary that define the computation (not its documentation or tensors). */
function graphSignature(s: OnnxSummary): string {
  const g = s.graph;
  return JSON.stringify({
    ir: s.irVersion,
    opsets: s.opsetImports,
    inputs: g?.inputs.map((v) => [v.name, v.typeText]) ?? null,
    outputs: g?.outputs.map((v) => [v.name, v.typeText]) ?? null,
    nodes: g?.nodes.map((n) => [n.domain, n.opType, n.inputs, n.outputs, n.attributes]) ?? null,
    nodeCount: g?.nodeCount ?? 0,
  });
}

function sameTensor(a: TensorProto, b: TensorProto): boolean {
  const sameArray = <T>(x: readonly T[], y: readonly T[]) =>
    x.length === y.length && x.every((v, i) => Object.is(v, y[i]));
  return (
    a.data_type === b.data_type &&
    sameArray(a.dims, b.dims) &&
    sameBytes(a.raw_data, b.raw_data) &&
    sameArray(a.float_data, b.float_data) &&
    sameArray(a.int32_data, b.int32_data) &&
    sameArray(a.int64_data, b.int64_data) &&
    sameArray(a.double_data, b.double_data) &&
    sameArray(a.uint64_data, b.uint64_data) &&
    a.string_data.length === b.string_data.length &&
    a.string_data.every((s, i) => sameBytes(s, b.string_data[i] ?? new Uint8Array()))
  );
}

function differingKeys<V>(a: Map<string, V>, b: Map<string, V>, same: (x: V, y: V) => boolean) {
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  return keys.filter((key) => {
    const x = a.get(key);
    const y = b.get(key);
    return x === undefined || y === undefined || !same(x, y);
  });
}

/** Compares two ONNX files (each checked like `decodeOnnx`, up to `maxBytes`). Never throws. */
export function compareOnnxArtifacts(
  first: Uint8Array,
  second: Uint8Array,
  options: { maxBytes?: number } = {},
): OnnxComparisonResult {
  const maxBytes = options.maxBytes ?? MAX_ONNX_BYTES;
  const a = decodeOnnx(first, { maxBytes });
  if (!a.ok) return { ok: false, which: 'first', error: a.error };
  const b = decodeOnnx(second, { maxBytes });
  if (!b.ok) return { ok: false, which: 'second', error: b.error };
  try {
    // Both already decoded once above, so these cannot fail for format reasons.
    const tensorsOf = (bytes: Uint8Array) =>
      new Map((decodeModelProto(bytes).graph?.initializer ?? []).map((t) => [t.name, t]));
    const metadataOf = (s: OnnxSummary) => new Map(s.metadata.map((m) => [m.key, m.value]));
    return {
      ok: true,
      comparison: {
        identicalBytes: sameBytes(first, second),
        sameGraph: graphSignature(a.summary) === graphSignature(b.summary),
        differentTensors: differingKeys(tensorsOf(first), tensorsOf(second), sameTensor),
        differentMetadata: differingKeys(
          metadataOf(a.summary),
          metadataOf(b.summary),
          (x, y) => x === y,
        ),
      },
    };
  } catch (e) {
    return {
      ok: false,
      which: 'first',
      error: { kind: 'malformed', message: e instanceof Error ? e.message : String(e) },
    };
  }
}
