import { describe, expect, it } from 'vitest';
import { DelayedAccuracyTracker, ErrorRateTracker } from './trackers';

describe('ErrorRateTracker', () => {
  it('computes the error share over the last N requests', () => {
    const tracker = new ErrorRateTracker(4);
    expect(Number.isNaN(tracker.rate)).toBe(true);
    for (const e of [true, true, false, false]) tracker.record(e);
    expect(tracker.rate).toBe(0.5);
    tracker.record(false); // drops the first error
    expect(tracker.rate).toBe(0.25);
  });
});

describe('DelayedAccuracyTracker', () => {
  it('counts a prediction only once its label arrives k steps later', () => {
    const tracker = new DelayedAccuracyTracker<string>({ windowSize: 10, labelDelay: 3 });
    tracker.predict(0, 'a', 'a');
    tracker.predict(1, 'a', 'b');
    tracker.predict(2, 'b', 'b');
    expect(tracker.waiting).toBe(3);
    expect(Number.isNaN(tracker.accuracy)).toBe(true);
    tracker.predict(3, 'c', 'c'); // label of step 0 arrives now
    expect(tracker.waiting).toBe(3);
    expect(tracker.accuracy).toBe(1);
    tracker.advanceTo(4); // label of step 1 (wrong)
    expect(tracker.accuracy).toBe(0.5);
    expect(tracker.advanceTo(6)).toBe(2); // steps 2 and 3
    expect(tracker.accuracy).toBe(0.75);
    expect(tracker.waiting).toBe(0);
    expect(tracker.labelledTotal).toBe(4);
  });

  it('slides over the most recent labelled predictions', () => {
    const tracker = new DelayedAccuracyTracker<number>({ windowSize: 2, labelDelay: 0 });
    tracker.predict(0, 1, 0);
    tracker.predict(1, 1, 1);
    tracker.predict(2, 1, 1);
    expect(tracker.accuracy).toBe(1);
    expect(tracker.labelledInWindow).toBe(2);
  });
});
