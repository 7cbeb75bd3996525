import { describe, expect, it } from 'vitest';
import { parseCsv } from '../data/csv';
import { cleanPenguins } from '../data/penguins';
import { trainDefaultPenguinModel } from '../model/default-model';
import { readVegaDataText } from '../data/vega-files';
import { bookletSplitCsv, csvField, pagePredictions, penguinsRawCsv, toCsv } from './lab-files';

function byHeader(header: string[], fields: string[]): Record<string, string | undefined> {
  return Object.fromEntries(header.map((name, i) => [name, fields[i]]));
}

describe('csvField and toCsv', () => {
  it('writes RFC 4180 fields: empty for null, quotes doubled, numbers as shortest round-trip text', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvField(18)).toBe('18');
    expect(
      toCsv(
        ['x', 'y'],
        [
          [1, null],
          ['.', 'q"'],
        ],
      ),
    ).toBe('x,y\n1,\n.,"q"""\n');
  });
});

describe('penguinsRawCsv', () => {
  it('keeps every record and field of penguins.json, nulls as empty fields and "." as is', async () => {
    const raw = JSON.parse(await readVegaDataText('penguins.json')) as Record<string, unknown>[];
    const csv = parseCsv(penguinsRawCsv(raw));
    expect(csv.problems).toEqual([]);
    expect(csv.records).toHaveLength(raw.length);
    raw.forEach((record, i) => {
      const parsed = byHeader(csv.header, csv.records[i]!.fields);
      for (const [key, value] of Object.entries(record)) {
        const text = parsed[key];
        if (value === null) expect(text).toBe('');
        else if (typeof value === 'number') expect(Number(text)).toBe(value);
        else expect(text).toBe(value);
      }
    });
    // Record 336 carries the "." sex marker the cleaning report talks about.
    expect(byHeader(csv.header, csv.records[336]!.fields)['Sex']).toBe('.');
  });

  it('rejects what is not a list of penguin records', () => {
    expect(() => penguinsRawCsv({})).toThrow(TypeError);
    expect(() => penguinsRawCsv([null])).toThrow(/record 0/);
    expect(() => penguinsRawCsv([{ Species: 'Adelie', Wings: 2 }])).toThrow(/Wings/);
  });
});

describe('bookletSplitCsv and pagePredictions', async () => {
  const raw: unknown = JSON.parse(await readVegaDataText('penguins.json'));
  const run = await trainDefaultPenguinModel(raw);

  it('labels every raw record train, test or dropped, as cleaning and the split decided', () => {
    const csv = parseCsv(bookletSplitCsv(run));
    const rows = csv.records.map((r) => byHeader(csv.header, r.fields));
    const { report } = cleanPenguins(raw);
    expect(rows).toHaveLength(report.rawRecords);
    const count = (part: string) => rows.filter((r) => r['split'] === part).length;
    expect(count('test')).toBe(run.split.test.length);
    expect(count('train')).toBe(run.split.train.length);
    expect(count('dropped')).toBe(report.droppedRows);
    expect(rows[3]).toEqual({ row: '3', split: 'dropped' }); // the record with no measurements
  });

  it('pairs each held-out row with the TypeScript and onnxruntime-web probabilities', () => {
    const n = run.split.test.length;
    // A stand-in for onnxruntime's output: Adelie certain for every row.
    const fake = new Float32Array(n * 3).map((_, i) => (i % 3 === 0 ? 1 : 0));
    const out = pagePredictions(run, fake, 'm.onnx', 'abc');
    expect(out.rows).toHaveLength(n);
    expect(out.rows.every((r) => r.label === 'Adelie')).toBe(true);
    expect(out.rows[0]!.row).toBe(run.split.test[0]!.id);
    const sum = out.rows[0]!.typescript_probabilities.reduce((s, p) => s + p, 0);
    expect(sum).toBeCloseTo(1, 12);
    expect(() => pagePredictions(run, new Float32Array(3), 'm.onnx', 'abc')).toThrow(RangeError);
  });
});
