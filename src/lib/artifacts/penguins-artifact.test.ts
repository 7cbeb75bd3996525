import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readVegaDataText } from '../data/vega-files-node';
import { decodeOnnx } from '../onnx/decode';
import { buildPenguinArtifact } from './penguins-artifact';

describe('buildPenguinArtifact', async () => {
  const raw: unknown = JSON.parse(await readVegaDataText('penguins.json'));
  const { onnx, card } = await buildPenguinArtifact(raw);

  it('describes the bytes it ships (size and SHA-256 checked with node:crypto)', () => {
    expect(card.artifact.bytes).toBe(onnx.length);
    expect(card.artifact.sha256).toBe(createHash('sha256').update(onnx).digest('hex'));
  });

  it('is a valid ONNX model whose metadata matches the card', () => {
    const decoded = decodeOnnx(onnx);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    const meta = Object.fromEntries(decoded.summary.metadata.map((m) => [m.key, m.value]));
    expect(JSON.parse(meta['classes'] ?? '[]')).toEqual(card.classes);
    expect(meta['version']).toBe(card.version);
    expect(meta['data_hash']).toBe(card.data.sha256OfTrainingRows);
  });

  it('accounts for every raw record and meets the accuracy bar', () => {
    expect(card.data.trainingRows + card.data.testRows + card.data.droppedRows).toBe(
      card.data.rawRecords,
    );
    expect(card.evaluation.heldOutAccuracy).toBeGreaterThanOrEqual(0.95);
    const total = card.evaluation.confusion.matrix.flat().reduce((a, b) => a + b, 0);
    expect(total).toBe(card.data.testRows);
  });

  it('is reproducible: the same data gives byte-identical ONNX', async () => {
    const again = await buildPenguinArtifact(raw);
    expect(again.onnx).toEqual(onnx);
  });
});
