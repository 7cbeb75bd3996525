/**
 * The four scenarios of the production simulator, built from the real data sets:
 *
 * - `seasonal`: Seattle weather. The rain model is trained on June–August 2012 and then serves
 *   every day from September 2012 to December 2015, in calendar order: real seasonal drift.
 * - `unit-bug`: penguins whose body mass starts arriving in kilograms (a data bug upstream),
 *   covariate drift in one column while the labelling rule is unchanged.
 * - `label-swap`: penguins whose Adelie and Chinstrap labels are swapped from one request on —
 *   concept drift: the same inputs now have a different correct label.
 * - `control`: penguins with nothing changed.
 *
 * The penguin data has only 342 usable birds, so the penguin streams are made by seeded
 * resampling with replacement from all of them, plus small seeded Gaussian noise on each
 * measurement (so repeated birds are not identical). Most streamed birds were also in the
 * deployed model's training split, so its accuracy on the stream is optimistic; the chapter says so.
 */
import type { DriftSchema } from '../drift/detect';
import { PENGUIN_FEATURE_NAMES, penguinFeatureVector, type PenguinRow } from '../data/penguins';
import {
  daysInRange,
  WEATHER_CLASSES,
  WEATHER_DEFAULT_FEATURES,
  weatherFeatureMatrix,
  weatherFeatureUnits,
  weatherLabel,
  type WeatherDay,
} from '../data/seattle-weather';
import {
  DEFAULT_PENGUIN_SETTINGS,
  penguinTrainingData,
  splitPenguins,
} from '../model/default-model';
import { DEFAULT_TRAIN_OPTIONS, type TrainOptions } from '../model/train';
import { createRng } from '../sim/rng';
import type { SimulationSettings } from './settings';

/** Scenario identifiers, in the order the widget lists them. */
export const SCENARIO_IDS = ['seasonal', 'unit-bug', 'label-swap', 'control'] as const;

/** One scenario identifier. */
export type ScenarioId = (typeof SCENARIO_IDS)[number];

/** Which data set a scenario streams. */
export type ScenarioDataset = 'seattle-weather' | 'penguins';

/** Reader-facing description of a scenario. */
export interface ScenarioInfo {
  /** Identifier. */
  id: ScenarioId;
  /** Menu label. */
  title: string;
  /** One or two sentences on what happens in the stream. */
  summary: string;
  /** Data set streamed. */
  dataset: ScenarioDataset;
  /** What one request is. */
  requestUnit: 'day' | 'bird';
  /** Whether the stream changes at all; in a stream that never does, every drift alarm is false. */
  hasDrift: boolean;
}

/** The four scenarios' descriptions. */
export const SCENARIOS: Readonly<Record<ScenarioId, ScenarioInfo>> = {
  seasonal: {
    id: 'seasonal',
    title: 'Seasonal drift (Seattle weather)',
    summary:
      'A “will it rain today?” model trained on June–August 2012 serves every day from September 2012 to December 2015, in order. Each day is one request; its label arrives the next day.',
    dataset: 'seattle-weather',
    requestUnit: 'day',
    hasDrift: true,
  },
  'unit-bug': {
    id: 'unit-bug',
    title: 'Data bug: body mass in kilograms (penguins)',
    summary:
      'The deployed penguin classifier serves resampled birds. From request 800 an upstream change sends body mass in kilograms instead of grams. Labels arrive 300 requests late.',
    dataset: 'penguins',
    requestUnit: 'bird',
    hasDrift: true,
  },
  'label-swap': {
    id: 'label-swap',
    title: 'Concept drift: Adelie and Chinstrap swapped (penguins)',
    summary:
      'From request 800 the correct answer for every Adelie bird is “Chinstrap” and the reverse: the inputs do not change, the labelling rule does. Labels arrive 300 requests late.',
    dataset: 'penguins',
    requestUnit: 'bird',
    hasDrift: true,
  },
  control: {
    id: 'control',
    title: 'No drift (control)',
    summary:
      'Resampled penguins with nothing changed. A sound monitoring setup should raise no data-drift alert here and never retrain.',
    dataset: 'penguins',
    requestUnit: 'bird',
    hasDrift: false,
  },
};

/** One request of the stream: the inputs, the true label (revealed later), and when it happened. */
export interface StreamRow {
  /** Raw feature values, in the scenario's feature order. */
  x: number[];
  /** The correct label under the rule in force at this request. */
  label: string;
  /** Date (weather) or "" (penguins, where only the request number matters). */
  date: string;
}

/** A point in the stream the reader should know about (the bug starts, the labels swap). */
export interface ScenarioEvent {
  /** Request index at which it happens. */
  step: number;
  /** Short label for chart markers. */
  label: string;
}

