/**
 * Draws a production simulation into the widget's server-rendered parts: summary figures, the
 * four time charts, the drift table and histogram, the version history and the event log. Every
 * number comes from the engine; this file only formats it. Text is set with textContent.
 */
import type { ProductionSimulation } from '../../lib/production/engine';
import { driftScore, featureHistogram } from '../../lib/production/report';
import { formatDuration, formatPercent } from '../../lib/format';
import { renderHistogram, renderLineChart } from '../widget/charts';

/** The elements the view writes into. */
export interface SimulatorView {
  /** `data-out` name → element. */
  outputs: Map<string, HTMLElement>;
  /** `data-chart` name → svg. */
  charts: Map<string, SVGSVGElement>;
  /** `data-legend` name → list under the chart. */
  legends: Map<string, HTMLUListElement>;
  driftRows: HTMLTableSectionElement;
  driftCaption: HTMLElement;
  versionRows: HTMLTableSectionElement;
  log: HTMLOListElement;
  feature: HTMLSelectElement;
}

const LOG_LINES = 14;

function set(view: SimulatorView, name: string, text: string): void {
  const el = view.outputs.get(name);
  if (el) el.textContent = text;
}

function cell(row: HTMLTableRowElement, text: string, header = false): void {
  const el = document.createElement(header ? 'th' : 'td');
  if (header) el.setAttribute('scope', 'row');
  el.textContent = text;
  row.append(el);
}

const SVG = 'http://www.w3.org/2000/svg';

// Charts draw no legend of their own; this list names each line with a swatch of its colour.
function legend(
  view: SimulatorView,
  name: string,
  items: readonly { label: string; tone?: number; dashed?: boolean }[],
): void {
  const list = view.legends.get(name);
  if (!list) return;
  list.replaceChildren(
    ...items.map((item, i) => {
      const li = document.createElement('li');
      const swatch = document.createElementNS(SVG, 'svg');
      swatch.setAttribute('class', 'mlops-chart sim-swatch');
      swatch.setAttribute('viewBox', '0 0 24 8');
      swatch.setAttribute('aria-hidden', 'true');
      const line = document.createElementNS(SVG, 'line');
      line.setAttribute('x1', '0');
      line.setAttribute('x2', '24');
      line.setAttribute('y1', '4');
      line.setAttribute('y2', '4');
      line.setAttribute('class', `series tone-${item.tone ?? i}${item.dashed ? ' dashed' : ''}`);
      swatch.append(line);
      li.append(swatch, document.createTextNode(item.label));
      return li;
    }),
  );
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
  view.feature.replaceChildren(
    ...names.map((name, i) => {
      const option = document.createElement('option');
      option.value = String(i);
      option.textContent = `${name} (${units[i] ?? ''})`;
      return option;
    }),
  );
  // Keep the reader's column across runs of the same data set; otherwise start on the column the
  // unit bug breaks (penguins) or the maximum temperature (weather), the first to drift.
  const kept = keep !== '' && names[Number(keep)] !== undefined && previousCount === names.length;
  view.feature.value = kept ? keep : String(Math.max(0, names.indexOf('body_mass_g')));
}

