import { beforeAll, describe, expect, it } from 'vitest';
import {
  cleanSeattleWeather,
  daysInRange,
  splitAtDate,
  WEATHER_DEFAULT_FEATURES,
  weatherFeatureMatrix,
  weatherFeatureUnits,
  weatherLabel,
} from './seattle-weather';
import { readVegaDataText } from './vega-files-node';

let csv = '';
beforeAll(async () => {
  csv = await readVegaDataText('seattle-weather.csv');
});

const HEADER = 'date,precipitation,temp_max,temp_min,wind,weather';

describe('cleanSeattleWeather on vega-datasets seattle-weather.csv', () => {
  it('reads 1461 days (2012-01-01 to 2015-12-31) and drops only the first, which has no yesterday', () => {
    const { rows, report } = cleanSeattleWeather(csv);
    expect(report.error).toBeNull();
    expect(report.rawRecords).toBe(366 + 365 * 3);
    expect(report.droppedRows).toBe(1);
    expect(report.issues).toEqual([
      {
        line: 2,
        id: 0,
        fields: ['date'],
        reason: 'no valid record for the previous day, so lag features are unknown',
      },
    ]);
    expect(rows).toHaveLength(1460);
    expect(rows[0]?.date).toBe('2012-01-02');
    expect(rows.at(-1)?.date).toBe('2015-12-31');
  });

  it('labels wet days by precipitation > 0, matching an independent count of the file', () => {
    const { rows, report } = cleanSeattleWeather(csv);
    // Independent count over the raw lines, skipping the header and the dropped first day.
    const lines = csv.trim().split('\n').slice(2);
    const wet = lines.filter((l) => Number(l.split(',')[1]) > 0).length;
    expect(report.labelCounts).toEqual({ wet, dry: lines.length - wet });
    expect(report.labelCounts.wet).toBe(623);
    expect(rows.filter((r) => weatherLabel(r) === 'wet')).toHaveLength(623);
    const total2012 = report.labelCountsByYear['2012'];
    expect((total2012?.wet ?? 0) + (total2012?.dry ?? 0)).toBe(365); // 2012 is a leap year, minus day 1
  });

  it('counts days where the weather column disagrees with the measured precipitation', () => {
    // From the file: 44 "rain" days and 53 "drizzle" days record 0 mm; nothing else disagrees.
    // The first day (2012-01-01, drizzle, 0.0 mm) is one of them and is dropped: 44 + 53 - 1.
    expect(cleanSeattleWeather(csv).report.weatherColumnDisagreements).toBe(96);
  });

  it('derives features from the published rows of 2012-01-02 and 2012-01-03', () => {
    const { rows } = cleanSeattleWeather(csv);
    // 2012-01-01,0.0,12.8,5.0,4.7,drizzle ; 2012-01-02,10.9,10.6,2.8,4.5,rain
    expect(rows[0]).toEqual({
      id: 1,
      date: '2012-01-02',
      year: 2012,
      month: 1,
      dayOfYear: 2,
      precipitationMm: 10.9,
      weather: 'rain',
      tempMaxC: 10.6,
      tempMinC: 2.8,
      windMs: 4.5,
      wet: true,
      tempRangeC: 7.8,
      prevPrecipitationMm: 0,
      prevWet: false,
    });
    // 2012-01-03,0.8,11.7,7.2,2.3,rain follows a wet day.
    expect(rows[1]).toMatchObject({ prevPrecipitationMm: 10.9, prevWet: true, tempRangeC: 4.5 });
    const leapDay = rows.find((r) => r.date === '2012-12-31');
    expect(leapDay?.dayOfYear).toBe(366);
  });

  it('never uses the day’s own precipitation or weather as an input', () => {
    const { rows } = cleanSeattleWeather(csv);
    const day = rows[10];
    if (!day) throw new Error('expected rows');
    const changed = { ...day, precipitationMm: 99, weather: 'snow' as const, wet: !day.wet };
    expect(weatherFeatureMatrix([changed])).toEqual(weatherFeatureMatrix([day]));
    expect(WEATHER_DEFAULT_FEATURES.some((n) => n.includes('day_of_year'))).toBe(false);
  });

  it('builds feature rows in the order asked, with units', () => {
    const { rows } = cleanSeattleWeather(csv);
    const first = rows.slice(0, 1);
    expect(weatherFeatureMatrix(first)).toEqual([[10.6, 2.8, 4.5, 7.8, 0, 0]]);
    expect(weatherFeatureMatrix(first, ['wind_ms', 'prev_wet'])).toEqual([[4.5, 0]]);
    expect(weatherFeatureUnits(['temp_max_c', 'prev_precipitation_mm'])).toEqual(['°C', 'mm']);
    const [[sin, cos] = []] = weatherFeatureMatrix(first, ['day_of_year_sin', 'day_of_year_cos']);
    expect(sin).toBeCloseTo(Math.sin((2 * Math.PI * 2) / 365.25), 12);
    expect(cos).toBeCloseTo(Math.cos((2 * Math.PI * 2) / 365.25), 12);
  });

  it('splits by date range', () => {
    const { rows } = cleanSeattleWeather(csv);
    const firstHalf2012 = daysInRange(rows, '2012-01-01', '2012-07-01');
    expect(firstHalf2012).toHaveLength(181); // 2 Jan to 30 Jun 2012 (leap year): 182 days - 1
    const { before, fromBoundary } = splitAtDate(rows, '2012-07-01');
    expect(before).toEqual(firstHalf2012);
    expect(before.length + fromBoundary.length).toBe(rows.length);
    expect(fromBoundary[0]?.date).toBe('2012-07-01');
  });
});

