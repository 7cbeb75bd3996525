/**
 * The answers of the "read it off the widget" exercises, computed at build time by the same
 * src/lib code each widget runs, on the same vega-datasets files. Nothing here is typed in: the
 * exercise component awaits these values in its frontmatter, so a change to a widget's code or
 * data changes the expected answer with it.
 */
import { defaultPenguinArtifact } from '../artifacts/penguins-node';
import { trainCandidate, type CandidateSettings } from '../cicd/candidate';
import { cleanPenguins } from '../data/penguins';
import { readRawPenguins } from '../data/vega-files-node';
import { runOffline } from '../production/offline';
import { buildScenario, type ScenarioId } from '../production/scenarios';
import { runSimulation } from '../sim/queueing';
import { SIMULATOR_DEFAULTS } from '../sim/form-defaults';
import { parseSimulatorInput, type SimulatorField } from '../sim/scenario';

/** Chapter 3's exercise settings: the simulator's defaults with λ = 90 requests/s. */
export const SCALING_EXERCISE_FIELDS: Readonly<Record<SimulatorField, string>> = {
  ...SIMULATOR_DEFAULTS.values,
  arrivalRate: '90',
};

/** Chapter 5's exercise: the scenario and seed of the first-alert question. */
export const DRIFT_EXERCISE = { scenario: 'unit-bug' as ScenarioId, seed: 7 };

/** Held-out accuracy (a fraction) of chapter 1's model trained with the default settings. */
export async function defaultTestAccuracy(): Promise<number> {
  return (await defaultPenguinArtifact()).run.metrics.accuracy;
}

/** Chapter 4's exercise: the candidate the gate evaluates (the playground's seed, fewer epochs). */
export const CANDIDATE_EXERCISE: CandidateSettings = { seed: 42, epochs: 5, learningRate: 0.1 };

/** Held-out accuracy (a fraction) of the pipeline playground's candidate trained with `settings`. */
export async function candidateAccuracy(
  settings: CandidateSettings = CANDIDATE_EXERCISE,
): Promise<number> {
  const { rows } = cleanPenguins(await readRawPenguins());
  return (await trainCandidate(rows, settings)).accuracy;
}

/** The scaling simulator's p95 latency in milliseconds for `fields` (round-robin, exponential). */
export function scalingP95Ms(
  fields: Readonly<Record<SimulatorField, string>> = SCALING_EXERCISE_FIELDS,
): number {
  const parsed = parseSimulatorInput({ ...SIMULATOR_DEFAULTS, values: fields });
  if (!parsed.ok)
    throw new RangeError(`exercise settings rejected: ${JSON.stringify(parsed.errors)}`);
  return runSimulation(parsed.config).latency.p95 * 1000;
}

/** Runs a chapter-5 penguin scenario with its default settings, as the widget does for a seed. */
export async function penguinScenarioEvents(scenario: ScenarioId, seed: number) {
  const birds = cleanPenguins(await readRawPenguins()).rows;
  const run = await runOffline(buildScenario(scenario, { penguins: birds }, seed));
  return run.events;
}

/** The request number of the first data-drift alert in a seeded penguin scenario (null if none). */
export async function firstDriftAlertStep(
  scenario: ScenarioId = DRIFT_EXERCISE.scenario,
  seed: number = DRIFT_EXERCISE.seed,
): Promise<number | null> {
  const events = await penguinScenarioEvents(scenario, seed);
  return events.find((e) => e.kind === 'data-drift-alert')?.step ?? null;
}
