/**
 * Honest latency figures. Browsers coarsen `performance.now()` (to 100 µs, or 5 µs in a
 * cross-origin-isolated page; see the High Resolution Time spec, "Clock resolution"), so a fast
 * forward pass often measures 0. These helpers find the clock's step and write a measured
 * duration with no digit finer than that step (issue 15 #6).
 */

/**
 * The smallest positive step between successive readings of `now`: the clock's resolution, in
 * the clock's units. Reads until `steps` changes were seen or `maxReadings` readings were taken;
 * NaN when the clock never moved.
 */
export function estimateClockResolution(
  now: () => number,
  steps = 8,
  maxReadings = 200_000,
): number {
  let smallest = Number.POSITIVE_INFINITY;
  let seen = 0;
  let previous = now();
  for (let i = 0; i < maxReadings && seen < steps; i++) {
    const t = now();
    const step = t - previous;
    if (step > 0) {
      seen++;
      if (step < smallest) smallest = step;
      previous = t;
    }
  }
  return Number.isFinite(smallest) ? smallest : Number.NaN;
}

/** Decimals that show a multiple of `resolution` exactly, and nothing finer (0.1 → 1, 0.005 → 3). */
export function decimalsFor(resolution: number): number {
  if (!(resolution > 0) || !Number.isFinite(resolution)) return 0;
  let decimals = 0;
  // Smallest d with resolution·10^d (nearly) whole, capped: no clock is finer than a nanosecond.
  while (
    decimals < 6 &&
    Math.abs(Math.round(resolution * 10 ** decimals) - resolution * 10 ** decimals) > 1e-6
  )
    decimals++;
  return decimals;
}

/**
 * A measured duration in ms, rounded to the clock's resolution: "0.3 ms" with a 0.1 ms clock,
 * "< 0.1 ms" when it is below one tick of the clock (the clock cannot tell it from 0).
 */
export function formatMeasuredMs(ms: number, resolutionMs: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (!(resolutionMs > 0) || !Number.isFinite(resolutionMs)) return `${ms.toFixed(0)} ms`;
  const decimals = decimalsFor(resolutionMs);
  if (ms < resolutionMs) return `< ${resolutionMs.toFixed(decimals)} ms`;
  const rounded = Math.round(ms / resolutionMs) * resolutionMs;
  return `${rounded.toFixed(decimals)} ms`;
}
