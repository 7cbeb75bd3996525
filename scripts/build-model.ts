/**
 * `npm run build:model`: trains the default penguin classifier and writes
 * `artifacts/penguins.onnx` and `artifacts/model-card.json`, the files the API server
 * (`npm run api`) and the Docker image load. Same code and data as the site's `models/` files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultPenguinArtifact } from '../src/lib/artifacts/penguins-node';

const outDir = process.argv[2] ?? 'artifacts';
const { onnx, card } = await defaultPenguinArtifact();
await mkdir(outDir, { recursive: true });
await writeFile(join(outDir, 'penguins.onnx'), onnx);
await writeFile(join(outDir, 'model-card.json'), `${JSON.stringify(card, null, 2)}\n`);
console.log(
  `Wrote ${join(outDir, 'penguins.onnx')} (${onnx.length} bytes, held-out accuracy ${card.evaluation.heldOutAccuracy.toFixed(3)}) and model-card.json`,
);
