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
 * Everything that decides anything is seeded and deterministic. Only latencies are measured (and
 * so vary run to run); they feed the latency charts and the Page–Hinkley latency alarm, never the
 * retraining policy.
 */
import { formatPercent } from '../format';
import { type DatasetDrift, detectDrift, type DriftOverrides } from '../drift/detect';
import { DriftDetectionMethod } from '../monitoring/ddm';
import { PageHinkley } from '../monitoring/page-hinkley';
import { type LatencySummary, WindowedPercentiles } from '../monitoring/percentiles';
import {
  createRetrainingPolicy,
  type ModelVersion,
  observePolicy,
  type PolicyObservation,
  type RetrainReason,
  resolveRetraining,
  type RetrainingPolicyState,
} from '../monitoring/retraining';
import { DelayedAccuracyTracker, ErrorRateTracker } from '../monitoring/trackers';
import { TumblingWindow } from '../monitoring/windows';
import { trainSoftmax } from '../model/train';
import type { SoftmaxModel } from '../model/types';
import { createRng, type Rng } from '../sim/rng';
import type { BatchPredictor, ModelDeployer } from './predictor';
import type { ProductionScenario } from './scenarios';
import type { SimulationSettings } from './settings';

/** Error rate over the service window above which an error-rate alert is raised. */
export const ERROR_RATE_ALERT = 0.05;

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

interface PendingLabel {
  step: number;
  x: number[];
  label: string;
  /** Null when the request failed. */
  predicted: string | null;
  /** Version that answered it. */
  version: number;
}

interface RetrainOutcome {
  ok: true;
  model: SoftmaxModel;
  predictor: BatchPredictor;
}

interface RetrainJob {
  reasons: RetrainReason[];
  swapAtTick: number;
  trainingX: number[][];
  holdout: { x: number[][]; y: string[] };
  result: Promise<RetrainOutcome | { ok: false; error: string }>;
}

