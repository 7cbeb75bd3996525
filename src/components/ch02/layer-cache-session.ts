/**
 * The layer-cache explorer's lazy boundary: imported on the reader's first interaction, it reads
 * the editors and toggles, checks their length, runs the analysis in a worker (so no main-thread
 * task blocks the page), drops answers that a newer edit has overtaken, marks results stale while
 * they do not match the inputs, and hands the current analysis to the view.
 */
import type { ContextFile } from '../../lib/docker/cache';
import { parseContextJson } from '../../lib/docker/context-json';
import type { BuildAnalysis, BuildAnalysisInput } from '../../lib/docker/explorer';
import { buildHeadline } from '../../lib/docker/headline';
import { checkLength, TEXT_LIMITS } from '../../lib/docker/input-limits';
import {
  BASIC_DOCKERIGNORE,
  CONTEXT_CHANGE_PRESETS,
  NAIVE_DOCKERFILE,
} from '../../lib/docker/presets';
import type { WidgetChrome } from '../widget/chrome';
import { fill, markStale, part } from '../widget/dom';
import { ReaderFacingError } from '../widget/errors';
import { nextTask } from '../widget/tasks';
import { selectLine, setFieldError } from '../widget/fields';
import type { AnalysisRequest } from './layer-cache.worker';
import {
  renderEditorErrors,
  renderSummary,
  renderTargets,
  sectionBody,
  sectionSummaries,
} from './layer-cache-view';

/** How long typing has to pause before the file is analysed again. */
const DEBOUNCE_MS = 250;

type PresetName = 'optimized' | 'naive';
type Reply = { id: number; analysis: BuildAnalysis } | { id: number; error: string };

/** Runs analyses in a worker, one answer per request id; falls back to this thread without Worker. */
class Analyzer {
  #worker: Worker | null = null;
  #next = 0;
  #pending = new Map<number, { resolve: (a: BuildAnalysis) => void; reject: (e: Error) => void }>();

  async analyze(input: BuildAnalysisInput): Promise<BuildAnalysis> {
    if (typeof Worker === 'undefined') {
      const { analyzeBuild } = await import('../../lib/docker/explorer');
      return analyzeBuild(input);
    }
    this.#worker ??= this.#start();
    const id = ++this.#next;
    const request: AnalysisRequest = { id, input };
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker?.postMessage(request);
    });
  }

  #start(): Worker {
    const worker = new Worker(new URL('./layer-cache.worker.ts', import.meta.url), {
      type: 'module',
    });
    worker.addEventListener('message', (event: MessageEvent<Reply>) => {
      const waiting = this.#pending.get(event.data.id);
      this.#pending.delete(event.data.id);
      if (waiting === undefined) return;
      if ('analysis' in event.data) waiting.resolve(event.data.analysis);
      else
        waiting.reject(
          new ReaderFacingError(
            `This input could not be analysed (${event.data.error}). Your text is kept: edit it, or load a preset.`,
          ),
        );
    });
    worker.addEventListener('error', (event) => {
      const failure = new ReaderFacingError(
        'The analysis could not start in this browser. Reload the page to try again.',
        { cause: event },
      );
      for (const waiting of this.#pending.values()) waiting.reject(failure);
      this.#pending.clear();
      this.#worker = null;
    });
    return worker;
  }
}

