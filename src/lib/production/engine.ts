/**
 * The production simulator's engine: one `tick()` serves one batch of the stream through the
 * deployed model and runs everything a monitored service does after it, in this order:
 *
 * 1. If a retrain finished its deploy delay, check champion against challenger on the holdout
 *    and swap between two ticks (no request is in flight then, so none is dropped).
 * 2. Inject failures (seeded) and send the rest of the batch to the model in one call.
 * 3. Log latency and errors (measured, plus injected delay and failures, kept apart).
 * 4. Release the labels that have arrived (delayed by `labelDelay` requests): sliding accuracy,
 *    tumbling accuracy windows, and the DDM detector all see only labelled predictions.
 * 5. Every `driftWindow` requests, test each input column against the reference with detectDrift.
 * 6. Feed the signals to the retraining policy; when it says so, start a retrain on the most recent
 *    labelled requests. Training and export run while later ticks keep being served by the
 *    current model; the swap happens `deployDelayTicks` ticks later.
 *
 * Everything that decides or logs anything is seeded and deterministic. Only latencies are
 * measured (and so vary run to run and machine to machine); they feed the latency charts only. The
 * Page–Hinkley latency alarm watches the seeded injected delay, never the measured time.
 */
import { formatPercent } from '../format';
import type { DatasetDrift } from '../drift/detect';
import type { LatencySummary } from '../monitoring/percentiles';
import type { ModelVersion } from '../monitoring/retraining';
import { checkErrorRate, consultPolicy, runDriftCheck } from './engine-monitor';
import { finishRetrain } from './engine-retrain';
import { recordRequests, releaseLabels, serveBatch } from './engine-serve';
import { EngineState } from './engine-state';
import type { BatchPredictor, ModelDeployer } from './predictor';
import type { ProductionScenario } from './scenarios';
import type { SimulationSettings } from './settings';

export { ERROR_RATE_ALERT } from './engine-state';
export { yieldToEventLoop } from './engine-retrain';

/** Kinds of things the simulator logs. */
export type SimulationEventKind =
  | 'scenario'
  | 'data-drift-alert'
  | 'detector-warning'
  | 'detector-drift'
  | 'latency-alarm'
  | 'error-rate-alert'
  | 'request-failure'
  | 'retrain-started'
  | 'retrain-blocked'
  | 'model-swapped'
  | 'challenger-rejected'
  | 'retrain-failed'
  | 'injection';

/** One line of the simulator's log. */
export interface SimulationEvent {
  /** Requests served before it happened. */
  step: number;
  /** What happened. */
  kind: SimulationEventKind;
  /** Reader-facing sentence. */
  message: string;
}

/** The service and model state after one tick: one point on every time chart. */
export interface TickPoint {
  /** Requests served so far. */
  step: number;
  /** Accuracy over the last `accuracyWindow` labelled predictions (NaN before any label). */
  accuracy: number;
  /** Measured model latency percentiles over the last `serviceWindow` requests. */
  latency: LatencySummary;
  /** The same including injected delay. */
  latencyWithInjected: LatencySummary;
  /** Share of the last `serviceWindow` requests that failed for real (measured). */
  errorRate: number;
  /** Share that failed, injected failures included. */
  errorRateWithInjected: number;
  /** Version serving at the end of the tick. */
  version: number;
  /** Correct / labelled over every prediction labelled so far (NaN before any label). */
  cumulativeAccuracy: number;
}

/** One drift check. */
export interface DriftCheck {
  /** Requests served when it ran. */
  step: number;
  /** detectDrift's verdict on the last `driftWindow` requests. */
  result: DatasetDrift;
  /** Columns that drifted in `driftPersistence` checks in a row. */
  persistentColumns: string[];
  /** Data-drift alert: the data set, or one column, drifted in `driftPersistence` checks in a row. */
  alert: boolean;
}

/** What one tick did. */
export interface TickReport {
  /** The chart point. */
  point: TickPoint;
  /** Events logged during the tick. */
  events: SimulationEvent[];
  /** The drift check, if one ran. */
  driftCheck: DriftCheck | null;
}

