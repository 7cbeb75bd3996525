import { describe, expect, it } from 'vitest';
import { cleanPenguins, penguinFeatureVector, type PenguinRow } from '../data/penguins';
import { cleanSeattleWeather, type WeatherDay } from '../data/seattle-weather';
import { readVegaDataText } from '../data/vega-files-node';
import { detectDrift } from '../drift/detect';
import {
  buildPenguinScenario,
  buildScenario,
  buildSeasonalScenario,
  PENGUIN_STREAM_DEFAULTS,
  SCENARIO_IDS,
  swappedSpecies,
} from './scenarios';

const penguins: PenguinRow[] = cleanPenguins(
  JSON.parse(await readVegaDataText('penguins.json')),
).rows;
const weather: WeatherDay[] = cleanSeattleWeather(
  await readVegaDataText('seattle-weather.csv'),
).rows;

/**
 * Scenario `id` with the control stream of the same seed: each request beside the control's
 * request at the same step, and the step at which the change starts.
 */
function besideControl(id: 'unit-bug' | 'label-swap', seed: number) {
  const control = buildPenguinScenario('control', penguins, { seed });
  const changed = buildPenguinScenario(id, penguins, { seed });
  const pairs = changed.stream.map((row, t) => [row, control.stream[t]!, t] as const);
  return { changed, at: PENGUIN_STREAM_DEFAULTS.changeAt, pairs };
}

function columns(rows: readonly (readonly number[])[], names: readonly string[]) {
  return Object.fromEntries(names.map((n, j) => [n, rows.map((r) => r[j] as number)]));
}

describe('the seasonal scenario', () => {
  const scenario = buildSeasonalScenario(weather, 1);

  it('trains on June–August 2012 and serves every later day in date order', () => {
    // June (30) + July (31) + August (31) days, all present in the cleaned file.
    expect(scenario.training.x).toHaveLength(92);
    const later = weather.filter((d) => d.date >= '2012-09-01');
    expect(scenario.stream).toHaveLength(later.length);
    expect(scenario.stream[0]?.date).toBe('2012-09-01');
    expect(scenario.stream.at(-1)?.date).toBe('2015-12-31');
    const dates = scenario.stream.map((r) => r.date);
    expect([...dates].sort()).toEqual(dates);
  });

  it('labels a day wet exactly when it had precipitation, and never feeds that precipitation in', () => {
    expect(scenario.featureNames).not.toContain('precipitation');
    const byDate = new Map(weather.map((d) => [d.date, d]));
    for (const row of scenario.stream) {
      const day = byDate.get(row.date) as WeatherDay;
      expect(row.label).toBe(day.precipitationMm > 0 ? 'wet' : 'dry');
      // Inputs: max, min, wind, range, yesterday's precipitation and wetness.
      expect(row.x).toEqual([
        day.tempMaxC,
        day.tempMinC,
        day.windMs,
        day.tempRangeC,
        day.prevPrecipitationMm,
        day.prevPrecipitationMm > 0 ? 1 : 0,
      ]);
    }
  });

  it('is the same for any seed (the weather is what it was)', () => {
    expect(buildSeasonalScenario(weather, 99).stream).toEqual(scenario.stream);
  });

  it('marks each new year', () => {
    expect(scenario.events.map((e) => e.label)).toEqual(['2013', '2014', '2015']);
  });
});

