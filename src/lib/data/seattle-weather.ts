/**
 * Seattle daily weather, 2012–2015, as shipped by vega-datasets (`data/seattle-weather.csv`,
 * 1461 days; NOAA GHCN daily summaries for Seattle-Tacoma airport with a hand-made `weather`
 * category). Chapter 5 uses it for real seasonal drift: a "will it rain today" model trained on
 * a few months sees the seasons change under it.
 *
 * The label is `wet`: measurable precipitation that day (`precipitation > 0`). We chose the
 * measured amount over the `weather` column because `weather` is a labelling choice that itself
 * drifts: "fog" is used on 5 days in 2012 and 52 in 2015, "drizzle" on 31 days in 2012 and none in
 * 2014, and 44 days marked "rain" record 0 mm. A label that changes definition over time would
 * blur the seasonal drift the chapter wants to show. Snow days (all with precipitation) count as
 * wet. Over all 1461 days the balance is 623 wet to 838 dry (about 43 % wet); the report carries
 * the counts per year.
 *
 * Inputs never include the day's own precipitation or weather (they are the label's source).
 * They are the day's temperatures and wind (standing in for a morning forecast), the temperature
 * range, and yesterday's precipitation and wetness, which are legitimately known by the morning
 * and make rain persistence, the strongest simple predictor, available to the model. Seasonal
 * position (day of year as sine and cosine) is offered but left out of the default inputs: a
 * model that knows the season would absorb much of the seasonal drift chapter 5 sets out to show.
 */
import { z } from 'zod';
import { parseCsv } from './csv';

/** The `weather` categories in the file. */
export const WEATHER_KINDS = ['drizzle', 'rain', 'sun', 'snow', 'fog'] as const;

/** One `weather` category. */
export type WeatherKind = (typeof WEATHER_KINDS)[number];

/** The model's two classes, in probability-column order. */
export const WEATHER_CLASSES = ['dry', 'wet'] as const;

/** A class of the rain model. */
export type WeatherClass = (typeof WEATHER_CLASSES)[number];

/** One cleaned day, with its label and derived features. Every row has a valid previous day. */
export interface WeatherDay {
  /** 0-based position of the day among the CSV's data records (header excluded). */
  id: number;
  /** ISO date, `YYYY-MM-DD`. */
  date: string;
  year: number;
  /** 1–12. */
  month: number;
  /** 1–366. */
  dayOfYear: number;
  /** Label source, not an input. */
  precipitationMm: number;
  /** Label source in the file, not an input. */
  weather: WeatherKind;
  tempMaxC: number;
  tempMinC: number;
  windMs: number;
  /** The label: measurable precipitation today (precipitation > 0). */
  wet: boolean;
  /** tempMaxC − tempMinC. */
  tempRangeC: number;
  /** Yesterday's precipitation (known by the morning). */
  prevPrecipitationMm: number;
  /** Whether yesterday was wet. */
  prevWet: boolean;
}

/** Model input names the rows can provide. */
export const WEATHER_FEATURES = {
  temp_max_c: { unit: '°C', of: (d: WeatherDay) => d.tempMaxC },
  temp_min_c: { unit: '°C', of: (d: WeatherDay) => d.tempMinC },
  wind_ms: { unit: 'm/s', of: (d: WeatherDay) => d.windMs },
  temp_range_c: { unit: '°C', of: (d: WeatherDay) => d.tempRangeC },
  prev_precipitation_mm: { unit: 'mm', of: (d: WeatherDay) => d.prevPrecipitationMm },
  prev_wet: { unit: '0/1', of: (d: WeatherDay) => (d.prevWet ? 1 : 0) },
  // Position in the year on a circle, so 31 December sits next to 1 January.
  day_of_year_sin: {
    unit: '1',
    of: (d: WeatherDay) => Math.sin((2 * Math.PI * d.dayOfYear) / 365.25),
  },
  day_of_year_cos: {
    unit: '1',
    of: (d: WeatherDay) => Math.cos((2 * Math.PI * d.dayOfYear) / 365.25),
  },
} as const satisfies Record<string, { unit: string; of: (d: WeatherDay) => number }>;

/** A model input the rows can provide. */
export type WeatherFeatureName = keyof typeof WEATHER_FEATURES;

/** Default inputs of the rain model: no seasonal position, see the module comment. */
export const WEATHER_DEFAULT_FEATURES: readonly WeatherFeatureName[] = [
  'temp_max_c',
  'temp_min_c',
  'wind_ms',
  'temp_range_c',
  'prev_precipitation_mm',
  'prev_wet',
];