/** A running simulation. */
export interface ProductionSimulation {
  /** Scenario being streamed. */
  readonly scenario: ProductionScenario;
  /** Settings in force. */
  readonly settings: SimulationSettings;
  /** Requests served so far. */
  readonly step: number;
  /** Whether the whole stream has been served. */
  readonly done: boolean;
  /** One point per tick. */
  readonly points: readonly TickPoint[];
  /** Every drift check so far. */
  readonly driftChecks: readonly DriftCheck[];
  /** Everything logged so far. */
  readonly events: readonly SimulationEvent[];
  /** Model versions (the initial one, then every retrain, accepted or not). */
  readonly versions: readonly ModelVersion[];
  /** Version currently serving. */
  readonly championVersion: number;
  /** Whether a retrain is training or waiting to be swapped in. */
  readonly retraining: boolean;
  /** Inputs the serving model was trained on: the drift reference. */
  readonly reference: readonly (readonly number[])[];
  /** Inputs of the last drift check's current window (empty before the first check). */
  readonly lastCurrentWindow: readonly (readonly number[])[];
  /** Changes the injected failure share (0–1) and mean added delay (ms) from the next tick on. */
  inject(errorRate: number, latencyMs: number): void;
  /** Serves the next batch; resolves once the tick's bookkeeping is done. Never call twice at once. */
  tick(): Promise<TickReport>;
  /** Waits for any retrain in flight and releases every predictor. */
  dispose(): Promise<void>;
}

/** The chart point at the end of a tick. */
function pointOf(st: EngineState): TickPoint {
  return {
    step: st.step,
    accuracy: st.accuracy.accuracy,
    latency: st.latency.summary(),
    latencyWithInjected: st.latencyWithInjected.summary(),
    errorRate: st.errors.rate,
    errorRateWithInjected: st.errorsWithInjected.rate,
    version: st.policy.championVersion,
    cumulativeAccuracy:
      st.labelledPredictions === 0 ? Number.NaN : st.correctPredictions / st.labelledPredictions,
  };
}

/** One tick, phase by phase in the order the module comment gives. */
async function runTick(st: EngineState): Promise<TickReport> {
  const tickEvents: SimulationEvent[] = [];
  if (st.job !== null && st.tickIndex >= st.job.swapAtTick)
    await finishRetrain(st, st.job, tickEvents);
  recordRequests(st, await serveBatch(st, tickEvents), tickEvents);
  const labels = releaseLabels(st, tickEvents);
  checkErrorRate(st, tickEvents);
  const driftCheck =
    st.driftBuffer.length >= st.s.driftWindow ? runDriftCheck(st, tickEvents) : null;
  consultPolicy(st, labels, driftCheck, tickEvents);
  const point = pointOf(st);
  st.points.push(point);
  st.events.push(...tickEvents);
  return { point, events: tickEvents, driftCheck };
}

/** Changes the injected failures from the next tick on, and logs the change. */
function inject(st: EngineState, errorRate: number, latencyMs: number): void {
  const rate = Math.min(1, Math.max(0, errorRate));
  const delay = Math.max(0, latencyMs);
  if (rate === st.s.injectedErrorRate && delay === st.s.injectedLatencyMs) return;
  st.s.injectedErrorRate = rate;
  st.s.injectedLatencyMs = delay;
  st.events.push({
    step: st.step,
    kind: 'injection',
    message: `Injected from request ${st.step}: ${formatPercent(rate)} of requests fail, ${delay} ms mean added delay.`,
  });
}

/** Waits for a retrain in flight and releases every predictor. */
async function dispose(st: EngineState): Promise<void> {
  const active = st.job;
  st.job = null;
  if (active) {
    const outcome = await active.result;
    if (outcome.ok) await outcome.predictor.release();
  }
  await st.champion.release();
}

/**
 * Starts a simulation of `scenario` served by `initial`; retrained models are deployed with
 * `deployer`. The caller owns the loop: call `tick()` until `done`, then `dispose()`.
 */
export function createProductionSimulation(
  scenario: ProductionScenario,
  settings: SimulationSettings,
  initial: BatchPredictor,
  deployer: ModelDeployer,
): ProductionSimulation {
  const st = new EngineState(scenario, settings, initial, deployer);
  return {
    scenario,
    get settings() {
      return { ...st.s };
    },
    inject: (errorRate, latencyMs) => inject(st, errorRate, latencyMs),
    get step() {
      return st.step;
    },
    get done() {
      return st.step >= scenario.stream.length;
    },
    points: st.points,
    driftChecks: st.driftChecks,
    events: st.events,
    get versions() {
      return st.policy.history;
    },
    get championVersion() {
      return st.policy.championVersion;
    },
    get retraining() {
      return st.job !== null;
    },
    get reference() {
      return st.reference;
    },
    get lastCurrentWindow() {
      return st.lastCurrentWindow;
    },
    async tick() {
      if (st.running) throw new Error('tick() is already running');
      st.running = true;
      try {
        return await runTick(st);
      } finally {
        st.running = false;
      }
    },
    dispose: () => dispose(st),
  };
}
