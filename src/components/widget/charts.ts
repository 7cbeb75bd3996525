/**
 * Small SVG charts for widgets: line charts over time and grouped bar histograms. The numbers
 * come from src/lib/viz; this file only creates elements. Every chart is an `img` with an
 * accessible name, and a widget should also print the key figures as text beside it.
 *
 * Without an explicit `width`, a chart is drawn at its svg's measured CSS width, so one unit of
 * the viewBox is one CSS pixel and the text keeps its stylesheet size on a phone instead of
 * shrinking with the drawing (issue 16); `redrawOnResize` draws it again when the width changes.
 */
import { estimateTextWidth, layoutMarkerLabels } from '../../lib/viz/labels';
import { extent, linearScale, linePath, niceTicks } from '../../lib/viz/scale';

const SVG = 'http://www.w3.org/2000/svg';

/** Point symbols a series can carry, so that lines differ by more than colour. */
export type SeriesSymbol = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross' | 'plus';

/** One line on a chart. `tone` picks a colour from the booklet's palette (0–5). */
export interface LineSeries {
  label: string;
  points: readonly { x: number; y: number }[];
  tone?: number;
  dashed?: boolean;
  /** An SVG dash pattern (e.g. "8 3 2 3"), overriding `dashed`'s. */
  dash?: string;
  /** A symbol drawn on a few of the series' points. */
  symbol?: SeriesSymbol;
}

/** Options for `renderLineChart`. */
export interface LineChartOptions {
  /** Accessible description of the whole chart. */
  label: string;
  xLabel: string;
  yLabel: string;
  series: readonly LineSeries[];
  yDomain?: readonly [number, number];
  xDomain?: readonly [number, number];
  /** Vertical markers, e.g. retraining events. */
  markers?: readonly { x: number; label: string }[];
  /** Horizontal reference lines, e.g. a threshold. */
  thresholds?: readonly { y: number; label: string }[];
  width?: number;
  height?: number;
}

const margin = { top: 12, right: 12, bottom: 36, left: 52 };
/** Chart text size in CSS px (booklet.css draws `.mlops-chart text` at this size). */
const FONT_PX = 11;
const DEFAULT_WIDTH = 640;
/**
 * A line chart's height in CSS px unless told otherwise (its viewBox is drawn 1:1), for markup
 * that reserves the space before the chart is drawn.
 */
export const LINE_CHART_HEIGHT = 240;
/** Most symbols drawn per series: enough to tell the lines apart, few enough to stay cheap. */
const SYMBOLS_PER_SERIES = 8;

/** The width to draw `svg` at: its measured CSS width when laid out, else the default. */
export function chartWidth(svg: SVGSVGElement, requested?: number): number {
  if (requested !== undefined) return requested;
  const measured = Math.round(svg.getBoundingClientRect().width);
  return measured > 0 ? measured : DEFAULT_WIDTH;
}

/**
 * Calls `redraw` when `svg`'s CSS width changes by a pixel or more (one call per frame at most),
 * so charts drawn at their measured width stay at 1:1. Returns a function that stops watching.
 */
export function redrawOnResize(svg: SVGSVGElement, redraw: () => void): () => void {
  if (typeof ResizeObserver === 'undefined') return () => undefined;
  let last = Math.round(svg.getBoundingClientRect().width);
  let queued = false;
  const observer = new ResizeObserver(() => {
    const width = Math.round(svg.getBoundingClientRect().width);
    if (width === last || width === 0 || queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      last = Math.round(svg.getBoundingClientRect().width);
      redraw();
    });
  });
  observer.observe(svg);
  return () => observer.disconnect();
}

function symbolPath(symbol: SeriesSymbol, cx: number, cy: number): string {
  const r = 3.5;
  switch (symbol) {
    case 'circle':
      return `M${cx - r},${cy}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0Z`;
    case 'square':
      return `M${cx - r},${cy - r}h${2 * r}v${2 * r}h${-2 * r}Z`;
    case 'triangle':
      return `M${cx},${cy - r - 0.5}L${cx + r + 0.5},${cy + r}L${cx - r - 0.5},${cy + r}Z`;
    case 'diamond':
      return `M${cx},${cy - r - 1}L${cx + r + 1},${cy}L${cx},${cy + r + 1}L${cx - r - 1},${cy}Z`;
    case 'cross':
      return `M${cx - r},${cy - r}L${cx + r},${cy + r}M${cx - r},${cy + r}L${cx + r},${cy - r}`;
    case 'plus':
      return `M${cx - r - 1},${cy}H${cx + r + 1}M${cx},${cy - r - 1}V${cy + r + 1}`;
  }
}

