/**
 * Rendering for the train-and-verify widget: each step answers with a short summary next to its
 * button, and folds the rest behind "Show details" (built on first open). Everything is text
 * nodes built with the kit; no reader input becomes HTML.
 */
import { formatBytes, formatPercent } from '../../lib/format';
import type { LossPoint } from '../../lib/model/train';
import { renderLineChart } from '../widget/charts';
import { prefersReducedMotion } from '../widget/chrome';
import { formatSignificantDuration, type LatencyFigure } from '../../lib/model/latency';
import { PARITY_TOLERANCE } from '../../lib/model/parity';
import { dataTable, details, factList, h, type Child, type Tone } from '../widget/dom';
import { onnxSummaryView } from './onnx-view';
import type { PenguinRun, Prediction, Serialized, Verified } from './train-session';

const count = (n: number) => n.toLocaleString('en-US');

/** A verdict line; `tone` colours its left border. */
export function verdict(text: string, tone: Tone | null = null): HTMLElement {
  return h('p', { class: 'ch01-verdict', 'data-tone': tone ?? undefined }, text);
}

/** The training result: accuracy in one line, the numbers and the confusion matrix folded. */
export function trainView(run: PenguinRun): { summary: string; nodes: Child[] } {
  const last = run.history[run.history.length - 1];
  if (run.diverged) {
    const text = `The loss stopped being a finite number at epoch ${last?.epoch ?? 0}: the steps are too large. Lower the learning rate and train again.`;
    return {
      summary: 'Training diverged; there is no usable model.',
      nodes: [verdict(text, 'bad')],
    };
  }
  const { metrics, model, split } = run;
  const correct = metrics.confusion.reduce((sum, row, i) => sum + (row[i] ?? 0), 0);
  const summary = `Trained: ${formatPercent(metrics.accuracy)} held-out accuracy (${correct} of ${split.test.length} penguins). Next, serialize the model to ONNX.`;
  return {
    summary,
    nodes: [
      verdict(summary, 'good'),
      details('Show details: losses and the confusion matrix', () => [
        factList([
          ['Held-out log loss', metrics.logLoss.toFixed(4)],
          [
            'Final training loss',
            last ? `${last.loss.toFixed(4)} after ${last.epoch} epochs` : '—',
          ],
          ['Training rows', String(split.train.length)],
        ]),
        dataTable({
          caption:
            'Confusion matrix on the held-out penguins (rows: true species, columns: predicted)',
          headers: ['True \\ predicted', ...model.classes],
          rows: metrics.confusion.map((row, i) => [model.classes[i] ?? '', ...row.map(String)]),
          rowHeaders: true,
          columnClasses: [null, ...model.classes.map(() => 'num')],
        }),
      ]),
    ],
  };
}

/** One sentence on how the page's file relates to the published models/penguins.onnx. */
export function describeComparison(published: Serialized['published']): string {
  if (published.kind === 'unavailable')
    return 'The published models/penguins.onnx could not be downloaded to compare.';
  const result = published.result;
  if (!result.ok) return `Could not compare with the published model: ${result.error.message}`;
  const c = result.comparison;
  if (c.identicalBytes)
    return 'byte-identical to the published models/penguins.onnx: same code, same data, same settings, same bytes.';
  if (c.sameGraph && c.differentTensors.length === 0) {
    const note =
      c.differentMetadata.length === 1 && c.differentMetadata[0] === 'metrics'
        ? ' The recorded log loss can differ in its last digit between JavaScript engines, because Math.log is not required to round identically everywhere.'
        : '';
    return `Same graph and bit-identical tensors as the published models/penguins.onnx; only metadata differs (${c.differentMetadata.join(', ')}).${note}`;
  }
  const tensors =
    c.differentTensors.length > 0 ? `tensors ${c.differentTensors.join(', ')}` : 'no tensors';
  return `Differs from the published models/penguins.onnx in ${tensors}${c.sameGraph ? '' : ' and the graph'}: expected unless the settings are the defaults (seed 42, 200 epochs, learning rate 1).`;
}

