import { describe, expect, it } from 'vitest';
import { cleanPenguins, PENGUIN_FEATURE_NAMES } from '../data/penguins';
import { cleanSeattleWeather } from '../data/seattle-weather';
import { readVegaDataText } from '../data/vega-files-node';
import { domainCheck, domainWindowsFor } from './domain-windows';
import { buildScenario } from './scenarios';

const penguins = cleanPenguins(JSON.parse(await readVegaDataText('penguins.json'))).rows;
const weather = cleanSeattleWeather(await readVegaDataText('seattle-weather.csv')).rows;

describe('domain-classifier windows', () => {
  it('cuts the seasonal stream at the calendar dates of each window', () => {
    const scenario = buildScenario('seasonal', { weather }, 7);
    const windows = domainWindowsFor(scenario);
    expect(windows.map((w) => w.label)).toEqual([
      'September–November 2012',
      'December 2012–February 2013',
      'June–August 2013',
      'December 2013–February 2014',
      'June–August 2014',
    ]);
    const first = windows[0]!;
    expect(scenario.stream[first.from]?.date).toBe('2012-09-01');
    expect(scenario.stream[first.to - 1]?.date).toBe('2012-11-30');
    const summer = windows[2]!;
    expect(scenario.stream[summer.from]?.date).toBe('2013-06-01');
    expect(scenario.stream[summer.to - 1]?.date).toBe('2013-08-31');
    expect(summer.to - summer.from).toBe(92);
  });

  it('separates the kilogram birds perfectly, by their body mass', () => {
    const scenario = buildScenario('unit-bug', { penguins }, 7);
    const [window] = domainWindowsFor(scenario);
    expect(window).toMatchObject({ from: 800, to: 1100 });
    const result = domainCheck(scenario, window!);
    expect(result.auc).toBe(1);
    const magnitudes = result.weights.map(Math.abs);
    const largest = magnitudes.indexOf(Math.max(...magnitudes));
    expect(PENGUIN_FEATURE_NAMES[largest]).toBe('body_mass_g');
  });

  it('cannot see the label swap: its inputs are the control’s', () => {
    const swap = buildScenario('label-swap', { penguins }, 7);
    const control = buildScenario('control', { penguins }, 7);
    const a = domainCheck(swap, domainWindowsFor(swap)[0]!);
    const b = domainCheck(control, domainWindowsFor(control)[0]!);
    expect(a.auc).toBe(b.auc);
    expect(Math.abs(b.auc - 0.5)).toBeLessThan(0.1);
  });
});
