import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PENGUIN_SPECIES, penguinFeatureVector } from '../src/lib/data/penguins';
import { trainDefaultPenguinModel } from '../src/lib/model/default-model';
import { readVegaDataText } from '../src/lib/data/vega-files';
import { createSession } from '../src/lib/runtime';
import { nodeOrtLoader } from '../src/lib/runtime/node';
import { LABS_DIR } from './write-lab-data';

// Lab 01 exports its scikit-learn model without ZipMap so that onnxruntime-web can run it too.
// This runs the committed export in onnxruntime-web (the page's runtime) on the booklet's own
// held-out penguins and checks it reproduces the accuracy scikit-learn measured in Python.
describe("lab 01's scikit-learn export in onnxruntime-web", () => {
  it('runs, returns string labels that are the argmax of its probabilities, and matches the card', async () => {
    const lab = join(LABS_DIR, '01_Model_Deployment', 'models');
    const card = JSON.parse(readFileSync(join(lab, 'penguins.model-card.json'), 'utf8')) as {
      classes: string[];
      metrics: { accuracy: number; test_rows: number };
    };
    const run = await trainDefaultPenguinModel(JSON.parse(await readVegaDataText('penguins.json')));
    const rows = run.split.test;
    const ort = await nodeOrtLoader().load();
    const session = await createSession(
      ort,
      new Uint8Array(readFileSync(join(lab, 'penguins.onnx'))),
    );
    const input = new ort.Tensor('float32', Float32Array.from(rows.flatMap(penguinFeatureVector)), [
      rows.length,
      4,
    ]);
    const out = await session.run({ features: input });
    const labels = out['label']!.data as string[];
    const probabilities = out['probabilities']!.data as Float32Array;
    expect(card.classes).toEqual([...PENGUIN_SPECIES]);
    expect(labels).toHaveLength(card.metrics.test_rows);
    labels.forEach((label, i) => {
      const p = Array.from(probabilities.subarray(i * 3, i * 3 + 3));
      expect(label).toBe(card.classes[p.indexOf(Math.max(...p))]);
    });
    const correct = labels.filter((label, i) => label === rows[i]!.species).length;
    expect(correct / rows.length).toBeCloseTo(card.metrics.accuracy, 6);
  });
});