/** An svg holding one symbol, for legends that must match the chart. */
export function symbolSwatch(symbol: SeriesSymbol, tone: number, dash?: string): SVGSVGElement {
  const box = el('svg', {
    viewBox: '0 0 28 10',
    class: 'mlops-chart mlops-swatch',
    'aria-hidden': 'true',
  });
  el(
    'line',
    {
      x1: 0,
      x2: 28,
      y1: 5,
      y2: 5,
      class: `series tone-${tone}`,
      ...(dash ? { 'stroke-dasharray': dash } : {}),
    },
    box,
  );
  el('path', { d: symbolPath(symbol, 14, 5), class: `symbol symbol-${symbol} tone-${tone}` }, box);
  return box;
}

function el<K extends keyof SVGElementTagNameMap>(
  name: K,
  attrs: Record<string, string | number>,
  parent?: Element,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  parent?.append(node);
  return node;
}

function text(parent: Element, attrs: Record<string, string | number>, content: string): void {
  el('text', attrs, parent).textContent = content;
}

function tickLabel(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 10_000) return `${(value / 1000).toFixed(0)}k`;
  return String(Number(value.toPrecision(4)));
}

/** The axes group with four horizontal grid lines and their labels on the left. */
function yGrid(
  svg: SVGSVGElement,
  domain: readonly [number, number],
  y: (value: number) => number,
  width: number,
): SVGGElement {
  const axes = el('g', { class: 'mlops-chart__axes' }, svg);
  for (const t of niceTicks(domain[0], domain[1], 4)) {
    el(
      'line',
      { x1: margin.left, x2: width - margin.right, y1: y(t), y2: y(t), class: 'grid' },
      axes,
    );
    text(axes, { x: margin.left - 6, y: y(t) + 4, 'text-anchor': 'end' }, tickLabel(t));
  }
  return axes;
}

/** Empties `svg` and sets it up as a labelled chart image; returns its drawing size. */
function startChart(
  svg: SVGSVGElement,
  options: { label: string; width?: number; height?: number },
  defaultHeight: number,
): { width: number; height: number } {
  const width = chartWidth(svg, options.width);
  const height = options.height ?? defaultHeight;
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', options.label);
  svg.classList.add('mlops-chart');
  return { width, height };
}

/** About one x tick per 90 px, so tick labels never run into each other on a phone. */
function xTickCount(width: number): number {
  return Math.max(2, Math.min(6, Math.floor((width - margin.left - margin.right) / 90)));
}

