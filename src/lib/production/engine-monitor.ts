/**
 * The engine's monitoring phases: the error-rate alert, the drift check every `driftWindow`
 * requests (detectDrift per column against the serving model's training inputs, with alerts only
 * after `driftPersistence` drifting checks in a row), and the retraining policy, which sees the
 * labels, drift and detector signals and may start a retrain.
 */
import { formatPercent } from '../format';
import { detectDrift } from '../drift/detect';
import {
  observePolicy,
  type PolicyObservation,
  type RetrainReason,
} from '../monitoring/retraining';
import type { DriftCheck, SimulationEvent } from './engine';
import { startRetrain } from './engine-retrain';
import type { ReleasedLabels } from './engine-serve';
import { ERROR_RATE_ALERT, type EngineState, REASON_TEXT } from './engine-state';

function columnsOf(
  rows: readonly (readonly number[])[],
  names: readonly string[],
): Record<string, Float64Array> {
  return Object.fromEntries(
    names.map((name, j) => [name, Float64Array.from(rows, (row) => row[j] as number)]),
  );
}

/** Logs an error-rate alert when the rate (injected failures included) first exceeds the limit. */
export function checkErrorRate(st: EngineState, tickEvents: SimulationEvent[]): void {
  const errorRate = st.errorsWithInjected.rate;
  if (errorRate > ERROR_RATE_ALERT && !st.errorAlertOn) {
    st.log(
      tickEvents,
      'error-rate-alert',
      `Error rate ${formatPercent(errorRate)} over the last ${st.errorsWithInjected.count} requests.`,
    );
  }
  st.errorAlertOn = errorRate > ERROR_RATE_ALERT;
}

/** Tests the buffered window against the reference, updates the streaks and logs a new alert. */
export function runDriftCheck(st: EngineState, tickEvents: SimulationEvent[]): DriftCheck {
  const { s, names } = st;
  const current = st.driftBuffer;
  st.driftBuffer = [];
  st.lastCurrentWindow = current;
  const result = detectDrift(
    columnsOf(st.reference, names),
    columnsOf(current, names),
    st.scenario.schema,
    st.driftOverrides,
  );
  const persistentColumns: string[] = [];
  for (const column of result.columns) {
    const streak = column.drifted ? (st.columnStreaks.get(column.column) ?? 0) + 1 : 0;
    st.columnStreaks.set(column.column, streak);
    if (streak >= s.driftPersistence) persistentColumns.push(column.column);
  }
  st.datasetStreak = result.datasetDrift ? st.datasetStreak + 1 : 0;
  const datasetPersistent = st.datasetStreak >= s.driftPersistence;
  const alert = datasetPersistent || persistentColumns.length > 0;
  // One log line when the alert starts, not one per check while it lasts.
  if (alert && !st.alertOn) {
    const what = datasetPersistent
      ? `the data set drifted in ${s.driftPersistence} checks in a row (now ${result.driftedCount} of ${result.testedCount} columns, share ${result.share.toFixed(2)} ≥ ${result.driftShare})`
      : `${persistentColumns.join(', ')} drifted in ${s.driftPersistence} checks in a row`;
    st.log(tickEvents, 'data-drift-alert', `Data-drift alert: ${what}.`);
  }
  st.alertOn = alert;
  const check = { step: st.step, result, persistentColumns, alert };
  st.driftChecks.push(check);
  return check;
}

/** The tick's observations for the policy: one per closed accuracy window (at least one). */
function observationsOf(
  st: EngineState,
  labels: ReleasedLabels,
  driftCheck: DriftCheck | null,
): PolicyObservation[] {
  const { step } = st;
  const [first, ...rest] = labels.closedWindows;
  return [
    {
      step,
      newLabelledRows: labels.newLabels,
      datasetDrift: driftCheck?.alert ?? false,
      detectorAlarm: labels.detectorAlarm,
      ...(first !== undefined ? { windowAccuracy: first } : {}),
    },
    ...rest.map((windowAccuracy) => ({ step, windowAccuracy })),
  ];
}

/** Feeds the policy; starts a retrain when it says so, and logs a newly blocked trigger. */
export function consultPolicy(
  st: EngineState,
  labels: ReleasedLabels,
  driftCheck: DriftCheck | null,
  tickEvents: SimulationEvent[],
): void {
  let retrainReasons: RetrainReason[] | null = null;
  let block: string | null = null;
  for (const observation of observationsOf(st, labels, driftCheck)) {
    const { state, decision } = observePolicy(st.policy, observation);
    st.policy = state;
    if (decision.retrain) retrainReasons = decision.reasons;
    else if (decision.blockedBy) {
      const why = decision.blockedBy === 'cooldown' ? 'in cooldown' : 'not enough new labels yet';
      block = `${decision.reasons.map((r) => REASON_TEXT[r]).join(', ')} (${why})`;
    }
  }
  if (retrainReasons !== null && st.job === null) startRetrain(st, retrainReasons, tickEvents);
  if (block !== null && block !== st.lastBlock && st.job === null) {
    st.log(tickEvents, 'retrain-blocked', `Trigger ${block}.`);
  }
  st.lastBlock = block;
}
