/**
 * Draws one layer-cache analysis with the widget kit: the headline and per-stage digest first,
 * then four folded sections (instructions, stage graph, final image, lint) whose bodies are built
 * only while open. Every string goes in as text, never as markup.
 */
import type { LayerStatus } from '../../lib/docker/cache';
import type { AnalyzedInstruction, BuildAnalysis } from '../../lib/docker/explorer';
import { buildHeadline, contextLine, stageDigest } from '../../lib/docker/headline';
import { LINT_RULES } from '../../lib/docker/lint';
import { layersFromPlacement, layoutLayeredDag } from '../../lib/viz/dag-layout';
import { dataTable, fill, h, part, svg, type Tone } from '../widget/dom';
import { errorElementFor } from '../widget/fields';

/** Rows of the final-files table before the rest is summarised. */
const MAX_FILE_ROWS = 40;

const STATUS_TEXT: Record<LayerStatus, string> = {
  hit: '✓ cached',
  rebuild: '↻ rebuilds',
  'no-layer': '',
  skipped: '– skipped',
  error: '✗ fails',
};

const STATUS_TONE: Record<LayerStatus, Tone | undefined> = {
  hit: 'good',
  rebuild: 'warn',
  'no-layer': undefined,
  skipped: undefined,
  error: 'bad',
};

function badge(status: LayerStatus, cached: boolean): HTMLElement {
  if (status === 'no-layer') {
    const text = cached ? '✓ cached (no layer)' : '↻ redone (no layer)';
    return h('span', { class: 'lce-badge', 'data-tone': cached ? 'good' : 'warn' }, text);
  }
  const skipped = status === 'skipped' ? ' lce-badge--skipped' : '';
  return h(
    'span',
    { class: `lce-badge${skipped}`, 'data-tone': STATUS_TONE[status] },
    STATUS_TEXT[status],
  );
}

/** Leading "line N:" of a build error, to link it to the editor. */
function errorLine(message: string): number | null {
  const match = /^line (\d+):/.exec(message);
  return match === null ? null : Number(match[1]);
}

