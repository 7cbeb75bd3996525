/**
 * Loaded on demand when the reader starts the production simulator: fetches the data and the
 * deployed model, loads the shared onnxruntime, and builds the engine with ONNX-backed
 * predictors. Nothing here runs before the reader asks for the demo.
 */
import { parsePenguinsPayload, parseSeattleWeatherPayload } from '../../lib/data/payload';
import type { PenguinRow } from '../../lib/data/penguins';
import type { WeatherDay } from '../../lib/data/seattle-weather';
import { trainSoftmax } from '../../lib/model/train';
import { createProductionSimulation, type ProductionSimulation } from '../../lib/production/engine';
import { onnxDeployer, onnxPredictor } from '../../lib/production/onnx-predictor';
import { buildScenario, type ScenarioId } from '../../lib/production/scenarios';
import type { SimulationSettings } from '../../lib/production/settings';
import { pageOrtLoader } from '../../lib/runtime/browser';
import { createSession, OrtLoadError } from '../../lib/runtime/ort';
import { formatBytes } from '../../lib/format';

export { renderSimulation, type SimulatorView } from './simulator-view';

/** A failure the widget shows with a Retry button. */
export class SimulatorLoadError extends Error {
  override readonly name = 'SimulatorLoadError';
}

/** Progress callback: a label and a fraction (or byte counts) for the shell's progress bar. */
export type ProgressReport = (
  label: string,
  progress: { fraction: number } | { loaded: number; total: number | null },
) => void;

const base = import.meta.env.BASE_URL;
let penguins: Promise<PenguinRow[]> | null = null;
let weather: Promise<WeatherDay[]> | null = null;
let deployedModel: Promise<Uint8Array> | null = null;

async function fetchJson(path: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`${base}${path}`);
  } catch {
    throw new SimulatorLoadError(`Could not download ${path}: the request failed.`);
  }
  if (!response.ok)
    throw new SimulatorLoadError(
      `Could not download ${path}: the server answered ${response.status}.`,
    );
  try {
    return (await response.json()) as unknown;
  } catch {
    throw new SimulatorLoadError(`${path} is not valid JSON.`);
  }
}

// Each download is shared by later runs; a failed one is forgotten so Retry fetches again.
function once<T>(
  get: () => Promise<T> | null,
  set: (p: Promise<T> | null) => void,
  load: () => Promise<T>,
): Promise<T> {
  const existing = get();
  if (existing) return existing;
  const started = load().catch((error: unknown) => {
    set(null);
    throw error;
  });
  set(started);
  return started;
}

function loadPenguins(): Promise<PenguinRow[]> {
  return once(
    () => penguins,
    (p) => (penguins = p),
    async () => {
      const decoded = parsePenguinsPayload(await fetchJson('data/penguins.json'));
      if (!decoded.ok) throw new SimulatorLoadError(`data/penguins.json: ${decoded.error}`);
      return decoded.rows;
    },
  );
}

function loadWeather(): Promise<WeatherDay[]> {
  return once(
    () => weather,
    (p) => (weather = p),
    async () => {
      const decoded = parseSeattleWeatherPayload(await fetchJson('data/seattle-weather.json'));
      if (!decoded.ok) throw new SimulatorLoadError(`data/seattle-weather.json: ${decoded.error}`);
      return decoded.rows;
    },
  );
}

function loadDeployedModel(): Promise<Uint8Array> {
  return once(
    () => deployedModel,
    (p) => (deployedModel = p),
    async () => {
      let response: Response;
      try {
        response = await fetch(`${base}models/penguins.onnx`);
      } catch {
        throw new SimulatorLoadError(
          'Could not download models/penguins.onnx: the request failed.',
        );
      }
      if (!response.ok)
        throw new SimulatorLoadError(
          `Could not download models/penguins.onnx: the server answered ${response.status}.`,
        );
      return new Uint8Array(await response.arrayBuffer());
    },
  );
}

/** A started simulation and what the reader should know about its first model. */
export interface StartedSimulation {
  simulation: ProductionSimulation;
  /** Where version 1 came from. */
  initialModel: string;
}

/**
 * Builds the scenario, loads the runtime and the first model, and returns a simulation whose
 * predictors are onnxruntime-web sessions. Throws SimulatorLoadError or OrtLoadError.
 */
export async function startSimulation(
  id: ScenarioId,
  settings: SimulationSettings,
  progress: ProgressReport,
): Promise<StartedSimulation> {
  progress('Downloading the data…', { fraction: 0.05 });
  const [birds, days] = await Promise.all([
    id === 'seasonal' ? Promise.resolve(undefined) : loadPenguins(),
    id === 'seasonal' ? loadWeather() : Promise.resolve(undefined),
  ]);
  const scenario = buildScenario(
    id,
    { ...(birds ? { penguins: birds } : {}), ...(days ? { weather: days } : {}) },
    settings.seed,
  );
  const ort = await pageOrtLoader().load((p) =>
    progress(
      `Downloading the runtime: ${formatBytes(p.loaded)}${p.total ? ` of ${formatBytes(p.total)}` : ''}`,
      p,
    ),
  );
  const { encodeSoftmaxModel } = await import('../../lib/onnx/encode');
  const open = async (bytes: Uint8Array) => createSession(ort, bytes);
  let initialBytes: Uint8Array;
  let initialModel: string;
  if (id === 'seasonal') {
    progress('Training the first rain model on June–August 2012…', { fraction: 0.8 });
    const trained = await trainSoftmax(
      {
        ...scenario.training,
        featureNames: scenario.featureNames,
        featureUnits: scenario.featureUnits,
        classes: scenario.classes,
      },
      scenario.trainOptions,
      { meta: { version: 'seasonal-v1' } },
    );
    initialBytes = encodeSoftmaxModel(trained.model);
    initialModel = 'trained in this page on June–August 2012 and exported to ONNX';
  } else {
    progress('Downloading the deployed model…', { fraction: 0.8 });
    initialBytes = await loadDeployedModel();
    initialModel = 'models/penguins.onnx, the artifact chapter 1 builds';
  }
  let session;
  try {
    session = await open(initialBytes);
  } catch (cause) {
    throw new OrtLoadError('init', 'The model could not be loaded into onnxruntime.', { cause });
  }
  const initial = onnxPredictor(ort, session, {
    classes: scenario.classes,
    featureCount: scenario.featureNames.length,
  });
  const deployer = onnxDeployer(ort, encodeSoftmaxModel, open);
  return {
    simulation: createProductionSimulation(scenario, { ...settings }, initial, deployer),
    initialModel,
  };
}
