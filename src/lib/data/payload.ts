/**
 * The compact JSON the site ships for each data set (written at build time by
 * `src/pages/data/*.json.ts`), and the decoders widgets use after fetching it. Rows travel as
 * columns, so each field name is written once rather than once per row.
 */
import { z } from 'zod';
import { fromColumns, toColumns } from './frame';
import { cleanPenguins, type CleaningReport, PENGUIN_SPECIES, type PenguinRow } from './penguins';
import {
  cleanSeattleWeather,
  WEATHER_KINDS,
  type WeatherCleaningReport,
  type WeatherDay,
  type WeatherDayBase,
  weatherDayFrom,
} from './seattle-weather';

/** Format tag of the payloads, bumped if their shape changes. */
export const PAYLOAD_FORMAT = 'columns-v1';

const PENGUIN_KEYS = [
  'id',
  'species',
  'island',
  'beakLengthMm',
  'beakDepthMm',
  'flipperLengthMm',
  'bodyMassG',
  'sex',
] as const satisfies readonly (keyof PenguinRow)[];

// Only the measured fields travel; calendar fields, label and derived features are recomputed by
// weatherDayFrom on decoding (the same function the cleaning uses), which keeps the file small.
const WEATHER_KEYS = [
  'id',
  'date',
  'precipitationMm',
  'weather',
  'tempMaxC',
  'tempMinC',
  'windMs',
  'prevPrecipitationMm',
] as const satisfies readonly (keyof WeatherDayBase)[];

/** The shipped penguins file: cleaned rows as columns, plus the cleaning report. */
export interface PenguinsPayload {
  format: typeof PAYLOAD_FORMAT;
  count: number;
  columns: { [K in (typeof PENGUIN_KEYS)[number]]: PenguinRow[K][] };
  report: CleaningReport;
}

/** The shipped Seattle weather file: cleaned days' measured fields as columns, plus the report. */
export interface SeattleWeatherPayload {
  format: typeof PAYLOAD_FORMAT;
  count: number;
  columns: { [K in (typeof WEATHER_KEYS)[number]]: WeatherDayBase[K][] };
  report: WeatherCleaningReport;
}

/** Cleaned rows as a payload: the format tag, the row count, the `keys` as columns, the report. */
function payloadOf<T, K extends keyof T, R>(rows: readonly T[], keys: readonly K[], report: R) {
  const format: typeof PAYLOAD_FORMAT = PAYLOAD_FORMAT;
  return { format, count: rows.length, columns: toColumns(rows, keys), report };
}

/** Builds the penguins payload from raw penguins.json. */
export function penguinsPayload(raw: unknown): PenguinsPayload {
  const { rows, report } = cleanPenguins(raw);
  return payloadOf(rows, PENGUIN_KEYS, report);
}

/** Builds the Seattle weather payload from the raw CSV text. */
export function seattleWeatherPayload(csvText: string): SeattleWeatherPayload {
  const { rows, report } = cleanSeattleWeather(csvText);
  return payloadOf(rows, WEATHER_KEYS, report);
}

/** A decoded payload, or why it could not be decoded. */
export type Decoded<Row, Report> =
  { ok: true; rows: Row[]; report: Report } | { ok: false; error: string };

const measurement = z.number().positive();
const PenguinRowSchema = z.object({
  id: z.number().int().min(0),
  species: z.enum(PENGUIN_SPECIES),
  island: z.string().nullable(),
  beakLengthMm: measurement,
  beakDepthMm: measurement,
  flipperLengthMm: measurement,
  bodyMassG: measurement,
  sex: z.enum(['female', 'male']).nullable(),
});

const WeatherDaySchema = z
  .object({
    id: z.number().int().min(0),
    date: z.iso.date(),
    precipitationMm: z.number().min(0),
    weather: z.enum(WEATHER_KINDS),
    tempMaxC: z.number(),
    tempMinC: z.number(),
    windMs: z.number().min(0),
    prevPrecipitationMm: z.number().min(0),
  })
  .transform(weatherDayFrom);

// The report is our own build output; only its presence as an object is checked here.
const EnvelopeSchema = z.object({
  format: z.literal(PAYLOAD_FORMAT),
  count: z.number().int().min(0),
  columns: z.record(z.string(), z.array(z.unknown())),
  report: z.record(z.string(), z.unknown()),
});

function decode<Row, Report>(
  json: unknown,
  keys: readonly string[],
  rowSchema: z.ZodType<Row, unknown>,
): Decoded<Row, Report> {
  const envelope = EnvelopeSchema.safeParse(json);
  if (!envelope.success) return { ok: false, error: `not a ${PAYLOAD_FORMAT} data file` };
  const rawRows = fromColumns(envelope.data.columns, keys);
  if (rawRows === null) return { ok: false, error: 'columns are missing or of unequal length' };
  if (rawRows.length !== envelope.data.count)
    return { ok: false, error: 'row count does not match' };
  const rows: Row[] = [];
  for (const [i, candidate] of rawRows.entries()) {
    const row = rowSchema.safeParse(candidate);
    if (!row.success) return { ok: false, error: `row ${i} is invalid` };
    rows.push(row.data);
  }
  return { ok: true, rows, report: envelope.data.report as Report };
}

/** Decodes a fetched penguins payload without throwing. */
export function parsePenguinsPayload(json: unknown): Decoded<PenguinRow, CleaningReport> {
  return decode(json, PENGUIN_KEYS, PenguinRowSchema);
}

/** Decodes a fetched Seattle weather payload without throwing. */
export function parseSeattleWeatherPayload(
  json: unknown,
): Decoded<WeatherDay, WeatherCleaningReport> {
  return decode(json, WEATHER_KEYS, WeatherDaySchema);
}
