/**
 * Rendering for the scaling simulator: the results table, the theory note, per-replica
 * utilization, the latency and replica charts, the λ sweep and the policy comparison. Numbers
 * come from src/lib/sim; this file turns them into text and elements with the widget kit.
 */
import { formatPercent } from '../../lib/format';
import type { SimulationConfig, SimulationResult } from '../../lib/sim/queueing';
import { latencySeries, readyMarkers, replicaSeries, type SweepReport } from '../../lib/sim/report';
import {
  barWidth,
  capacityLine,
  fixed as num,
  ms,
  rate,
  replicaShares,
  resultCells,
  theoryNote,
} from '../../lib/sim/result-text';
import { POLICY_LABELS } from '../../lib/sim/scenario';
import type { RoutingPolicy } from '../../lib/sim/queueing';
import { renderLineChart } from '../widget/charts';
import { dataTable, details, fill, h, legend, part } from '../widget/dom';

/** Writes the capacity line above the results. */
export function renderCapacity(root: HTMLElement, config: SimulationConfig): void {
  part(root, '[data-out="capacity"]').textContent = capacityLine(config);
}

/** Fills the results table, the theory note, the utilization list and the charts for one run. */
export function renderResults(
  root: HTMLElement,
  config: SimulationConfig,
  result: SimulationResult,
): void {
  for (const [key, [sim, theory]] of Object.entries(resultCells(config, result))) {
    const row = part(root, `tr[data-row="${key}"]`);
    part(row, '[data-cell="sim"]').textContent = sim;
    part(row, '[data-cell="theory"]').textContent = theory;
  }
  part(root, '[data-out="theory-note"]').textContent = theoryNote(config, result);
  renderUtilization(part(root, '[data-out="utilization"]'), config, result);
  renderCharts(root, config, result);
}

/**
 * Per-replica utilization, folded behind "Show utilization" (built when opened). A reader who
 * opened it keeps it open when the next run replaces it.
 */
function renderUtilization(
  box: HTMLElement,
  config: SimulationConfig,
  result: SimulationResult,
): void {
  const shares = replicaShares(config, result);
  const wasOpen = box.querySelector('details')?.open ?? false;
  fill(
    box,
    details(
      `Show utilization per replica (${shares.length})`,
      () =>
        h(
          'ul',
          { class: 'ch03-bars' },
          ...shares.map(({ replica, share }) =>
            h(
              'li',
              null,
              h('span', null, `Replica ${replica}: `),
              h('span', { class: 'mono' }, formatPercent(share)),
              h(
                'span',
                { class: 'ch03-bar', 'aria-hidden': 'true' },
                h('span', { style: `width: ${barWidth(share)}` }),
              ),
            ),
          ),
        ),
      wasOpen,
    ),
  );
}

function renderCharts(root: HTMLElement, config: SimulationConfig, result: SimulationResult) {
  const latency = latencySeries(result, config.duration);
  const p99s = latency.p99.map((p) => p.y).filter(Number.isFinite);
  renderLineChart(part<SVGSVGElement>(root, '[data-chart="latency"]'), {
    label: `Latency over time: p99 ranges from ${ms(Math.min(...p99s) / 1000)} to ${ms(Math.max(...p99s) / 1000)} per interval.`,
    xLabel: 'simulated time (s)',
    yLabel: 'latency (ms)',
    series: [
      { label: 'p50', points: latency.p50, tone: 0 },
      { label: 'p99', points: latency.p99, tone: 1 },
    ],
    xDomain: latency.xDomain,
    yDomain: latency.yDomain,
    ...(config.warmup ? { markers: [{ x: config.warmup, label: 'warm-up ends' }] } : {}),
  });
  const replicaBox = part(root, '[data-out="replica-chart"]');
  replicaBox.hidden = !config.autoscaler;
  if (!config.autoscaler) return;
  const replicas = replicaSeries(result, config.autoscaler.maxReplicas);
  const ready = replicas.ready.map((p) => p.y);
  renderLineChart(part<SVGSVGElement>(root, '[data-chart="replicas"]'), {
    label: `Replicas taking traffic over time, between ${Math.min(...ready)} and ${Math.max(...ready)}; vertical lines mark changes.`,
    xLabel: 'simulated time (s)',
    yLabel: 'replicas',
    series: [
      { label: 'ready', points: replicas.ready, tone: 2 },
      { label: 'starting', points: replicas.starting, tone: 3, dashed: true },
    ],
    xDomain: latency.xDomain,
    yDomain: replicas.yDomain,
    markers: readyMarkers(result),
    height: 160,
  });
}

