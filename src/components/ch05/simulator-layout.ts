/**
 * The production simulator's output, built on the first Start (nothing of it is in the page at
 * load): the summary figures, the folded details with the charts and tables, and the log with its
 * filter. Returns the parts simulator-view.ts writes into.
 */
import { LOG_FILTERS } from '../../lib/production/log';
import { redrawOnResize } from '../widget/charts';
import { fill, h, svg } from '../widget/dom';

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
  logCount: HTMLElement;
  logFilter: HTMLSelectElement;
  feature: HTMLSelectElement;
  /** Called when the reader changes the log filter, the histogram column or the chart width. */
  redraw: () => void;
}

const FACTS: readonly [string, string][] = [
  ['progress', 'Served'],
  ['version', 'Serving model'],
  ['accuracy', 'Accuracy now'],
  ['overall', 'Accuracy since the start'],
  ['alerts', 'Drift signals'],
  ['retrains', 'Retrains'],
  ['errors', 'Error rate'],
  ['latency', 'Latency (measured)'],
];
const CHARTS: readonly [string, string][] = [
  ['accuracy', 'Accuracy (labels arrive late)'],
  ['latency', 'Latency (measured on this machine: varies from run to run)'],
  ['errors', 'Error rate'],
  ['drift', 'Drift score per input column'],
];
const views = new WeakMap<HTMLElement, SimulatorView>();

function scrollingTable(label: string, caption: HTMLElement, headers: string[], body: Element) {
  return h(
    'div',
    { class: 'sim-table', tabindex: 0, role: 'region', 'aria-label': label },
    h(
      'table',
      null,
      caption,
      h('thead', null, h('tr', null, ...headers.map((t) => h('th', { scope: 'col' }, t)))),
      body,
    ),
  );
}

function labelledSelect(
  id: string,
  label: string,
  options: readonly { value: string; label: string }[],
) {
  const select = h(
    'select',
    { id },
    ...options.map((o) => h('option', { value: o.value }, o.label)),
  );
  return {
    select,
    field: h('div', { class: 'field sim-wide' }, h('label', { for: id }, label), select),
  };
}

/**
 * Builds the output's parts in `output` on the first run (nothing of it exists at page load) and
 * returns them; later runs get the same parts back.
 */
export function buildView(output: HTMLElement): SimulatorView {
  const existing = views.get(output);
  if (existing) return existing;
  const id = output.closest('[id]')?.id ?? 'sim';
  const outputs = new Map(
    FACTS.map(([name]) => [name, h('dd', { class: 'mono', 'data-out': name })]),
  );
  const charts = new Map(
    [...CHARTS.map(([name]) => name), 'histogram'].map((name) => [name, svgEl()]),
  );
  const legends = new Map(
    [...charts.keys()].map((name) => [name, h('ul', { class: 'sim-legend' })]),
  );
  const chartBlock = (name: string, title?: string) => [
    title ? h('h4', null, title) : null,
    charts.get(name)!,
    legends.get(name)!,
  ];
  const feature = labelledSelect(`${id}-feature`, 'Histogram of column', []);
  const filter = labelledSelect(`${id}-log-filter`, 'Show', LOG_FILTERS);
  const view: SimulatorView = {
    outputs,
    charts,
    legends,
    driftRows: h('tbody'),
    driftCaption: h('caption'),
    versionRows: h('tbody'),
    log: h('ol', { class: 'sim-log', tabindex: 0, 'aria-labelledby': `${id}-log-title` }),
    logCount: h('p', { class: 'sim-log-count' }),
    logFilter: filter.select,
    feature: feature.select,
    redraw: () => undefined,
  };
  const body = () => [
    ...CHARTS.flatMap(([name, title]) => chartBlock(name, title)),
    scrollingTable(
      'Drift table',
      view.driftCaption,
      ['Column', 'Test', 'Value', 'Drift when', 'Drifted'],
      view.driftRows,
    ),
    feature.field,
    ...chartBlock('histogram'),
    scrollingTable(
      'Model versions table',
      h(
        'caption',
        null,
        'Model versions: every retrain, with its champion/challenger check on the most recent labelled requests',
      ),
      ['Version', 'At request', 'Cause', 'Holdout: new vs serving', 'Status'],
      view.versionRows,
    ),
  ];
  const more = h(
    'details',
    { class: 'sim-details' },
    h('summary', null, 'Show details: charts, drift table, model versions'),
    ...body(),
  );
  fill(
    output,
    h(
      'dl',
      { class: 'sim-summary' },
      ...FACTS.map(([name, label]) => h('div', null, h('dt', null, label), outputs.get(name)!)),
    ),
    more,
    h('h4', { id: `${id}-log-title` }, 'Log (newest first, every event kept)'),
    filter.field,
    view.logCount,
    view.log,
  );
  for (const control of [feature.select, filter.select])
    control.addEventListener('change', () => view.redraw());
  // Charts are drawn at their CSS width; a narrower window or an opened details redraws them.
  more.addEventListener('toggle', () => view.redraw());
  redrawOnResize(charts.get('accuracy')!, () => view.redraw());
  views.set(output, view);
  return view;
}

function svgEl(): SVGSVGElement {
  return svg('svg', { class: 'mlops-chart' });
}
