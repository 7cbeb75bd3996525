import { describe, expect, it } from 'vitest';
import { compareLatency, formatSignificantDuration, supportedDigits } from './latency';

/**
 * A browser-like clock: virtual time advances 0.01 ms per reading and by whatever work is
 * simulated, and readings are coarsened to 0.1 ms steps (what Chromium gives a page that is not
 * cross-origin isolated).
 */
function coarseClock(stepMs = 0.1) {
  let virtual = 0;
  return {
    now: () => {
      virtual += 0.01;
      return Math.floor(virtual / stepMs) * stepMs;
    },
    spend: (ms: number) => {
      virtual += ms;
    },
  };
}

describe('supportedDigits and formatSignificantDuration', () => {
  it('keeps one digit per decade of clock ticks in the pass, 1 to 3', () => {
    expect(supportedDigits(1, 0.1)).toBe(1); // 10 ticks
    expect(supportedDigits(20, 0.1)).toBe(2); // 200 ticks
    expect(supportedDigits(5000, 0.1)).toBe(3); // capped
    expect(supportedDigits(0.05, 0.1)).toBe(1); // below one tick: still one digit, never zero
    expect(supportedDigits(1, Number.NaN)).toBe(1);
  });
  it('rounds to significant digits without exponent notation', () => {
    expect(formatSignificantDuration(0.0213, 1)).toBe('20 µs');
    expect(formatSignificantDuration(0.0213, 2)).toBe('21 µs');
    expect(formatSignificantDuration(123.4, 2)).toBe('120 ms');
    expect(formatSignificantDuration(1234, 3)).toBe('1.23 s');
    expect(formatSignificantDuration(Number.NaN, 2)).toBe('—');
  });
});

describe('compareLatency', () => {
  it('times passes, divides by the calls and keeps only the digits the clock supports', async () => {
    const clock = coarseClock();
    const rows = 68;
    const result = await compareLatency(
      {
        ortRows: async () => clock.spend(rows * 0.02), // 20 µs per row
        tsRows: () => clock.spend(rows * 0.001), // 1 µs per row
        ortBatch: async () => clock.spend(5),
        tsBatch: () => clock.spend(20),
      },
      { rows, batchRows: 10_000, tsRepeats: 50, now: clock.now },
    );
    expect(result.clockResolutionMs).toBeCloseTo(0.1, 9);
    // A pass is known to ±1 tick (plus the 0.01 ms per reading), so per call to ±0.11/calls.
    expect(result.perRow.ort.perCallMs).toBeCloseTo(0.02, 2);
    expect(Math.abs(result.perRow.ort.perCallMs - 0.02)).toBeLessThanOrEqual(0.11 / rows);
    expect(Math.abs(result.perRow.ts.perCallMs - 0.001)).toBeLessThanOrEqual(0.11 / (rows * 50));
    expect(result.perRow.ts.callsPerPass).toBe(rows * 50);
    expect(Math.abs(result.batch.ort.perCallMs - 5)).toBeLessThanOrEqual(0.11);
    expect(Math.abs(result.batch.ts.perCallMs - 20)).toBeLessThanOrEqual(0.11);
    // 1.36 ms and 3.4 ms passes: 13 and 34 ticks → 1 digit; 5 ms → 50 ticks → 1; 20 ms → 2.
    expect(result.perRow.ort.digits).toBe(1);
    expect(result.perRow.ts.digits).toBe(1);
    expect(result.batch.ort.digits).toBe(1);
    expect(result.batch.ts.digits).toBe(2);
    expect(result.batchRatio).toBeGreaterThan(19.8 / 5.2);
    expect(result.batchRatio).toBeLessThan(20.2 / 4.8);
  });

  it('calls each workload once per warm-up and timed pass, yielding between passes', async () => {
    const clock = coarseClock();
    const calls = { ortRows: 0, tsRows: 0, ortBatch: 0, tsBatch: 0, between: 0 };
    await compareLatency(
      {
        ortRows: async () => void calls.ortRows++,
        tsRows: () => void calls.tsRows++,
        ortBatch: async () => void calls.ortBatch++,
        tsBatch: () => void calls.tsBatch++,
      },
      {
        rows: 3,
        batchRows: 10,
        tsRepeats: 4,
        rowPasses: 2,
        batchPasses: 3,
        now: clock.now,
        between: () => void calls.between++,
      },
    );
    // 1 warm-up + passes; the TypeScript row pass repeats the rows tsRepeats times.
    expect(calls).toEqual({
      ortRows: 3,
      tsRows: 12,
      ortBatch: 4,
      tsBatch: 4,
      between: 2 + 2 + 3 + 3,
    });
  });
});
