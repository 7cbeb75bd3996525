/**
 * Draws a production simulation into the widget's server-rendered parts: the summary figures and
 * the complete, filterable event log here; the charts (simulator-charts.ts) and the drift and
 * version tables (simulator-tables.ts) beside it. Every number comes from the engine; this file only formats it. Measured
 * latency is labelled as measured and written no finer than the browser's clock. Text is set
 * with textContent (through the kit's builders).
 */
import type { ProductionSimulation } from '../../lib/production/engine';
import { alarmSummary, type LogFilter, logLines } from '../../lib/production/log';
import { formatMeasuredMs } from '../../lib/monitoring/clock';
import { formatPercent } from '../../lib/format';
import { fill, h } from '../widget/dom';
import { renderDriftChart, renderFeatureHistogram, renderServiceCharts } from './simulator-charts';
import type { SimulatorView } from './simulator-layout';
import { renderDriftTable, renderVersions } from './simulator-tables';

export { buildView, type SimulatorView } from './simulator-layout';

function set(view: SimulatorView, name: string, text: string): void {
  const el = view.outputs.get(name);
  if (el) el.textContent = text;
}

/** Fills the feature menu of the histogram with the scenario's inputs (once per run). */
export function setFeatureOptions(
  view: SimulatorView,
  names: readonly string[],
  units: readonly string[],
): void {
  const keep = view.feature.value;
  const previousCount = view.feature.options.length;
  fill(
    view.feature,
    ...names.map((name, i) => h('option', { value: i }, `${name} (${units[i] ?? ''})`)),
  );
  // Keep the reader's column across runs of the same data set; otherwise start on the column the
  // unit bug breaks (penguins) or the first weather column.
  const kept = keep !== '' && names[Number(keep)] !== undefined && previousCount === names.length;
  view.feature.value = kept ? keep : String(Math.max(0, names.indexOf('body_mass_g')));
}

/** What the view needs besides the simulation. */
export interface RenderContext {
  initialModel: string;
  clockResolutionMs: number;
  logFilter: LogFilter;
}

/** The summary figures beside the Start button's answer. */
function renderSummary(view: SimulatorView, sim: ProductionSimulation, ctx: RenderContext): void {
  const { scenario, settings } = sim;
  const unit = scenario.info.requestUnit === 'day' ? 'day' : 'request';
  const last = sim.points.at(-1);
  const date = scenario.stream[Math.max(0, sim.step - 1)]?.date ?? '';
  set(
    view,
    'progress',
    `${sim.step} of ${scenario.stream.length} ${unit}s${date ? ` (up to ${date})` : ''}`,
  );
  set(
    view,
    'version',
    `v${sim.championVersion}${sim.retraining ? ', a retrain is in progress' : ''}`,
  );
  set(
    view,
    'accuracy',
    last ? `${formatPercent(last.accuracy)} (last ${settings.accuracyWindow} labelled)` : '—',
  );
  set(view, 'overall', last ? formatPercent(last.cumulativeAccuracy) : '—');
  const ms = (v: number) => formatMeasuredMs(v, ctx.clockResolutionMs);
  const resolution = Number.isFinite(ctx.clockResolutionMs)
    ? `; this browser's clock counts in steps of ${ms(ctx.clockResolutionMs)}`
    : '';
  set(
    view,
    'latency',
    last && last.latency.count > 0
      ? `p50 ${ms(last.latency.p50)}, p95 ${ms(last.latency.p95)} per batch of ${settings.batchSize}, measured${resolution}` +
          (settings.injectedLatencyMs > 0
            ? `; p95 ${ms(last.latencyWithInjected.p95)} with injected delay`
            : '')
      : '—',
  );
  set(
    view,
    'errors',
    last
      ? `${formatPercent(last.errorRate)} measured, ${formatPercent(last.errorRateWithInjected)} with injected failures`
      : '—',
  );
  set(view, 'alerts', alarmSummary(sim.events, scenario.info));
  const retrains = sim.versions.filter((v) => v.version > 1);
  const accepted = retrains.filter((v) => v.accepted).length;
  set(
    view,
    'retrains',
    `${retrains.length} (${accepted} swapped in, ${retrains.length - accepted} rejected)`,
  );
}

/** Redraws everything from the simulation's current state. */
export function renderSimulation(
  view: SimulatorView,
  sim: ProductionSimulation,
  ctx: RenderContext,
): void {
  renderSummary(view, sim, ctx);
  renderServiceCharts(view, sim);
  renderDriftChart(view, sim);
  renderDriftTable(view, sim);
  renderFeatureHistogram(view, sim);
  renderVersions(view, sim, ctx.initialModel);
  renderLog(view, sim, ctx.logFilter);
}

/** The whole log under the reader's filter, newest first; key events are marked. */
export function renderLog(view: SimulatorView, sim: ProductionSimulation, filter: LogFilter): void {
  const lines = logLines(sim.events, sim.scenario.info, filter);
  fill(
    view.log,
    ...lines.map((l) =>
      h('li', { class: l.key ? 'sim-key' : l.falseAlarm ? 'sim-false-alarm' : undefined }, l.text),
    ),
  );
  view.logCount.textContent = `${lines.length} of ${sim.events.length} events shown.`;
}
