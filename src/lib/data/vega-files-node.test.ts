import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readVegaDataText, vegaDataPath } from './vega-files-node';

describe('vega-files-node', () => {
  it('finds files in the vega-datasets data folder', () => {
    const path = vegaDataPath('penguins.json');
    expect(path.replaceAll('\\', '/')).toMatch(
      /node_modules\/vega-datasets\/data\/penguins\.json$/,
    );
    expect(existsSync(path)).toBe(true);
  });

  it('reads a file as text', async () => {
    const csv = await readVegaDataText('seattle-weather.csv');
    expect(csv.startsWith('date,precipitation,temp_max,temp_min,wind,weather\n')).toBe(true);
  });
});
