/**
 * Rendering for chapter 4's pipeline playground, with the widget kit: the problem list, the job
 * graph (boxes in wrapping bands, painted with each job's status), the waves in words, the trigger
 * verdict, a run's summary and folded details, the two-run concurrency outcome and the quality
 * gate. Sentences may mark code with backticks; they become `<code>` text, never markup.
 */
import type { Diagnostic } from '../../lib/cicd/diagnostics';
import type { JobGraph } from '../../lib/cicd/job-graph';
import type { ShownStatus } from '../../lib/cicd/playback';
import { fitLabel, type GraphDimensions, type GraphLayout } from '../../lib/cicd/playground';
import type { QualityGateResult } from '../../lib/cicd/quality-gate';
import type { ConcurrencyOutcome, RunSimulation } from '../../lib/cicd/simulate';
import type { TriggerDecision } from '../../lib/cicd/triggers';
import { dataTable, details, factList, fill, h, svg, type Child } from '../widget/dom';

/** What a job shows in the graph, the waves list and the table. */
export const STATUS_TEXT: Record<ShownStatus, string> = {
  idle: '',
  queued: 'queued',
  running: 'in progress…',
  success: '✓ success',
  failure: '✗ failure',
  skipped: '– skipped',
  cancelled: '× cancelled',
  waiting: '… waiting for approval',
  pending: '… pending',
};

/** A sentence with `code` spans as text nodes and `<code>` elements. */
export function sentence(text: string): Child[] {
  return text.split('`').map((part, i) => (i % 2 === 1 ? h('code', null, part) : part || null));
}

/** The problem list under the editor: each problem a button that puts the caret on it. */
export function renderProblems(
  summary: HTMLElement,
  list: HTMLElement,
  diagnostics: readonly Diagnostic[],
): void {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  summary.textContent =
    diagnostics.length === 0
      ? 'No problems found.'
      : [errors > 0 ? plural(errors, 'error') : '', warnings > 0 ? plural(warnings, 'warning') : '']
          .filter(Boolean)
          .join(' and ') + ' (select one to put the cursor on it):';
  fill(
    list,
    ...diagnostics.map((d) =>
      h(
        'li',
        { 'data-severity': d.severity },
        h(
          'button',
          { type: 'button', 'data-line': d.line, 'data-column': d.column },
          h('span', { class: 'pp-where' }, `Line ${d.line}, column ${d.column}`),
          ` (${d.severity}): `,
          ...sentence(d.message),
        ),
      ),
    ),
  );
}

/** Draws the job graph into `target` (an `<svg>`): arrows, then one box per job. */
export function renderGraph(
  target: SVGSVGElement,
  layout: GraphLayout,
  dims: GraphDimensions,
  environments: ReadonlyMap<string, string>,
): void {
  target.setAttribute('width', String(layout.width));
  target.setAttribute('height', String(layout.height));
  target.setAttribute('viewBox', `0 0 ${layout.width} ${layout.height}`);
  const defs = target.querySelector('defs');
  fill(
    target,
    defs,
    svg(
      'g',
      null,
      ...layout.edges.map((e) =>
        svg('path', { class: 'pp-edge', d: e.d, 'marker-end': 'url(#pp-arrow)' }),
      ),
    ),
    svg(
      'g',
      null,
      ...layout.nodes.map((n) => {
        const environment = environments.get(n.id) ?? '';
        const idle = environment ? `env: ${fitLabel(environment, 14)}` : '';
        return svg(
          'g',
          {
            class: 'pp-job',
            'data-job': n.id,
            'data-status': 'idle',
            transform: `translate(${n.x} ${n.y})`,
          },
          svg('title', null, n.id),
          svg('rect', { width: dims.boxWidth, height: dims.boxHeight, rx: 6 }),
          svg('text', { x: 10, y: 21, class: 'pp-job-name' }, fitLabel(n.id, 18)),
          svg('text', { x: 10, y: 40, class: 'pp-job-status', 'data-idle': idle }, idle),
        );
      }),
    ),
  );
}

/** Paints each job box with its status (the graph keeps its layout). */
export function paintGraph(
  target: SVGSVGElement,
  statuses: ReadonlyMap<string, ShownStatus>,
): void {
  for (const group of target.querySelectorAll<SVGGElement>('.pp-job')) {
    const status = statuses.get(group.getAttribute('data-job') ?? '') ?? 'idle';
    group.setAttribute('data-status', status);
    const text = group.querySelector('.pp-job-status');
    // A box holds about 19 characters of its 12 px status line; the waves list has the long form.
    const short = status === 'waiting' ? '… awaits approval' : STATUS_TEXT[status];
    if (text) text.textContent = status === 'idle' ? (text.getAttribute('data-idle') ?? '') : short;
  }
}