/** A CSV record that was dropped, and why. */
export interface WeatherIssue {
  /** 1-based line in the CSV. */
  line: number;
  /** Record index (as in `WeatherDay.id`), or null for problems outside a record. */
  id: number | null;
  fields: string[];
  reason: string;
}

/** Counts of the cleaning pass and of the label. */
export interface WeatherCleaningReport {
  /** Set when the file is unusable (no rows then). */
  error: string | null;
  rawRecords: number;
  keptRows: number;
  droppedRows: number;
  issues: WeatherIssue[];
  /** Label balance over the kept rows. */
  labelCounts: Record<WeatherClass, number>;
  /** Label balance per calendar year of the kept rows. */
  labelCountsByYear: Record<string, Record<WeatherClass, number>>;
  /** Kept days whose `weather` says rain/drizzle/snow but precipitation is 0, or the reverse. */
  weatherColumnDisagreements: number;
}

const REQUIRED_COLUMNS = [
  'date',
  'precipitation',
  'temp_max',
  'temp_min',
  'wind',
  'weather',
] as const;

// A plain decimal number; z.coerce.number() would turn "" into 0, which hides missing values.
const decimal = z
  .string()
  .trim()
  .regex(/^[-+]?(\d+\.?\d*|\.\d+)$/, 'not a number')
  .transform(Number);

const WeatherRecordSchema = z
  .object({
    date: z.iso.date(),
    precipitation: decimal.pipe(z.number().min(0)),
    temp_max: decimal.pipe(z.number().min(-60).max(60)),
    temp_min: decimal.pipe(z.number().min(-60).max(60)),
    wind: decimal.pipe(z.number().min(0)),
    weather: z.enum(WEATHER_KINDS),
  })
  .refine((r) => r.temp_max >= r.temp_min, {
    message: 'temp_max is below temp_min',
    path: ['temp_max'],
  });

type WeatherRecord = z.infer<typeof WeatherRecordSchema>;

const DAY_MS = 86_400_000;