/** Draws the λ sweep: chart with every run (saturated ones too), legend, summary and table. */
export function renderSweep(
  box: HTMLElement,
  config: SimulationConfig,
  report: SweepReport,
): string {
  const { rows, simulated, theory } = report;
  const below = rows.filter((r) => r.rho < 1);
  const svg = part<SVGSVGElement>(box, '[data-chart="sweep"]');
  box.hidden = false;
  renderLineChart(svg, {
    label: `p99 latency of one replica against arrival rate, from ${rate(rows[0]?.arrivalRate ?? NaN)} to ${rate(rows.at(-1)?.arrivalRate ?? NaN)}, past its capacity of ${rate(report.capacity)}; it rises from ${ms(rows[0]?.p99 ?? NaN)} to ${ms(rows.at(-1)?.p99 ?? NaN)}.`,
    xLabel: 'arrival rate λ (requests/s)',
    yLabel: 'p99 latency (ms)',
    series: [
      { label: 'simulated', points: simulated, tone: 1 },
      ...(theory.length ? [{ label: 'M/M/k theory', points: theory, tone: 0, dashed: true }] : []),
    ],
    xDomain: report.xDomain,
    yDomain: report.yDomain,
    markers: [{ x: report.capacity, label: 'capacity' }],
  });
  fill(
    part(box, '[data-out="sweep-legend"]'),
    legend([
      { label: 'simulated p99', tone: 1 },
      ...(theory.length ? [{ label: 'M/M/k theory p99', tone: 0, dashed: true }] : []),
    ]),
  );
  fill(
    part(box, '[data-out="sweep-table"]'),
    dataTable({
      caption: `One replica (k = ${config.serversPerReplica ?? 1}, capacity ${rate(report.capacity)}), seed ${config.seed}`,
      headers: ['λ', 'ρ', 'p50', 'p99', 'p99 theory', 'dropped', 'simulated s'],
      rowHeaders: true,
      columnClasses: [null, 'num', 'num', 'num', 'num', 'num', 'num'],
      rows: rows.map((r) => [
        rate(r.arrivalRate),
        num(r.rho, 2),
        ms(r.p50),
        ms(r.p99),
        r.theoryP99 === null
          ? '—'
          : Number.isFinite(r.theoryP99)
            ? ms(r.theoryP99)
            : 'no steady state',
        formatPercent(r.dropRate),
        num(r.duration, 0),
      ]),
    }),
  );
  const last = below.at(-1);
  return `Swept ${rows.length} arrival rates for one replica: p99 goes from ${ms(rows[0]?.p99 ?? NaN)} at ρ = ${num(rows[0]?.rho ?? NaN)} to ${ms(last?.p99 ?? NaN)} at ρ = ${num(last?.rho ?? NaN)}, and past the capacity (ρ ≥ 1) to ${ms(rows.at(-1)?.p99 ?? NaN)}.`;
}

/** One row of the policy comparison. */
export interface PolicyRow {
  policy: RoutingPolicy;
  result: SimulationResult;
}

/** Draws the policy comparison table; returns the summary sentence shown by the button. */
export function renderCompare(
  box: HTMLElement,
  config: SimulationConfig,
  runs: PolicyRow[],
): string {
  const rows = runs.map(({ policy, result }) => {
    const used = result.replicaUtilization.filter((u, r) => u > 0 || r < config.replicas);
    return [
      POLICY_LABELS[policy],
      ms(result.latency.p50),
      ms(result.latency.p95),
      ms(result.latency.p99),
      formatPercent(result.dropRate),
      `${formatPercent(Math.min(...used))} – ${formatPercent(Math.max(...used))}`,
    ];
  });
  fill(
    box,
    dataTable({
      caption: `Policies compared: λ = ${rate(config.arrivalRate)}, ${config.replicas} replica${config.replicas === 1 ? '' : 's'}, seed ${config.seed}`,
      headers: ['Policy', 'p50', 'p95', 'p99', 'dropped', 'replica utilization range'],
      rowHeaders: true,
      columnClasses: [null, 'num', 'num', 'num', 'num', 'num'],
      rows,
    }),
    config.replicas === 1 && !config.autoscaler
      ? h(
          'p',
          { class: 'ch03-hint' },
          'With one replica every policy sends every request to it, so the rows are equal: add replicas to see the policies differ.',
        )
      : null,
  );
  box.hidden = false;
  const best = [...runs].sort((a, b) => a.result.latency.p99 - b.result.latency.p99)[0];
  return best
    ? `Compared ${runs.length} policies on seed ${config.seed}: the lowest p99 is ${POLICY_LABELS[best.policy]}'s, ${ms(best.result.latency.p99)}.`
    : 'No policy could run.';
}
