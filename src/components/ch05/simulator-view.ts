/**
 * Draws a production simulation into the widget's server-rendered parts: summary figures, the
 * four time charts, the drift table and histogram, the version history and the complete,
 * filterable event log. Every number comes from the engine; this file only formats it. Measured
 * latency is labelled as measured and written no finer than the browser's clock. Text is set
 * with textContent (through the kit's builders).
 */
import type { ProductionSimulation } from '../../lib/production/engine';
import { alarmSummary, type LogFilter, logLines } from '../../lib/production/log';
import { driftScore, featureHistogram } from '../../lib/production/report';
import { formatMeasuredMs } from '../../lib/monitoring/clock';
import { formatPercent } from '../../lib/format';
import {
  type LineSeries,
  renderHistogram,
  renderLineChart,
  type SeriesSymbol,
  symbolSwatch,
} from '../widget/charts';
import { fill, h } from '../widget/dom';
import type { SimulatorView } from './simulator-layout';

export { buildView, type SimulatorView } from './simulator-layout';

// Drift lines differ by dash and symbol as well as colour (issue 16: six hues are hard to tell
// apart in dark mode, and colour alone fails readers who do not see it).
const SYMBOLS: readonly SeriesSymbol[] = [
  'circle',
  'square',
  'triangle',
  'diamond',
  'cross',
  'plus',
];
const DASHES: readonly string[] = ['', '7 3', '2 3', '9 3 2 3', '4 4', '1 3'];

interface LegendEntry {
  label: string;
  tone: number;
  dash?: string | undefined;
  symbol?: SeriesSymbol | undefined;
}

function legend(view: SimulatorView, name: string, items: readonly LegendEntry[]): void {
  const list = view.legends.get(name);
  if (!list) return;
  fill(
    list,
    ...items.map((item) =>
      h('li', null, symbolSwatch(item.symbol ?? 'circle', item.tone, item.dash), item.label),
    ),
  );
}

function set(view: SimulatorView, name: string, text: string): void {
  const el = view.outputs.get(name);
  if (el) el.textContent = text;
}

function row(header: string, ...cells: string[]): HTMLTableRowElement {
  return h('tr', null, h('th', { scope: 'row' }, header), ...cells.map((c) => h('td', null, c)));
}

