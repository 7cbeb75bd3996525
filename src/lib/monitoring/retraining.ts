/**
 * Retraining policy as a pure state machine: `observePolicy` decides whether to retrain at a step,
 * `resolveRetraining` records the champion/challenger outcome. State objects are never mutated.
 */

/** Why a retrain was triggered. */
export type RetrainReason = 'accuracy' | 'data-drift' | 'detector' | 'schedule';

/** Why a triggered retrain did not start. */
export type RetrainBlock = 'cooldown' | 'not-enough-labels';

/** Policy settings. */
export interface RetrainingPolicyConfig {
  /** A closed window with accuracy below this counts as low. */
  accuracyThreshold: number;
  /** Low-accuracy windows in a row that trigger a retrain. */
  consecutiveLowWindows: number;
  /** Retrain when the data set drifts (detectDrift's verdict). */
  retrainOnDataDrift: boolean;
  /** Retrain when a concept-drift detector (DDM, Page–Hinkley) alarms. */
  retrainOnDetectorAlarm: boolean;
  /** Retrain every this many steps since the last retrain (or the start); null disables it. */
  scheduleEvery: number | null;
  /** Labelled rows needed since the last retrain before a new one may start. */
  minNewLabelledRows: number;
  /** Steps after a retrain during which no new retrain starts. */
  cooldownSteps: number;
  /** The challenger replaces the champion when challenger ≥ champion − tolerance. */
  tolerance: number;
}

/**
 * The library's fallback for fields a caller leaves out: every trigger switched on. The chapter 5
 * simulator does not rely on it; its scenarios pass a full configuration (src/lib/production),
 * where data drift and detector alarms only warn unless the reader opts in.
 */
export const DEFAULT_RETRAINING_POLICY: RetrainingPolicyConfig = {
  accuracyThreshold: 0.8,
  consecutiveLowWindows: 2,
  retrainOnDataDrift: true,
  retrainOnDetectorAlarm: true,
  scheduleEvery: null,
  minNewLabelledRows: 200,
  cooldownSteps: 500,
  tolerance: 0,
};

/** One entry of the model version history. */
export interface ModelVersion {
  /** 1 for the initial model, then one per retraining attempt. */
  version: number;
  /** Step at which the version was produced. */
  step: number;
  /** What caused it ('initial' for version 1). */
  reasons: readonly (RetrainReason | 'initial')[];
  /** Holdout accuracies used for the decision (absent for the initial model). */
  metrics?: { champion: number; challenger: number };
  /** Whether it became the serving model. */
  accepted: boolean;
}

/** Policy state. */
export interface RetrainingPolicyState {
  /** Settings. */
  readonly config: RetrainingPolicyConfig;
  /** Latest step observed. */
  readonly step: number;
  /** Step of the last retrain (or of the start). */
  readonly lastRetrainStep: number;
  /** Whether any retrain has happened (the cooldown only applies after one). */
  readonly hasRetrained: boolean;
  /** Labelled rows received since the last retrain. */
  readonly labelledSinceRetrain: number;
  /** Closed windows in a row with low accuracy. */
  readonly lowAccuracyStreak: number;
  /** Version currently serving. */
  readonly championVersion: number;
  /** Every version, accepted or rejected. */
  readonly history: readonly ModelVersion[];
}

/** What happened at one step. */
export interface PolicyObservation {
  /** Current step (non-decreasing). */
  step: number;
  /** Labels that arrived since the previous observation. */
  newLabelledRows?: number;
  /** Accuracy of a window that closed at this step, if one did. */
  windowAccuracy?: number;
  /** Data-set drift verdict computed at this step, if any. */
  datasetDrift?: boolean;
  /** Whether a concept-drift detector alarmed at this step. */
  detectorAlarm?: boolean;
}

/** Decision for one step. */
export interface PolicyDecision {
  /** Start a retrain now. */
  retrain: boolean;
  /** Triggers that fired at this step (possibly blocked). */
  reasons: RetrainReason[];
  /** Why triggers did not lead to a retrain. */
  blockedBy?: RetrainBlock;
}