/** A macrotask boundary, so long steps of a retrain never share one main-thread task. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function accuracyOf(predicted: readonly string[], actual: readonly string[]): number {
  if (actual.length === 0) return Number.NaN;
  let correct = 0;
  actual.forEach((label, i) => {
    if (predicted[i] === label) correct++;
  });
  return correct / actual.length;
}

function columnsOf(
  rows: readonly (readonly number[])[],
  names: readonly string[],
): Record<string, Float64Array> {
  return Object.fromEntries(
    names.map((name, j) => [name, Float64Array.from(rows, (row) => row[j] as number)]),
  );
}

const REASON_TEXT: Record<RetrainReason, string> = {
  accuracy: 'low accuracy',
  'data-drift': 'data drift',
  detector: 'DDM alarm',
  schedule: 'schedule',
};

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
  // A private copy: only `inject` changes it during a run.
  const s: SimulationSettings = { ...settings };
  const names = scenario.featureNames;
  const errorRng: Rng = createRng(s.seed ^ 0x5eed_0001);
  const latencyRng: Rng = createRng(s.seed ^ 0x5eed_0002);

  let champion = initial;
  let reference: number[][] = scenario.training.x.map((row) => [...row]);
  let policy: RetrainingPolicyState = createRetrainingPolicy({
    accuracyThreshold: s.accuracyThreshold,
    consecutiveLowWindows: s.consecutiveLowWindows,
    retrainOnDataDrift: s.retrainOnDataDrift,
    retrainOnDetectorAlarm: s.detectorAction === 'retrain',
    scheduleEvery: s.scheduleEvery,
    minNewLabelledRows: s.minNewLabels,
    cooldownSteps: s.cooldown,
    tolerance: s.tolerance,
  });
  const accuracy = new DelayedAccuracyTracker<string>({
    windowSize: s.accuracyWindow,
    labelDelay: s.labelDelay,
  });
  const accuracyWindows = new TumblingWindow<boolean>(s.accuracyWindow);
  let ddm = new DriftDetectionMethod();
  const latencyAlarm = new PageHinkley();
  const latency = new WindowedPercentiles(s.serviceWindow);
  const latencyWithInjected = new WindowedPercentiles(s.serviceWindow);
  const errors = new ErrorRateTracker(s.serviceWindow);
  const errorsWithInjected = new ErrorRateTracker(s.serviceWindow);

  const pending: PendingLabel[] = [];
  let pendingStart = 0;
  const labelled: { x: number[]; y: string }[] = [];
  let driftBuffer: number[][] = [];
  let lastCurrentWindow: number[][] = [];
  let columnStreaks = new Map<string, number>();
  let datasetStreak = 0;
  let alertOn = false;
  let errorAlertOn = false;
  let lastBlock: string | null = null;
  let labelledPredictions = 0;
  let correctPredictions = 0;

  const points: TickPoint[] = [];
  const driftChecks: DriftCheck[] = [];
  const events: SimulationEvent[] = [];
  let step = 0;
  let tickIndex = 0;
  let job: RetrainJob | null = null;
  let running = false;
  const scenarioEvents = [...scenario.events].sort((a, b) => a.step - b.step);
  let nextScenarioEvent = 0;

  const driftOverrides: DriftOverrides = { driftShare: s.driftShare };
  if (s.driftTest !== 'auto') driftOverrides.test = s.driftTest;
  if (s.driftThreshold !== null) driftOverrides.threshold = s.driftThreshold;

  function startRetrain(reasons: RetrainReason[], tickEvents: SimulationEvent[]): void {
    const window = labelled.slice(-s.retrainWindow);
    const holdoutSize = Math.max(1, Math.round(window.length * s.holdoutFraction));
    const trainRows = window.slice(0, window.length - holdoutSize);
    const holdoutRows = window.slice(window.length - holdoutSize);
    const version = policy.history.length + 1;
    const data = {
      x: trainRows.map((r) => r.x),
      y: trainRows.map((r) => r.y),
      featureNames: names,
      featureUnits: scenario.featureUnits,
      classes: scenario.classes,
    };
    const result = (async () => {
      try {
        const trained = await trainSoftmax(
          data,
          { ...scenario.trainOptions, seed: s.seed },
          { meta: { version: `${scenario.info.id}-v${version}` } },
        );
        if (trained.diverged) return { ok: false as const, error: 'training diverged' };
        // Let the page breathe between the last training chunk and the export.
        await yieldToEventLoop();
        const predictor = await deployer.deploy(trained.model);
        return { ok: true as const, model: trained.model, predictor };
      } catch (error) {
        return {
          ok: false as const,
          error: error instanceof Error ? error.message : String(error),
        };
      }
    })();
    job = {
      reasons,
      swapAtTick: tickIndex + s.deployDelayTicks,
      trainingX: data.x,
      holdout: { x: holdoutRows.map((r) => r.x), y: holdoutRows.map((r) => r.y) },
      result,
    };
    tickEvents.push({
      step,
      kind: 'retrain-started',
      message: `Retraining v${version} (${reasons.map((r) => REASON_TEXT[r]).join(', ')}) on the last ${trainRows.length} labelled requests, ${holdoutRows.length} more held out.`,
    });
  }

  async function finishRetrain(active: RetrainJob, tickEvents: SimulationEvent[]): Promise<void> {
    job = null;
    const outcome = await active.result;
    if (!outcome.ok) {
      // No version is recorded: nothing was measured, and the trigger may fire again.
      tickEvents.push({
        step,
        kind: 'retrain-failed',
        message: `Retraining failed: ${outcome.error}. The current model keeps serving.`,
      });
      return;
    }
    let championAccuracy: number;
    let challengerAccuracy: number;
    try {
      const [old, next] = await Promise.all([
        champion.predictBatch(active.holdout.x),
        outcome.predictor.predictBatch(active.holdout.x),
      ]);
      championAccuracy = accuracyOf(old.labels, active.holdout.y);
      challengerAccuracy = accuracyOf(next.labels, active.holdout.y);
    } catch (error) {
      await outcome.predictor.release();
      const message = error instanceof Error ? error.message : String(error);
      tickEvents.push({
        step,
        kind: 'retrain-failed',
        message: `The holdout check failed: ${message}.`,
      });
      return;
    }
    const resolved = resolveRetraining(policy, {
      step,
      reasons: active.reasons,
      championAccuracy,
      challengerAccuracy,
    });
    policy = resolved.state;
    const v = resolved.version.version;
    const scores = `holdout accuracy ${formatPercent(challengerAccuracy)} vs ${formatPercent(championAccuracy)} for the serving model`;
    if (resolved.version.accepted) {
      const old = champion;
      champion = outcome.predictor; // the swap: later requests go to the new model
      reference = active.trainingX.map((row) => [...row]);
      columnStreaks = new Map();
      datasetStreak = 0;
      alertOn = false;
      ddm = new DriftDetectionMethod();
      accuracyWindows.clear();
      await old.release();
      tickEvents.push({
        step,
        kind: 'model-swapped',
        message: `v${v} now serves (${scores}); the old session was released after the swap.`,
      });
    } else {
      await outcome.predictor.release();
      tickEvents.push({
        step,
        kind: 'challenger-rejected',
        message: `v${v} rejected (${scores}); the serving model stays.`,
      });
    }
  }

  function runDriftCheck(tickEvents: SimulationEvent[]): DriftCheck {
    const current = driftBuffer;
    driftBuffer = [];
    lastCurrentWindow = current;
    const result = detectDrift(
      columnsOf(reference, names),
      columnsOf(current, names),
      scenario.schema,
      driftOverrides,
    );
    const persistentColumns: string[] = [];
    for (const column of result.columns) {
      const streak = column.drifted ? (columnStreaks.get(column.column) ?? 0) + 1 : 0;
      columnStreaks.set(column.column, streak);
      if (streak >= s.driftPersistence) persistentColumns.push(column.column);
    }
    datasetStreak = result.datasetDrift ? datasetStreak + 1 : 0;
    const datasetPersistent = datasetStreak >= s.driftPersistence;
    const alert = datasetPersistent || persistentColumns.length > 0;
    // One log line when the alert starts, not one per check while it lasts.
    if (alert && !alertOn) {
      const what = datasetPersistent
        ? `the data set drifted in ${s.driftPersistence} checks in a row (now ${result.driftedCount} of ${result.testedCount} columns, share ${result.share.toFixed(2)} ≥ ${result.driftShare})`
        : `${persistentColumns.join(', ')} drifted in ${s.driftPersistence} checks in a row`;
      tickEvents.push({ step, kind: 'data-drift-alert', message: `Data-drift alert: ${what}.` });
    }
    alertOn = alert;
    const check = { step, result, persistentColumns, alert };
    driftChecks.push(check);
    return check;
  }

  async function tick(): Promise<TickReport> {
    if (running) throw new Error('tick() is already running');
    running = true;
    try {
      const tickEvents: SimulationEvent[] = [];
      if (job !== null && tickIndex >= job.swapAtTick) await finishRetrain(job, tickEvents);

      const from = step;
      const to = Math.min(scenario.stream.length, from + s.batchSize);
      while (
        nextScenarioEvent < scenarioEvents.length &&
        (scenarioEvents[nextScenarioEvent]?.step ?? Infinity) < to
      ) {
        const e = scenarioEvents[nextScenarioEvent++];
        if (e && e.step >= from)
          tickEvents.push({ step: e.step, kind: 'scenario', message: `Scenario: ${e.label}.` });
      }
      const rows = scenario.stream.slice(from, to);
      const injectedFailure = rows.map(() => errorRng.next() < s.injectedErrorRate);
      const served = rows.filter((_, i) => !injectedFailure[i]);
      let predicted: string[] | null = null;
      let batchLatency = 0;
      if (served.length > 0) {
        try {
          const out = await champion.predictBatch(served.map((r) => r.x));
          predicted = out.labels;
          batchLatency = out.latencyMs;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          tickEvents.push({
            step: from,
            kind: 'request-failure',
            message: `${served.length} requests failed: ${message}`,
          });
        }
      }

      let servedIndex = 0;
      rows.forEach((row, i) => {
        const t = from + i;
        let label: string | null = null;
        if (injectedFailure[i]) {
          errors.record(false);
          errorsWithInjected.record(true);
        } else if (predicted === null) {
          errors.record(true);
          errorsWithInjected.record(true);
          servedIndex++;
        } else {
          label = predicted[servedIndex++] ?? null;
          errors.record(false);
          errorsWithInjected.record(false);
          const injected =
            s.injectedLatencyMs > 0 ? latencyRng.exponential(1 / s.injectedLatencyMs) : 0;
          latency.add(batchLatency);
          latencyWithInjected.add(batchLatency + injected);
          if (latencyAlarm.update(batchLatency + injected).drift) {
            tickEvents.push({
              step: t,
              kind: 'latency-alarm',
              message: 'Page–Hinkley: request latency changed.',
            });
          }
          accuracy.predict(t, label ?? '', row.label);
        }
        pending.push({
          step: t,
          x: row.x,
          label: row.label,
          predicted: label,
          version: policy.championVersion,
        });
        driftBuffer.push(row.x);
      });
      step = to;
      tickIndex++;
      const now = to - 1;
      accuracy.advanceTo(now);

      // Labels that arrived during this tick.
      let newLabels = 0;
      const closedWindows: number[] = [];
      let detectorAlarm = false;
      while (pendingStart < pending.length) {
        const p = pending[pendingStart] as PendingLabel;
        if (p.step + s.labelDelay > now) break;
        pendingStart++;
        newLabels++;
        labelled.push({ x: p.x, y: p.label });
        if (p.predicted !== null) {
          labelledPredictions++;
          if (p.predicted === p.label) correctPredictions++;
        }
        // The policy and DDM judge the serving model only: late labels of a replaced model's
        // answers would otherwise make a fresh model look bad and trigger another retrain.
        if (p.predicted === null || p.version !== policy.championVersion) continue;
        const correct = p.predicted === p.label;
        const closed = accuracyWindows.push(correct);
        if (closed) closedWindows.push(closed.filter(Boolean).length / closed.length);
        const wasWarning = ddm.status.warning;
        const status = ddm.update(!correct);
        if (status.drift) {
          detectorAlarm = true;
          tickEvents.push({
            step,
            kind: 'detector-drift',
            message: `DDM drift alarm on the labelled predictions (request ${p.step}).`,
          });
        } else if (status.warning && !wasWarning) {
          tickEvents.push({
            step,
            kind: 'detector-warning',
            message: `DDM warning on the labelled predictions (request ${p.step}).`,
          });
        }
      }
      if (pendingStart > 4096) {
        pending.splice(0, pendingStart);
        pendingStart = 0;
      }

      const errorRate = errorsWithInjected.rate;
      if (errorRate > ERROR_RATE_ALERT && !errorAlertOn) {
        tickEvents.push({
          step,
          kind: 'error-rate-alert',
          message: `Error rate ${formatPercent(errorRate)} over the last ${errorsWithInjected.count} requests.`,
        });
      }
      errorAlertOn = errorRate > ERROR_RATE_ALERT;

      let driftCheck: DriftCheck | null = null;
      if (driftBuffer.length >= s.driftWindow) driftCheck = runDriftCheck(tickEvents);

      const observations: PolicyObservation[] = [
        {
          step,
          newLabelledRows: newLabels,
          datasetDrift: driftCheck?.alert ?? false,
          detectorAlarm,
          ...(closedWindows.length > 0 ? { windowAccuracy: closedWindows[0] as number } : {}),
        },
        ...closedWindows.slice(1).map((windowAccuracy) => ({ step, windowAccuracy })),
      ];
      let retrainReasons: RetrainReason[] | null = null;
      let block: string | null = null;
      for (const observation of observations) {
        const { state, decision } = observePolicy(policy, observation);
        policy = state;
        if (decision.retrain) retrainReasons = decision.reasons;
        else if (decision.blockedBy)
          block = `${decision.reasons.map((r) => REASON_TEXT[r]).join(', ')} (${decision.blockedBy === 'cooldown' ? 'in cooldown' : 'not enough new labels yet'})`;
      }
      if (retrainReasons !== null && job === null) startRetrain(retrainReasons, tickEvents);
      if (block !== null && block !== lastBlock && job === null) {
        tickEvents.push({ step, kind: 'retrain-blocked', message: `Trigger ${block}.` });
      }
      lastBlock = block;

      const point: TickPoint = {
        step,
        accuracy: accuracy.accuracy,
        latency: latency.summary(),
        latencyWithInjected: latencyWithInjected.summary(),
        errorRate: errors.rate,
        errorRateWithInjected: errorsWithInjected.rate,
        version: policy.championVersion,
        cumulativeAccuracy:
          labelledPredictions === 0 ? Number.NaN : correctPredictions / labelledPredictions,
      };
      points.push(point);
      events.push(...tickEvents);
      return { point, events: tickEvents, driftCheck };
    } finally {
      running = false;
    }
  }

  return {
    scenario,
    get settings() {
      return { ...s };
    },
    inject(errorRate, latencyMs) {
      const rate = Math.min(1, Math.max(0, errorRate));
      const delay = Math.max(0, latencyMs);
      if (rate === s.injectedErrorRate && delay === s.injectedLatencyMs) return;
      s.injectedErrorRate = rate;
      s.injectedLatencyMs = delay;
      events.push({
        step,
        kind: 'injection',
        message: `Injected from request ${step}: ${formatPercent(rate)} of requests fail, ${delay} ms mean added delay.`,
      });
    },
    get step() {
      return step;
    },
    get done() {
      return step >= scenario.stream.length;
    },
    points,
    driftChecks,
    events,
    get versions() {
      return policy.history;
    },
    get championVersion() {
      return policy.championVersion;
    },
    get retraining() {
      return job !== null;
    },
    get reference() {
      return reference;
    },
    get lastCurrentWindow() {
      return lastCurrentWindow;
    },
    tick,
    async dispose() {
      const active = job;
      job = null;
      if (active) {
        const outcome = await active.result;
        if (outcome.ok) await outcome.predictor.release();
      }
      await champion.release();
    },
  };
}