function encodingsTable(s: Serialized): HTMLElement {
  return dataTable({
    caption: 'The same model in three encodings, measured just now',
    headers: ['Encoding', 'Bytes', 'Carries the preprocessing?', 'Who can load it'],
    rows: [
      [
        'JSON of the weights: JSON.stringify({ weights, bias })',
        count(s.sizes.weightsJsonBytes),
        'No: the mean, standard deviation, feature order and class names must travel separately, and the forward pass must be rewritten by hand',
        'Any language with a JSON parser, plus your own copy of the inference code',
      ],
      [
        'JSON of the whole model object',
        count(s.sizes.modelJsonBytes),
        'The numbers yes (mean, std), the computation no: the loader must know what to do with them',
        'Any language, plus your own copy of the inference code',
      ],
      [
        'ONNX (this file)',
        count(s.sizes.onnxBytes),
        'Yes: Sub and Div nodes hold the training mean and standard deviation',
        'Any ONNX runtime: Python, C++, C#, Java, JavaScript, mobile; no training code needed',
      ],
      [
        'pickle / joblib (Python only)',
        'not run here',
        'Yes, when the saved object is a Pipeline that includes the scaler',
        'Python with compatible library versions; loading can execute code (see "Inside a pickle")',
      ],
    ],
    rowHeaders: true,
    columnClasses: [null, 'num', null, null],
  });
}

/** The serialize result: size, comparison and download in view, the file's insides folded. */
export function serializeView(s: Serialized): { summary: string; nodes: Child[] } {
  const summary = `Serialized: ${count(s.bytes.length)} bytes of ONNX. Next, load them into onnxruntime-web and verify.`;
  const link = h(
    'a',
    { class: 'ch01-download', href: s.downloadUrl, download: s.fileName },
    `Download ${s.fileName} (${count(s.bytes.length)} bytes)`,
  );
  return {
    summary,
    nodes: [
      verdict(summary, 'good'),
      h('p', null, describeComparison(s.published)),
      link,
      details('Show details: SHA-256, three encodings compared, the graph inside the file', () => [
        factList([
          ['Size', `${count(s.bytes.length)} bytes (${formatBytes(s.bytes.length)})`],
          ['SHA-256', h('code', { class: 'ch01-hash' }, s.digest)],
        ]),
        encodingsTable(s),
        s.decoded.ok
          ? onnxSummaryView(s.decoded.summary, 'Your model')
          : h('p', null, s.decoded.error.message),
      ]),
    ],
  };
}

const shown = (f: LatencyFigure) => formatSignificantDuration(f.perCallMs, f.digits);