function formatValue(value: number, kind: 'p-value' | 'distance'): string {
  if (Number.isNaN(value)) return '—';
  if (kind === 'p-value') return value < 1e-4 ? value.toExponential(1) : value.toFixed(4);
  return value.toFixed(3);
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

/** The accuracy, latency and error-rate charts. */
function renderServiceCharts(view: SimulatorView, sim: ProductionSimulation): void {
  const { scenario, settings } = sim;
  const unit = scenario.info.requestUnit === 'day' ? 'day' : 'request';
  const swaps = sim.events
    .filter((e) => e.kind === 'model-swapped')
    .map((e) => ({ x: e.step, label: (/^v\d+/.exec(e.message) ?? ['new model'])[0] }));
  const scenarioMarks = scenario.events
    .filter((e) => e.step <= sim.step)
    .map((e) => ({ x: e.step, label: e.label }));
  const base = { xLabel: `${unit}s served`, xDomain: [0, scenario.stream.length] as const };
  const chart = (name: string) => view.charts.get(name);

  const accuracySvg = chart('accuracy');
  if (accuracySvg) {
    renderLineChart(accuracySvg, {
      ...base,
      label: `Accuracy of the last ${settings.accuracyWindow} labelled predictions over time, with the ${settings.accuracyThreshold} threshold and retraining swaps marked`,
      yLabel: 'accuracy',
      yDomain: [0, 1],
      series: [
        {
          label: 'windowed accuracy',
          points: sim.points
            .filter((p) => !Number.isNaN(p.accuracy))
            .map((p) => ({ x: p.step, y: p.accuracy })),
          tone: 0,
        },
      ],
      thresholds: [
        { y: settings.accuracyThreshold, label: `threshold ${settings.accuracyThreshold}` },
      ],
      markers: [...scenarioMarks, ...swaps],
    });
    legend(view, 'accuracy', [
      { label: `accuracy, last ${settings.accuracyWindow} labelled`, tone: 0 },
    ]);
  }

  const latencySvg = chart('latency');
  if (latencySvg) {
    const pts = sim.points.filter((p) => p.latency.count > 0);
    const series: LineSeries[] = [
      {
        label: 'p50',
        points: pts.map((p) => ({ x: p.step, y: p.latency.p50 })),
        tone: 0,
        symbol: 'circle',
      },
      {
        label: 'p95',
        points: pts.map((p) => ({ x: p.step, y: p.latency.p95 })),
        tone: 1,
        symbol: 'square',
        dash: '7 3',
      },
      {
        label: 'p99',
        points: pts.map((p) => ({ x: p.step, y: p.latency.p99 })),
        tone: 3,
        symbol: 'triangle',
        dash: '2 3',
      },
    ];
    if (pts.some((p) => p.latencyWithInjected.p95 !== p.latency.p95)) {
      series.push({
        label: 'p95 with injected delay',
        points: pts.map((p) => ({ x: p.step, y: p.latencyWithInjected.p95 })),
        tone: 4,
        symbol: 'cross',
        dash: '9 3 2 3',
      });
    }
    legend(
      view,
      'latency',
      series.map((s) => ({ ...s, tone: s.tone ?? 0 })),
    );
    renderLineChart(latencySvg, {
      ...base,
      label: `Measured latency percentiles p50, p95 and p99 in milliseconds over the last ${settings.serviceWindow} requests, timed around each batch's session.run${series.length > 3 ? ', plus p95 including the injected delay' : ''}`,
      yLabel: 'ms, measured',
      series,
      markers: swaps,
    });
  }

  const errorsSvg = chart('errors');
  if (errorsSvg) {
    const yMax = Math.max(
      0.1,
      ...sim.points.map((p) => p.errorRateWithInjected).filter(Number.isFinite),
    );
    renderLineChart(errorsSvg, {
      ...base,
      label: `Error rate over the last ${settings.serviceWindow} requests: measured failures, and all failures including injected ones (dashed)`,
      yLabel: 'error rate',
      yDomain: [0, yMax],
      series: [
        {
          label: 'measured',
          points: sim.points.map((p) => ({ x: p.step, y: p.errorRate })),
          tone: 0,
        },
        {
          label: 'with injected',
          points: sim.points.map((p) => ({ x: p.step, y: p.errorRateWithInjected })),
          tone: 4,
          dash: '7 3',
          symbol: 'cross',
        },
      ],
      thresholds: [{ y: 0.05, label: 'alert 5%' }],
      markers: swaps,
    });
    legend(view, 'errors', [
      { label: 'measured', tone: 0 },
      { label: 'including injected failures', tone: 4, dash: '7 3', symbol: 'cross' },
    ]);
  }
}

/** The drift chart, the drift table and the histogram. */
function renderDrift(view: SimulatorView, sim: ProductionSimulation): void {
  const { scenario, settings } = sim;
  const unit = scenario.info.requestUnit === 'day' ? 'day' : 'request';
  const checks = sim.driftChecks;
  const latest = checks.at(-1);
  const driftSvg = view.charts.get('drift');
  if (driftSvg) {
    const kind = latest?.result.columns[0]?.kind ?? 'p-value';
    const threshold = latest?.result.columns[0]?.threshold ?? 0.05;
    const values = checks.flatMap((c) => c.result.columns.map((col) => col.value));
    const style = (j: number) => ({
      tone: j % 6,
      dash: DASHES[j % 6] as string,
      symbol: SYMBOLS[j % 6] as SeriesSymbol,
    });
    renderLineChart(driftSvg, {
      label:
        kind === 'p-value'
          ? `Drift score per input column at each check, as minus log10 of the p-value; above the line means p below ${threshold}`
          : `Drift distance per input column at each check; at or above the line means drift`,
      xLabel: `${unit}s served`,
      yLabel: kind === 'p-value' ? '−log10 p' : 'distance',
      xDomain: [0, scenario.stream.length],
      yDomain:
        kind === 'p-value'
          ? [0, 10]
          : [0, Math.max(threshold * 2, ...values.filter(Number.isFinite))],
      series: scenario.featureNames.map((name, j) => ({
        label: name,
        points: checks
          .map((c) => ({
            x: c.step,
            y: driftScore(
              c.result.columns[j]?.value ?? Number.NaN,
              c.result.columns[j]?.kind ?? kind,
            ),
          }))
          .filter((p) => Number.isFinite(p.y)),
        ...style(j),
      })),
      thresholds: [
        {
          y: driftScore(threshold, kind),
          label: kind === 'p-value' ? `p = ${threshold}` : `${threshold}`,
        },
      ],
    });
    legend(
      view,
      'drift',
      scenario.featureNames.map((name, j) => ({ label: name, ...style(j) })),
    );
  }

  if (latest) {
    const r = latest.result;
    view.driftCaption.textContent = `Last drift check at ${unit} ${latest.step}: the last ${settings.driftWindow} ${unit}s against the ${sim.reference.length} rows the serving model was trained on. ${r.driftedCount} of ${r.testedCount} columns drifted (share ${r.share.toFixed(2)}; the data set drifts at ${r.driftShare}).`;
    fill(
      view.driftRows,
      ...r.columns.map((c) =>
        row(
          c.column,
          c.test,
          `${formatValue(c.value, c.kind)} (${c.kind})`,
          c.kind === 'p-value' ? `p < ${c.threshold}` : `≥ ${c.threshold}`,
          c.error ??
            (c.drifted
              ? latest.persistentColumns.includes(c.column)
                ? 'yes, alert'
                : 'yes'
              : 'no'),
        ),
      ),
    );
  } else {
    view.driftRows.replaceChildren();
    view.driftCaption.textContent = `No drift check yet: the first runs after ${settings.driftWindow} ${unit}s.`;
  }

  const histogramSvg = view.charts.get('histogram');
  if (!histogramSvg) return;
  const column = Number(view.feature.value) || 0;
  const name = scenario.featureNames[column] ?? '';
  const hist = featureHistogram(sim.reference, sim.lastCurrentWindow, column);
  if (!hist) {
    histogramSvg.replaceChildren();
    histogramSvg.setAttribute('aria-label', 'No current window yet');
    return;
  }
  renderHistogram(histogramSvg, {
    label: `Histogram of ${name}: share of reference rows and of the last drift window per bin`,
    xLabel: `${name} (${scenario.featureUnits[column] ?? ''})`,
    yLabel: 'share',
    edges: hist.edges,
    groups: [
      { label: 'reference', values: hist.reference },
      { label: 'current', values: hist.current },
    ],
  });
  legend(view, 'histogram', [
    { label: `reference (${sim.reference.length} training rows)`, tone: 0, symbol: 'square' },
    { label: `current (last ${sim.lastCurrentWindow.length} ${unit}s)`, tone: 1, symbol: 'square' },
  ]);
}

/** Redraws everything from the simulation's current state. */
export function renderSimulation(
  view: SimulatorView,
  sim: ProductionSimulation,
  ctx: RenderContext,
): void {
  renderSummary(view, sim, ctx);
  renderServiceCharts(view, sim);
  renderDrift(view, sim);
  fill(
    view.versionRows,
    ...sim.versions.map((v) =>
      row(
        `v${v.version}`,
        String(v.step),
        v.version === 1 ? ctx.initialModel : v.reasons.join(', '),
        v.metrics
          ? `${formatPercent(v.metrics.challenger)} vs ${formatPercent(v.metrics.champion)}`
          : '—',
        v.version === sim.championVersion ? 'serving' : v.accepted ? 'replaced' : 'rejected',
      ),
    ),
  );
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
