/**
 * Renders an `OnnxSummary` (from src/lib/onnx/decode.ts) as readable tables: header facts,
 * inputs and outputs, nodes, stored tensors and metadata. Used by both the train-and-verify
 * widget (for the file it just wrote) and the ONNX inspector (for any uploaded file).
 */
import type { OnnxSummary } from '../../lib/onnx/decode';
import { dataTable, details, factList, h } from '../widget/dom';

function opsetText(summary: OnnxSummary): string {
  if (summary.opsetImports.length === 0) return 'none';
  return summary.opsetImports
    .map((o) => `${o.domain === '' ? 'ai.onnx (default)' : o.domain} ${o.version}`)
    .join(', ');
}

/** The file's header facts: size, IR version, producer, operator sets, graph size. */
function onnxFacts(summary: OnnxSummary): HTMLElement {
  const graph = summary.graph;
  return factList([
    ['Size', `${summary.byteLength.toLocaleString('en-US')} bytes`],
    ['IR version', String(summary.irVersion)],
    [
      'Producer',
      `${summary.producerName || '(not set)'}${summary.producerVersion ? ` ${summary.producerVersion}` : ''}`,
    ],
    ['Operator sets', opsetText(summary)],
    [
      'Graph',
      graph
        ? `${graph.name || '(unnamed)'}: ${graph.nodeCount} nodes, ${graph.initializerCount} stored tensors`
        : 'none',
    ],
  ]);
}

/** Builds the whole summary; `titlePrefix` keeps table names distinct when two views share a page. */
export function onnxSummaryView(summary: OnnxSummary, titlePrefix: string): HTMLElement {
  const root = h('div', { class: 'ch01-onnx' }, onnxFacts(summary));
  root.append(...onnxTables(summary, titlePrefix));
  return root;
}

/** The inspector's answer: a verdict and the header facts in view, the tables folded. */
export function onnxInspectionView(name: string, summary: OnnxSummary): HTMLElement[] {
  return [
    h('p', { class: 'ch01-verdict', 'data-tone': 'good' }, `${name}: a valid ONNX model`),
    onnxFacts(summary),
    details('Show details: inputs and outputs, nodes, stored tensors, metadata', () =>
      onnxTables(summary, name),
    ),
  ];
}

/** The doc string and the tables: inputs and outputs, nodes, initializers, metadata. */
function onnxTables(summary: OnnxSummary, titlePrefix: string): HTMLElement[] {
  const root: HTMLElement[] = [];
  const graph = summary.graph;
  if (summary.docString) root.push(h('p', { class: 'ch01-doc' }, summary.docString));
  if (graph) {
    const io = [
      ...graph.inputs
        .filter((v) => !v.isInitializer)
        .map((v) => ['input', v.name, v.typeText, v.docString]),
      ...graph.outputs.map((v) => ['output', v.name, v.typeText, v.docString]),
    ];
    root.push(
      dataTable({
        caption: `${titlePrefix}: inputs and outputs`,
        headers: ['Kind', 'Name', 'Type and shape', 'Description'],
        rows: io,
        columnClasses: [null, 'mono', 'mono', null],
      }),
    );
    root.push(
      dataTable({
        caption: `${titlePrefix}: nodes, in execution order${graph.nodesTruncated ? ` (first ${graph.nodes.length} of ${graph.nodeCount})` : ''}`,
        headers: ['#', 'Operator', 'Inputs', 'Outputs', 'Attributes'],
        rows: graph.nodes.map((n, i) => [
          String(i + 1),
          `${n.domain ? `${n.domain}.` : ''}${n.opType}`,
          n.inputs.join(', '),
          n.outputs.join(', '),
          n.attributes.map((a) => `${a.name}=${a.value}`).join(', ') || '—',
        ]),
        columnClasses: ['num', 'mono', 'mono', 'mono', 'mono'],
      }),
    );
    root.push(
      dataTable({
        caption: `${titlePrefix}: stored tensors (initializers)${graph.initializersTruncated ? ` (first ${graph.initializers.length} of ${graph.initializerCount})` : ''}`,
        headers: ['Name', 'Type', 'Shape', 'Bytes'],
        rows: graph.initializers.map((t) => [
          t.name,
          t.dataType,
          `[${t.dims.join(', ')}]`,
          t.storage === 'external' ? 'external file' : t.byteSize.toLocaleString('en-US'),
        ]),
        columnClasses: ['mono', 'mono', 'mono', 'num'],
      }),
    );
  }
  root.push(
    summary.metadata.length > 0
      ? dataTable({
          caption: `${titlePrefix}: metadata (metadata_props)`,
          headers: ['Key', 'Value'],
          rows: summary.metadata.map((m) => [
            m.key,
            m.value.length > 400 ? `${m.value.slice(0, 400)}…` : m.value,
          ]),
          columnClasses: ['mono', 'mono'],
        })
      : h('p', null, 'The file carries no metadata_props.'),
  );
  return root;
}
