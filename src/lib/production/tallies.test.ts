import { describe, expect, it } from 'vitest';
import type { ModelVersion } from '../monitoring/retraining';
import type { SimulationEvent, TickPoint } from './engine';
import { tallyControlRuns, tallyPolicyRun } from './tallies';

const v = (version: number, accepted: boolean): ModelVersion => ({
  version,
  step: version * 100,
  reasons: version === 1 ? ['initial'] : ['accuracy'],
  accepted,
});
const e = (kind: SimulationEvent['kind']): SimulationEvent => ({ step: 1, kind, message: kind });
const point = (cumulativeAccuracy: number) => ({ cumulativeAccuracy }) as TickPoint;

describe('tallyPolicyRun', () => {
  it('counts the retrains after v1, the ones swapped in, and the last cumulative accuracy', () => {
    const run = {
      events: [],
      versions: [v(1, true), v(2, true), v(3, false), v(4, true)],
      points: [point(0.5), point(0.875)],
    };
    expect(tallyPolicyRun(run)).toEqual({ retrains: 3, swappedIn: 2, accuracy: 0.875 });
  });
  it('gives NaN accuracy for a run with no points', () => {
    expect(tallyPolicyRun({ events: [], versions: [v(1, true)], points: [] })).toEqual({
      retrains: 0,
      swappedIn: 0,
      accuracy: Number.NaN,
    });
  });
});

describe('tallyControlRuns', () => {
  it('counts runs where each alarm fired and the totals, by hand', () => {
    const runs = [
      { events: [e('detector-drift'), e('detector-drift')], versions: [v(1, true)], points: [] },
      {
        events: [e('data-drift-alert'), e('data-drift-alert')],
        versions: [v(1, true)],
        points: [],
      },
      {
        events: [e('detector-warning'), e('detector-drift')],
        versions: [v(1, true), v(2, false), v(3, true)],
        points: [],
      },
      { events: [], versions: [v(1, true)], points: [] },
    ];
    expect(tallyControlRuns(runs)).toEqual({
      runs: 4,
      alertRuns: 1,
      ddmRuns: 2,
      ddmAlarms: 3,
      retrainRuns: 1,
      retrains: 2,
    });
  });
});
