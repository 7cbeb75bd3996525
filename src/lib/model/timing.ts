/**
 * Per-call latency from timed passes. Browsers coarsen `performance.now()` (to 100 µs in pages
 * that are not cross-origin isolated), far coarser than one prediction, so single calls cannot
 * be timed one by one. Instead each pass times many calls together; the per-call time of a pass
 * is its duration divided by its calls, and the reported figure is the median over passes,
 * which shrugs off a pass interrupted by garbage collection or another tab.
 */
import { quantiles } from '../stats/quantile';

/** How to time: passes, calls per pass, and optional hooks (clock, pause between passes). */
export interface TimePassesOptions {
  /** Number of timed passes (≥ 1). */
  passes: number;
  /** How many calls one pass makes (≥ 1); the per-call time of a pass is its duration / this. */
  callsPerPass: number;
  /** Untimed passes run first so caches, JIT and lazily built runtime state are warm. Default 1. */
  warmupPasses?: number;
  /** Clock in milliseconds; default `performance.now`. */
  now?: () => number;
  /** Awaited between passes, outside the timed span (a widget yields to the browser here). */
  between?: () => Promise<void> | void;
}

/** What `timePasses` measured. */
export interface PassTimings {
  /** Median over passes of (pass duration / callsPerPass), in ms. */
  medianPerCallMs: number;
  /** Duration of each timed pass, in ms, in order. */
  passMs: number[];
  callsPerPass: number;
}

/**
 * Runs `pass` (which must make `callsPerPass` calls) `warmupPasses + passes` times and returns
 * the median per-call time of the timed passes. Throws a RangeError on a count below 1.
 */
export async function timePasses(
  pass: () => Promise<void> | void,
  options: TimePassesOptions,
): Promise<PassTimings> {
  const { passes, callsPerPass, warmupPasses = 1, between } = options;
  const now = options.now ?? (() => performance.now());
  if (!(Number.isInteger(passes) && passes >= 1)) throw new RangeError('passes must be ≥ 1');
  if (!(Number.isInteger(callsPerPass) && callsPerPass >= 1)) {
    throw new RangeError('callsPerPass must be ≥ 1');
  }
  for (let i = 0; i < warmupPasses; i++) {
    await pass();
    await between?.();
  }
  const passMs: number[] = [];
  for (let i = 0; i < passes; i++) {
    const start = now();
    await pass();
    passMs.push(now() - start);
    if (i < passes - 1) await between?.();
  }
  const [median] = quantiles(
    passMs.map((ms) => ms / callsPerPass),
    [0.5],
  );
  return { medianPerCallMs: median ?? Number.NaN, passMs, callsPerPass };
}