/** Initial state: version 1 serving from `step`. */
export function createRetrainingPolicy(
  config: Partial<RetrainingPolicyConfig> = {},
  step = 0,
): RetrainingPolicyState {
  return {
    config: { ...DEFAULT_RETRAINING_POLICY, ...config },
    step,
    lastRetrainStep: step,
    hasRetrained: false,
    labelledSinceRetrain: 0,
    lowAccuracyStreak: 0,
    championVersion: 1,
    history: [{ version: 1, step, reasons: ['initial'], accepted: true }],
  };
}

/**
 * Folds one observation into the state and decides whether to retrain. Triggers: `consecutiveLowWindows`
 * low-accuracy windows in a row, data-set drift, a detector alarm, or the schedule. A trigger starts a
 * retrain only outside the cooldown and with at least `minNewLabelledRows` new labels; a blocked
 * accuracy streak is kept so it fires once the block lifts.
 */
export function observePolicy(
  state: RetrainingPolicyState,
  observation: PolicyObservation,
): { state: RetrainingPolicyState; decision: PolicyDecision } {
  const { config } = state;
  const step = Math.max(state.step, observation.step);
  const labelledSinceRetrain =
    state.labelledSinceRetrain + Math.max(0, observation.newLabelledRows ?? 0);
  let lowAccuracyStreak = state.lowAccuracyStreak;
  if (observation.windowAccuracy !== undefined && !Number.isNaN(observation.windowAccuracy)) {
    lowAccuracyStreak =
      observation.windowAccuracy < config.accuracyThreshold ? lowAccuracyStreak + 1 : 0;
  }
  const reasons: RetrainReason[] = [];
  if (lowAccuracyStreak >= config.consecutiveLowWindows) reasons.push('accuracy');
  if (config.retrainOnDataDrift && observation.datasetDrift === true) reasons.push('data-drift');
  if (config.retrainOnDetectorAlarm && observation.detectorAlarm === true) reasons.push('detector');
  if (config.scheduleEvery !== null && step - state.lastRetrainStep >= config.scheduleEvery)
    reasons.push('schedule');
  const next: RetrainingPolicyState = { ...state, step, labelledSinceRetrain, lowAccuracyStreak };
  if (reasons.length === 0) return { state: next, decision: { retrain: false, reasons } };
  if (state.hasRetrained && step - state.lastRetrainStep < config.cooldownSteps) {
    return { state: next, decision: { retrain: false, reasons, blockedBy: 'cooldown' } };
  }
  if (labelledSinceRetrain < config.minNewLabelledRows) {
    return { state: next, decision: { retrain: false, reasons, blockedBy: 'not-enough-labels' } };
  }
  return { state: next, decision: { retrain: true, reasons } };
}

/**
 * Records a finished retrain: the challenger replaces the champion when
 * challengerAccuracy ≥ championAccuracy − tolerance (both measured by the caller on a recent holdout).
 * Accepted or not, the attempt gets a version number, restarts the cooldown, and consumes the new
 * labels and the low-accuracy streak.
 */
export function resolveRetraining(
  state: RetrainingPolicyState,
  outcome: {
    step: number;
    reasons: readonly RetrainReason[];
    championAccuracy: number;
    challengerAccuracy: number;
  },
): { state: RetrainingPolicyState; version: ModelVersion } {
  const accepted = outcome.challengerAccuracy >= outcome.championAccuracy - state.config.tolerance;
  const version: ModelVersion = {
    version: state.history.length + 1,
    step: outcome.step,
    reasons: [...outcome.reasons],
    metrics: { champion: outcome.championAccuracy, challenger: outcome.challengerAccuracy },
    accepted,
  };
  return {
    version,
    state: {
      ...state,
      step: Math.max(state.step, outcome.step),
      lastRetrainStep: outcome.step,
      hasRetrained: true,
      labelledSinceRetrain: 0,
      lowAccuracyStreak: 0,
      championVersion: accepted ? version.version : state.championVersion,
      history: [...state.history, version],
    },
  };
}
