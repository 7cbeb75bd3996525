/**
 * The production simulator's lazy boundary, imported on the reader's first Start: loads the data
 * and the deployed model with the kit's asset loaders, the shared onnxruntime-web through the
 * widget chrome, builds the engine with ONNX-backed predictors, and plays it tick by tick in
 * slices. Nothing here runs before the reader asks for the demo.
 */
import type { ProductionSimulation } from '../../lib/production/engine';
import { trainSoftmax } from '../../lib/model/train';
import { createProductionSimulation } from '../../lib/production/engine';
import { onnxDeployer, onnxPredictor } from '../../lib/production/onnx-predictor';
import { buildScenario, type ScenarioId } from '../../lib/production/scenarios';
import type { SimulationSettings } from '../../lib/production/settings';
import { estimateClockResolution } from '../../lib/monitoring/clock';
import { formatPercent } from '../../lib/format';
import { createSession, OrtLoadError } from '../../lib/runtime/ort';
import { loadModelBytes, loadPenguins, loadWeather } from '../widget/assets';
import type { WidgetChrome } from '../widget/chrome';
import { describeError } from '../widget/errors';
import { nextTask } from '../widget/tasks';
import { parseLogFilter } from '../../lib/production/log';
import {
  buildView,
  renderSimulation,
  setFeatureOptions,
  type SimulatorView,
} from './simulator-view';

/** A started simulation and what the reader should know about it. */
export interface StartedSimulation {
  simulation: ProductionSimulation;
  /** Where version 1 came from. */
  initialModel: string;
  /** The browser clock's step in ms: measured latencies are shown no finer than this. */
  clockResolutionMs: number;
}

/**
 * Builds the scenario, loads the runtime and the first model, and returns a simulation whose
 * predictors are onnxruntime-web sessions. Download progress goes to `chrome`; failures are
 * typed (AssetLoadError, OrtLoadError) so the chrome can offer Retry.
 */
export async function startSimulation(
  id: ScenarioId,
  settings: SimulationSettings,
  chrome: WidgetChrome,
): Promise<StartedSimulation> {
  chrome.progress('Downloading the data…', { fraction: 0.05 });
  const seasonal = id === 'seasonal';
  const data = seasonal
    ? { weather: await loadWeather() }
    : { penguins: (await loadPenguins()).rows };
  const scenario = buildScenario(id, data, settings.seed);
  const ort = await chrome.loadRuntime();
  const { encodeSoftmaxModel } = await import('../../lib/onnx/encode');
  const open = (bytes: Uint8Array) => createSession(ort, bytes);
  let initialBytes: Uint8Array;
  let initialModel: string;
  if (seasonal) {
    chrome.progress('Training the first rain model on June–August 2012…', { fraction: 0.8 });
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
    chrome.progress('Downloading the deployed model…', { fraction: 0.8 });
    initialBytes = await loadModelBytes();
    initialModel = 'models/penguins.onnx, the artifact chapter 1 builds';
  }
  const session = await open(initialBytes).catch((cause: unknown) => {
    throw new OrtLoadError('init', 'The model could not be loaded into onnxruntime.', { cause });
  });
  const initial = onnxPredictor(ort, session, {
    classes: scenario.classes,
    featureCount: scenario.featureNames.length,
  });
  const deployer = onnxDeployer(ort, encodeSoftmaxModel, open);
  return {
    simulation: createProductionSimulation(scenario, { ...settings }, initial, deployer),
    initialModel,
    clockResolutionMs: estimateClockResolution(() => performance.now()),
  };
}

/** What a player needs from the element. */
export interface PlayerOptions {
  /** The widget's output box: the view is built in it on the first run and reused after. */
  output: HTMLElement;
  chrome: WidgetChrome;
  seed: number;
  /** Ticks per second the reader picked (0: as fast as possible). */
  speed: () => number;
  /** Playing, paused or finished: the element updates its buttons. */
  changed: () => void;
}

// Work per slice before yielding at full speed, so no task comes near 50 ms.
const SLICE_MS = 8;
// Redrawing costs more than a slice of ticks: a few redraws a second are enough at full speed.
const FAST_REDRAW_MS = 250;

/** Plays a simulation (paced or as fast as possible, pausable, one tick at a time) and draws it. */
export class SimulatorPlayer {
  #playing = false;
  #fast = false;
  #ticking: Promise<void> | null = null;
  #stopped = false;
  #drawQueued = false;
  readonly #view: SimulatorView;
  readonly #chrome: WidgetChrome;

