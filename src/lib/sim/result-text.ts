/**
 * One simulation run in the scaling simulator's words: the capacity line, the results table's
 * cells, the theory note and the per-replica utilization. Pure strings and numbers, so the chapter
 * page prints the default run at build time and the widget prints every later run the same way.
 */
import { formatDuration, formatPercent } from '../format';
import type { SimulationConfig, SimulationResult } from './queueing';
import { littleCheck } from './report';
import { capacity, mmcTheory, offeredUtilization } from './scenario';

/** Seconds as the simulator prints a duration. */
export const ms = (seconds: number): string => formatDuration(seconds * 1000);

/** A rate in requests per second ("—" when not finite). */
export const rate = (perSecond: number): string =>
  Number.isFinite(perSecond) ? `${perSecond.toFixed(perSecond < 10 ? 2 : 1)} req/s` : '—';

/** A number with `digits` decimals, "—" when not finite. */
export const fixed = (value: number, digits = 2): string =>
  Number.isFinite(value) ? value.toFixed(digits) : '—';

/** The results table's rows, in order: key and label. */
export const RESULT_ROWS = [
  ['throughput', 'Throughput'],
  ['p50', 'p50 latency'],
  ['p95', 'p95 latency'],
  ['p99', 'p99 latency'],
  ['mean', 'Mean latency W'],
  ['wait', 'Mean wait in queue Wq'],
  ['dropped', 'Dropped requests'],
  ['utilization', 'Utilization ρ'],
  ['inSystem', 'Mean requests in system L'],
] as const;

/** One row key of the results table. */
export type ResultRow = (typeof RESULT_ROWS)[number][0];

/** The line above the results: the capacity c·k/E[S] and the offered load ρ. */
export function capacityLine(config: SimulationConfig): string {
  const rho = offeredUtilization(config);
  const saturated =
    ': more work arrives than the replicas can do, so the queue grows without bound (or drops, with a cap).';
  return `Capacity c·k/E[S] = ${rate(capacity(config))} at the starting replica count; offered load ρ = λ·E[S]/(c·k) = ${fixed(rho, 3)}${rho >= 1 ? saturated : '.'}`;
}

/** Each row's two cells: the simulated figure and the M/M/c figure ("—" where theory does not apply). */
export function resultCells(
  config: SimulationConfig,
  result: SimulationResult,
): Record<ResultRow, readonly [string, string]> {
  const theory = mmcTheory(config);
  const t = theory.applies ? theory.figures : null;
  const arrivals = result.arrivals.toLocaleString('en');
  return {
    throughput: [rate(result.throughput), t ? rate(t.throughput) : '—'],
    p50: [ms(result.latency.p50), t ? ms(t.p50) : '—'],
    p95: [ms(result.latency.p95), t ? ms(t.p95) : '—'],
    p99: [ms(result.latency.p99), t ? ms(t.p99) : '—'],
    mean: [ms(result.latency.mean), t ? ms(t.meanLatency) : '—'],
    wait: [ms(result.meanWait), t ? ms(t.meanWait) : '—'],
    dropped: [
      `${result.dropped.toLocaleString('en')} of ${arrivals} (${formatPercent(result.dropRate)})`,
      t ? '0' : '—',
    ],
    utilization: [
      formatPercent(result.utilization),
      t ? formatPercent(Math.min(1, t.utilization)) : '—',
    ],
    inSystem: [fixed(result.meanInSystem), t ? fixed(t.meanInSystem) : '—'],
  };
}

/** The note under the table: which theory applies (or why none does) and Little's law. */
export function theoryNote(config: SimulationConfig, result: SimulationResult): string {
  const theory = mmcTheory(config);
  const little = littleCheck(result);
  const model = theory.applies
    ? `Theory: ${theory.figures.model}, steady state${theory.figures.utilization >= 1 ? ' does not exist (ρ ≥ 1): waits grow with the run length' : ''}.`
    : `No theory column: ${theory.reason}`;
  return `${model} Little's law check: throughput × mean latency = ${fixed(little.predicted)} requests, against the measured time-average L = ${fixed(little.measured)}.`;
}

/** One replica's busy share for the utilization list. */
export interface ReplicaShare {
  /** 1-based, as the reader counts replicas. */
  replica: number;
  share: number;
}

/** The replicas that took part in the run: the starting ones and any the autoscaler started. */
export function replicaShares(config: SimulationConfig, result: SimulationResult): ReplicaShare[] {
  return result.replicaUtilization
    .map((share, i) => ({ replica: i + 1, share }))
    .filter(({ share, replica }) => share > 0 || replica <= config.replicas);
}

/** The CSS width of a utilization bar: the share as a percentage, at most 100%. */
export const barWidth = (share: number): string => `${Math.min(100, share * 100).toFixed(1)}%`;
