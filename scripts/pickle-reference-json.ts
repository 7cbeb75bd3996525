/**
 * The TypeScript side of reference/test_pickle.py: reads `{"cases": [base64, …]}` on stdin,
 * disassembles each case with src/lib/pickle, and prints JSON: per case the opcodes (name, offset,
 * argument in a form Python can compare with pickletools.genops), where decoding stopped, and the
 * verdict on what `pickle.loads` would do. Also encodes the booklet's hand-made ONNX model, so the
 * Python side can check the verdict on a real ONNX file. Run: `tsx scripts/pickle-reference-json.ts`.
 */
import { readFileSync } from 'node:fs';
import { handMadePenguinModel } from '../src/lib/model/fixtures';
import { encodeSoftmaxModel } from '../src/lib/onnx/encode';
import { disassemblePickle, type PickleArg } from '../src/lib/pickle/disassemble';
import { pyFloatRepr } from '../src/lib/pickle/python-repr';

/** An argument as JSON that Python can compare with genops' value. */
function argJson(arg: PickleArg | null): unknown {
  if (arg === null) return null;
  switch (arg.kind) {
    case 'int':
      return { int: arg.value.toString() };
    case 'huge-int':
      return { hugeInt: arg.byteLength };
    case 'bool':
      return { bool: arg.value };
    case 'float':
      return { float: pyFloatRepr(arg.value) };
    case 'text':
      return { str: arg.value, truncated: arg.truncated };
    case 'bytes':
      return { bytes: Buffer.from(arg.preview).toString('hex'), truncated: arg.truncated };
    case 'global':
      return { str: `${arg.module} ${arg.name}` };
  }
}

function describeCase(bytes: Uint8Array) {
  const result = disassemblePickle(bytes, { maxTextChars: 1 << 20, maxOps: 1_000_000 });
  return {
    ops: result.ops.map((op) => [op.name, op.offset, argJson(op.arg)]),
    error: result.error && { kind: result.error.kind, offset: result.error.offset },
    load: result.load,
  };
}

const input = JSON.parse(readFileSync(0, 'utf8')) as { cases: string[] };
const onnx = encodeSoftmaxModel(handMadePenguinModel({ version: 'reference' }));
const cases = [...input.cases.map((b64) => new Uint8Array(Buffer.from(b64, 'base64'))), onnx];
process.stdout.write(
  JSON.stringify({
    onnx: Buffer.from(onnx).toString('base64'),
    results: cases.map(describeCase),
  }),
);
