import { beforeAll, describe, expect, it } from 'vitest';
import {
  parsePenguinsPayload,
  parseSeattleWeatherPayload,
  penguinsPayload,
  seattleWeatherPayload,
} from './payload';
import { cleanPenguins } from './penguins';
import { cleanSeattleWeather } from './seattle-weather';
import { readVegaDataText } from './vega-files-node';

let rawPenguins: unknown;
let weatherCsv = '';
beforeAll(async () => {
  rawPenguins = JSON.parse(await readVegaDataText('penguins.json'));
  weatherCsv = await readVegaDataText('seattle-weather.csv');
});

// What a page receives: the payload after a trip through JSON text.
const overTheWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('penguins payload', () => {
  it('decodes to exactly the cleaned rows and report', () => {
    const decoded = parsePenguinsPayload(overTheWire(penguinsPayload(rawPenguins)));
    const { rows, report } = cleanPenguins(rawPenguins);
    expect(decoded).toEqual({ ok: true, rows, report });
  });

  it('writes each field name once, as columns', () => {
    const payload = penguinsPayload(rawPenguins);
    expect(payload.count).toBe(342);
    expect(payload.columns.species).toHaveLength(342);
    expect(JSON.stringify(payload).match(/"bodyMassG"/g)).toHaveLength(1);
  });
});

describe('seattle weather payload', () => {
  it('decodes to exactly the cleaned days, recomputing derived fields', () => {
    const payload = seattleWeatherPayload(weatherCsv);
    expect(Object.keys(payload.columns)).not.toContain('tempRangeC');
    const decoded = parseSeattleWeatherPayload(overTheWire(payload));
    const { rows, report } = cleanSeattleWeather(weatherCsv);
    expect(decoded).toEqual({ ok: true, rows, report });
  });
});

describe('payload decoding of bad input', () => {
  it('rejects things that are not payloads', () => {
    for (const junk of [null, 'text', [], { format: 'other' }]) {
      expect(parsePenguinsPayload(junk)).toEqual({
        ok: false,
        error: 'not a columns-v1 data file',
      });
    }
  });

  it('rejects missing or ragged columns, a wrong count, and invalid rows', () => {
    const good = overTheWire(penguinsPayload(rawPenguins)) as {
      count: number;
      columns: Record<string, unknown[]>;
    };
    const withColumns = (columns: Record<string, unknown[]>, count = good.count): unknown => ({
      ...good,
      count,
      columns,
    });
    const { sex: _sex, ...noSex } = good.columns;
    expect(parsePenguinsPayload(withColumns(noSex))).toMatchObject({ ok: false });
    expect(parsePenguinsPayload(withColumns({ ...good.columns, id: [1] }))).toEqual({
      ok: false,
      error: 'columns are missing or of unequal length',
    });
    expect(parsePenguinsPayload(withColumns(good.columns, 5))).toEqual({
      ok: false,
      error: 'row count does not match',
    });
    const badMass = [...(good.columns['bodyMassG'] ?? [])];
    badMass[3] = 'heavy';
    expect(parsePenguinsPayload(withColumns({ ...good.columns, bodyMassG: badMass }))).toEqual({
      ok: false,
      error: 'row 3 is invalid',
    });
  });
});
