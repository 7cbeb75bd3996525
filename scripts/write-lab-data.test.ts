import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultPenguinArtifact } from '../src/lib/artifacts/penguins-node';
import type { PagePredictions } from '../src/lib/labs/lab-files';
import { labDataFiles } from '../src/lib/labs/lab-files-node';
import { LABS_DIR, staleLabFiles } from './write-lab-data';

describe("the labs' generated files", async () => {
  const files = await labDataFiles();

  it('are committed exactly as scripts/write-lab-data.ts writes them (run npm run labs:data)', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(staleLabFiles(files)).toEqual([]);
  });

  it('ship the very model the site publishes and build:model writes', async () => {
    const { onnx } = await defaultPenguinArtifact();
    const shipped = readFileSync(
      join(LABS_DIR, '01_Model_Deployment/models/booklet-penguins.onnx'),
    );
    expect(Buffer.from(onnx).equals(shipped)).toBe(true);
  });

  it('record page predictions where the TypeScript pass and onnxruntime-web agree', () => {
    const text = readFileSync(
      join(LABS_DIR, '01_Model_Deployment/models/booklet-penguins.page-predictions.json'),
      'utf8',
    );
    const page = JSON.parse(text) as PagePredictions;
    expect(page.rows.length).toBeGreaterThan(60);
    for (const row of page.rows) {
      row.typescript_probabilities.forEach((p, k) =>
        expect(Math.abs(p - row.onnxruntime_web_probabilities[k]!)).toBeLessThan(1e-6),
      );
      const best = row.typescript_probabilities.indexOf(Math.max(...row.typescript_probabilities));
      expect(page.classes[best]).toBe(row.label);
    }
  });
});
