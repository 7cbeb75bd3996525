import { describe, expect, it } from 'vitest';
import {
  cleanPenguins,
  EXAMPLE_PENGUIN,
  EXAMPLE_PENGUIN_FEATURES,
  penguinFeaturesByName,
} from './penguins';
import { readRawPenguins } from './vega-files-node';

const raw = await readRawPenguins();

describe('cleanPenguins on vega-datasets penguins.json', () => {
  it('sees the 344 records of the published data set', () => {
    const { report } = cleanPenguins(raw);
    expect(report.error).toBeNull();
    expect(report.rawRecords).toBe(344);
  });

  it('matches the published species counts of the raw data (Adelie 152, Chinstrap 68, Gentoo 124)', () => {
    expect(cleanPenguins(raw).report.rawSpeciesCounts).toEqual({
      Adelie: 152,
      Chinstrap: 68,
      Gentoo: 124,
    });
  });

  it('drops exactly the 2 records that lack all body measurements', () => {
    const { rows, report } = cleanPenguins(raw);
    // palmerpenguins documents two birds (one Adelie, one Gentoo) with no measurements at all.
    const dropped = report.issues.filter((i) => i.action === 'dropped');
    expect(dropped).toHaveLength(2);
    expect(report.droppedRows).toBe(2);
    expect(rows).toHaveLength(342);
    for (const issue of dropped) {
      expect(issue.fields).toEqual(
        expect.arrayContaining([
          'Beak Length (mm)',
          'Beak Depth (mm)',
          'Flipper Length (mm)',
          'Body Mass (g)',
        ]),
      );
    }
    expect(report.keptSpeciesCounts).toEqual({ Adelie: 151, Chinstrap: 68, Gentoo: 123 });
  });

  it('counts 333 complete cases, as in the R package (na.omit(penguins) has 333 rows)', () => {
    expect(cleanPenguins(raw).report.completeCases).toBe(333);
  });

  it('keeps rows missing only sex, and the count agrees with an independent filter of the file', () => {
    const { rows, report } = cleanPenguins(raw);
    // Independent count straight from the raw records: sex is neither MALE nor FEMALE (this file
    // has 10 nulls and one "." marker), while all four measurements are present. The two birds
    // without measurements also lack sex, so 11 - 2 = 9 kept rows have unknown sex.
    const records = raw as Record<string, unknown>[];
    const expected = records.filter(
      (r) =>
        r['Sex'] !== 'MALE' &&
        r['Sex'] !== 'FEMALE' &&
        typeof r['Body Mass (g)'] === 'number' &&
        typeof r['Beak Length (mm)'] === 'number',
    ).length;
    expect(expected).toBe(9);
    expect(report.keptWithUnknownSex).toBe(expected);
    expect(rows.filter((r) => r.sex === null)).toHaveLength(expected);
    const kept = report.issues.filter((i) => i.action === 'kept');
    expect(kept).toHaveLength(expected);
    expect(kept.every((i) => i.fields.length === 1 && i.fields[0] === 'Sex')).toBe(true);
  });

  it('reports the "." sex marker by its original index', () => {
    const { rows, report } = cleanPenguins(raw);
    const records = raw as Record<string, unknown>[];
    const dotIndex = records.findIndex((r) => r['Sex'] === '.');
    expect(dotIndex).toBeGreaterThanOrEqual(0);
    const issue = report.issues.find((i) => i.id === dotIndex);
    expect(issue?.action).toBe('kept');
    expect(issue?.reason).toContain('"."');
    expect(rows.find((r) => r.id === dotIndex)?.sex).toBeNull();
  });

  it('maps fields and keeps the original index as id', () => {
    const { rows } = cleanPenguins(raw);
    // First record of the published data: Adelie, Torgersen, 39.1, 18.7, 181, 3750, male.
    expect(rows[0]).toEqual({
      id: 0,
      species: 'Adelie',
      island: 'Torgersen',
      beakLengthMm: 39.1,
      beakDepthMm: 18.7,
      flipperLengthMm: 181,
      bodyMassG: 3750,
      sex: 'male',
    });
  });

  it('EXAMPLE_PENGUIN is that first record, in the API field names', () => {
    const first = cleanPenguins(raw).rows[0]!;
    expect(EXAMPLE_PENGUIN).toEqual({
      beak_length_mm: first.beakLengthMm,
      beak_depth_mm: first.beakDepthMm,
      flipper_length_mm: first.flipperLengthMm,
      body_mass_g: first.bodyMassG,
      island: first.island,
      sex: first.sex,
    });
    expect(EXAMPLE_PENGUIN_FEATURES).toEqual(penguinFeaturesByName(first));
  });
});

describe('cleanPenguins on junk input', () => {
  it('returns an error instead of throwing when the input is not an array', () => {
    for (const junk of [null, undefined, 42, 'penguins', { Species: 'Adelie' }]) {
      const { rows, report } = cleanPenguins(junk);
      expect(rows).toEqual([]);
      expect(report.error).toMatch(/array/);
    }
  });

  it('drops junk records with a reason and keeps good ones', () => {
    const good = {
      Species: 'Gentoo',
      Island: 'Biscoe',
      'Beak Length (mm)': 46.1,
      'Beak Depth (mm)': 13.2,
      'Flipper Length (mm)': 211,
      'Body Mass (g)': 4500,
      Sex: 'FEMALE',
    };
    const input = [
      good,
      null,
      'text',
      [1, 2],
      { ...good, Species: 'Emperor' },
      { ...good, 'Body Mass (g)': -5 },
      { ...good, 'Beak Depth (mm)': '13.2' },
      { ...good, 'Flipper Length (mm)': 'NA' },
      { ...good, Sex: 'unknown' },
      { ...good, Island: '' },
    ];
    const { rows, report } = cleanPenguins(input);
    expect(rows.map((r) => r.id)).toEqual([0, 8, 9]);
    expect(rows[1]?.sex).toBeNull();
    expect(rows[2]?.island).toBeNull();
    const byId = new Map(report.issues.map((i) => [i.id, i]));
    expect(byId.get(1)).toMatchObject({ fields: ['record'], action: 'dropped' });
    expect(byId.get(2)).toMatchObject({ fields: ['record'], action: 'dropped' });
    expect(byId.get(3)).toMatchObject({ fields: ['record'], action: 'dropped' });
    expect(byId.get(4)).toMatchObject({ fields: ['Species'], action: 'dropped' });
    expect(byId.get(4)?.reason).toMatch(/invalid Species/);
    expect(byId.get(5)).toMatchObject({ fields: ['Body Mass (g)'], action: 'dropped' });
    expect(byId.get(6)).toMatchObject({ fields: ['Beak Depth (mm)'], action: 'dropped' });
    expect(byId.get(7)?.reason).toMatch(/missing Flipper Length \(mm\) \(was "NA"\)/);
    expect(byId.get(8)).toMatchObject({ fields: ['Sex'], action: 'kept' });
    expect(byId.get(9)).toMatchObject({ fields: ['Island'], action: 'kept' });
    expect(report).toMatchObject({ rawRecords: 10, keptRows: 3, droppedRows: 7, completeCases: 1 });
  });
});