/** The waves in words, with each job's status when a run is shown. */
export function renderWaves(
  list: HTMLElement,
  graph: Pick<JobGraph, 'waves'>,
  statuses: ReadonlyMap<string, ShownStatus>,
): void {
  fill(
    list,
    ...graph.waves.map((wave, i) => {
      const jobs = wave.map((id) => {
        const status = statuses.get(id) ?? 'idle';
        return status === 'idle' ? id : `${id} (${STATUS_TEXT[status]})`;
      });
      return h('li', null, `Wave ${i + 1}: ${jobs.join(', ')}`);
    }),
  );
}

/** Whether the event starts the workflow, with the reasons; or why that cannot be said yet. */
export function renderTrigger(out: HTMLElement, decision: TriggerDecision | string): void {
  if (typeof decision === 'string') {
    fill(out, h('p', null, ...sentence(decision)));
    return;
  }
  fill(
    out,
    h(
      'p',
      { class: 'pp-verdict' },
      decision.runs ? 'This event starts the workflow.' : 'This event does not start the workflow.',
    ),
    h('ul', null, ...decision.reasons.map((r) => h('li', null, ...sentence(r)))),
  );
}

/** The run's jobs, waves, statuses and reasons: a table folded behind "Show details". */
export function runDetails(run: RunSimulation, caption: string, open: boolean): HTMLDetailsElement {
  return details(
    'Show details: each job, and why it ran or not',
    () => {
      if (run.jobs.length === 0)
        return h('ul', null, ...run.log.map((line) => h('li', null, ...sentence(line))));
      const rows = run.jobs.map((job) => {
        const why: Child[] = [h('ul', null, ...job.log.map((l) => h('li', null, ...sentence(l))))];
        // The log already says when every step succeeded; list steps only when one did not.
        if (job.steps.some((step) => step.status !== 'success'))
          why.push(
            h(
              'p',
              { class: 'pp-steps' },
              `Steps: ${job.steps.map((s) => `${s.label} (${s.status})`).join('; ')}.`,
            ),
          );
        return [job.id, String(job.wave + 1), STATUS_TEXT[job.status], h('div', null, ...why)];
      });
      return dataTable({
        caption,
        headers: ['Job', 'Wave', 'Status', 'What happened and why'],
        rows,
        rowHeaders: true,
        columnClasses: [null, 'num', 'pp-nowrap', null],
      });
    },
    open,
  );
}

/** Two runs in one concurrency group: the verdict, the explanation and a two-row table. */
export function renderConcurrency(
  out: HTMLElement,
  heading: string,
  outcome: ConcurrencyOutcome,
  describe: (run: RunSimulation) => string,
): HTMLElement {
  const verdict: Record<ConcurrencyOutcome['outcome'], string> = {
    'first-cancelled': 'The newer run cancelled the older one.',
    'second-queued': 'The newer run waits until the older one finishes.',
    independent: 'The two runs go ahead side by side.',
    'not-triggered': 'The event does not start this workflow.',
  };
  const result = h('p', { class: 'pp-verdict', tabindex: -1 }, verdict[outcome.outcome]);
  fill(
    out,
    result,
    h('p', null, ...sentence(heading)),
    h('ul', null, ...outcome.log.map((line) => h('li', null, ...sentence(line)))),
    dataTable({
      caption: 'Outcome of the two runs',
      headers: ['Run', 'Concurrency group', 'Result'],
      rows: outcome.runs.map((run, i) => [
        i === 0 ? 'First run (older)' : 'Second run (newer)',
        h(
          'span',
          null,
          ...sentence(outcome.groups[i] == null ? 'none' : `\`${outcome.groups[i]}\``),
        ),
        describe(run),
      ]),
      rowHeaders: true,
    }),
  );
  out.hidden = false;
  return result;
}

/** The gate's numbers: candidate, production, threshold and decision. */
export function renderGate(
  out: HTMLElement,
  gate: QualityGateResult,
  numbers: { candidate: string; production: number | null },
): void {
  const show = (value: number) => value.toFixed(4);
  fill(
    out,
    factList([
      ['Candidate accuracy', h('span', { 'data-out': 'gate-candidate' }, numbers.candidate)],
      [
        'Production accuracy (models/model-card.json)',
        h(
          'span',
          { 'data-out': 'gate-production' },
          numbers.production === null ? 'missing' : show(numbers.production),
        ),
      ],
      ['Threshold (production − tolerance)', gate.threshold === null ? '—' : show(gate.threshold)],
      [
        'Decision',
        h(
          'span',
          {
            'data-out': 'gate-decision',
            class: gate.decision === 'deploy' ? 'pp-decision-deploy' : 'pp-decision-block',
          },
          gate.decision === 'deploy' ? 'Deploy' : 'Block',
        ),
      ],
    ]),
    h('p', { 'data-out': 'gate-reason' }, gate.reason),
  );
  out.hidden = false;
}
