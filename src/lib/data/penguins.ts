/**
 * Palmer penguins, as shipped by vega-datasets (`data/penguins.json`): 344 records, one per bird,
 * from Gorman, Williams & Fraser (2014), packaged for R as `palmerpenguins` by Horst, Hill & Gorman.
 *
 * Cleaning is explicit: every record that is dropped or altered appears in the report with its
 * original index, the fields involved and what was done, so the chapter can show the reader
 * exactly which birds the model never saw.
 */
import { z } from 'zod';

/** The three species in the data set, in the order the model's probability columns use. */
export const PENGUIN_SPECIES = ['Adelie', 'Chinstrap', 'Gentoo'] as const;

/** One penguin species. */
export type PenguinSpecies = (typeof PENGUIN_SPECIES)[number];

/** One cleaned penguin: four body measurements are always present; sex may be unknown. */
export interface PenguinRow {
  /** Index of the record in the original file (0-based), kept so any row can be traced back. */
  id: number;
  species: PenguinSpecies;
  /** Island of the colony; null when the record had none. */
  island: string | null;
  beakLengthMm: number;
  beakDepthMm: number;
  flipperLengthMm: number;
  bodyMassG: number;
  /** Null when the record had no sex or an invalid marker such as ".". */
  sex: 'female' | 'male' | null;
}

/** Which original fields a cleaning issue concerns. */
export type PenguinField = (typeof RAW_FIELDS)[keyof typeof RAW_FIELDS] | 'record';

/** One record that was dropped or kept with a change, and why. */
export interface CleaningIssue {
  /** Original index of the record. */
  id: number;
  /** Fields that were missing or invalid (`record` when the record itself is not an object). */
  fields: PenguinField[];
  /** `dropped`: the row is not in `rows`; `kept`: the row is there with the fields set to null. */
  action: 'dropped' | 'kept';
  /** Plain-language reason, for the chapter's cleaning table. */
  reason: string;
}

/** Summary of a cleaning pass: counts plus one entry per affected record. */
export interface CleaningReport {
  /** Set when the input was not a list of records at all (then `rows` is empty). */
  error: string | null;
  rawRecords: number;
  keptRows: number;
  droppedRows: number;
  /** Records with every field present and valid (the R package's `complete.cases` count). */
  completeCases: number;
  /** Kept rows whose sex is unknown. */
  keptWithUnknownSex: number;
  /** Species counts over all records with a valid species, before any row is dropped. */
  rawSpeciesCounts: Record<PenguinSpecies, number>;
  /** Species counts over the kept rows. */
  keptSpeciesCounts: Record<PenguinSpecies, number>;
  issues: CleaningIssue[];
}

/** Key names in vega-datasets' penguins.json. */
const RAW_FIELDS = {
  species: 'Species',
  island: 'Island',
  beakLength: 'Beak Length (mm)',
  beakDepth: 'Beak Depth (mm)',
  flipperLength: 'Flipper Length (mm)',
  bodyMass: 'Body Mass (g)',
  sex: 'Sex',
} as const;

const MEASUREMENT_FIELDS = [
  RAW_FIELDS.beakLength,
  RAW_FIELDS.beakDepth,
  RAW_FIELDS.flipperLength,
  RAW_FIELDS.bodyMass,
] as const;

// A record only has to be an object here; each field is judged separately below so that one bad
// field is reported by name instead of failing the whole record.
const RawRecordSchema = z.record(z.string(), z.unknown());
const MeasurementSchema = z.number().positive();
const SpeciesSchema = z.enum(PENGUIN_SPECIES);
const IslandSchema = z.string().trim().min(1);
const SexSchema = z.enum(['MALE', 'FEMALE', 'male', 'female']);

// Markers that mean "no value" in exports of this data set (R's NA, the "." in the original CSV).
const MISSING_MARKERS = new Set(['', '.', 'NA', 'N/A', 'NaN', 'null']);

type FieldState<T> =
  { kind: 'ok'; value: T } | { kind: 'missing'; marker: string | null } | { kind: 'invalid' };

