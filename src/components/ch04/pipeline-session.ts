/**
 * The pipeline playground's lazy boundary: imported on first use, it brings the CI/CD library
 * (GitHub's workflow parser, the trigger rules, the run simulator, the quality gate and the
 * candidate trainer) and the preset workflows, holds the widget's state, and drives the view.
 * Nothing here runs before the reader comes near the widget.
 */
import ciWorkflow from '../../../.github/workflows/ci.yml?raw';
import deployWorkflow from '../../../.github/workflows/deploy.yml?raw';
import mlPipeline from '../../../content/04-ci-cd/pipelines/ml-pipeline.github.yml?raw';
import { readCandidateFields, readTolerance, trainCandidate } from '../../lib/cicd/candidate';
import type { CandidateEvaluation, CandidateSettings } from '../../lib/cicd/candidate';
import type { JobGraph } from '../../lib/cicd/job-graph';
import { isReplayable, playbackFrames, type PlaybackFrame } from '../../lib/cicd/playback';
import {
  DEFAULT_GRAPH_DIMENSIONS,
  describeRun,
  layoutJobGraph,
  offsetOfPosition,
  qualityGateSteps,
  stepChoices,
} from '../../lib/cicd/playground';
import {
  describeEvent,
  EVENT_FIELDS,
  readEventFields,
  readWorkflowText,
  type EventKind,
} from '../../lib/cicd/playground-input';
import { evaluateQualityGate, metricFromModelCard } from '../../lib/cicd/quality-gate';
import type { QualityGateResult } from '../../lib/cicd/quality-gate';
import { simulateConcurrentRuns, simulateRun } from '../../lib/cicd/simulate';
import type { FailingStep, RunSimulation, SimulationOptions } from '../../lib/cicd/simulate';
import { decideTrigger } from '../../lib/cicd/triggers';
import type { Workflow } from '../../lib/cicd/workflow-model';
import { loadModelCard, loadPenguins } from '../widget/assets';
import { prefersReducedMotion, type WidgetChrome } from '../widget/chrome';
import { fill, focusResult, h, markStale, part } from '../widget/dom';
import { ReaderFacingError } from '../widget/errors';
import { firstInvalid, setFieldError } from '../widget/fields';
import brokenWorkflow from '../../lib/cicd/broken-workflow.yml?raw';
import * as view from './pipeline-view';

/** The preset workflows by the value of their `<option>`. */
export const PRESETS: Readonly<Record<string, string>> = {
  ml: mlPipeline,
  ci: ciWorkflow,
  deploy: deployWorkflow,
  broken: brokenWorkflow,
};

