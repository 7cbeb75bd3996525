/**
 * Everything the production engine remembers between ticks, in one object the phases of a tick
 * (engine-retrain.ts, engine-serve.ts, engine-monitor.ts) read and update: the serving model and
 * the drift reference, the seeded random streams, the monitors, the labels still on their way,
 * and what has been logged. Built once per run from the scenario and a private copy of the settings.
 */
import { type DriftOverrides } from '../drift/detect';
import { DriftDetectionMethod } from '../monitoring/ddm';
import { PageHinkley } from '../monitoring/page-hinkley';
import { WindowedPercentiles } from '../monitoring/percentiles';
import {
  createRetrainingPolicy,
  type RetrainReason,
  type RetrainingPolicyState,
} from '../monitoring/retraining';
import { DelayedAccuracyTracker, ErrorRateTracker } from '../monitoring/trackers';
import { TumblingWindow } from '../monitoring/windows';
import type { SoftmaxModel } from '../model/types';
import { createRng, type Rng } from '../sim/rng';
import type { DriftCheck, SimulationEvent, TickPoint } from './engine';
import type { BatchPredictor, ModelDeployer } from './predictor';
import type { ProductionScenario } from './scenarios';
import type { SimulationSettings } from './settings';

/** Error rate over the service window above which an error-rate alert is raised. */
export const ERROR_RATE_ALERT = 0.05;

/** A served request whose true label has not been released yet. */
export interface PendingLabel {
  step: number;
  x: number[];
  label: string;
  /** Null when the request failed. */
  predicted: string | null;
  /** Version that answered it. */
  version: number;
}

/** A finished retrain: the model and a predictor already loaded with it. */
export interface RetrainOutcome {
  ok: true;
  model: SoftmaxModel;
  predictor: BatchPredictor;
}

/** A retrain in flight: why it started, when it may swap in, and its training and holdout rows. */
export interface RetrainJob {
  reasons: RetrainReason[];
  swapAtTick: number;
  trainingX: number[][];
  holdout: { x: number[][]; y: string[] };
  result: Promise<RetrainOutcome | { ok: false; error: string }>;
}

/** Words for the retrain reasons, as the log shows them. */
export const REASON_TEXT: Record<RetrainReason, string> = {
  accuracy: 'low accuracy',
  'data-drift': 'data drift',
  detector: 'DDM alarm',
  schedule: 'schedule',
};

function policyFor(s: SimulationSettings): RetrainingPolicyState {
  return createRetrainingPolicy({
    accuracyThreshold: s.accuracyThreshold,
    consecutiveLowWindows: s.consecutiveLowWindows,
    retrainOnDataDrift: s.retrainOnDataDrift,
    retrainOnDetectorAlarm: s.detectorAction === 'retrain',
    scheduleEvery: s.scheduleEvery,
    minNewLabelledRows: s.minNewLabels,
    cooldownSteps: s.cooldown,
    tolerance: s.tolerance,
  });
}

function driftOverridesFor(s: SimulationSettings): DriftOverrides {
  const overrides: DriftOverrides = { driftShare: s.driftShare };
  if (s.driftTest !== 'auto') overrides.test = s.driftTest;
  if (s.driftThreshold !== null) overrides.threshold = s.driftThreshold;
  return overrides;
}

/** The engine's whole state; the phases mutate it in a fixed order each tick. */
export class EngineState {
  /** A private copy of the settings: only `inject` changes it during a run. */
  readonly s: SimulationSettings;
  readonly names: readonly string[];
  readonly errorRng: Rng;
  readonly latencyRng: Rng;
  champion: BatchPredictor;
  /** Inputs the serving model was trained on: the drift reference. */
  reference: number[][];
  policy: RetrainingPolicyState;
  readonly accuracy: DelayedAccuracyTracker<string>;
  readonly accuracyWindows: TumblingWindow<boolean>;
  ddm = new DriftDetectionMethod();
  readonly latencyAlarm = new PageHinkley();
  readonly latency: WindowedPercentiles;
  readonly latencyWithInjected: WindowedPercentiles;
  readonly errors: ErrorRateTracker;
  readonly errorsWithInjected: ErrorRateTracker;
  readonly driftOverrides: DriftOverrides;
  readonly pending: PendingLabel[] = [];
  pendingStart = 0;
  readonly labelled: { x: number[]; y: string }[] = [];
  driftBuffer: number[][] = [];
  lastCurrentWindow: number[][] = [];
  columnStreaks = new Map<string, number>();
  datasetStreak = 0;
  alertOn = false;
  errorAlertOn = false;
  lastBlock: string | null = null;
  labelledPredictions = 0;
  correctPredictions = 0;
  readonly points: TickPoint[] = [];
  readonly driftChecks: DriftCheck[] = [];
  readonly events: SimulationEvent[] = [];
  step = 0;
  tickIndex = 0;
  job: RetrainJob | null = null;
  running = false;
  readonly scenarioEvents: ProductionScenario['events'];
  nextScenarioEvent = 0;

  /** Sets up a run of `scenario` served by `initial`; `deployer` loads retrained models. */
  constructor(
    readonly scenario: ProductionScenario,
    settings: SimulationSettings,
    initial: BatchPredictor,
    readonly deployer: ModelDeployer,
  ) {
    const s = { ...settings };
    this.s = s;
    this.names = scenario.featureNames;
    this.errorRng = createRng(s.seed ^ 0x5eed_0001);
    this.latencyRng = createRng(s.seed ^ 0x5eed_0002);
    this.champion = initial;
    this.reference = scenario.training.x.map((row) => [...row]);
    this.policy = policyFor(s);
    this.accuracy = new DelayedAccuracyTracker<string>({
      windowSize: s.accuracyWindow,
      labelDelay: s.labelDelay,
    });
    this.accuracyWindows = new TumblingWindow<boolean>(s.accuracyWindow);
    this.latency = new WindowedPercentiles(s.serviceWindow);
    this.latencyWithInjected = new WindowedPercentiles(s.serviceWindow);
    this.errors = new ErrorRateTracker(s.serviceWindow);
    this.errorsWithInjected = new ErrorRateTracker(s.serviceWindow);
    this.driftOverrides = driftOverridesFor(s);
    this.scenarioEvents = [...scenario.events].sort((a, b) => a.step - b.step);
  }

  /** Logs an event of the current tick at `step` (default: requests served so far). */
  log(
    tickEvents: SimulationEvent[],
    kind: SimulationEvent['kind'],
    message: string,
    step = this.step,
  ): void {
    tickEvents.push({ step, kind, message });
  }
}