/** Redraws everything from the simulation's current state. */
export function renderSimulation(
  view: SimulatorView,
  sim: ProductionSimulation,
  initialModel: string,
): void {
  const { scenario, settings } = sim;
  const unit = scenario.info.requestUnit === 'day' ? 'day' : 'request';
  const last = sim.points.at(-1);
  const total = scenario.stream.length;
  const date = scenario.stream[Math.max(0, sim.step - 1)]?.date ?? '';
  set(view, 'progress', `${sim.step} of ${total} ${unit}s${date ? ` (up to ${date})` : ''}`);
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
  set(
    view,
    'latency',
    last
      ? `p50 ${formatDuration(last.latency.p50)}, p95 ${formatDuration(last.latency.p95)} measured` +
          (settings.injectedLatencyMs > 0
            ? `; p95 ${formatDuration(last.latencyWithInjected.p95)} with injected delay`
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
  const alerts = sim.events.filter((e) => e.kind === 'data-drift-alert').length;
  const ddm = sim.events.filter((e) => e.kind === 'detector-drift').length;
  set(
    view,
    'alerts',
    `${alerts} data-drift alert${alerts === 1 ? '' : 's'}, ${ddm} DDM alarm${ddm === 1 ? '' : 's'}`,
  );
  const retrains = sim.versions.filter((v) => v.version > 1);
  const accepted = retrains.filter((v) => v.accepted).length;
  set(
    view,
    'retrains',
    `${retrains.length} (${accepted} swapped in, ${retrains.length - accepted} rejected)`,
  );

  const swaps = sim.events
    .filter((e) => e.kind === 'model-swapped')
    .map((e) => ({ x: e.step, label: (/^v\d+/.exec(e.message) ?? ['new model'])[0] }));
  const scenarioMarks = scenario.events
    .filter((e) => e.step <= sim.step)
    .map((e) => ({ x: e.step, label: e.label }));
  const markers = [...scenarioMarks, ...swaps];
  const xDomain: [number, number] = [0, total];
  const xLabel = `${unit}s served`;
  const chart = (name: string) => view.charts.get(name);

  const accuracySvg = chart('accuracy');
  if (accuracySvg) {
    renderLineChart(accuracySvg, {
      label: `Accuracy of the last ${settings.accuracyWindow} labelled predictions over time, with the ${settings.accuracyThreshold} threshold and retraining swaps marked`,
      xLabel,
      yLabel: 'accuracy',
      xDomain,
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
      markers,
    });
    legend(view, 'accuracy', [
      { label: `accuracy, last ${settings.accuracyWindow} labelled`, tone: 0 },
    ]);
  }

  const latencySvg = chart('latency');
  if (latencySvg) {
    const pts = sim.points.filter((p) => p.latency.count > 0);
    const series = [
      { label: 'p50', points: pts.map((p) => ({ x: p.step, y: p.latency.p50 })), tone: 0 },
      { label: 'p95', points: pts.map((p) => ({ x: p.step, y: p.latency.p95 })), tone: 1 },
      { label: 'p99', points: pts.map((p) => ({ x: p.step, y: p.latency.p99 })), tone: 3 },
    ];
    if (pts.some((p) => p.latencyWithInjected.p95 !== p.latency.p95)) {
      series.push({
        label: 'p95 with injected delay',
        points: pts.map((p) => ({ x: p.step, y: p.latencyWithInjected.p95 })),
        tone: 4,
      });
    }
    const latencySeries = series.map((s, i) => (i === 3 ? { ...s, dashed: true } : s));
    legend(view, 'latency', latencySeries);
    renderLineChart(latencySvg, {
      label: `Latency percentiles p50, p95 and p99 in milliseconds over the last ${settings.serviceWindow} requests, measured around session.run${series.length > 3 ? ', plus p95 including injected delay (dashed)' : ''}`,
      xLabel,
      yLabel: 'ms',
      xDomain,
      series: latencySeries,
      markers: swaps,
    });
  }

  const errorsSvg = chart('errors');
  if (errorsSvg) {
    renderLineChart(errorsSvg, {
      label: `Error rate over the last ${settings.serviceWindow} requests: measured failures, and all failures including injected ones (dashed)`,
      xLabel,
      yLabel: 'error rate',
      xDomain,
      yDomain: [
        0,
        Math.max(0.1, ...sim.points.map((p) => p.errorRateWithInjected).filter(Number.isFinite)),
      ],
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
          dashed: true,
        },
      ],
      thresholds: [{ y: 0.05, label: 'alert 5%' }],
      markers: swaps,
    });
    legend(view, 'errors', [
      { label: 'measured', tone: 0 },
      { label: 'including injected failures', tone: 4, dashed: true },
    ]);
  }

  const checks = sim.driftChecks;
  const latest = checks.at(-1);
  const driftSvg = chart('drift');
  if (driftSvg) {
    const kind = latest?.result.columns[0]?.kind ?? 'p-value';
    const threshold = latest?.result.columns[0]?.threshold ?? 0.05;
    renderLineChart(driftSvg, {
      label:
        kind === 'p-value'
          ? `Drift score per input column at each check, as minus log10 of the p-value; above the line means p below ${threshold}`
          : `Drift distance per input column at each check; at or above the line means drift`,
      xLabel,
      yLabel: kind === 'p-value' ? '−log10 p' : 'distance',
      xDomain,
      yDomain:
        kind === 'p-value'
          ? [0, 10]
          : [
              0,
              Math.max(
                threshold * 2,
                ...checks
                  .flatMap((c) => c.result.columns.map((col) => col.value))
                  .filter(Number.isFinite),
              ),
            ],
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
        tone: j % 5,
        dashed: j >= 5,
      })),
      thresholds: [
        {
          y: driftScore(threshold, kind),
          label: kind === 'p-value' ? `p = ${threshold}` : `${threshold}`,
        },
      ],
      markers,
    });
    legend(
      view,
      'drift',
      scenario.featureNames.map((name, j) => ({ label: name, tone: j % 5, dashed: j >= 5 })),
    );
  }

  view.driftRows.replaceChildren();
  if (latest) {
    view.driftCaption.textContent = `Last drift check at ${unit} ${latest.step}: the last ${settings.driftWindow} ${unit}s against the ${sim.reference.length} rows the serving model was trained on. ${latest.result.driftedCount} of ${latest.result.testedCount} columns drifted (share ${latest.result.share.toFixed(2)}; the data set drifts at ${latest.result.driftShare}).`;
    for (const c of latest.result.columns) {
      const row = document.createElement('tr');
      cell(row, c.column, true);
      cell(row, c.test);
      cell(row, `${formatValue(c.value, c.kind)} (${c.kind})`);
      cell(row, c.kind === 'p-value' ? `p < ${c.threshold}` : `≥ ${c.threshold}`);
      cell(
        row,
        c.error ??
          (c.drifted ? (latest.persistentColumns.includes(c.column) ? 'yes, alert' : 'yes') : 'no'),
      );
      view.driftRows.append(row);
    }
  } else {
    view.driftCaption.textContent = `No drift check yet: the first runs after ${settings.driftWindow} ${unit}s.`;
  }

  const histogramSvg = chart('histogram');
  if (histogramSvg) {
    const column = Number(view.feature.value) || 0;
    const name = scenario.featureNames[column] ?? '';
    const h = featureHistogram(sim.reference, sim.lastCurrentWindow, column);
    if (h) {
      renderHistogram(histogramSvg, {
        label: `Histogram of ${name}: share of reference rows and of the last drift window per bin`,
        xLabel: `${name} (${scenario.featureUnits[column] ?? ''})`,
        yLabel: 'share',
        edges: h.edges,
        groups: [
          { label: 'reference', values: h.reference },
          { label: 'current', values: h.current },
        ],
      });
      legend(view, 'histogram', [
        { label: `reference (${sim.reference.length} training rows)`, tone: 0 },
        { label: `current (last ${sim.lastCurrentWindow.length} ${unit}s)`, tone: 1 },
      ]);
    } else {
      histogramSvg.replaceChildren();
      histogramSvg.setAttribute('aria-label', 'No current window yet');
    }
  }

  view.versionRows.replaceChildren();
  for (const v of sim.versions) {
    const row = document.createElement('tr');
    cell(row, `v${v.version}`, true);
    cell(row, String(v.step));
    cell(row, v.version === 1 ? initialModel : v.reasons.join(', '));
    cell(
      row,
      v.metrics
        ? `${formatPercent(v.metrics.challenger)} vs ${formatPercent(v.metrics.champion)}`
        : '—',
    );
    cell(row, v.version === sim.championVersion ? 'serving' : v.accepted ? 'replaced' : 'rejected');
    view.versionRows.append(row);
  }

  const lines = sim.events.slice(-LOG_LINES).reverse();
  view.log.replaceChildren(
    ...lines.map((e) => {
      const li = document.createElement('li');
      li.textContent = `${unit} ${e.step}: ${e.message}`;
      return li;
    }),
  );
}