function judge<T>(value: unknown, schema: z.ZodType<T>): FieldState<T> {
  if (value === null || value === undefined) return { kind: 'missing', marker: null };
  if (typeof value === 'string' && MISSING_MARKERS.has(value.trim())) {
    return { kind: 'missing', marker: value };
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? { kind: 'ok', value: parsed.data } : { kind: 'invalid' };
}

function zeroCounts(): Record<PenguinSpecies, number> {
  return { Adelie: 0, Chinstrap: 0, Gentoo: 0 };
}

function describe(missing: string[], invalid: string[]): string {
  const parts: string[] = [];
  if (missing.length > 0) parts.push(`missing ${missing.join(', ')}`);
  if (invalid.length > 0) parts.push(`invalid ${invalid.join(', ')}`);
  return parts.join('; ');
}

/**
 * Cleans vega-datasets' penguins.json. Rows missing the species or any of the four measurements
 * are dropped; rows missing only the sex (or island) are kept with null there. Never throws.
 */
export function cleanPenguins(raw: unknown): { rows: PenguinRow[]; report: CleaningReport } {
  const report: CleaningReport = {
    error: null,
    rawRecords: 0,
    keptRows: 0,
    droppedRows: 0,
    completeCases: 0,
    keptWithUnknownSex: 0,
    rawSpeciesCounts: zeroCounts(),
    keptSpeciesCounts: zeroCounts(),
    issues: [],
  };
  if (!Array.isArray(raw)) {
    report.error = 'expected a JSON array of penguin records';
    return { rows: [], report };
  }
  report.rawRecords = raw.length;
  const rows: PenguinRow[] = [];

  raw.forEach((candidate: unknown, id) => {
    const record = RawRecordSchema.safeParse(candidate);
    if (!record.success) {
      report.issues.push({ id, fields: ['record'], action: 'dropped', reason: 'not an object' });
      return;
    }
    const r = record.data;
    const species = judge(r[RAW_FIELDS.species], SpeciesSchema);
    const island = judge(r[RAW_FIELDS.island], IslandSchema);
    const sex = judge(r[RAW_FIELDS.sex], SexSchema);
    const measurements = MEASUREMENT_FIELDS.map((field) => judge(r[field], MeasurementSchema));

    const missing: PenguinField[] = [];
    const invalid: PenguinField[] = [];
    const missingText: string[] = [];
    const note = (field: PenguinField, state: FieldState<unknown>): void => {
      if (state.kind === 'missing') {
        missing.push(field);
        // Say which marker stood in for the value, so "." is visible in the report.
        missingText.push(
          state.marker === null ? field : `${field} (was ${JSON.stringify(state.marker)})`,
        );
      }
      if (state.kind === 'invalid') invalid.push(field);
    };
    note(RAW_FIELDS.species, species);
    note(RAW_FIELDS.island, island);
    MEASUREMENT_FIELDS.forEach((field, i) => note(field, measurements[i] as FieldState<number>));
    note(RAW_FIELDS.sex, sex);

    if (species.kind === 'ok') report.rawSpeciesCounts[species.value] += 1;
    const fields = [...missing, ...invalid];
    if (fields.length === 0) report.completeCases += 1;

    const values = measurements.map((m) => (m.kind === 'ok' ? m.value : null));
    const [beakLengthMm, beakDepthMm, flipperLengthMm, bodyMassG] = values;
    if (
      species.kind !== 'ok' ||
      beakLengthMm == null ||
      beakDepthMm == null ||
      flipperLengthMm == null ||
      bodyMassG == null
    ) {
      report.issues.push({
        id,
        fields,
        action: 'dropped',
        reason: `${describe(missingText, invalid)}: species and all four measurements are required`,
      });
      return;
    }
    if (fields.length > 0) {
      report.issues.push({
        id,
        fields,
        action: 'kept',
        reason: `${describe(missingText, invalid)}: kept, with those fields set to null`,
      });
    }
    const row: PenguinRow = {
      id,
      species: species.value,
      island: island.kind === 'ok' ? island.value : null,
      beakLengthMm,
      beakDepthMm,
      flipperLengthMm,
      bodyMassG,
      sex: sex.kind === 'ok' ? (sex.value.toLowerCase() as 'female' | 'male') : null,
    };
    rows.push(row);
    report.keptSpeciesCounts[row.species] += 1;
    if (row.sex === null) report.keptWithUnknownSex += 1;
  });

  report.keptRows = rows.length;
  report.droppedRows = report.rawRecords - rows.length;
  return { rows, report };
}

/** Model input names for the four measurements, in column order (snake_case with the unit). */
export const PENGUIN_FEATURE_NAMES = [
  'beak_length_mm',
  'beak_depth_mm',
  'flipper_length_mm',
  'body_mass_g',
] as const;

/** Units of `PENGUIN_FEATURE_NAMES`, same order. */
export const PENGUIN_FEATURE_UNITS = ['mm', 'mm', 'mm', 'g'] as const;

/** A penguin's measurements in `PENGUIN_FEATURE_NAMES` order. */
export function penguinFeatureVector(row: PenguinRow): number[] {
  return [row.beakLengthMm, row.beakDepthMm, row.flipperLengthMm, row.bodyMassG];
}

/** A penguin's measurements keyed by feature name (the shape `predictOne` and the API take). */
export function penguinFeaturesByName(row: PenguinRow): Record<string, number> {
  const values = penguinFeatureVector(row);
  return Object.fromEntries(
    PENGUIN_FEATURE_NAMES.map((name, i) => [name, values[i] ?? Number.NaN]),
  );
}

/**
 * The booklet's one example penguin: the first record of the Palmer penguins data (an Adelie male
 * from Torgersen), in the API's field names. Forms, presets, schema examples and benches start
 * from it; penguins.test.ts checks it against the published data.
 */
export const EXAMPLE_PENGUIN = Object.freeze({
  beak_length_mm: 39.1,
  beak_depth_mm: 18.7,
  flipper_length_mm: 181,
  body_mass_g: 3750,
  island: 'Torgersen',
  sex: 'male',
} as const);

/** The example penguin's four measurements only, keyed by feature name. */
export const EXAMPLE_PENGUIN_FEATURES: Readonly<
  Record<(typeof PENGUIN_FEATURE_NAMES)[number], number>
> = Object.freeze(
  Object.fromEntries(PENGUIN_FEATURE_NAMES.map((name) => [name, EXAMPLE_PENGUIN[name]])) as Record<
    (typeof PENGUIN_FEATURE_NAMES)[number],
    number
  >,
);