/** Draws (or redraws) a line chart into `svg`. */
export function renderLineChart(svg: SVGSVGElement, options: LineChartOptions): void {
  const { width, height } = startChart(svg, options, LINE_CHART_HEIGHT);
  const allX = options.series.flatMap((s) => s.points.map((p) => p.x));
  const allY = options.series.flatMap((s) => s.points.map((p) => p.y));
  const xDomain = options.xDomain ?? extent(allX);
  const yDomain =
    options.yDomain ?? extent([...allY, ...(options.thresholds ?? []).map((t) => t.y)]);
  const x = linearScale(xDomain, [margin.left, width - margin.right]);
  const y = linearScale(yDomain, [height - margin.bottom, margin.top]);
  const axes = yGrid(svg, yDomain, y, width);
  for (const t of niceTicks(xDomain[0], xDomain[1], xTickCount(width))) {
    text(axes, { x: x(t), y: height - margin.bottom + 16, 'text-anchor': 'middle' }, tickLabel(t));
  }
  text(
    axes,
    { x: (margin.left + width - margin.right) / 2, y: height - 4, 'text-anchor': 'middle' },
    options.xLabel,
  );
  text(
    axes,
    {
      x: 12,
      y: (margin.top + height - margin.bottom) / 2,
      'text-anchor': 'middle',
      transform: `rotate(-90 12 ${(margin.top + height - margin.bottom) / 2})`,
    },
    options.yLabel,
  );
  for (const threshold of options.thresholds ?? []) {
    el(
      'line',
      {
        x1: margin.left,
        x2: width - margin.right,
        y1: y(threshold.y),
        y2: y(threshold.y),
        class: 'threshold',
      },
      svg,
    );
    text(
      svg,
      {
        x: width - margin.right - 4,
        y: y(threshold.y) - 4,
        'text-anchor': 'end',
        class: 'threshold-label',
      },
      threshold.label,
    );
  }
  const markers = options.markers ?? [];
  const placed = layoutMarkerLabels(
    markers.map((m) => ({
      x: x(m.x),
      width: estimateTextWidth(m.label, FONT_PX),
      label: m.label,
    })),
    { left: margin.left, right: width - margin.right },
  );
  markers.forEach((marker, i) => {
    el(
      'line',
      {
        x1: x(marker.x),
        x2: x(marker.x),
        y1: margin.top,
        y2: height - margin.bottom,
        class: 'marker',
      },
      svg,
    );
    const at = placed[i];
    if (at?.row == null) return;
    text(
      svg,
      { x: at.left, y: margin.top + 10 + at.row * (FONT_PX + 2), class: 'marker-label' },
      marker.label,
    );
  });
  options.series.forEach((series, i) => {
    const tone = series.tone ?? i;
    const points = series.points.map((p) => ({ x: x(p.x), y: y(p.y) }));
    el(
      'path',
      {
        d: linePath(points),
        class: `series tone-${tone}${series.dashed ? ' dashed' : ''}`,
        ...(series.dash ? { 'stroke-dasharray': series.dash } : {}),
      },
      svg,
    );
    if (!series.symbol || points.length === 0) return;
    // A few symbols, staggered per series so that lines lying on top of each other still show theirs.
    const every = Math.max(1, Math.ceil(points.length / SYMBOLS_PER_SERIES));
    const d: string[] = [];
    for (let k = (i * 3) % every; k < points.length; k += every) {
      const p = points[k]!;
      d.push(symbolPath(series.symbol, p.x, p.y));
    }
    el('path', { d: d.join(''), class: `symbol symbol-${series.symbol} tone-${tone}` }, svg);
  });
}

/** Options for `renderHistogram`: bars per bin for up to two groups (e.g. reference vs current). */
export interface HistogramOptions {
  label: string;
  xLabel: string;
  yLabel: string;
  /** Bin edges, length = bins + 1. */
  edges: readonly number[];
  groups: readonly { label: string; values: readonly number[] }[];
  width?: number;
  height?: number;
}

/** Draws grouped bars per bin into `svg`. */
export function renderHistogram(svg: SVGSVGElement, options: HistogramOptions): void {
  const { width, height } = startChart(svg, options, 220);
  const edges = options.edges;
  if (edges.length < 2) return;
  const x = linearScale(
    [edges[0] as number, edges[edges.length - 1] as number],
    [margin.left, width - margin.right],
  );
  const yMax = Math.max(0, ...options.groups.flatMap((g) => g.values));
  const y = linearScale([0, yMax || 1], [height - margin.bottom, margin.top]);
  const axes = yGrid(svg, [0, yMax || 1], y, width);
  for (const t of niceTicks(
    edges[0] as number,
    edges[edges.length - 1] as number,
    xTickCount(width),
  )) {
    text(axes, { x: x(t), y: height - margin.bottom + 16, 'text-anchor': 'middle' }, tickLabel(t));
  }
  text(
    axes,
    { x: (margin.left + width - margin.right) / 2, y: height - 4, 'text-anchor': 'middle' },
    options.xLabel,
  );
  const groups = options.groups.length || 1;
  options.groups.forEach((group, g) => {
    group.values.forEach((value, i) => {
      const left = x(edges[i] as number);
      const right = x(edges[i + 1] as number);
      const w = (right - left) / groups;
      el(
        'rect',
        {
          x: left + g * w,
          y: y(value),
          width: Math.max(0.5, w - 1),
          height: Math.max(0, y(0) - y(value)),
          class: `bar tone-${g}`,
        },
        svg,
      );
    });
  });
}
