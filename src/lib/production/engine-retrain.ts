/**
 * The engine's retrain and swap phases. A retrain trains on the most recent labelled requests and
 * deploys the model while later ticks keep being served by the current one; `deployDelayTicks`
 * ticks later, champion and challenger answer the same holdout, the policy decides, and an
 * accepted challenger is swapped in between two ticks, when no request is in flight.
 */
import { formatPercent } from '../format';
import { DriftDetectionMethod } from '../monitoring/ddm';
import { resolveRetraining, type RetrainReason } from '../monitoring/retraining';
import { trainSoftmax } from '../model/train';
import type { SimulationEvent } from './engine';
import {
  type EngineState,
  REASON_TEXT,
  type RetrainJob,
  type RetrainOutcome,
} from './engine-state';

/** A macrotask boundary, so long steps of a retrain never share one main-thread task. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Share of `actual` that `predicted` got right (NaN for none). */
export function accuracyOf(predicted: readonly string[], actual: readonly string[]): number {
  if (actual.length === 0) return Number.NaN;
  let correct = 0;
  actual.forEach((label, i) => {
    if (predicted[i] === label) correct++;
  });
  return correct / actual.length;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Trains and deploys a challenger in the background; the job records when it may swap in. */
export function startRetrain(
  st: EngineState,
  reasons: RetrainReason[],
  tickEvents: SimulationEvent[],
): void {
  const { s, scenario } = st;
  const window = st.labelled.slice(-s.retrainWindow);
  const holdoutSize = Math.max(1, Math.round(window.length * s.holdoutFraction));
  const trainRows = window.slice(0, window.length - holdoutSize);
  const holdoutRows = window.slice(window.length - holdoutSize);
  const version = st.policy.history.length + 1;
  const data = {
    x: trainRows.map((r) => r.x),
    y: trainRows.map((r) => r.y),
    featureNames: st.names,
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
      const predictor = await st.deployer.deploy(trained.model);
      return { ok: true as const, model: trained.model, predictor };
    } catch (error) {
      return { ok: false as const, error: errorText(error) };
    }
  })();
  st.job = {
    reasons,
    swapAtTick: st.tickIndex + s.deployDelayTicks,
    trainingX: data.x,
    holdout: { x: holdoutRows.map((r) => r.x), y: holdoutRows.map((r) => r.y) },
    result,
  };
  const why = reasons.map((r) => REASON_TEXT[r]).join(', ');
  st.log(
    tickEvents,
    'retrain-started',
    `Retraining v${version} (${why}) on the last ${trainRows.length} labelled requests, ${holdoutRows.length} more held out.`,
  );
}

/** Both models on the holdout, or null (and a logged failure) when one of them fails. */
async function holdoutScores(
  st: EngineState,
  active: RetrainJob,
  challenger: RetrainOutcome,
  tickEvents: SimulationEvent[],
): Promise<{ championAccuracy: number; challengerAccuracy: number } | null> {
  try {
    const [old, next] = await Promise.all([
      st.champion.predictBatch(active.holdout.x),
      challenger.predictor.predictBatch(active.holdout.x),
    ]);
    return {
      championAccuracy: accuracyOf(old.labels, active.holdout.y),
      challengerAccuracy: accuracyOf(next.labels, active.holdout.y),
    };
  } catch (error) {
    await challenger.predictor.release();
    st.log(tickEvents, 'retrain-failed', `The holdout check failed: ${errorText(error)}.`);
    return null;
  }
}

/** The swap: later requests go to the new model, and the monitors start over on its data. */
async function swapIn(st: EngineState, active: RetrainJob, outcome: RetrainOutcome): Promise<void> {
  const old = st.champion;
  st.champion = outcome.predictor;
  st.reference = active.trainingX.map((row) => [...row]);
  st.columnStreaks = new Map();
  st.datasetStreak = 0;
  st.alertOn = false;
  st.ddm = new DriftDetectionMethod();
  st.accuracyWindows.clear();
  await old.release();
}

/** Resolves a finished retrain: holdout check, the policy's decision, then swap or release. */
export async function finishRetrain(
  st: EngineState,
  active: RetrainJob,
  tickEvents: SimulationEvent[],
): Promise<void> {
  st.job = null;
  const outcome = await active.result;
  if (!outcome.ok) {
    // No version is recorded: nothing was measured, and the trigger may fire again.
    st.log(
      tickEvents,
      'retrain-failed',
      `Retraining failed: ${outcome.error}. The current model keeps serving.`,
    );
    return;
  }
  const scoresOrNull = await holdoutScores(st, active, outcome, tickEvents);
  if (scoresOrNull === null) return;
  const { championAccuracy, challengerAccuracy } = scoresOrNull;
  const resolved = resolveRetraining(st.policy, {
    step: st.step,
    reasons: active.reasons,
    championAccuracy,
    challengerAccuracy,
  });
  st.policy = resolved.state;
  const v = resolved.version.version;
  const scores = `holdout accuracy ${formatPercent(challengerAccuracy)} vs ${formatPercent(championAccuracy)} for the serving model`;
  if (resolved.version.accepted) {
    await swapIn(st, active, outcome);
    st.log(
      tickEvents,
      'model-swapped',
      `v${v} now serves (${scores}); the old session was released after the swap.`,
    );
  } else {
    await outcome.predictor.release();
    st.log(
      tickEvents,
      'challenger-rejected',
      `v${v} rejected (${scores}); the serving model stays.`,
    );
  }
}