/** Everything the engine needs to run a scenario. */
export interface ProductionScenario {
  /** Description. */
  info: ScenarioInfo;
  /** Model input names, in column order. */
  featureNames: string[];
  /** Units of the inputs. */
  featureUnits: string[];
  /** Class labels, in probability-column order. */
  classes: string[];
  /** Every input is a numeric column for drift detection. */
  schema: DriftSchema;
  /** Rows the deployed model was trained on: also the first drift reference. */
  training: { x: number[][]; y: string[] };
  /** Training settings of the deployed model (and of retrains). */
  trainOptions: TrainOptions;
  /** The requests, in order. */
  stream: StreamRow[];
  /** Scenario events for chart markers. */
  events: ScenarioEvent[];
  /** Default simulation settings for this scenario. */
  defaults: SimulationSettings;
}

/** Options of the penguin streams. */
export interface PenguinStreamOptions {
  /** Seed of the resampling and the noise. */
  seed: number;
  /** Requests in the stream (default 2000). */
  length?: number;
  /** Request at which the bug or the relabelling starts (default 800). */
  changeAt?: number;
  /** Noise standard deviation as a share of each measurement's standard deviation (default 0.05). */
  noiseScale?: number;
}

/** Penguin stream defaults. */
export const PENGUIN_STREAM_DEFAULTS = { length: 2000, changeAt: 800, noiseScale: 0.05 } as const;

/** The training window and first served day of the seasonal scenario. */
export const SEASONAL_WINDOW = {
  trainFrom: '2012-06-01',
  trainTo: '2012-09-01',
  serveFrom: '2012-09-01',
} as const;

const BODY_MASS_INDEX = PENGUIN_FEATURE_NAMES.indexOf('body_mass_g');

const PENGUIN_DEFAULTS: SimulationSettings = {
  seed: 7,
  batchSize: 20,
  labelDelay: 300,
  accuracyWindow: 100,
  driftWindow: 100,
  driftPersistence: 2,
  driftTest: 'auto',
  driftThreshold: null,
  driftShare: 0.5,
  accuracyThreshold: 0.8,
  consecutiveLowWindows: 2,
  retrainOnDataDrift: false,
  detectorAction: 'warn',
  scheduleEvery: null,
  minNewLabels: 200,
  cooldown: 400,
  retrainWindow: 200,
  holdoutFraction: 0.2,
  tolerance: 0,
  deployDelayTicks: 2,
  injectedErrorRate: 0,
  injectedLatencyMs: 0,
  serviceWindow: 200,
};

const SEASONAL_DEFAULTS: SimulationSettings = {
  ...PENGUIN_DEFAULTS,
  batchSize: 7,
  labelDelay: 1,
  accuracyWindow: 28,
  driftWindow: 28,
  accuracyThreshold: 0.65,
  consecutiveLowWindows: 2,
  minNewLabels: 56,
  cooldown: 56,
  retrainWindow: 120,
  holdoutFraction: 0.25,
  deployDelayTicks: 1,
  serviceWindow: 56,
};

/** The default simulation settings of a scenario (before any seed is chosen). */
export function defaultSettingsFor(id: ScenarioId): SimulationSettings {
  return id === 'seasonal' ? { ...SEASONAL_DEFAULTS } : { ...PENGUIN_DEFAULTS };
}

function columnStd(rows: readonly number[][], j: number): number {
  const n = rows.length;
  const mean = rows.reduce((s, r) => s + (r[j] as number), 0) / n;
  return Math.sqrt(rows.reduce((s, r) => s + ((r[j] as number) - mean) ** 2, 0) / n);
}

/** Maps a species to the label it gets after the relabelling (Adelie ↔ Chinstrap). */
export function swappedSpecies(species: string): string {
  if (species === 'Adelie') return 'Chinstrap';
  if (species === 'Chinstrap') return 'Adelie';
  return species;
}

/**
 * Builds a penguin scenario (`unit-bug`, `label-swap` or `control`) from the cleaned birds.
 * The deployed model's training rows are the default model's stratified training split (seed 42,
 * 20% held out), exactly as chapter 1 trains `penguins.onnx`.
 */