function lineButton(text: string, line: number, editor: 'dockerfile' | 'ignore'): HTMLElement {
  return h('button', { type: 'button', 'data-line': line, 'data-editor': editor }, text);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The headline, digest and field errors: what the reader sees without opening anything. */
export function renderSummary(root: HTMLElement, analysis: BuildAnalysis): void {
  const headline = buildHeadline(analysis);
  const title = part(root, '[data-out="headline"]');
  title.textContent = headline.text;
  title.dataset['outcome'] = headline.outcome;
  fill(
    part(root, '[data-out="digest"]'),
    ...stageDigest(analysis).map((stage) =>
      h(
        'li',
        { class: `lce-digest--${stage.state}` },
        h('strong', null, stage.label),
        ` ${stage.text}`,
      ),
    ),
  );
  part(root, '[data-out="context"]').textContent = contextLine(analysis);
  const errors = part(root, '[data-out="build-errors"]');
  errors.hidden = analysis.buildErrors.length === 0;
  fill(
    errors,
    ...analysis.buildErrors.map((message) => {
      const line = errorLine(message);
      return h('li', null, line === null ? message : lineButton(message, line, 'dockerfile'));
    }),
  );
}

/** Marks an editor invalid and lists its problems as buttons that select the line. */
export function renderEditorErrors(
  textarea: HTMLTextAreaElement,
  errors: readonly { line: number; message: string }[],
  editor: 'dockerfile' | 'ignore',
  what: string,
): void {
  const box = errorElementFor(textarea);
  textarea.setAttribute('aria-invalid', String(errors.length > 0));
  if (box === null) return;
  box.hidden = errors.length === 0;
  if (errors.length === 0) return fill(box);
  fill(
    box,
    `${what} has ${plural(errors.length, 'problem')} (select one to jump to its line):`,
    h(
      'ul',
      null,
      ...errors.map((e) =>
        h('li', null, lineButton(`Line ${e.line}: ${e.message}`, e.line, editor)),
      ),
    ),
  );
}

/** Refills the --target options from the parsed stages, keeping the choice when it still exists. */
export function renderTargets(select: HTMLSelectElement, analysis: BuildAnalysis): void {
  const current = select.value;
  const options = [h('option', { value: '' }, 'the last stage (default)')];
  for (const stage of analysis.parsed.stages)
    options.push(
      h(
        'option',
        { value: stage.name ?? String(stage.index) },
        stage.name ?? `stage ${stage.index}`,
      ),
    );
  fill(select, ...options);
  select.value = options.some((option) => option.value === current) ? current : '';
}

/** One-line summaries of the folded sections, so the counts are visible while they are closed. */
export function sectionSummaries(analysis: BuildAnalysis): Record<string, string> {
  const { report, lint, graph } = analysis;
  return {
    layers: `Layers, instruction by instruction (${report.counts.rebuilt} of ${report.counts.layers} rebuild)`,
    graph: `Stage graph (${plural(graph.nodes.length, 'stage')})`,
    image: `What reaches the final image (${plural(report.finalLayers.length, 'layer')}, ${plural(report.finalFiles.length, 'path')})`,
    lint: `Lint findings (${lint.length === 0 ? 'none' : lint.length})`,
  };
}

/**
 * An instruction and why the cache decided as it did, folded to its first line: open for the steps
 * that rebuild or fail (the ones worth reading), closed for cached and skipped ones.
 */
function instructionCell(row: AnalyzedInstruction): HTMLElement {
  const [first = '', ...rest] = row.text.split('\n');
  const open =
    row.status === 'rebuild' ||
    row.status === 'error' ||
    (row.status === 'no-layer' && !row.cached);
  return h(
    'details',
    { class: 'lce-row-details', open },
    h('summary', null, h('code', null, rest.length > 0 ? `${first} …` : first)),
    rest.length > 0 && h('code', { class: 'lce-full' }, row.text),
    h('p', { class: 'lce-why' }, row.reason),
  );
}

function layersSection(analysis: BuildAnalysis): HTMLElement {
  return dataTable({
    caption: 'Cache result per instruction',
    headers: ['Line', 'Stage', 'Instruction, and why', 'Cache'],
    rows: analysis.rows.map((row: AnalyzedInstruction) => [
      row.endLine > row.line ? `${row.line}–${row.endLine}` : String(row.line),
      row.stage,
      instructionCell(row),
      badge(row.status, row.cached),
    ]),
    columnClasses: ['num', 'lce-stage', 'lce-instr', 'lce-status'],
  });
}

function graphDrawing(analysis: BuildAnalysis, describedBy: string): SVGSVGElement {
  const { graph, report } = analysis;
  const layout = layoutLayeredDag(
    {
      layers: layersFromPlacement(
        graph.nodes.map((n) => ({ id: n.index, layer: n.column, row: n.row })),
      ),
      edges: graph.edges.map((e) => [e.from, e.to] as const),
    },
    { nodeWidth: 180, nodeHeight: 62, columnGap: 55, rowGap: 24, margin: 2 },
  );
  const drawing = svg('svg', {
    viewBox: `0 0 ${layout.width} ${layout.height}`,
    width: layout.width,
    height: layout.height,
    role: 'img',
    'aria-describedby': describedBy,
    'aria-label': 'Stage graph',
  });
  const marker = svg('marker', {
    id: 'lce-arrowhead',
    viewBox: '0 0 8 8',
    refX: 8,
    refY: 4,
    markerWidth: 8,
    markerHeight: 8,
    orient: 'auto',
  });
  marker.append(svg('path', { d: 'M0,0 L8,4 L0,8 z', class: 'lce-arrow' }));
  drawing.append(svg('defs', null, marker));
  layout.edges.forEach((edge, i) =>
    drawing.append(
      svg('path', {
        d: edge.d,
        class: `lce-edge lce-edge--${graph.edges[i]?.kind ?? 'from'}`,
        'marker-end': 'url(#lce-arrowhead)',
      }),
    ),
  );
  const stages = new Map(report.stages.map((stage) => [stage.index, stage]));
  for (const placed of layout.nodes) {
    const node = graph.nodes[placed.id];
    const result = stages.get(placed.id);
    if (node === undefined) continue;
    const state =
      result === undefined || !result.needed ? 'skipped' : result.rebuilt ? 'rebuilt' : 'cached';
    const status =
      state === 'skipped'
        ? '– skipped: not needed'
        : state === 'rebuilt'
          ? `↻ rebuilds from line ${result?.firstRebuildLine ?? '?'}`
          : '✓ fully cached';
    const base = `FROM ${node.base}`;
    const { x, y } = placed;
    drawing.append(
      svg(
        'g',
        { class: `lce-node lce-node--${state}` },
        svg('rect', { x, y, width: placed.width, height: placed.height, rx: 6 }),
        svg(
          'text',
          { x: x + 8, y: y + 18, 'font-weight': 700 },
          `${node.label}${report.target?.index === node.index ? ' (target)' : ''}`,
        ),
        svg('text', { x: x + 8, y: y + 35 }, base.length > 27 ? `${base.slice(0, 25)}…` : base),
        svg('text', { x: x + 8, y: y + 52 }, status),
      ),
    );
  }
  return drawing;
}

function graphSection(analysis: BuildAnalysis, id: string): HTMLElement[] {
  const { graph, report } = analysis;
  if (graph.nodes.length === 0) return [h('p', null, 'No stages: the Dockerfile has no FROM yet.')];
  const skipped = report.stages.filter((stage) => !stage.needed).length;
  const descId = `${id}-graph-desc`;
  const desc =
    `${plural(graph.nodes.length, 'stage')}, target ${report.target?.label ?? '–'}` +
    (skipped > 0
      ? `, ${skipped} skipped because the target does not need ${skipped === 1 ? 'it' : 'them'}`
      : '') +
    '. Solid arrows are FROM, dashed arrows COPY --from or RUN --mount; the lists below say the same in words.';
  const label = (index: number) => graph.nodes[index]?.label ?? String(index);
  const kind = { from: 'FROM', copy: 'COPY --from', mount: 'RUN --mount from' } as const;
  const edges = graph.edges.map((e) =>
    h('li', null, `${label(e.from)} → ${label(e.to)}: ${kind[e.kind]} on line ${e.line}.`),
  );
  for (const source of graph.externalSources)
    edges.push(
      h('li', null, `image ${source.ref} → ${label(source.stage)}: read on line ${source.line}.`),
    );
  if (edges.length === 0) edges.push(h('li', null, 'No stage uses another stage.'));
  const stageItems = report.stages.map((stage) =>
    h(
      'li',
      null,
      stage.needed
        ? `${stage.label}: built — ${stage.why}; ${stage.rebuilt ? `rebuilds from line ${stage.firstRebuildLine}` : 'fully cached'}.`
        : `${stage.label}: skipped — ${stage.why}.`,
    ),
  );
  return [
    h('p', { class: 'lce-note', id: descId }, desc),
    h(
      'div',
      {
        class: 'lce-graph widget-scroll',
        role: 'region',
        'aria-label': 'Stage graph drawing',
        tabindex: 0,
      },
      graphDrawing(analysis, descId),
    ),
    h(
      'div',
      { class: 'lce-graph-text widget-columns' },
      h('ul', { 'aria-label': 'Stages' }, ...stageItems),
      h('ul', { 'aria-label': 'How stages use each other' }, ...edges),
    ),
  ];
}

function imageSection(analysis: BuildAnalysis): HTMLElement[] {
  const { report } = analysis;
  const textByLine = new Map(analysis.rows.map((row) => [row.line, row.text]));
  const layers = dataTable({
    caption:
      report.target === null
        ? 'Filesystem layers of the final image: none (no FROM).'
        : `Filesystem layers of the final image (target ${report.target.label}), base first: ${report.finalLayers.length}`,
    headers: ['Layer', 'Line', 'Stage', 'Instruction', 'Cache'],
    rows: report.finalLayers.map((layer, i) => [
      String(i + 1),
      layer.line === 0 ? '–' : String(layer.line),
      layer.stage,
      h(
        'code',
        null,
        layer.keyword === 'FROM'
          ? `FROM ${layer.detail}`
          : (textByLine.get(layer.line) ?? `${layer.keyword} ${layer.detail}`),
      ),
      badge(layer.status, layer.status === 'hit'),
    ]),
    columnClasses: ['num', 'num', 'lce-stage', 'lce-instr', 'lce-status'],
  });
  const files = report.finalFiles;
  const origin = (entry: (typeof files)[number]) =>
    entry.origin === 'context'
      ? `build context: ${entry.source}`
      : entry.origin.startsWith('stage')
        ? `stage ${entry.source}`
        : entry.source;
  const rows = files
    .slice(0, MAX_FILE_ROWS)
    .map((entry) => [
      h('code', null, entry.kind === 'directory' ? `${entry.path}/` : entry.path),
      origin(entry),
      String(entry.line),
    ]);
  if (files.length > MAX_FILE_ROWS)
    rows.push([`… and ${(files.length - MAX_FILE_ROWS).toLocaleString('en-US')} more`, '', '']);
  if (files.length === 0) rows.push(['Nothing beyond the base image.', '', '']);
  const table = dataTable({
    caption:
      `Files and directories the final image adds beyond its base image: ${files.length.toLocaleString('en-US')}` +
      (files.length > MAX_FILE_ROWS ? ` (the first ${MAX_FILE_ROWS} are listed)` : ''),
    headers: ['Path in the image', 'Comes from', 'Line'],
    rows,
    columnClasses: ['lce-path', null, 'num'],
  });
  return [layers, table];
}

function lintSection(analysis: BuildAnalysis): HTMLElement {
  if (analysis.lint.length === 0) return h('p', null, 'No findings: every rule passes.');
  return h(
    'ol',
    { class: 'lce-lint' },
    ...analysis.lint.map((finding) => {
      const title = LINT_RULES.find((rule) => rule.id === finding.rule)?.title ?? finding.rule;
      return h(
        'li',
        null,
        h(
          'p',
          null,
          h('strong', null, `${finding.severity} · line ${finding.line} · ${title} `),
          h('code', null, finding.rule),
        ),
        h('p', null, finding.message),
        h('p', null, `Why: ${finding.explanation}`),
        h('p', null, `Fix: ${finding.fix}`),
      );
    }),
  );
}

/** Builds the body of one folded section (`layers`, `graph`, `image`, `lint`). */
export function sectionBody(name: string, analysis: BuildAnalysis, id: string): HTMLElement[] {
  switch (name) {
    case 'layers':
      return [layersSection(analysis)];
    case 'graph':
      return graphSection(analysis, id);
    case 'image':
      return imageSection(analysis);
    default:
      return [lintSection(analysis)];
  }
}
