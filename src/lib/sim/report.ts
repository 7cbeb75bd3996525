/**
 * What the scaling simulator reports beside a run, kept out of the widget: Little's law check,
 * the λ sweep's rows and chart points, and chart domains that always cover the data drawn in them
 * (issue 15 #4: the sweep chart stopped at the capacity while the sweep ran to 1.2× it).
 */
import type { SimulationConfig, SimulationResult } from './queueing';
import { formatMeasuredMs } from '../monitoring/clock';
import { quantiles } from '../stats/quantile';
import { capacity, mmcTheory } from './scenario';

/** A point of a chart, in the chart's units. */
export interface ChartPoint {
  x: number;
  y: number;
}

/**
 * Little's law, L = λW (Little 1961): the completions per second times the mean time in system
 * should match the time-average number of requests in the system the run measured.
 */
export function littleCheck(result: SimulationResult): { predicted: number; measured: number } {
  return { predicted: result.throughput * result.latency.mean, measured: result.meanInSystem };
}

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value` (a round top for an axis). */
export function niceCeil(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 5, 10]) if (m * power >= value * (1 - 1e-12)) return m * power;
  return 10 * power;
}

/**
 * A [0, top] domain covering every finite value and every `extra` value (e.g. a marker that must
 * stay inside the chart), with `top` rounded up to 1, 2 or 5 × 10ⁿ.
 */
export function coveringDomain(
  values: Iterable<number>,
  extra: readonly number[] = [],
): [number, number] {
  let top = 0;
  for (const v of values) if (Number.isFinite(v) && v > top) top = v;
  for (const v of extra) if (Number.isFinite(v) && v > top) top = v;
  return [0, niceCeil(top)];
}

/** One row of the λ sweep. Times are in seconds; `theoryP99` is NaN when M/M/k has no steady state, null when it does not apply. */
export interface SweepRow {
  arrivalRate: number;
  /** Offered load of the one replica, ρ = λ / capacity. */
  rho: number;
  p50: number;
  p99: number;
  theoryP99: number | null;
  dropRate: number;
  duration: number;
}

/** The sweep's rows and chart, from each run's config and result (same order). */
export interface SweepReport {
  /** Requests per second one replica completes at most. */
  capacity: number;
  rows: SweepRow[];
  /** Simulated p99 in ms at every λ, saturated runs included. */
  simulated: ChartPoint[];
  /** M/M/k p99 in ms where a steady state exists. */
  theory: ChartPoint[];
  /** Domains covering every point and the capacity marker. */
  xDomain: [number, number];
  yDomain: [number, number];
}

/** Builds the sweep's table rows, chart points and domains (issue 15 #4: every run is drawn). */
export function sweepReport(
  base: SimulationConfig,
  runs: readonly { config: SimulationConfig; result: SimulationResult }[],
): SweepReport {
  const single = capacity(base, 1);
  const rows: SweepRow[] = runs.map(({ config, result }) => {
    const theory = mmcTheory(config);
    return {
      arrivalRate: config.arrivalRate,
      rho: config.arrivalRate / single,
      p50: result.latency.p50,
      p99: result.latency.p99,
      theoryP99: theory.applies ? theory.figures.p99 : null,
      dropRate: result.dropRate,
      duration: config.duration,
    };
  });
  const simulated = rows.map((r) => ({ x: r.arrivalRate, y: r.p99 * 1000 }));
  const theory = rows
    .filter((r) => r.theoryP99 !== null && Number.isFinite(r.theoryP99))
    .map((r) => ({ x: r.arrivalRate, y: (r.theoryP99 as number) * 1000 }));
  return {
    capacity: single,
    rows,
    simulated,
    theory,
    xDomain: coveringDomain(
      simulated.map((p) => p.x),
      [single],
    ),
    yDomain: coveringDomain([...simulated, ...theory].map((p) => p.y)),
  };
}

/** The latency-over-time series (ms, per interval midpoint) and a domain covering them. */
export function latencySeries(
  result: SimulationResult,
  duration: number,
): { p50: ChartPoint[]; p99: ChartPoint[]; xDomain: [number, number]; yDomain: [number, number] } {
  const series = (key: 'p50' | 'p99') =>
    result.timeSeries.map((b) => ({
      x: (b.start + b.end) / 2,
      y: b[key] === null ? NaN : (b[key] as number) * 1000,
    }));
  const p50 = series('p50');
  const p99 = series('p99');
  return {
    p50,
    p99,
    xDomain: [0, Math.max(duration, ...result.timeSeries.map((b) => b.end))],
    yDomain: coveringDomain([...p50, ...p99].map((p) => p.y)),
  };
}

/** Ready and starting replicas at the end of each interval, and a domain covering both. */
export function replicaSeries(
  result: SimulationResult,
  maxReplicas: number,
): { ready: ChartPoint[]; starting: ChartPoint[]; yDomain: [number, number] } {
  const ready = result.timeSeries.map((b) => ({ x: b.end, y: b.replicas }));
  const starting = result.timeSeries.map((b) => ({ x: b.end, y: b.startingReplicas }));
  const top = Math.max(maxReplicas, ...ready.map((p) => p.y), ...starting.map((p) => p.y));
  return { ready, starting, yDomain: [0, top] };
}

/**
 * The moments the ready count changed, as chart markers ("3 ready"); one per change, in time
 * order. The chart lays their labels out so that none overprints another.
 */
export function readyMarkers(result: SimulationResult): { x: number; label: string }[] {
  const markers: { x: number; label: string }[] = [];
  let last = result.replicaTimeline[0]?.ready;
  for (const change of result.replicaTimeline.slice(1)) {
    if (change.ready === last) continue;
    last = change.ready;
    markers.push({ x: change.time, label: `${change.ready} ready` });
  }
  return markers;
}

/** Median, p95 and max of measured latencies, written to the clock's resolution (issue 15 #6). */
export interface MeasuredSummary {
  median: string;
  p95: string;
  max: string;
  /** The whole batch's wall time divided by its size: finer than one tick of the clock. */
  batchMean: string;
  resolution: string;
}

/**
 * Summarises per-request times (ms) measured with a clock of `resolutionMs`, and the batch's total
 * wall time `batchMs` over `latenciesMs.length` requests. No figure shows a digit finer than the
 * clock can tell, except the batch mean, which divides one long span by the request count, so its
 * error is one tick / count (as chapter 1 times batches).
 */
export function measuredSummary(
  latenciesMs: readonly number[],
  resolutionMs: number,
  batchMs: number,
): MeasuredSummary {
  const [p50 = NaN, p95 = NaN, max = NaN] = quantiles(latenciesMs, [0.5, 0.95, 1]);
  const n = latenciesMs.length;
  const meanResolution = n > 0 ? resolutionMs / n : resolutionMs;
  return {
    median: formatMeasuredMs(p50, resolutionMs),
    p95: formatMeasuredMs(p95, resolutionMs),
    max: formatMeasuredMs(max, resolutionMs),
    batchMean: formatMeasuredMs(n > 0 ? batchMs / n : NaN, significantStep(meanResolution)),
    resolution: formatMeasuredMs(resolutionMs, resolutionMs),
  };
}

/** The power of ten at or below `step` (0.02 → 0.01): the mean's last digit is the one its error reaches. */
function significantStep(step: number): number {
  if (!(step > 0) || !Number.isFinite(step)) return step;
  return 10 ** Math.floor(Math.log10(step) + 1e-9);
}
