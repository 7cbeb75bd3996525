import { describe, expect, it } from 'vitest';
import { cleanPenguins } from '../data/penguins';
import { readVegaDataText } from '../data/vega-files-node';
import { accuracy } from '../model/metrics';
import { predictLabels } from '../model/predict';
import { runOffline, trainInitialModel } from './offline';
import { buildScenario } from './scenarios';

const penguins = cleanPenguins(JSON.parse(await readVegaDataText('penguins.json'))).rows;

describe('runOffline', () => {
  it('serves the whole stream and is exactly repeatable', async () => {
    const scenario = buildScenario('control', { penguins }, 4);
    const a = await runOffline(scenario);
    const b = await runOffline(scenario);
    expect(a.step).toBe(scenario.stream.length);
    expect(a.points).toEqual(b.points);
  });

  it('scores the served predictions: cumulative accuracy equals the model’s accuracy on the labelled rows', async () => {
    const scenario = buildScenario('control', { penguins }, 4);
    const sim = await runOffline(scenario);
    // No retrain in the control, so every labelled request was answered by the first model; labels
    // of the last `labelDelay` requests never arrive.
    const labelled = scenario.stream.slice(
      0,
      scenario.stream.length - scenario.defaults.labelDelay,
    );
    const expected = accuracy(
      labelled.map((r) => r.label),
      predictLabels(
        trainInitialModel(scenario),
        labelled.map((r) => r.x),
      ),
    );
    expect(sim.points.at(-1)!.cumulativeAccuracy).toBeCloseTo(expected, 12);
  });
});
