/**
 * Scales and axis ticks for the booklet's small SVG charts. Pure arithmetic, so the chart
 * renderer in src/components only turns these numbers into elements.
 */

/** Maps a domain [d0, d1] linearly onto a range [r0, r1]; a zero-width domain maps to the middle. */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  if (span === 0 || !Number.isFinite(span)) return () => (r0 + r1) / 2;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

/**
 * About `count` round tick values covering [min, max], with steps of 1, 2 or 5 times a power of
 * ten, each chosen when the raw step is nearest to it on a log scale.
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min];
  if (min > max) [min, max] = [max, min];
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const ratio = raw / power;
  // Round the raw step to the nearest of 1, 2, 5, 10 on a log scale (cut points √2, √10, √50).
  const step =
    (ratio >= Math.sqrt(50) ? 10 : ratio >= Math.sqrt(10) ? 5 : ratio >= Math.SQRT2 ? 2 : 1) *
    power;
  const start = Math.ceil(min / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = start; v <= max + step * 1e-9; v += step) {
    // Rounding to the step's precision keeps 0.30000000000000004 off the axis.
    ticks.push(Number(v.toFixed(Math.max(0, -Math.floor(Math.log10(step))))));
  }
  return ticks;
}

/** The [min, max] of the finite values, or `fallback` when there are none. */
export function extent(
  values: Iterable<number>,
  fallback: readonly [number, number] = [0, 1],
): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [fallback[0], fallback[1]];
}

/** SVG path data for a polyline through the points; non-finite points break the line. */
export function linePath(points: readonly { x: number; y: number }[]): string {
  let d = '';
  let pen = false;
  for (const { x, y } of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x.toFixed(2)},${y.toFixed(2)}`;
    pen = true;
  }
  return d;
}
