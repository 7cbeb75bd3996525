import { describe, expect, it } from 'vitest';
import { decimalsFor, estimateClockResolution, formatMeasuredMs } from './clock';

/** A clock that advances 0.0013 ms per reading and reports multiples of `step`, like a browser's. */
function coarse(step: number): () => number {
  let t = 0;
  return () => {
    t += 0.0013;
    return Math.floor(t / step) * step;
  };
}

describe('estimateClockResolution', () => {
  it('finds the step of a coarsened clock', () => {
    expect(estimateClockResolution(coarse(0.1))).toBeCloseTo(0.1, 9);
    expect(estimateClockResolution(coarse(0.005))).toBeCloseTo(0.005, 9);
  });
  it('is NaN for a clock that never moves', () => {
    expect(estimateClockResolution(() => 5, 8, 1000)).toBeNaN();
  });
});

describe('decimalsFor', () => {
  it('gives the decimals of the step', () => {
    expect([1, 0.1, 0.005, 0.02, 2].map(decimalsFor)).toEqual([0, 1, 3, 2, 0]);
    expect(decimalsFor(0.1 + 0.2 - 0.2)).toBe(1);
  });
});

describe('formatMeasuredMs', () => {
  it('never writes "0.00 µs" for a duration the 0.1 ms clock could not see', () => {
    expect(formatMeasuredMs(0, 0.1)).toBe('< 0.1 ms');
    expect(formatMeasuredMs(0.04, 0.1)).toBe('< 0.1 ms');
  });
  it('rounds to the clock’s step, no finer', () => {
    expect(formatMeasuredMs(0.3, 0.1)).toBe('0.3 ms');
    expect(formatMeasuredMs(0.2499, 0.1)).toBe('0.2 ms');
    expect(formatMeasuredMs(1.2345, 0.005)).toBe('1.235 ms');
    expect(formatMeasuredMs(12.6, 1)).toBe('13 ms');
  });
  it('writes whole ms when the resolution is unknown, and — for no value', () => {
    expect(formatMeasuredMs(3.3, Number.NaN)).toBe('3 ms');
    expect(formatMeasuredMs(Number.NaN, 0.1)).toBe('—');
  });
});
