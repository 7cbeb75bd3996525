/**
 * The scaling simulator's lazy boundary: imported on first use (the widget comes into view and
 * the browser is idle, or the reader touches it). It reads the form, runs the seeded simulation
 * of src/lib/sim in slices, and hands the numbers to scaling-view. Every action goes through
 * `chrome.run` (busy flag set before the first await: two quick clicks start one run; failures
 * keep their cause), and results that no longer match the form are marked out of date.
 */
import {
  createSimulation,
  type SimulationConfig,
  type SimulationResult,
} from '../../lib/sim/queueing';
import { sweepReport, measuredSummary } from '../../lib/sim/report';
import {
  arrivalRateSweep,
  parseSimulatorInput,
  policyComparison,
  type SimulatorField,
} from '../../lib/sim/scenario';
import { estimateClockResolution } from '../../lib/monitoring/clock';
import { formatDuration } from '../../lib/format';
import type { WidgetChrome } from '../widget/chrome';
import { describeError } from '../widget/errors';
import { focusResult, markStale, part } from '../widget/dom';
import { setFieldError } from '../widget/fields';
import { nextTask } from '../widget/tasks';
import { SIMULATOR_FIELDS as FIELDS } from './scaling-fields';
import { renderCapacity, renderCompare, renderResults, renderSweep } from './scaling-view';

const MEASURE_COUNT = 300;
const MEASURE_WARMUP = 20;
/** Longest stretch of simulation between yields, in ms (no long task while simulating). */
const SLICE_MS = 8;

/** One simulator widget's state and actions. */
export class ScalingSession {
  readonly #root: HTMLElement;
  readonly #chrome: WidgetChrome;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #generation = 0;
  #measured: number[] | null = null;
  #sliceStart = 0;
  /** The last failure of an automatic run (kept with its cause; never thrown to the console). */
  lastError: unknown = null;

  constructor(root: HTMLElement, chrome: WidgetChrome) {
    this.#root = root;
    this.#chrome = chrome;
  }

  #input(name: string): HTMLInputElement {
    return part<HTMLInputElement>(this.#root, `#ss-${name}`);
  }

  #buttons(): HTMLButtonElement[] {
    return [...this.#root.querySelectorAll<HTMLButtonElement>('button[data-action]')];
  }

