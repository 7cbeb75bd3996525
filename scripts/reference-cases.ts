/**
 * Writes the TypeScript side of the Python reference suite (reference/): every drift, domain-
 * classifier, ONNX and training case with what src/lib computes on it, as JSON files in the folder given as argument
 * (a temporary folder the pytest session creates; nothing here is committed).
 * Usage: tsx scripts/reference-cases.ts <out-dir> [drift|domain|onnx|training ...]
 *
 * JSON cannot hold NaN or ±Infinity, so such numbers are written as {"$float": "NaN" | "Infinity" |
 * "-Infinity"}; reference/cases.py turns them back into floats.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { domainCases } from './reference/domain-cases';
import { driftCases } from './reference/drift-cases';
import { onnxCases, trainingCases } from './reference/model-cases';

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return { $float: String(value) };
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>);
  }
  return value;
}

const [outDir, ...parts] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: tsx scripts/reference-cases.ts <out-dir> [drift|domain|onnx|training ...]');
  process.exit(2);
}
const wanted = parts.length > 0 ? parts : ['drift', 'domain', 'onnx', 'training'];
await mkdir(outDir, { recursive: true });
const producers: Record<string, () => Promise<unknown>> = {
  drift: driftCases,
  domain: domainCases,
  onnx: () => onnxCases(outDir),
  training: trainingCases,
};
for (const part of wanted) {
  const produce = producers[part];
  if (!produce) throw new Error(`unknown part ${part}`);
  const started = performance.now();
  const text = JSON.stringify({ node: process.version, cases: await produce() }, replacer);
  await writeFile(join(outDir, `${part}.json`), text);
  console.log(`${part}: ${text.length} bytes in ${Math.round(performance.now() - started)} ms`);
}