  constructor(
    readonly started: StartedSimulation,
    private readonly options: PlayerOptions,
  ) {
    this.#chrome = options.chrome;
    this.#view = buildView(options.output);
    this.#view.redraw = () => this.draw();
    const { featureNames, featureUnits } = started.simulation.scenario;
    setFeatureOptions(this.#view, featureNames, featureUnits);
    options.output.hidden = false;
    this.draw();
  }

  get sim(): ProductionSimulation {
    return this.started.simulation;
  }
  get playing(): boolean {
    return this.#playing;
  }
  get fast(): boolean {
    return this.#fast;
  }

  /** "Running: <scenario>, seed N." */
  runningText(): string {
    return `Running: ${this.sim.scenario.info.title}, seed ${this.options.seed}.`;
  }

  /** The finished run in one sentence (the seeded outcomes: alerts, swaps, accuracy). */
  finishText(): string {
    const sim = this.sim;
    const count = (kind: string) => sim.events.filter((e) => e.kind === kind).length;
    const last = sim.points.at(-1);
    const accuracy =
      last && Number.isFinite(last.accuracy) ? formatPercent(last.accuracy) : 'not measured';
    return `Finished: ${sim.step} requests served. Data-drift alerts: ${count('data-drift-alert')}. Models swapped in: ${count('model-swapped')}. Accuracy of the last labelled window: ${accuracy}.`;
  }

  /** Starts (or resumes) playing; `fast` runs as fast as possible whatever the speed menu says. */
  play(fast: boolean): void {
    this.#fast = fast;
    if (this.#stopped || this.sim.done) return;
    this.#chrome.status(fast ? 'Running to the end as fast as possible…' : this.runningText());
    if (!this.#playing) {
      this.#playing = true;
      void this.#loop();
    }
    this.options.changed();
  }

  /** Stops after the tick in flight. */
  pause(): void {
    if (!this.#playing) return;
    this.#playing = false;
    this.#chrome.status(`Paused at ${this.sim.step} requests.`);
    this.options.changed();
  }

  /** Serves exactly one tick while paused. */
  async step(): Promise<void> {
    if (this.#playing || this.#ticking || this.sim.done || this.#stopped) return;
    try {
      await this.#tick();
      this.#chrome.status(`Paused at ${this.sim.step} requests.`);
    } catch (error) {
      this.#fail(error);
    }
    this.#afterTicks();
  }

  /** Stops for good and releases the models (a new Start builds a new player). */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#playing = false;
    await this.#ticking;
    await this.sim.dispose();
  }

  /** Redraws on the next frame (at most once per frame). */
  draw(): void {
    if (this.#drawQueued || this.#stopped) return;
    this.#drawQueued = true;
    requestAnimationFrame(() => {
      this.#drawQueued = false;
      if (this.#stopped) return;
      const start = performance.now();
      const filter = parseLogFilter(this.#view.logFilter.value);
      renderSimulation(this.#view, this.sim, { ...this.started, logFilter: filter });
      // Visible in the browser's performance timeline, so redraw cost can be checked.
      performance.measure('production-simulator:draw', { start, end: performance.now() });
    });
  }

  /** The error that stopped the run, with its cause chain (for tests and debugging). */
  lastError: unknown = null;

  #fail(error: unknown): void {
    this.#playing = false;
    this.lastError = error;
    // The cause stays on the error object the chrome keeps; the reader gets one sentence.
    this.#chrome.error(`The simulation stopped: ${describeError(error)}`, null);
  }

  async #tick(): Promise<void> {
    const tick = this.sim.tick().then((report) => {
      for (const e of report.events) {
        if (e.kind === 'model-swapped' || e.kind === 'challenger-rejected') {
          this.#chrome.status(e.message);
        }
      }
    });
    this.#ticking = tick;
    try {
      await tick;
    } finally {
      this.#ticking = null;
    }
  }

  async #loop(): Promise<void> {
    let lastDraw = 0;
    try {
      while (this.#playing && !this.#stopped && !this.sim.done) {
        const speed = this.options.speed();
        const start = performance.now();
        if (this.#fast || speed <= 0) {
          do await this.#tick();
          while (performance.now() - start < SLICE_MS && !this.sim.done && this.#playing);
          performance.measure('production-simulator:slice', { start, end: performance.now() });
          if (performance.now() - lastDraw > FAST_REDRAW_MS) {
            lastDraw = performance.now();
            this.draw();
          }
          await nextTask();
        } else {
          await this.#tick();
          this.draw();
          const wait = Math.max(0, 1000 / speed - (performance.now() - start));
          await new Promise((resolve) => setTimeout(resolve, wait));
        }
      }
    } catch (error) {
      this.#fail(error);
    }
    if (this.#stopped) return;
    this.#playing = false;
    this.#afterTicks();
  }

  #afterTicks(): void {
    this.draw();
    if (this.sim.done) this.#chrome.status(this.finishText());
    this.options.changed();
  }
}
