import { describe, expect, it } from 'vitest';
import { createRng } from '../sim/rng';
import {
  createRetrainingPolicy,
  observePolicy,
  resolveRetraining,
  type RetrainingPolicyState,
} from './retraining';

describe('retraining policy', () => {
  it('fires after k low-accuracy windows and respects the cooldown', () => {
    let state: RetrainingPolicyState = createRetrainingPolicy({
      accuracyThreshold: 0.8,
      consecutiveLowWindows: 2,
      minNewLabelledRows: 100,
      cooldownSteps: 300,
    });
    let result = observePolicy(state, { step: 100, newLabelledRows: 100, windowAccuracy: 0.7 });
    expect(result.decision.retrain).toBe(false); // one low window
    result = observePolicy(result.state, { step: 200, newLabelledRows: 100, windowAccuracy: 0.75 });
    expect(result.decision).toEqual({ retrain: true, reasons: ['accuracy'] });
    state = resolveRetraining(result.state, {
      step: 200,
      reasons: result.decision.reasons,
      championAccuracy: 0.75,
      challengerAccuracy: 0.9,
    }).state;
    expect(state.championVersion).toBe(2);
    // A detector alarm 100 steps later is inside the 300-step cooldown.
    result = observePolicy(state, { step: 300, newLabelledRows: 150, detectorAlarm: true });
    expect(result.decision).toEqual({
      retrain: false,
      reasons: ['detector'],
      blockedBy: 'cooldown',
    });
    // After the cooldown the same trigger goes through.
    result = observePolicy(result.state, { step: 500, newLabelledRows: 10, detectorAlarm: true });
    expect(result.decision).toEqual({ retrain: true, reasons: ['detector'] });
  });

  it('waits for enough new labels', () => {
    const state = createRetrainingPolicy({ minNewLabelledRows: 500 });
    const { decision } = observePolicy(state, {
      step: 10,
      newLabelledRows: 499,
      datasetDrift: true,
    });
    expect(decision).toEqual({
      retrain: false,
      reasons: ['data-drift'],
      blockedBy: 'not-enough-labels',
    });
  });

  it('retrains on a schedule', () => {
    let state = createRetrainingPolicy({ scheduleEvery: 1000, minNewLabelledRows: 0 });
    const fired: number[] = [];
    for (let step = 100; step <= 3000; step += 100) {
      const result = observePolicy(state, { step, newLabelledRows: 100 });
      state = result.state;
      if (result.decision.retrain) {
        fired.push(step);
        state = resolveRetraining(state, {
          step,
          reasons: result.decision.reasons,
          championAccuracy: 0.9,
          challengerAccuracy: 0.9,
        }).state;
      }
    }
    expect(fired).toEqual([1000, 2000, 3000]);
  });

  it('never retrains on a stream without drift', () => {
    const rng = createRng(2024);
    let state = createRetrainingPolicy({
      accuracyThreshold: 0.8,
      consecutiveLowWindows: 2,
      minNewLabelledRows: 50,
    });
    for (let window = 1; window <= 200; window++) {
      // Each window: 100 labelled predictions at a steady 90% accuracy.
      let correct = 0;
      for (let i = 0; i < 100; i++) if (rng.next() < 0.9) correct++;
      const result = observePolicy(state, {
        step: window * 100,
        newLabelledRows: 100,
        windowAccuracy: correct / 100,
        datasetDrift: false,
        detectorAlarm: false,
      });
      state = result.state;
      expect(result.decision.retrain).toBe(false);
    }
    expect(state.history).toHaveLength(1);
  });

  it('keeps the champion when the challenger is worse than champion − tolerance', () => {
    const state = createRetrainingPolicy({ tolerance: 0.01 });
    const rejected = resolveRetraining(state, {
      step: 50,
      reasons: ['data-drift'],
      championAccuracy: 0.9,
      challengerAccuracy: 0.88,
    });
    expect(rejected.version).toMatchObject({
      version: 2,
      accepted: false,
      metrics: { champion: 0.9, challenger: 0.88 },
    });
    expect(rejected.state.championVersion).toBe(1);
    // Within tolerance the challenger is accepted.
    const accepted = resolveRetraining(rejected.state, {
      step: 900,
      reasons: ['schedule'],
      championAccuracy: 0.9,
      challengerAccuracy: 0.895,
    });
    expect(accepted.state.championVersion).toBe(3);
    expect(accepted.state.history.map((v) => [v.version, v.accepted])).toEqual([
      [1, true],
      [2, false],
      [3, true],
    ]);
  });
});
