import { describe, expect, it } from 'vitest';
import { timePasses } from './timing';

/** A fake clock that advances by the given durations, one per pass (start and end reads). */
function scriptedClock(passDurations: number[]): { now: () => number; pass: () => void } {
  let time = 0;
  let index = 0;
  return {
    now: () => time,
    pass: () => {
      time += passDurations[index] ?? 0;
      index += 1;
    },
  };
}

describe('timePasses', () => {
  it.each([
    {
      // Warm-up pass takes 100 ms (ignored); timed passes 10, 30, 20 ms over 10 calls each →
      // per call 1, 3, 2 ms → median 2 ms.
      case: 'reports the median per-call time of the timed passes, after the warm-up',
      durations: [100, 10, 30, 20],
      options: { passes: 3, callsPerPass: 10, warmupPasses: 1 },
      passMs: [10, 30, 20],
      median: 2,
    },
    {
      // Per call: 4, 1, 3, 2 ms → sorted 1, 2, 3, 4 → median 2.5 ms.
      case: 'averages the two middle passes for an even count (type-7 median)',
      durations: [4, 1, 3, 2],
      options: { passes: 4, callsPerPass: 1, warmupPasses: 0 },
      passMs: [4, 1, 3, 2],
      median: 2.5,
    },
  ])('$case', async ({ durations, options, passMs, median }) => {
    const clock = scriptedClock(durations);
    const result = await timePasses(clock.pass, { ...options, now: clock.now });
    expect(result.passMs).toEqual(passMs);
    expect(result.medianPerCallMs).toBe(median);
    expect(result.callsPerPass).toBe(options.callsPerPass);
  });

  it('awaits `between` after each warm-up pass and between timed passes, outside the timing', async () => {
    let time = 0;
    const events: string[] = [];
    const result = await timePasses(
      () => {
        events.push('pass');
        time += 1;
      },
      {
        passes: 2,
        callsPerPass: 1,
        warmupPasses: 1,
        now: () => time,
        between: async () => {
          events.push('between');
          time += 1000; // time spent yielding must not be counted
        },
      },
    );
    expect(events).toEqual(['pass', 'between', 'pass', 'between', 'pass']);
    expect(result.passMs).toEqual([1, 1]);
  });

  it('awaits asynchronous passes', async () => {
    let time = 0;
    const result = await timePasses(
      async () => {
        await Promise.resolve();
        time += 6;
      },
      { passes: 1, callsPerPass: 3, warmupPasses: 0, now: () => time },
    );
    expect(result.medianPerCallMs).toBe(2);
  });

  it('refuses counts below one', async () => {
    await expect(timePasses(() => undefined, { passes: 0, callsPerPass: 1 })).rejects.toThrow(
      RangeError,
    );
    await expect(timePasses(() => undefined, { passes: 1, callsPerPass: 0 })).rejects.toThrow(
      RangeError,
    );
  });
});