/** One explorer on the page, driven by the events its custom element forwards. */
export class LayerCacheSession {
  readonly #root: HTMLElement;
  readonly #chrome: WidgetChrome;
  readonly #analyzer = new Analyzer();
  readonly #context: ContextFile[];
  readonly #presets: Record<PresetName, { dockerfile: string; dockerignore: string }>;
  readonly #dockerfile: HTMLTextAreaElement;
  readonly #dockerignore: HTMLTextAreaElement;
  readonly #target: HTMLSelectElement;
  readonly #results: HTMLElement;
  #loaded: PresetName = 'optimized';
  #analysis: BuildAnalysis | null = null;
  #generation = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(root: HTMLElement, chrome: WidgetChrome) {
    this.#root = root;
    this.#chrome = chrome;
    this.#context = parseContextJson(root.dataset['context']);
    this.#presets = {
      optimized: {
        dockerfile: root.dataset['dockerfile'] ?? '',
        dockerignore: root.dataset['dockerignore'] ?? '',
      },
      naive: { dockerfile: NAIVE_DOCKERFILE, dockerignore: BASIC_DOCKERIGNORE },
    };
    this.#dockerfile = part<HTMLTextAreaElement>(root, 'textarea[name="dockerfile"]');
    this.#dockerignore = part<HTMLTextAreaElement>(root, 'textarea[name="dockerignore"]');
    this.#target = part<HTMLSelectElement>(root, 'select[name="target"]');
    this.#results = part(root, '[data-out="results"]');
    // The browser may restore edited fields on back/forward: then the built-in answer is not current.
    const restored =
      this.#dockerfile.value !== this.#presets.optimized.dockerfile ||
      this.#dockerignore.value !== this.#presets.optimized.dockerignore ||
      root.querySelector('input[type="checkbox"]:checked') !== null ||
      this.#target.value !== '';
    if (restored) void this.analyze();
  }

  /** Reacts to one event the element forwarded (input, change, click, toggle). */
  handle(event: Event): void {
    const target = event.target;
    if (event.type === 'input' && target instanceof HTMLTextAreaElement) this.#schedule();
    else if (
      event.type === 'change' &&
      (target instanceof HTMLInputElement || target instanceof HTMLSelectElement)
    )
      void this.analyze();
    // Only the four result sections draw on open; the per-row folds inside them do not.
    else if (
      event.type === 'toggle' &&
      target instanceof HTMLDetailsElement &&
      target.dataset['section'] !== undefined
    )
      void this.#toggled(target);
    else if (event.type === 'click' && target instanceof Element) {
      const preset = target.closest<HTMLButtonElement>('button[data-preset]');
      if (preset !== null)
        void this.#load(preset.dataset['preset'] === 'naive' ? 'naive' : 'optimized');
      const jump = target.closest<HTMLButtonElement>('button[data-line]');
      const editor = jump?.dataset['editor'] === 'ignore' ? this.#dockerignore : this.#dockerfile;
      if (jump) selectLine(editor, Number(jump.dataset['line']));
    }
  }

  #schedule(): void {
    markStale(this.#results, true);
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.analyze(), DEBOUNCE_MS);
  }

  #option(name: string): boolean {
    return this.#root.querySelector<HTMLInputElement>(`input[name="${name}"]`)?.checked === true;
  }

  /** The inputs, or null (with messages at the fields) when a text is over its limit. */
  #input(): BuildAnalysisInput | null {
    const noIgnore = this.#option('no-ignore');
    this.#dockerignore.disabled = noIgnore;
    const fileOk = setFieldError(
      this.#dockerfile,
      checkLength(this.#dockerfile.value, TEXT_LIMITS.dockerfile, 'The Dockerfile'),
    );
    const ignoreOk = setFieldError(
      this.#dockerignore,
      noIgnore
        ? null
        : checkLength(this.#dockerignore.value, TEXT_LIMITS.dockerignore, 'The .dockerignore'),
    );
    if (!fileOk || !ignoreOk) return null;
    const preset = this.#presets[this.#loaded];
    return {
      context: this.#context,
      dockerfile: this.#dockerfile.value,
      dockerignore: noIgnore ? null : this.#dockerignore.value,
      changedPaths: CONTEXT_CHANGE_PRESETS.filter((p) => this.#option(`change-${p.id}`)).flatMap(
        (p) => p.paths,
      ),
      target: this.#target.value,
      noCache: this.#option('no-cache'),
      baseImagesMoved: this.#option('base-moved'),
      ...(this.#option('edits-count') ? { previous: { ...preset } } : {}),
    };
  }

  /** Analyses the current inputs and redraws; an older answer never overwrites a newer one. */
  async analyze(): Promise<BuildAnalysis | null> {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    const generation = ++this.#generation;
    const input = this.#input();
    markStale(this.#results, true);
    if (input === null) return null;
    let analysis: BuildAnalysis;
    try {
      analysis = await this.#analyzer.analyze(input);
    } catch (error) {
      if (generation === this.#generation)
        this.#chrome.error(
          error instanceof ReaderFacingError
            ? error.message
            : `This input could not be analysed: ${String(error)}`,
          () => void this.analyze(),
        );
      return null;
    }
    if (generation !== this.#generation) return null;
    this.#chrome.clearError();
    this.#analysis = analysis;
    renderSummary(this.#root, analysis);
    // The rest waits for the next task, so answering never blocks input for long.
    await nextTask();
    if (generation !== this.#generation) return null;
    renderEditorErrors(this.#dockerfile, analysis.dockerfileErrors, 'dockerfile', 'The Dockerfile');
    renderEditorErrors(
      this.#dockerignore,
      analysis.dockerignoreErrors,
      'ignore',
      'The .dockerignore',
    );
    renderTargets(this.#target, analysis);
    const summaries = sectionSummaries(analysis);
    for (const section of this.#root.querySelectorAll<HTMLDetailsElement>(
      'details[data-section]',
    )) {
      const name = section.dataset['section'] ?? '';
      part(section, 'summary').textContent = summaries[name] ?? '';
      const body = part(section, '[data-body]');
      // Open sections redraw now; closed ones are emptied and drawn when next opened.
      if (section.open) fill(body, ...sectionBody(name, analysis, this.#root.id));
      else fill(body);
    }
    markStale(this.#results, false);
    return analysis;
  }

  async #toggled(section: HTMLDetailsElement): Promise<void> {
    if (!section.open) return;
    const body = part(section, '[data-body]');
    if (body.childElementCount > 0) return;
    const analysis = this.#analysis ?? (await this.analyze());
    if (analysis !== null && section.open && body.childElementCount === 0)
      fill(body, ...sectionBody(section.dataset['section'] ?? '', analysis, this.#root.id));
  }

  async #load(name: PresetName): Promise<void> {
    const preset = this.#presets[name];
    this.#loaded = name;
    this.#dockerfile.value = preset.dockerfile;
    this.#dockerignore.value = preset.dockerignore;
    const noIgnore = this.#root.querySelector<HTMLInputElement>('input[name="no-ignore"]');
    if (noIgnore !== null) noIgnore.checked = false;
    const loaded = part(this.#root, '[data-out="loaded"]');
    const what =
      name === 'optimized'
        ? "the repository's Dockerfile and .dockerignore"
        : 'a naive single-stage Dockerfile with a basic deny-list .dockerignore';
    loaded.textContent = `Loaded ${what}. Analysing…`;
    const analysis = await this.analyze();
    // The answer goes next to the button the reader pressed.
    if (analysis !== null) loaded.textContent = `Loaded ${what}. ${buildHeadline(analysis).text}`;
  }
}