function utcMs(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`);
}

function isoDateOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function emptyReport(): WeatherCleaningReport {
  return {
    error: null,
    rawRecords: 0,
    keptRows: 0,
    droppedRows: 0,
    issues: [],
    labelCounts: { dry: 0, wet: 0 },
    labelCountsByYear: {},
    weatherColumnDisagreements: 0,
  };
}

type ValidRecord = { id: number; line: number; record: WeatherRecord };

/** First pass: each record on its own (field count, schema, duplicate date). */
function validRecords(
  parsed: ReturnType<typeof parseCsv>,
  header: readonly string[],
  report: WeatherCleaningReport,
): ValidRecord[] {
  const valid: ValidRecord[] = [];
  const seenDates = new Set<string>();
  parsed.records.forEach(({ line, fields }, id) => {
    if (fields.length !== header.length) {
      const reason = `has ${fields.length} fields, the header has ${header.length}`;
      report.issues.push({ line, id, fields: [], reason });
      return;
    }
    const object = Object.fromEntries(header.map((name, i) => [name, fields[i]]));
    const result = WeatherRecordSchema.safeParse(object);
    if (!result.success) {
      const bad = [...new Set(result.error.issues.map((i) => String(i.path[0] ?? 'record')))];
      report.issues.push({ line, id, fields: bad, reason: `invalid ${bad.join(', ')}` });
      return;
    }
    if (seenDates.has(result.data.date)) {
      report.issues.push({ line, id, fields: ['date'], reason: 'duplicate date; first kept' });
      return;
    }
    seenDates.add(result.data.date);
    valid.push({ id, line, record: result.data });
  });
  return valid;
}

/** Second pass: lag features need the previous calendar day; rows come out in date order. */
function daysWithLags(valid: readonly ValidRecord[], report: WeatherCleaningReport): WeatherDay[] {
  const byDate = new Map(valid.map((v) => [v.record.date, v.record]));
  const rows: WeatherDay[] = [];
  for (const { id, line, record } of valid) {
    const previous = byDate.get(isoDateOf(utcMs(record.date) - DAY_MS));
    if (!previous) {
      const reason = 'no valid record for the previous day, so lag features are unknown';
      report.issues.push({ line, id, fields: ['date'], reason });
      continue;
    }
    rows.push(
      weatherDayFrom({
        id,
        date: record.date,
        precipitationMm: record.precipitation,
        weather: record.weather,
        tempMaxC: record.temp_max,
        tempMinC: record.temp_min,
        windMs: record.wind,
        prevPrecipitationMm: previous.precipitation,
      }),
    );
  }
  return rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Label counts, overall and per year, and days where the weather column disagrees with the label. */
function countLabels(rows: readonly WeatherDay[], report: WeatherCleaningReport): void {
  for (const row of rows) {
    const label = weatherLabel(row);
    report.labelCounts[label] += 1;
    const perYear = (report.labelCountsByYear[String(row.year)] ??= { dry: 0, wet: 0 });
    perYear[label] += 1;
    const saysWet = row.weather === 'rain' || row.weather === 'drizzle' || row.weather === 'snow';
    if (saysWet !== row.wet) report.weatherColumnDisagreements += 1;
  }
}

/**
 * Parses and cleans seattle-weather.csv text into model-ready days. Invalid records, duplicate
 * dates and days whose previous day is missing (so the lag features are unknown) are dropped and
 * reported; the first day of the file is always dropped for that reason. Never throws.
 */
export function cleanSeattleWeather(csvText: string): {
  rows: WeatherDay[];
  report: WeatherCleaningReport;
} {
  const report = emptyReport();
  if (typeof csvText !== 'string') {
    report.error = 'expected CSV text';
    return { rows: [], report };
  }
  const parsed = parseCsv(csvText);
  const header = parsed.header.map((h) => h.trim());
  const missingColumns = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  report.rawRecords = parsed.records.length;
  if (missingColumns.length > 0) {
    report.error = `missing column(s): ${missingColumns.join(', ')}`;
    report.droppedRows = parsed.records.length;
    return { rows: [], report };
  }
  for (const problem of parsed.problems) {
    report.issues.push({ line: problem.line, id: null, fields: [], reason: problem.message });
  }
  const rows = daysWithLags(validRecords(parsed, header, report), report);
  countLabels(rows, report);
  report.issues.sort((a, b) => a.line - b.line);
  report.keptRows = rows.length;
  report.droppedRows = report.rawRecords - rows.length;
  return { rows, report };
}

/** The measured fields of a day plus yesterday's precipitation: all a `WeatherDay` is derived from. */
export type WeatherDayBase = Pick<
  WeatherDay,
  | 'id'
  | 'date'
  | 'precipitationMm'
  | 'weather'
  | 'tempMaxC'
  | 'tempMinC'
  | 'windMs'
  | 'prevPrecipitationMm'
>;

/** Completes a day with its calendar fields, label and derived features (`date` must be valid ISO). */
export function weatherDayFrom(base: WeatherDayBase): WeatherDay {
  const ms = utcMs(base.date);
  const year = Number(base.date.slice(0, 4));
  return {
    ...base,
    year,
    month: Number(base.date.slice(5, 7)),
    dayOfYear: Math.round((ms - Date.UTC(year, 0, 1)) / DAY_MS) + 1,
    wet: base.precipitationMm > 0,
    // Rounded to 0.001 °C so 10.6 − 2.8 reads 7.8, not 7.799999999999999.
    tempRangeC: Math.round((base.tempMaxC - base.tempMinC) * 1000) / 1000,
    prevWet: base.prevPrecipitationMm > 0,
  };
}

/** The class of a day: `wet` when precipitation > 0, else `dry`. */
export function weatherLabel(day: WeatherDay): WeatherClass {
  return day.wet ? 'wet' : 'dry';
}

/** Feature rows for the model, one array per day, columns in the order of `names`. */
export function weatherFeatureMatrix(
  days: readonly WeatherDay[],
  names: readonly WeatherFeatureName[] = WEATHER_DEFAULT_FEATURES,
): number[][] {
  const getters = names.map((name) => WEATHER_FEATURES[name].of);
  return days.map((day) => getters.map((of) => of(day)));
}

/** Units of the given features, same order. */
export function weatherFeatureUnits(
  names: readonly WeatherFeatureName[] = WEATHER_DEFAULT_FEATURES,
): string[] {
  return names.map((name) => WEATHER_FEATURES[name].unit);
}

/** Days with `from <= date < toExclusive` (ISO `YYYY-MM-DD` strings compare in date order). */
export function daysInRange(
  days: readonly WeatherDay[],
  from: string,
  toExclusive: string,
): WeatherDay[] {
  return days.filter((d) => d.date >= from && d.date < toExclusive);
}

/** Splits days at a boundary date: `before` it, and `fromBoundary` on or after it. */
export function splitAtDate(
  days: readonly WeatherDay[],
  boundary: string,
): { before: WeatherDay[]; fromBoundary: WeatherDay[] } {
  return {
    before: days.filter((d) => d.date < boundary),
    fromBoundary: days.filter((d) => d.date >= boundary),
  };
}