/** A sentence for a field message (plain text): `code` spans become quoted names. */
function plain(message: string | null): string | null {
  return message === null ? null : message.replace(/`([^`]*)`/g, '“$1”');
}

// How long a wave is shown "in progress" before its outcome (skipped with reduced motion).
const WAVE_MS = 450;

/** The last workflow text that validated without errors, with what was derived from it. */
interface ValidState {
  text: string;
  workflow: Workflow;
  graph: JobGraph;
}

/** A run on screen: what it was run with, and its simulation. */
interface ShownRun {
  workflow: Workflow;
  options: SimulationOptions;
  run: RunSimulation;
}

/** The widget's state and actions; the custom element forwards the reader's events here. */
export class PipelineSession {
  readonly #root: HTMLElement;
  readonly #chrome: WidgetChrome;
  #valid: ValidState | null = null;
  #analysedText: string | null = null;
  #hasErrors = false;
  #shown: ShownRun | null = null;
  /** The replay in progress: its token and the waves finished so far. */
  #playing: { token: number; wavesDone: number } | null = null;
  #token = 0;
  #detailsOpen = false;
  #candidate: { evaluation: CandidateEvaluation; settings: CandidateSettings } | null = null;
  #production: number | null = null;
  #gate: QualityGateResult | null = null;
  #graphWidth = 0;
  #changedDuringReplay = false;

  constructor(root: HTMLElement, chrome: WidgetChrome) {
    this.#root = root;
    this.#chrome = chrome;
    this.analyse();
    this.updateTrigger();
    this.checkCandidateFields();
  }

  #q<T extends Element = HTMLElement>(selector: string): T {
    return part<T>(this.#root, selector);
  }

  #value(selector: string): string {
    return this.#q<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(selector).value;
  }

  #button(action: string): HTMLButtonElement {
    return this.#q<HTMLButtonElement>(`button[data-action="${action}"]`);
  }

  // ---- 1. Workflow ------------------------------------------------------------------------

  /** Checks the editor's text; a valid new version redraws the graph and clears the old run. */
  analyse(): void {
    const editor = this.#q<HTMLTextAreaElement>('#pp-yaml');
    const text = editor.value;
    if (text === this.#analysedText) return;
    this.#analysedText = text;
    const reading = readWorkflowText(text);
    setFieldError(editor, reading.ok ? null : reading.tooLong);
    const diagnostics = reading.ok ? reading.validation.diagnostics : [];
    this.#hasErrors = !reading.ok || diagnostics.some((d) => d.severity === 'error');
    editor.setAttribute('aria-invalid', String(this.#hasErrors));
    const summary = this.#q('#pp-problems-summary');
    view.renderProblems(summary, this.#q('[data-out="problems"]'), diagnostics);
    if (!reading.ok)
      summary.textContent = 'Not checked: the workflow is longer than the editor accepts.';
    const validation = reading.ok ? reading.validation : null;
    const note = this.#q('[data-out="graph-note"]');
    if (validation?.ok && validation.workflow && validation.graph) {
      const changed = this.#valid?.text !== text;
      this.#valid = { text, workflow: validation.workflow, graph: validation.graph };
      markStale(this.#q('[data-out="graph-box"]'), false);
      fill(
        note,
        ...view.sentence(
          'A job starts once every job it `needs` has finished; waves run in order and wrap to fit.',
        ),
      );
      if (changed) this.#workflowChanged();
      return;
    }
    markStale(this.#q('[data-out="graph-box"]'), this.#valid !== null);
    this.#markRunStale();
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    fill(
      note,
      !this.#valid
        ? 'The workflow has errors, so there is no graph yet.'
        : reading.ok
          ? `The workflow has ${errors} error${errors === 1 ? '' : 's'}, so the graph below still shows the last valid version. Fix the problems above to update it.`
          : 'The workflow is too long to check, so the graph below still shows the last valid version.',
    );
  }

  /** A new valid workflow: stop and clear the run on screen, redraw, refresh the pickers. */
  #workflowChanged(): void {
    this.#token += 1;
    this.#playing = null;
    if (this.#shown) {
      this.#shown = null;
      fill(this.#q('[data-out="run-details"]'));
      this.#q('[data-out="concurrency"]').hidden = true;
      this.#q('[data-out="run-summary"]').textContent =
        'The workflow changed. Press “Run the workflow” to simulate a run of the new version.';
      markStale(this.#q('[data-out="run-results"]'), false);
    }
    this.#graphWidth = 0;
    this.relayout();
    this.#renderStepChoices();
    this.updateTrigger();
    this.#describeGateEffect();
    this.#setButtons();
  }

  /** Redraws the graph when the space for it changed (also on first use). */
  relayout(): void {
    const valid = this.#valid;
    if (!valid) return;
    const box = this.#q('[data-out="graph-box"]');
    const width = Math.floor(box.clientWidth) || 720;
    if (width === this.#graphWidth) return;
    this.#graphWidth = width;
    const layout = layoutJobGraph(valid.graph, DEFAULT_GRAPH_DIMENSIONS, width);
    const environments = new Map(valid.workflow.jobs.map((j) => [j.id, j.environment?.name ?? '']));
    view.renderGraph(
      this.#q<SVGSVGElement>('[data-out="svg"]'),
      layout,
      DEFAULT_GRAPH_DIMENSIONS,
      environments,
    );
    this.#paint(
      this.#shown && !this.#playing
        ? new Map(this.#shown.run.jobs.map((j) => [j.id, j.status]))
        : new Map(),
    );
  }

  #paint(statuses: PlaybackFrame['statuses']): void {
    if (!this.#valid) return;
    view.paintGraph(this.#q<SVGSVGElement>('[data-out="svg"]'), statuses);
    view.renderWaves(this.#q('[data-out="waves"]'), this.#valid.graph, statuses);
  }

  /** Puts the caret on a problem's line and column. */
  moveCaret(line: number, column: number): void {
    const editor = this.#q<HTMLTextAreaElement>('#pp-yaml');
    const offset = offsetOfPosition(editor.value, line, column);
    editor.focus();
    editor.setSelectionRange(offset, offset);
    const lineHeight = parseFloat(getComputedStyle(editor).lineHeight) || 20;
    editor.scrollTop = Math.max(0, (line - 3) * lineHeight);
  }

  /** Replaces the editor's text with a preset and checks it at once. */
  loadPreset(): void {
    const select = this.#q<HTMLSelectElement>('#pp-preset');
    const text = PRESETS[select.value];
    if (text === undefined) return;
    this.#q<HTMLTextAreaElement>('#pp-yaml').value = text;
    this.analyse();
    this.#chrome.status(
      `Loaded the preset “${select.selectedOptions[0]?.textContent ?? select.value}”.`,
    );
  }

  #renderStepChoices(): void {
    if (!this.#valid) return;
    const select = this.#q<HTMLSelectElement>('#pp-fail');
    const previous = select.value;
    const choices = stepChoices(this.#valid.workflow);
    fill(
      select,
      h('option', { value: '' }, 'No step fails'),
      ...choices.map((c) => h('option', { value: c.value }, c.label)),
    );
    select.value = choices.some((c) => c.value === previous) ? previous : '';
  }

  // ---- 2. Event ---------------------------------------------------------------------------

  /** Shows the fields the chosen event uses. */
  showEventFields(): void {
    const used: readonly string[] = EVENT_FIELDS[this.#value('#pp-event') as EventKind] ?? [];
    for (const field of this.#root.querySelectorAll<HTMLElement>('[data-when]'))
      field.hidden = !used.includes(field.dataset['when'] ?? '');
  }

  /** Reads the event fields, marking each bad one at the field. */
  #readEvent() {
    const reading = readEventFields({
      kind: this.#value('#pp-event') as EventKind,
      branch: this.#value('#pp-branch'),
      base: this.#value('#pp-base'),
      tag: this.#value('#pp-tag'),
      paths: this.#value('#pp-paths'),
    });
    for (const name of ['branch', 'base', 'tag', 'paths'] as const)
      setFieldError(
        this.#q(`#pp-${name}`),
        plain(reading.ok ? null : (reading.errors[name] ?? null)),
      );
    return reading;
  }

  /** Re-decides whether the event starts the workflow; the run on screen no longer matches. */
  updateTrigger(): void {
    const out = this.#q('[data-out="trigger"]');
    const reading = this.#readEvent();
    if (!reading.ok)
      view.renderTrigger(out, 'Fix the event fields above to see whether it starts the workflow.');
    else if (!this.#valid)
      view.renderTrigger(out, 'Fix the workflow to see whether this event starts it.');
    else view.renderTrigger(out, decideTrigger(this.#valid.workflow.triggers, reading.event));
  }

  /** Inputs of the run changed after a run was shown: mark its results out of date. */
  #markRunStale(): void {
    // During a replay the results are not on screen yet; mark them when the replay ends.
    if (this.#playing) this.#changedDuringReplay = true;
    else if (this.#shown) markStale(this.#q('[data-out="run-results"]'), true);
  }

  /** The event, failure or approval settings changed. */
  runInputsChanged(): void {
    this.#markRunStale();
  }

  // ---- 3. Run -----------------------------------------------------------------------------

  #setButtons(): void {
    const waiting = this.#playing
      ? undefined
      : this.#shown?.run.jobs.find((j) => j.status === 'waiting');
    const environment = waiting?.environment;
    for (const [action, verb] of [
      ['approve', 'Approve'],
      ['reject', 'Reject'],
    ] as const) {
      const button = this.#button(action);
      button.disabled = waiting === undefined;
      button.textContent = environment
        ? `${verb} the deployment to ${environment}`
        : `${verb} the deployment`;
    }
  }

  #failingSteps(workflow: Workflow): FailingStep[] {
    const chosen = this.#value('#pp-fail');
    const failing: FailingStep[] = stepChoices(workflow)
      .filter((c) => c.value === chosen)
      .map((c) => c.step);
    if (this.#gate?.decision === 'block') failing.push(...qualityGateSteps(workflow));
    return failing;
  }

  /** Everything a run needs, or null after telling the reader what to fix. */
  #prepare(): { workflow: Workflow; options: SimulationOptions } | null {
    if (this.#hasErrors || !this.#valid) {
      this.#chrome.status(
        'The workflow has errors; fix them (see the list under the editor) before running it.',
      );
      this.#q('#pp-yaml').focus();
      return null;
    }
    const reading = this.#readEvent();
    if (!reading.ok) {
      this.#chrome.status('An event field is not valid; fix it before running.');
      firstInvalid(this.#q('[data-out="event"]'))?.focus();
      return null;
    }
    const workflow = this.#valid.workflow;
    const protect = this.#q<HTMLInputElement>('#pp-protect').checked;
    return {
      workflow,
      options: {
        event: reading.event,
        failingSteps: this.#failingSteps(workflow),
        protectedEnvironments: protect ? ['production'] : [],
      },
    };
  }

  /** Runs the workflow for the event in the fields (pressing it again restarts the run). */
  async run(): Promise<void> {
    const prepared = this.#prepare();
    if (!prepared) return;
    this.#q('[data-out="concurrency"]').hidden = true;
    await this.#play({ ...prepared, run: simulateRun(prepared.workflow, prepared.options) }, 0);
  }

  /** A reviewer approves or rejects the waiting deployment; the run continues from there. */
  async decide(approve: boolean): Promise<void> {
    const shown = this.#shown;
    const waiting = shown?.run.jobs.find((j) => j.status === 'waiting');
    if (!shown || !waiting?.environment || this.#playing) return;
    const options: SimulationOptions = {
      ...shown.options,
      approvals: { ...shown.options.approvals, [waiting.environment]: approve },
    };
    this.#chrome.status(
      `${approve ? 'Approved' : 'Rejected'} the deployment to ${waiting.environment}.`,
    );
    // The button is about to be disabled; keep focus on the answer instead of the page body.
    focusResult(this.#q('[data-out="run-summary"]'));
    await this.#play(
      { workflow: shown.workflow, options, run: simulateRun(shown.workflow, options) },
      waiting.wave,
    );
  }

  /** Replays a run wave by wave (at once with reduced motion), then shows its summary. */
  async #play(shown: ShownRun, fromWave: number): Promise<void> {
    const token = ++this.#token;
    this.#shown = shown;
    this.#playing = { token, wavesDone: fromWave };
    this.#changedDuringReplay = false;
    markStale(this.#q('[data-out="run-results"]'), false);
    fill(this.#q('[data-out="run-details"]'));
    this.#setButtons();
    const summary = this.#q('[data-out="run-summary"]');
    const frames = playbackFrames(shown.run, fromWave);
    if (!prefersReducedMotion() && isReplayable(shown.run)) {
      for (const frame of frames) {
        this.#playing.wavesDone = frame.wavesDone;
        this.#paint(frame.statuses);
        if (!frame.hold) continue;
        summary.textContent = frame.message ?? '';
        await new Promise((resolve) => setTimeout(resolve, WAVE_MS));
        if (token !== this.#token) return;
      }
    }
    this.#finish(shown);
  }

  #finish(shown: ShownRun): void {
    this.#shown = shown;
    this.#playing = null;
    this.#paint(new Map(shown.run.jobs.map((j) => [j.id, j.status])));
    const summary = this.#q('[data-out="run-summary"]');
    const waiting = shown.run.jobs.find((j) => j.status === 'waiting');
    fill(
      summary,
      ...view.sentence(describeRun(shown.run)),
      waiting
        ? ` Job ${waiting.id} waits for a reviewer to approve the deployment to ${waiting.environment ?? 'its environment'}.`
        : null,
    );
    const caption = `Jobs of the run for a ${describeEvent(shown.options.event).replaceAll('`', '')}`;
    const box = view.runDetails(shown.run, caption, this.#detailsOpen);
    box.addEventListener('toggle', () => (this.#detailsOpen = box.open));
    fill(this.#q('[data-out="run-details"]'), box);
    markStale(this.#q('[data-out="run-results"]'), this.#changedDuringReplay);
    this.#setButtons();
    // Focus follows the answer, unless the reader has moved on to another control meanwhile.
    const active = document.activeElement;
    if (!active || active === document.body || active === this.#button('run') || active === summary)
      focusResult(summary);
  }

  /**
   * A second push of the same event arrives while a run is in progress: during a replay, at the
   * wave on screen; otherwise halfway through a run of the event in the fields.
   */
  pushAgain(): void {
    const playing = this.#playing ? this.#shown : null;
    const base = playing ?? this.#prepare();
    if (!base) return;
    const done = this.#playing?.wavesDone ?? 0;
    const first = playing ? { ...base.options, wavesDoneWhenNextArrives: done } : base.options;
    const outcome = simulateConcurrentRuns(base.workflow, first, base.options);
    const when = playing ? `, after ${done} of ${playing.run.waves.length} waves` : '';
    const heading = `Two runs for the same ${describeEvent(base.options.event)}, the second arriving while the first is in progress${when}:`;
    const out = this.#q('[data-out="concurrency"]');
    const result = view.renderConcurrency(out, heading, outcome, describeRun);
    if (playing && outcome.outcome === 'first-cancelled') {
      // The newer run cancels the one being replayed: stop it and show where it was cut off.
      this.#token += 1;
      this.#finish({ ...playing, run: outcome.runs[0] });
    }
    focusResult(result);
  }

  // ---- 4. Quality gate --------------------------------------------------------------------

  #candidateReading() {
    const reading = readCandidateFields({
      seed: this.#value('#pp-seed'),
      epochs: this.#value('#pp-epochs'),
      learningRate: this.#value('#pp-lr'),
    });
    for (const [key, id] of [
      ['seed', '#pp-seed'],
      ['epochs', '#pp-epochs'],
      ['learningRate', '#pp-lr'],
    ] as const)
      setFieldError(this.#q(id), plain(reading.ok ? null : (reading.fieldErrors[key] ?? null)));
    return reading;
  }

  #toleranceReading(): number | null {
    const input = this.#q<HTMLInputElement>('#pp-tolerance');
    const reading = readTolerance(input.value);
    setFieldError(input, plain(reading.ok ? null : reading.message));
    return reading.ok ? reading.value : null;
  }

  /** Checks the training fields as they are typed; a shown gate for other settings is out of date. */
  checkCandidateFields(): void {
    const reading = this.#candidateReading();
    const trained = this.#candidate?.settings;
    const same =
      reading.ok &&
      trained !== undefined &&
      JSON.stringify(reading.settings) === JSON.stringify(trained);
    markStale(this.#q('[data-out="gate"]'), this.#gate !== null && !same);
  }

  /** Trains a candidate with the fields' settings and applies the gate. */
  async train(): Promise<void> {
    const button = this.#button('train');
    await this.#chrome.run(
      async () => {
        const reading = this.#candidateReading();
        const tolerance = this.#toleranceReading();
        if (!reading.ok || tolerance === null) {
          firstInvalid(this.#q('[data-out="gate-fields"]'))?.focus();
          this.#chrome.status('A training setting is not valid; see the message under the field.');
          return;
        }
        this.#chrome.progress('Downloading the penguins and the production model card…', {
          fraction: 0,
        });
        const [{ rows }, card] = await Promise.all([loadPenguins(), loadModelCard()]);
        const metric = metricFromModelCard(card, 'accuracy');
        if (!metric.ok) throw new ReaderFacingError(metric.message.replaceAll('`', ''));
        this.#production = metric.value;
        const { settings } = reading;
        const evaluation = await trainCandidate(rows, settings, {
          onChunk: (trainer) =>
            this.#chrome.progress(
              `Training the candidate: epoch ${trainer.epoch} of ${settings.epochs}`,
              {
                fraction: trainer.epoch / settings.epochs,
              },
            ),
        });
        this.#candidate = { evaluation, settings };
        this.applyGate();
        focusResult(this.#q('[data-out="gate"]'));
      },
      { disable: [button] },
    );
  }

  /** Applies the gate to the trained candidate with the tolerance in the field. */
  applyGate(): void {
    const tolerance = this.#toleranceReading();
    const candidate = this.#candidate;
    const out = this.#q('[data-out="gate"]');
    if (tolerance === null) markStale(out, this.#gate !== null);
    if (!candidate || this.#production === null || tolerance === null) return;
    const { evaluation, settings } = candidate;
    // As if fetching production's card had failed: the gate must fail closed, not deploy.
    const missing = this.#q<HTMLInputElement>('#pp-no-production').checked;
    const production = missing ? null : this.#production;
    const gate = evaluateQualityGate({
      candidate: evaluation.accuracy,
      production,
      metric: 'accuracy',
      tolerance,
    });
    this.#gate = gate;
    const label = `seed ${settings.seed}, ${settings.epochs} epochs, learning rate ${settings.learningRate}`;
    view.renderGate(out, gate, {
      candidate: `${evaluation.accuracy.toFixed(4)} (${evaluation.correct} of ${evaluation.testRows} held-out penguins; ${label}${evaluation.diverged ? '; training diverged' : ''})`,
      production,
    });
    this.checkCandidateFields();
    this.#describeGateEffect();
    this.#markRunStale();
    this.#chrome.status(`Quality gate: ${gate.decision}. ${gate.reason}`);
  }

  /** Says what the gate's decision does to the workflow in the editor. */
  #describeGateEffect(): void {
    const out = this.#q('[data-out="gate-effect"]');
    if (!this.#gate || !this.#valid) return fill(out);
    const workflow = this.#valid.workflow;
    const labels = qualityGateSteps(workflow).map((s) => {
      const step = workflow.jobs
        .find((j) => j.id === s.job)
        ?.steps.find((st) => st.index === s.step);
      return `\`${s.job} › ${step?.label ?? `step ${Number(s.step) + 1}`}\``;
    });
    const text =
      labels.length === 0
        ? 'This workflow has no step that runs `scripts/quality-gate.ts`, so the decision does not change its run. Load the ML pipeline preset to see the gate at work.'
        : this.#gate.decision === 'block'
          ? `In the next run, ${labels.join(', ')} exits with status 1 and fails, so every job that needs it is skipped and nothing is deployed. Press “Run the workflow” to see it.`
          : `In the next run, ${labels.join(', ')} succeeds, so the jobs after it can deploy the candidate.`;
    fill(out, ...view.sentence(text));
  }
}
