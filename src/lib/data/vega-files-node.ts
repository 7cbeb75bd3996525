/**
 * Node-only access to the raw files of the `vega-datasets` package, for build-time endpoints,
 * scripts, benches and tests. Browser code never imports this module: pages receive the cleaned
 * JSON that `src/pages/data/*.json.ts` writes at build time.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Files this project reads from vega-datasets. */
export type VegaDataFile = 'penguins.json' | 'seattle-weather.csv';

/** Absolute path of a file in vega-datasets' `data/` folder. */
export function vegaDataPath(file: VegaDataFile): string {
  // The package's `exports` map only exposes its entry point (build/index.js), so the data folder
  // is found next to it rather than through a `vega-datasets/data/...` specifier.
  const entry = createRequire(import.meta.url).resolve('vega-datasets');
  return join(dirname(entry), '..', 'data', file);
}

/** Reads one vega-datasets file as UTF-8 text. */
export async function readVegaDataText(file: VegaDataFile): Promise<string> {
  return readFile(vegaDataPath(file), 'utf8');
}

/** The records of vega-datasets' penguins.json, parsed but not yet cleaned. */
export async function readRawPenguins(): Promise<unknown> {
  return JSON.parse(await readVegaDataText('penguins.json')) as unknown;
}
