import { describe, expect, it } from 'vitest';
import { cleanPenguins } from '../data/penguins';
import { readRawPenguins } from '../data/vega-files-node';
import { trainCandidate } from '../cicd/candidate';
import { trainPenguinRun } from '../model/penguin-run';
import { runOffline } from '../production/offline';
import { buildScenario } from '../production/scenarios';
import { createSimulation } from '../sim/queueing';
import { parseSimulatorInput } from '../sim/scenario';
import { mmcSojournQuantile } from '../sim/theory';
import {
  CANDIDATE_EXERCISE,
  candidateAccuracy,
  defaultTestAccuracy,
  DRIFT_EXERCISE,
  firstDriftAlertStep,
  SCALING_EXERCISE_FIELDS,
  scalingP95Ms,
} from './expected-node';

describe('expected answers equal what the widgets compute', () => {
  it("ch1: the default held-out accuracy is the train widget's, a count of birds over the test split", async () => {
    const { rows, report } = cleanPenguins(await readRawPenguins());
    // The widget's own path: trainPenguinRun with the form's default settings.
    const run = await trainPenguinRun(rows, report);
    const accuracy = await defaultTestAccuracy();
    expect(accuracy).toBe(run.metrics.accuracy);
    const n = run.split.test.length;
    expect(Math.abs(accuracy * n - Math.round(accuracy * n))).toBeLessThan(1e-9);
  });

  it("ch4: the candidate's accuracy is the playground's, scored on the production model's test split", async () => {
    const { rows, report } = cleanPenguins(await readRawPenguins());
    const evaluation = await trainCandidate(rows, CANDIDATE_EXERCISE);
    const accuracy = await candidateAccuracy();
    expect(accuracy).toBe(evaluation.accuracy);
    expect(accuracy).toBe(evaluation.correct / evaluation.testRows);
    // Same held-out birds as the default model, which scores higher after its full training.
    const production = await trainPenguinRun(rows, report);
    expect(evaluation.testRows).toBe(production.split.test.length);
    expect(accuracy).toBeLessThan(production.metrics.accuracy);
  });

  it('ch3: the p95 equals the sliced run the widget steps through, near the M/M/1 quantile', () => {
    const parsed = parseSimulatorInput({
      values: SCALING_EXERCISE_FIELDS,
      policy: 'round-robin',
      serviceKind: 'exponential',
      autoscale: false,
      measuredMs: null,
    });
    if (!parsed.ok) throw new Error('settings rejected');
    const sim = createSimulation(parsed.config);
    while (!sim.done) sim.step(2000);
    const p95 = scalingP95Ms();
    expect(p95).toBe(sim.result().latency.p95 * 1000);
    // M/M/1 with λ = 90, μ = 100: sojourn ~ Exp(μ − λ), p95 = ln 20 / 10 s ≈ 300 ms. A 55 s
    // window of a ρ = 0.9 queue is noisy, so only the order of magnitude must agree.
    const theory = mmcSojournQuantile(90, 100, 1, 0.95) * 1000;
    expect(theory).toBeCloseTo((Math.log(20) / 10) * 1000, 6);
    expect(p95).toBeGreaterThan(theory / 2);
    expect(p95).toBeLessThan(theory * 2);
  });

  it('ch5: the first alert is the first alerting drift check, after the bug starts at 800', async () => {
    const step = await firstDriftAlertStep();
    const birds = cleanPenguins(await readRawPenguins()).rows;
    const sim = await runOffline(
      buildScenario(DRIFT_EXERCISE.scenario, { penguins: birds }, DRIFT_EXERCISE.seed),
    );
    expect(step).toBe(sim.driftChecks.find((c) => c.alert)?.step);
    expect(step).toBeGreaterThan(800);
    expect(sim.driftChecks.find((c) => c.alert)?.persistentColumns).toContain('body_mass_g');
  });
});
