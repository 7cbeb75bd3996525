/**
 * The production simulator's charts: accuracy, latency and error rate over time, the drift score
 * per input column, and the histogram of one column (reference against the last drift window),
 * each with its legend. Every number comes from the engine; this file only draws it.
 */
import type { ProductionSimulation } from '../../lib/production/engine';
import { driftScore, featureHistogram } from '../../lib/production/report';
import {
  type LineSeries,
  renderHistogram,
  renderLineChart,
  type SeriesSymbol,
  symbolSwatch,
} from '../widget/charts';
import { fill, h } from '../widget/dom';
import type { SimulatorView } from './simulator-layout';

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

/** The accuracy, latency and error-rate charts. */
export function renderServiceCharts(view: SimulatorView, sim: ProductionSimulation): void {
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

/** The drift score of every input column at each drift check. */
export function renderDriftChart(view: SimulatorView, sim: ProductionSimulation): void {
  const { scenario } = sim;
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
}

/** The histogram of the column chosen in the feature menu: reference rows against the last window. */
export function renderFeatureHistogram(view: SimulatorView, sim: ProductionSimulation): void {
  const { scenario } = sim;
  const unit = scenario.info.requestUnit === 'day' ? 'day' : 'request';
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