/** The verify result: the parity verdict and its table in view, latency folded. */
export function verifyView(v: Verified): { summary: string; nodes: Child[] } {
  const { parity, latency, rows } = v;
  const worst = parity.maxAbsDifference.toExponential(2);
  const tolerance = PARITY_TOLERANCE.toExponential(0);
  const summary = parity.pass
    ? `Verified on ${rows} penguins: max |Δp| ${worst}, ${formatPercent(parity.labelAgreement, 0)} label agreement. The single-penguin form now uses onnxruntime-web.`
    : 'The runtime’s predictions differ from the TypeScript model’s; see the table.';
  const line = parity.pass
    ? `Verified: the ONNX file reproduces the model. Max |Δprobability| = ${worst} ≤ ${tolerance}, and ${formatPercent(parity.labelAgreement, 0)} of labels agree.`
    : `Not verified: max |Δprobability| = ${worst} (tolerance ${tolerance}), labels agree on ${parity.agreeingRows} of ${parity.rows} rows.`;
  const resolution = latency.clockResolutionMs;
  const clock = Number.isFinite(resolution)
    ? `This browser’s clock moves in steps of ${formatSignificantDuration(resolution, 2)} (measured just now)`
    : 'This browser’s clock did not move while it was measured';
  return {
    summary,
    nodes: [
      verdict(line, parity.pass ? 'good' : 'bad'),
      dataTable({
        caption: `TypeScript model against onnxruntime-web on the ${rows} held-out penguins`,
        headers: ['Check', 'Result'],
        rows: [
          ['Max |Δprobability| over all rows and species', worst],
          ['Tolerance', tolerance],
          [
            'Label agreement',
            `${formatPercent(parity.labelAgreement, 1)} (${parity.agreeingRows} of ${parity.rows} rows)`,
          ],
        ],
        rowHeaders: true,
        columnClasses: [null, 'num'],
      }),
      h(
        'p',
        null,
        `Per row, measured: TypeScript ${shown(latency.perRow.ts)}, onnxruntime-web ${shown(latency.perRow.ort)}.`,
      ),
      details('Show details: latency per row and per batch, and how it was timed', () => [
        dataTable({
          caption: 'Latency, measured in this browser just now',
          headers: ['Measure', 'TypeScript model (predict.ts)', 'onnxruntime-web (the ONNX bytes)'],
          rows: [
            ['Per row (median of 9 passes)', shown(latency.perRow.ts), shown(latency.perRow.ort)],
            [
              `Batch of ${count(v.batchRows)} rows (median of 5)`,
              shown(latency.batch.ts),
              shown(latency.batch.ort),
            ],
          ],
          rowHeaders: true,
          columnClasses: [null, 'num', 'num'],
        }),
        h(
          'p',
          { class: 'ch01-note' },
          `${clock}, too coarse to time one prediction. So each pass times many calls and divides: an onnxruntime pass sends the ${rows} rows one at a time (${rows} session.run calls), a TypeScript pass predicts them ${v.tsRepeats} times over. A pass is known to about one clock step, so each figure keeps only the significant digits its pass supports. Batch ratio (TypeScript ÷ onnxruntime): ${latency.batchRatio.toPrecision(2)}×.`,
        ),
      ]),
    ],
  };
}

/** A single penguin's answer: the most likely species, the probabilities and which model ran. */
export function penguinView(p: Prediction): { summary: string; nodes: Child[] } {
  const best = p.probabilities.indexOf(Math.max(...p.probabilities));
  const species = p.classes[best] ?? '?';
  return {
    summary: `Predicted ${species}.`,
    nodes: [
      verdict(`Most likely: ${species} (${formatPercent(p.probabilities[best] ?? Number.NaN)})`),
      dataTable({
        caption: 'Probability of each species for this penguin',
        headers: ['Species', 'Probability'],
        rows: p.classes.map((c, i) => [c, formatPercent(p.probabilities[i] ?? Number.NaN, 2)]),
        rowHeaders: true,
        columnClasses: [null, 'num'],
      }),
      h(
        'p',
        { class: 'ch01-note' },
        p.byRuntime
          ? 'Computed by onnxruntime-web, running the ONNX bytes this page serialized.'
          : 'Computed by the TypeScript model (src/lib/model/predict.ts): the ONNX file is not loaded yet. After step 4, this form runs it through onnxruntime-web.',
      ),
    ],
  };
}

/**
 * A loss-curve drawer for one training run: redraws at most every 50 ms (4 times a second with
 * reduced motion), or whenever `force` is set (the final curve).
 */
export function lossDrawer(svg: SVGSVGElement, epochs: number) {
  let last = Number.NEGATIVE_INFINITY;
  return (history: readonly LossPoint[], force = false): void => {
    const gap = prefersReducedMotion() ? 250 : 50;
    if (!force && performance.now() - last < gap) return;
    last = performance.now();
    drawLoss(svg, history, epochs);
  };
}

/** Draws the loss curve so far; a few hundred points draw the same curve as thousands. */
function drawLoss(svg: SVGSVGElement, history: readonly LossPoint[], epochs: number): void {
  const stride = Math.max(1, Math.ceil(history.length / 600));
  const points = history
    .filter((p, i) => Number.isFinite(p.loss) && (i % stride === 0 || i === history.length - 1))
    .map((p) => ({ x: p.epoch, y: p.loss }));
  const last = history[history.length - 1];
  renderLineChart(svg, {
    label: `Training loss per epoch${last ? `: ${last.loss.toFixed(4)} after epoch ${last.epoch}` : ''}`,
    xLabel: 'epoch',
    yLabel: 'training loss',
    series: [{ label: 'training loss', points }],
    xDomain: [0, epochs],
    height: 220,
  });
}