export function buildPenguinScenario(
  id: Exclude<ScenarioId, 'seasonal'>,
  birds: readonly PenguinRow[],
  options: PenguinStreamOptions,
): ProductionScenario {
  if (birds.length === 0) throw new RangeError('no penguin rows to stream');
  const length = options.length ?? PENGUIN_STREAM_DEFAULTS.length;
  const changeAt = options.changeAt ?? PENGUIN_STREAM_DEFAULTS.changeAt;
  const noiseScale = options.noiseScale ?? PENGUIN_STREAM_DEFAULTS.noiseScale;
  // The deployed model's training data, exactly as penguins.onnx is trained on it.
  const training = penguinTrainingData(splitPenguins(birds, DEFAULT_PENGUIN_SETTINGS).train);
  const all = birds.map(penguinFeatureVector);
  const stds = PENGUIN_FEATURE_NAMES.map((_, j) => columnStd(all, j));
  const rng = createRng(options.seed);
  const stream: StreamRow[] = [];
  for (let t = 0; t < length; t++) {
    const bird = birds[rng.int(birds.length)] as PenguinRow;
    // Noise keeps every measurement positive: a bird is never measured at 0 mm or below.
    const x = penguinFeatureVector(bird).map((v, j) =>
      Math.max(v * 0.5, v + noiseScale * (stds[j] as number) * rng.normal()),
    );
    let label: string = bird.species;
    if (t >= changeAt && id === 'unit-bug')
      x[BODY_MASS_INDEX] = (x[BODY_MASS_INDEX] as number) / 1000;
    if (t >= changeAt && id === 'label-swap') label = swappedSpecies(label);
    stream.push({ x, label, date: '' });
  }
  const events: ScenarioEvent[] = [];
  if (id === 'unit-bug') events.push({ step: changeAt, label: 'body mass now in kg' });
  if (id === 'label-swap') events.push({ step: changeAt, label: 'labels swapped' });
  return {
    info: SCENARIOS[id],
    featureNames: [...training.featureNames],
    featureUnits: [...training.featureUnits],
    classes: [...training.classes],
    schema: Object.fromEntries(training.featureNames.map((name) => [name, 'numeric'])),
    training: { x: training.x, y: training.y },
    trainOptions: { ...DEFAULT_TRAIN_OPTIONS },
    stream,
    events,
    defaults: { ...PENGUIN_DEFAULTS, seed: options.seed },
  };
}

/**
 * Builds the seasonal scenario from the cleaned Seattle days: train on June–August 2012, serve
 * every later day in date order. The inputs are the default weather features (temperatures,
 * wind, temperature range, yesterday's precipitation and wetness); the day's own precipitation is
 * the label's source and is never an input. `seed` only seeds injections and retraining.
 */
export function buildSeasonalScenario(
  days: readonly WeatherDay[],
  seed: number,
): ProductionScenario {
  const training = daysInRange(days, SEASONAL_WINDOW.trainFrom, SEASONAL_WINDOW.trainTo);
  const served = days.filter((d) => d.date >= SEASONAL_WINDOW.serveFrom);
  if (training.length === 0 || served.length === 0)
    throw new RangeError('no weather days in range');
  const servedX = weatherFeatureMatrix(served);
  const stream = served.map((day, i) => ({
    x: servedX[i] as number[],
    label: weatherLabel(day),
    date: day.date,
  }));
  // Mark each new year, so the reader can find the winters on the charts.
  const events: ScenarioEvent[] = [];
  served.forEach((day, i) => {
    if (day.date.endsWith('-01-01')) events.push({ step: i, label: day.date.slice(0, 4) });
  });
  return {
    info: SCENARIOS.seasonal,
    featureNames: [...WEATHER_DEFAULT_FEATURES],
    featureUnits: weatherFeatureUnits(),
    classes: [...WEATHER_CLASSES],
    schema: Object.fromEntries(WEATHER_DEFAULT_FEATURES.map((name) => [name, 'numeric'])),
    training: { x: weatherFeatureMatrix(training), y: training.map(weatherLabel) },
    trainOptions: { ...DEFAULT_TRAIN_OPTIONS },
    stream,
    events,
    defaults: { ...SEASONAL_DEFAULTS, seed },
  };
}

/** The data sets a scenario may need. */
export interface ScenarioData {
  /** Cleaned penguins. */
  penguins?: readonly PenguinRow[];
  /** Cleaned Seattle days. */
  weather?: readonly WeatherDay[];
}

/** Builds any scenario; throws a RangeError when its data set is missing or empty. */
export function buildScenario(
  id: ScenarioId,
  data: ScenarioData,
  seed: number,
): ProductionScenario {
  if (id === 'seasonal') {
    if (!data.weather) throw new RangeError('the seasonal scenario needs the weather data');
    return buildSeasonalScenario(data.weather, seed);
  }
  if (!data.penguins) throw new RangeError('penguin scenarios need the penguin data');
  return buildPenguinScenario(id, data.penguins, { seed });
}