  /** Keeps sliders and fields in step, marks earlier answers out of date, and re-runs soon. */
  onInput(target: HTMLInputElement, immediate: boolean): void {
    if (target.id === 'ss-arrivalRate-slider') this.#input('arrivalRate').value = target.value;
    if (target.id === 'ss-replicas-slider') this.#input('replicas').value = target.value;
    if (target.id === 'ss-arrivalRate' && /^\s*\d+(\.\d*)?\s*$/.test(target.value))
      this.#input('arrivalRate-slider').value = target.value.trim();
    if (target.id === 'ss-replicas' && /^\s*\d+\s*$/.test(target.value))
      this.#input('replicas-slider').value = target.value.trim();
    if (target.id === 'ss-autoscale')
      part(this.#root, '[data-part="autoscaler"]').hidden = !target.checked;
    // The sweep and comparison answered the previous settings.
    for (const out of ['sweep-summary', 'sweep', 'compare-summary', 'compare'])
      markStale(part(this.#root, `[data-out="${out}"]`), true);
    if (immediate) this.schedule(200);
  }

  /** Runs the main simulation after `delay` ms (typing restarts the wait). */
  schedule(delay: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#runMain(), delay);
  }

  /** Validates the form, marking each field; the config when every field is fine. */
  #config(): SimulationConfig | null {
    const kind = this.#root.querySelector<HTMLInputElement>('input[name="serviceKind"]:checked');
    const parsed = parseSimulatorInput({
      values: Object.fromEntries(FIELDS.map((f) => [f, this.#input(f).value])) as Record<
        SimulatorField,
        string
      >,
      policy: part<HTMLSelectElement>(this.#root, '#ss-policy').value,
      serviceKind: kind?.value === 'measured' ? 'measured' : 'exponential',
      autoscale: this.#input('autoscale').checked,
      measuredMs: this.#measured,
    });
    const errors: Partial<Record<string, string>> = parsed.ok ? {} : parsed.errors;
    for (const name of [...FIELDS, 'policy'])
      setFieldError(this.#input(name === 'policy' ? 'policy' : name), errors[name] ?? null);
    for (const radio of this.#root.querySelectorAll('input[name="serviceKind"]'))
      setFieldError(radio, errors['serviceKind'] ?? null);
    return parsed.ok ? parsed.config : null;
  }

  /** One simulation in slices of about 8 ms; null if a newer run superseded it. */
  async #simulate(
    config: SimulationConfig,
    isCurrent: () => boolean,
    label: string,
  ): Promise<SimulationResult | null> {
    const simulation = createSimulation(config);
    while (!simulation.done) {
      const progress = simulation.step(2000);
      if (performance.now() - this.#sliceStart > SLICE_MS) {
        this.#chrome.progress(label, { fraction: progress.fraction });
        await nextTask();
        this.#sliceStart = performance.now();
        if (!isCurrent()) return null;
      }
    }
    return simulation.result();
  }

  async #runMain(): Promise<void> {
    const generation = ++this.#generation;
    const isCurrent = () => generation === this.#generation;
    const results = part(this.#root, '[data-out="results-box"]');
    try {
      const config = this.#config();
      if (!config) {
        markStale(results, true);
        this.#chrome.status('Fix the marked fields; the results below are out of date.');
        return;
      }
      renderCapacity(this.#root, config);
      const t0 = performance.now();
      const result = await this.#simulate(config, isCurrent, 'Simulating…');
      if (!result || !isCurrent()) return;
      this.#chrome.doneProgress();
      renderResults(this.#root, config, result);
      markStale(results, false);
      this.#chrome.status(
        `Simulated ${result.arrivals.toLocaleString('en')} requests (${result.events.toLocaleString('en')} events) in ${formatDuration(performance.now() - t0)} (measured).`,
      );
    } catch (error) {
      // Kept with its cause and shown with Retry; the results stay, marked out of date.
      this.lastError = error;
      markStale(results, true);
      this.#chrome.error(describeError(error), () => this.schedule(0));
    }
  }

  /** The λ sweep for one replica, answered next to its button. */
  sweep(): Promise<void> {
    return this.#action('sweep', async () => {
      const config = this.#config();
      if (!config) return 'Fix the marked fields before sweeping.';
      const runs = [];
      for (const [i, run] of arrivalRateSweep(config).entries()) {
        const result = await this.#simulate(run, () => true, `Sweep: run ${i + 1} of 12…`);
        if (result) runs.push({ config: run, result });
      }
      const box = part(this.#root, '[data-out="sweep"]');
      const text = renderSweep(box, config, sweepReport(config, runs));
      markStale(box, false);
      return text;
    });
  }

  /** Every routing policy on the same seed, answered next to its button. */
  compare(): Promise<void> {
    return this.#action('compare', async () => {
      const config = this.#config();
      if (!config) return 'Fix the marked fields before comparing.';
      const runs = [];
      const all = policyComparison(config);
      for (const [i, run] of all.entries()) {
        const result = await this.#simulate(
          run.config,
          () => true,
          `Policy ${i + 1} of ${all.length}…`,
        );
        if (result) runs.push({ policy: run.policy, result });
      }
      const box = part(this.#root, '[data-out="compare"]');
      const text = renderCompare(box, config, runs);
      markStale(box, false);
      return text;
    });
  }

  /** Times in-page requests through the real API and uses them as service times. */
  measure(): Promise<void> {
    return this.#action('measure', async () => {
      const api = await import('./in-page-api');
      const loaded = await api.loadInPageApi((label, p) => this.#chrome.progress(label, p));
      this.#chrome.progress('Warming up…', { fraction: 0 });
      await api.measureInPageLatencies(
        loaded,
        api.VALID_SINGLE_BODY,
        MEASURE_WARMUP,
        () => undefined,
      );
      const batch = await api.measureInPageLatencies(
        loaded,
        api.VALID_SINGLE_BODY,
        MEASURE_COUNT,
        (done) =>
          this.#chrome.progress(`Timing request ${done} of ${MEASURE_COUNT}…`, {
            fraction: done / MEASURE_COUNT,
          }),
      );
      this.#measured = batch.latencies;
      const resolution = estimateClockResolution(() => performance.now());
      const s = measuredSummary(batch.latencies, resolution, batch.totalMs);
      this.#input('kind-measured').checked = true;
      this.schedule(0);
      return `Measured ${batch.latencies.length} in-page requests after ${MEASURE_WARMUP} warm-up ones: median ${s.median}, p95 ${s.p95}, max ${s.max} (this browser's clock ticks every ${s.resolution}); the whole batch took ${s.batchMean} per request on average. Service times are now drawn from these ${batch.latencies.length} values (plus the overhead). No network is involved, so add an overhead to stand for it.`;
    });
  }

  /** Runs an action through chrome.run, then writes its answer next to its button and focuses it. */
  async #action(name: string, work: () => Promise<string>): Promise<void> {
    const answer = part(this.#root, `[data-out="${name}-summary"]`);
    const text = await this.#chrome.run(work, {
      disable: this.#buttons(),
      busyStatus: name === 'measure' ? 'Loading the API and the model…' : 'Running…',
    });
    if (text === undefined) return;
    this.#root.dispatchEvent(new CustomEvent('mlops-action-done', { detail: name, bubbles: true }));
    this.#chrome.status('');
    answer.textContent = text;
    markStale(answer, false);
    focusResult(answer);
  }
}
