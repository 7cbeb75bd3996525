/**
 * Writes the data files of labs 04 and 05 from the `vega-datasets` package, so the notebooks read
 * them from their own folder and never fetch anything at run time:
 *
 * - `penguins.csv`: vega-datasets' penguins.json as CSV, every record kept as it is (missing values
 *   empty), with snake_case column names; the notebooks show their own cleaning.
 * - `seattle-weather.csv` (lab 05 only): vega-datasets' seattle-weather.csv, byte for byte.
 *
 *   npx tsx scripts/write-lab-data-ops.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readVegaDataText } from '../src/lib/data/vega-files';

const PENGUIN_COLUMNS = [
  ['species', 'Species'],
  ['island', 'Island'],
  ['beak_length_mm', 'Beak Length (mm)'],
  ['beak_depth_mm', 'Beak Depth (mm)'],
  ['flipper_length_mm', 'Flipper Length (mm)'],
  ['body_mass_g', 'Body Mass (g)'],
  ['sex', 'Sex'],
] as const;

/** One CSV field: empty for null, quoted when it holds a comma, quote or line break (RFC 4180). */
function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** penguins.json records as CSV text with a header line. */
export function penguinsCsv(records: readonly Record<string, unknown>[]): string {
  const lines = [PENGUIN_COLUMNS.map(([name]) => name).join(',')];
  for (const record of records) {
    lines.push(PENGUIN_COLUMNS.map(([, key]) => csvField(record[key])).join(','));
  }
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'labs');
  const penguins = penguinsCsv(JSON.parse(await readVegaDataText('penguins.json')));
  const weather = await readVegaDataText('seattle-weather.csv');
  const files: [string, string][] = [
    ['04_CI_CD_Pipeline/data/penguins.csv', penguins],
    ['05_Monitoring_and_Retraining/data/penguins.csv', penguins],
    ['05_Monitoring_and_Retraining/data/seattle-weather.csv', weather],
  ];
  for (const [path, text] of files) {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    console.log(`wrote labs/${path} (${text.length} bytes)`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
