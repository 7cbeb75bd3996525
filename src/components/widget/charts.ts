/**
 * Small SVG charts for widgets: line charts over time and grouped bar histograms. The numbers
 * come from src/lib/viz; this file only creates elements. Every chart is an `img` with an
 * accessible name, and a widget should also print the key figures as text beside it.
 */
import { extent, linearScale, linePath, niceTicks } from '../../lib/viz/scale';

const SVG = 'http://www.w3.org/2000/svg';

/** One line on a chart. `tone` picks a colour from the booklet's palette (0–4). */
export interface LineSeries {
  label: string;
  points: readonly { x: number; y: number }[];
  tone?: number;
  dashed?: boolean;
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

/** Draws (or redraws) a line chart into `svg`. */
export function renderLineChart(svg: SVGSVGElement, options: LineChartOptions): void {
  const width = options.width ?? 640;
  const height = options.height ?? 240;
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', options.label);
  svg.classList.add('mlops-chart');
  const allX = options.series.flatMap((s) => s.points.map((p) => p.x));
  const allY = options.series.flatMap((s) => s.points.map((p) => p.y));
  const xDomain = options.xDomain ?? extent(allX);
  const yDomain =
    options.yDomain ?? extent([...allY, ...(options.thresholds ?? []).map((t) => t.y)]);
  const x = linearScale(xDomain, [margin.left, width - margin.right]);
  const y = linearScale(yDomain, [height - margin.bottom, margin.top]);
  const axes = el('g', { class: 'mlops-chart__axes' }, svg);
  for (const t of niceTicks(yDomain[0], yDomain[1], 4)) {
    el(
      'line',
      { x1: margin.left, x2: width - margin.right, y1: y(t), y2: y(t), class: 'grid' },
      axes,
    );
    text(axes, { x: margin.left - 6, y: y(t) + 4, 'text-anchor': 'end' }, tickLabel(t));
  }
  for (const t of niceTicks(xDomain[0], xDomain[1], 6)) {
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
  for (const marker of options.markers ?? []) {
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
    text(svg, { x: x(marker.x) + 3, y: margin.top + 10, class: 'marker-label' }, marker.label);
  }
  options.series.forEach((series, i) => {
    const d = linePath(series.points.map((p) => ({ x: x(p.x), y: y(p.y) })));
    el(
      'path',
      { d, class: `series tone-${series.tone ?? i}${series.dashed ? ' dashed' : ''}` },
      svg,
    );
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
  const width = options.width ?? 640;
  const height = options.height ?? 220;
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', options.label);
  svg.classList.add('mlops-chart');
  const edges = options.edges;
  if (edges.length < 2) return;
  const x = linearScale(
    [edges[0] as number, edges[edges.length - 1] as number],
    [margin.left, width - margin.right],
  );
  const yMax = Math.max(0, ...options.groups.flatMap((g) => g.values));
  const y = linearScale([0, yMax || 1], [height - margin.bottom, margin.top]);
  const axes = el('g', { class: 'mlops-chart__axes' }, svg);
  for (const t of niceTicks(0, yMax || 1, 4)) {
    el(
      'line',
      { x1: margin.left, x2: width - margin.right, y1: y(t), y2: y(t), class: 'grid' },
      axes,
    );
    text(axes, { x: margin.left - 6, y: y(t) + 4, 'text-anchor': 'end' }, tickLabel(t));
  }
  for (const t of niceTicks(edges[0] as number, edges[edges.length - 1] as number, 6)) {
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