describe('the penguin scenarios', () => {
  it('resample real birds with small noise, deterministically under the seed', () => {
    const a = buildPenguinScenario('control', penguins, { seed: 3 });
    const b = buildPenguinScenario('control', penguins, { seed: 3 });
    const c = buildPenguinScenario('control', penguins, { seed: 4 });
    expect(a.stream).toEqual(b.stream);
    expect(a.stream).not.toEqual(c.stream);
    expect(a.stream).toHaveLength(PENGUIN_STREAM_DEFAULTS.length);
    // Every streamed row lies within 0.3 standard deviations (6 × the 0.05 noise) of a real bird
    // of the same species, in every measurement.
    const all = penguins.map(penguinFeatureVector);
    const stds = [0, 1, 2, 3].map((j) => {
      const v = all.map((r) => r[j] as number);
      const mean = v.reduce((s, x) => s + x, 0) / v.length;
      return Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length);
    });
    for (const row of a.stream.slice(0, 200)) {
      const near = penguins.some(
        (p) =>
          p.species === row.label &&
          penguinFeatureVector(p).every(
            (v, j) => Math.abs(v - (row.x[j] as number)) <= 0.3 * (stds[j] as number),
          ),
      );
      expect(near).toBe(true);
    }
    // Sanity check of the scale: body mass varies by hundreds of grams (R's sd() gives 801.95).
    expect(stds[3]).toBeGreaterThan(700);
  });

  it('trains the deployed model on the chapter-1 split: 80% of each species', () => {
    const s = buildPenguinScenario('control', penguins, { seed: 1 });
    // 151 Adelie, 68 Chinstrap, 123 Gentoo; round(0.2·n) held out per species.
    expect(s.training.y.filter((y) => y === 'Adelie')).toHaveLength(151 - 30);
    expect(s.training.y.filter((y) => y === 'Chinstrap')).toHaveLength(68 - 14);
    expect(s.training.y.filter((y) => y === 'Gentoo')).toHaveLength(123 - 25);
  });

  it('the unit bug divides body mass by 1000 from the change on, and nothing else', () => {
    const { changed: bug, at, pairs } = besideControl('unit-bug', 5);
    for (const [row, base, t] of pairs) {
      expect(row.label).toBe(base.label);
      expect(row.x.slice(0, 3)).toEqual(base.x.slice(0, 3));
      expect(row.x[3]).toBeCloseTo(
        t >= at ? (base.x[3] as number) / 1000 : (base.x[3] as number),
        9,
      );
    }
    expect(bug.events).toEqual([{ step: at, label: 'body mass now in kg' }]);
  });

  it('after the bug starts, detectDrift flags body mass and only body mass', () => {
    const bug = buildPenguinScenario('unit-bug', penguins, { seed: 5 });
    const at = PENGUIN_STREAM_DEFAULTS.changeAt;
    const names = bug.featureNames;
    const reference = columns(bug.training.x, names);
    const before = detectDrift(
      reference,
      columns(
        bug.stream.slice(at - 100, at).map((r) => r.x),
        names,
      ),
      bug.schema,
    );
    const after = detectDrift(
      reference,
      columns(
        bug.stream.slice(at, at + 100).map((r) => r.x),
        names,
      ),
      bug.schema,
    );
    expect(before.columns.every((c) => !c.drifted)).toBe(true);
    const drifted = after.columns.filter((c) => c.drifted).map((c) => c.column);
    expect(drifted).toEqual(['body_mass_g']);
    // 273 reference rows ≤ 1000: Evidently's default for a continuous column is KS.
    expect(after.columns.find((c) => c.column === 'body_mass_g')?.test).toBe('ks');
    // Disjoint samples: D = 1, and the exact two-sided p-value is tiny.
    expect(after.columns.find((c) => c.column === 'body_mass_g')?.value).toBeLessThan(1e-30);
  });

  it('the label swap exchanges Adelie and Chinstrap from the change on and keeps the inputs', () => {
    const { at, pairs } = besideControl('label-swap', 6);
    for (const [row, base, t] of pairs) {
      expect(row.x).toEqual(base.x);
      expect(row.label).toBe(t >= at ? swappedSpecies(base.label) : base.label);
    }
    expect(swappedSpecies('Gentoo')).toBe('Gentoo');
  });
});

describe('buildScenario', () => {
  it('builds every scenario from the data it needs', () => {
    for (const id of SCENARIO_IDS) {
      const s = buildScenario(id, { penguins, weather }, 1);
      expect(s.info.id).toBe(id);
      expect(s.stream.length).toBeGreaterThan(1000);
      expect(Object.keys(s.schema)).toEqual(s.featureNames);
    }
  });

  it('refuses a scenario whose data is missing', () => {
    expect(() => buildScenario('seasonal', { penguins }, 1)).toThrow(RangeError);
    expect(() => buildScenario('control', { weather }, 1)).toThrow(RangeError);
  });
});
