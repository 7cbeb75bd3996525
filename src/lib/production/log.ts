/**
 * The simulator's log as the reader sees it. Every event is kept (issue 15 #1: a flood of one
 * kind must never push a drift alert or a swap out of view); the reader filters by group, and the
 * key events — the scenario's own changes, data-drift alerts, retrains, swaps, rejected or failed
 * retrains — appear under every filter. In a scenario whose stream never changes, every drift
 * alarm is by construction a false alarm, and the log and the summary say so (issue 16).
 */
import type { SimulationEvent, SimulationEventKind } from './engine';
import type { ScenarioInfo } from './scenarios';

/** The groups a reader can filter the log by. */
export type LogGroup = 'key' | 'detectors' | 'service';

/** Which group each kind of event belongs to. */
export const EVENT_GROUP: Readonly<Record<SimulationEventKind, LogGroup>> = {
  scenario: 'key',
  'data-drift-alert': 'key',
  'retrain-started': 'key',
  'model-swapped': 'key',
  'challenger-rejected': 'key',
  'retrain-failed': 'key',
  'detector-warning': 'detectors',
  'detector-drift': 'detectors',
  'latency-alarm': 'detectors',
  'retrain-blocked': 'detectors',
  'error-rate-alert': 'service',
  'request-failure': 'service',
  injection: 'service',
};

/** What the log shows: everything, or the key events plus one group. */
export type LogFilter = 'all' | LogGroup;

/** The filter menu, in order: value and reader-facing label. */
export const LOG_FILTERS: readonly { value: LogFilter; label: string }[] = [
  { value: 'all', label: 'Everything' },
  { value: 'key', label: 'Key events only (drift alerts, retrains, swaps)' },
  { value: 'detectors', label: 'Key events and detector signals (DDM, Page–Hinkley)' },
  { value: 'service', label: 'Key events and service signals (errors, injected faults)' },
];

/** The filter a menu value names; anything unknown shows everything (nothing is hidden by mistake). */
export function parseLogFilter(value: string): LogFilter {
  return LOG_FILTERS.find((f) => f.value === value)?.value ?? 'all';
}

const DRIFT_ALARMS: readonly SimulationEventKind[] = [
  'data-drift-alert',
  'detector-drift',
  'detector-warning',
];

/** Whether `event` is a drift alarm in a scenario that has no drift: a false alarm by construction. */
export function isFalseAlarm(event: SimulationEvent, info: ScenarioInfo): boolean {
  return !info.hasDrift && DRIFT_ALARMS.includes(event.kind);
}

/** One line of the log as shown. */
export interface LogLine {
  step: number;
  kind: SimulationEventKind;
  /** "bird 812: Data-drift alert: …", with "False alarm" in front when it is one. */
  text: string;
  /** A key event: shown under every filter. */
  key: boolean;
  falseAlarm: boolean;
}

/**
 * The lines `filter` shows, newest first. Nothing is cut: 'all' returns every event, and every
 * filter returns every key event.
 */
export function logLines(
  events: readonly SimulationEvent[],
  info: ScenarioInfo,
  filter: LogFilter,
): LogLine[] {
  const unit = info.requestUnit === 'day' ? 'day' : 'request';
  const lines: LogLine[] = [];
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i] as SimulationEvent;
    const group = EVENT_GROUP[e.kind];
    if (filter !== 'all' && group !== 'key' && group !== filter) continue;
    const falseAlarm = isFalseAlarm(e, info);
    const prefix = falseAlarm ? 'False alarm (this stream has no drift): ' : '';
    lines.push({
      step: e.step,
      kind: e.kind,
      text: `${unit} ${e.step}: ${prefix}${e.message}`,
      key: group === 'key',
      falseAlarm,
    });
  }
  return lines;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "1 data-drift alert, 5 DDM alarms", naming false alarms as such when the stream has no drift. */
export function alarmSummary(events: readonly SimulationEvent[], info: ScenarioInfo): string {
  const alerts = events.filter((e) => e.kind === 'data-drift-alert').length;
  const ddm = events.filter((e) => e.kind === 'detector-drift').length;
  const text = `${plural(alerts, 'data-drift alert')}, ${plural(ddm, 'DDM alarm')}`;
  if (info.hasDrift || alerts + ddm === 0) return text;
  return `${text}, all false alarms: this stream has no drift`;
}