describe('cleanSeattleWeather on junk input', () => {
  it('reports a missing column instead of throwing', () => {
    const { rows, report } = cleanSeattleWeather('date,precipitation\n2012-01-01,0\n');
    expect(rows).toEqual([]);
    expect(report.error).toBe('missing column(s): temp_max, temp_min, wind, weather');
  });

  it('returns an error for non-string input', () => {
    expect(cleanSeattleWeather(42 as unknown as string).report.error).toBe('expected CSV text');
  });

  it('drops invalid records, duplicates and orphaned days with reasons', () => {
    const text = [
      HEADER,
      '2012-01-01,0.0,12.8,5.0,4.7,drizzle',
      '2012-01-02,,10.6,2.8,4.5,rain', // missing precipitation
      '2012-01-03,0.8,11.7,7.2,2.3,rain', // its yesterday was dropped
      '2012-01-04,20.3,12.2,5.6,4.7,hail', // unknown weather
      '2012-01-05,1.3,8.9,2.8,6.1,rain',
      '2012-01-06,2.5,4.4,2.2,2.2,rain', // kept
      '2012-01-06,0,4.4,2.2,2.2,sun', // duplicate date
      '2012-02-30,0,4.4,2.2,2.2,sun', // impossible date
      '2012-01-07,0,1,5,2.2,sun', // temp_max below temp_min
      '2012-01-08,0,1,0,-1,sun,extra', // wrong field count
      '"2012-01-09",0,"3.5",1,1,"sun"', // quoted fields are fine; yesterday missing though
    ].join('\r\n');
    const { rows, report } = cleanSeattleWeather(text);
    expect(rows.map((r) => r.date)).toEqual(['2012-01-06']);
    expect(report.issues.map((i) => [i.line, i.fields, i.reason])).toEqual([
      [2, ['date'], 'no valid record for the previous day, so lag features are unknown'],
      [3, ['precipitation'], 'invalid precipitation'],
      [4, ['date'], 'no valid record for the previous day, so lag features are unknown'],
      [5, ['weather'], 'invalid weather'],
      [6, ['date'], 'no valid record for the previous day, so lag features are unknown'],
      [8, ['date'], 'duplicate date; first kept'],
      [9, ['date'], 'invalid date'],
      [10, ['temp_max'], 'invalid temp_max'],
      [11, [], 'has 7 fields, the header has 6'],
      [12, ['date'], 'no valid record for the previous day, so lag features are unknown'],
    ]);
    expect(report).toMatchObject({ rawRecords: 11, keptRows: 1, droppedRows: 10 });
    expect(rows[0]).toMatchObject({ prevPrecipitationMm: 1.3, prevWet: true, wet: true });
  });
});
