import { describe, expect, it } from 'vitest';
import type { SimulationEvent } from './engine';
import {
  alarmSummary,
  EVENT_GROUP,
  LOG_FILTERS,
  logLines,
  parseLogFilter,
  type LogFilter,
} from './log';
import { SCENARIOS } from './scenarios';

const ev = (
  step: number,
  kind: SimulationEvent['kind'],
  message: string = kind,
): SimulationEvent => ({
  step,
  kind,
  message,
});

// A run on a busy machine as issue 15 found it: one drift alert early, then a flood of alarms.
const flood: SimulationEvent[] = [
  ev(800, 'scenario', 'Scenario: body mass now in kilograms.'),
  ev(900, 'data-drift-alert', 'Data-drift alert: body_mass_g drifted in 2 checks in a row.'),
  ...Array.from({ length: 60 }, (_, i) => ev(901 + i, 'latency-alarm')),
  ev(1200, 'retrain-started'),
  ...Array.from({ length: 40 }, (_, i) => ev(1201 + i, 'error-rate-alert')),
  ev(1300, 'model-swapped', 'v2 now serves.'),
];

describe('logLines', () => {
  it('keeps every event under "all", newest first', () => {
    const lines = logLines(flood, SCENARIOS['unit-bug'], 'all');
    expect(lines).toHaveLength(flood.length);
    expect(lines[0]!.text).toBe('request 1300: v2 now serves.');
    expect(lines.at(-1)!.text).toBe('request 800: Scenario: body mass now in kilograms.');
  });

  it('shows every key event under every filter, however long the flood', () => {
    for (const { value } of LOG_FILTERS) {
      const lines = logLines(flood, SCENARIOS['unit-bug'], value);
      expect(lines.filter((l) => l.key).map((l) => l.step)).toEqual([1300, 1200, 900, 800]);
      expect(lines.some((l) => l.text.includes('body_mass_g drifted'))).toBe(true);
    }
  });

  it('filters the other kinds by group', () => {
    const count = (f: LogFilter) => logLines(flood, SCENARIOS['unit-bug'], f).length;
    expect(count('key')).toBe(4);
    expect(count('detectors')).toBe(64);
    expect(count('service')).toBe(44);
  });

  it('labels drift alarms in the no-drift control as false alarms, and only there', () => {
    const events = [ev(400, 'detector-drift', 'DDM drift alarm.'), ev(500, 'latency-alarm', 'PH.')];
    const control = logLines(events, SCENARIOS.control, 'all');
    expect(control.map((l) => l.text)).toEqual([
      'request 500: PH.',
      'request 400: False alarm (this stream has no drift): DDM drift alarm.',
    ]);
    expect(logLines(events, SCENARIOS['label-swap'], 'all')[1]!.falseAlarm).toBe(false);
    expect(logLines(events, SCENARIOS.seasonal, 'all')[1]!.text).toBe('day 400: DDM drift alarm.');
  });

  it('puts every event kind in a group', () => {
    expect(new Set(Object.values(EVENT_GROUP))).toEqual(new Set(['key', 'detectors', 'service']));
  });
});

describe('parseLogFilter', () => {
  it.each(['key', 'service'])('reads the menu value %j', (value) => {
    expect(parseLogFilter(value)).toBe(value);
  });

  it.each(['', '<script>'])('shows everything for anything else: %j', (value) => {
    expect(parseLogFilter(value)).toBe('all');
  });
});

describe('alarmSummary', () => {
  const five = Array.from({ length: 5 }, (_, i) => ev(i * 100, 'detector-drift'));
  it('counts alerts and alarms', () => {
    expect(alarmSummary([ev(1, 'data-drift-alert'), ...five], SCENARIOS['unit-bug'])).toBe(
      '1 data-drift alert, 5 DDM alarms',
    );
    expect(alarmSummary([], SCENARIOS.control)).toBe('0 data-drift alerts, 0 DDM alarms');
  });
  it('calls the control scenario’s alarms false alarms', () => {
    expect(alarmSummary(five, SCENARIOS.control)).toBe(
      '0 data-drift alerts, 5 DDM alarms, all false alarms: this stream has no drift',
    );
  });
});
