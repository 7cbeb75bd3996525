/**
 * The engine's serve and label phases. Serving: the scenario's own events are logged, failures
 * are injected (seeded), the rest of the batch goes to the model in one call, and each request's
 * errors and latency are recorded (measured, and with the injected delay and failures, kept
 * apart; only the seeded parts feed an alarm). Labels: the true labels that have arrived (`labelDelay` requests later) feed the
 * sliding and tumbling accuracy and the DDM detector, for the serving model's answers only.
 */
import type { SimulationEvent } from './engine';
import type { EngineState, PendingLabel } from './engine-state';
import type { ProductionScenario } from './scenarios';

type StreamRow = ProductionScenario['stream'][number];

/** What serving a batch produced: the rows, which failed by injection, and the model's answers. */
interface ServedBatch {
  from: number;
  rows: StreamRow[];
  injectedFailure: boolean[];
  /** Labels of the rows that were not failed by injection, or null when the model call failed. */
  predicted: string[] | null;
  batchLatency: number;
}

/** Logs the scenario's events that fall in [from, to). */
function logScenarioEvents(
  st: EngineState,
  from: number,
  to: number,
  tickEvents: SimulationEvent[],
): void {
  const list = st.scenarioEvents;
  while (
    st.nextScenarioEvent < list.length &&
    (list[st.nextScenarioEvent]?.step ?? Infinity) < to
  ) {
    const e = list[st.nextScenarioEvent++];
    if (e && e.step >= from) st.log(tickEvents, 'scenario', `Scenario: ${e.label}.`, e.step);
  }
}

/** Sends the next batch (less the injected failures) to the serving model in one call. */
export async function serveBatch(
  st: EngineState,
  tickEvents: SimulationEvent[],
): Promise<ServedBatch> {
  const from = st.step;
  const to = Math.min(st.scenario.stream.length, from + st.s.batchSize);
  logScenarioEvents(st, from, to, tickEvents);
  const rows = st.scenario.stream.slice(from, to);
  const injectedFailure = rows.map(() => st.errorRng.next() < st.s.injectedErrorRate);
  const served = rows.filter((_, i) => !injectedFailure[i]);
  let predicted: string[] | null = null;
  let batchLatency = 0;
  if (served.length > 0) {
    try {
      const out = await st.champion.predictBatch(served.map((r) => r.x));
      predicted = out.labels;
      batchLatency = out.latencyMs;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      st.log(tickEvents, 'request-failure', `${served.length} requests failed: ${message}`, from);
    }
  }
  return { from, rows, injectedFailure, predicted, batchLatency };
}

/**
 * Latency of one answered request, measured and with the injected delay. The Page–Hinkley alarm
 * watches the seeded injected delay only: the measured part depends on how busy the machine is,
 * and a logged alarm must be the same for the same seed on any machine (issue 15 #1).
 */
function recordLatency(
  st: EngineState,
  t: number,
  batchLatency: number,
  tickEvents: SimulationEvent[],
): void {
  const s = st.s;
  const injected = s.injectedLatencyMs > 0 ? st.latencyRng.exponential(1 / s.injectedLatencyMs) : 0;
  st.latency.add(batchLatency);
  st.latencyWithInjected.add(batchLatency + injected);
  if (st.latencyAlarm.update(injected).drift) {
    st.log(tickEvents, 'latency-alarm', 'Page–Hinkley: the injected delay changed.', t);
  }
}

/** Records every request of the batch: errors, latency, the prediction awaiting its label. */
export function recordRequests(
  st: EngineState,
  batch: ServedBatch,
  tickEvents: SimulationEvent[],
): void {
  const { from, rows, injectedFailure, predicted, batchLatency } = batch;
  let servedIndex = 0;
  rows.forEach((row, i) => {
    const t = from + i;
    let label: string | null = null;
    if (injectedFailure[i]) {
      st.errors.record(false);
      st.errorsWithInjected.record(true);
    } else if (predicted === null) {
      st.errors.record(true);
      st.errorsWithInjected.record(true);
      servedIndex++;
    } else {
      label = predicted[servedIndex++] ?? null;
      st.errors.record(false);
      st.errorsWithInjected.record(false);
      recordLatency(st, t, batchLatency, tickEvents);
      st.accuracy.predict(t, label ?? '', row.label);
    }
    st.pending.push({
      step: t,
      x: row.x,
      label: row.label,
      predicted: label,
      version: st.policy.championVersion,
    });
    st.driftBuffer.push(row.x);
  });
  st.step = from + rows.length;
  st.tickIndex++;
  st.accuracy.advanceTo(st.step - 1);
}

/** What the labels released this tick told the monitors. */
export interface ReleasedLabels {
  newLabels: number;
  /** Accuracy of each tumbling window that closed. */
  closedWindows: number[];
  detectorAlarm: boolean;
}

/** One released label of a serving-model answer: tumbling windows and DDM. */
function judgeServingModel(
  st: EngineState,
  p: PendingLabel,
  out: ReleasedLabels,
  tickEvents: SimulationEvent[],
): void {
  const correct = p.predicted === p.label;
  const closed = st.accuracyWindows.push(correct);
  if (closed) out.closedWindows.push(closed.filter(Boolean).length / closed.length);
  const wasWarning = st.ddm.status.warning;
  const status = st.ddm.update(!correct);
  if (status.drift) {
    out.detectorAlarm = true;
    st.log(
      tickEvents,
      'detector-drift',
      `DDM drift alarm on the labelled predictions (request ${p.step}).`,
    );
  } else if (status.warning && !wasWarning) {
    st.log(
      tickEvents,
      'detector-warning',
      `DDM warning on the labelled predictions (request ${p.step}).`,
    );
  }
}

/** Releases the labels that arrived by request `now` (the last one served). */
export function releaseLabels(st: EngineState, tickEvents: SimulationEvent[]): ReleasedLabels {
  const now = st.step - 1;
  const out: ReleasedLabels = { newLabels: 0, closedWindows: [], detectorAlarm: false };
  while (st.pendingStart < st.pending.length) {
    const p = st.pending[st.pendingStart] as PendingLabel;
    if (p.step + st.s.labelDelay > now) break;
    st.pendingStart++;
    out.newLabels++;
    st.labelled.push({ x: p.x, y: p.label });
    if (p.predicted !== null) {
      st.labelledPredictions++;
      if (p.predicted === p.label) st.correctPredictions++;
    }
    // The policy and DDM judge the serving model only: late labels of a replaced model's
    // answers would otherwise make a fresh model look bad and trigger another retrain.
    if (p.predicted === null || p.version !== st.policy.championVersion) continue;
    judgeServingModel(st, p, out, tickEvents);
  }
  if (st.pendingStart > 4096) {
    st.pending.splice(0, st.pendingStart);
    st.pendingStart = 0;
  }
  return out;
}
