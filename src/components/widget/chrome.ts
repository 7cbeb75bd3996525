/**
 * DOM wiring for the parts of `WidgetShell.astro`: status text, progress bar and error box, and
 * `run()`, the one way a widget performs an action: a busy guard, download progress, and an error
 * with Retry that keeps its cause. Widgets call these instead of touching the shell's markup, so
 * every demo reports progress and failure the same way. Text is always set with `textContent`:
 * reader input never becomes HTML.
 */
import { formatBytes } from '../../lib/format';
import type { LoadProgress, Ort } from '../../lib/runtime/ort';
import { describeError, isRetryable } from './errors';

/** Options for {@link WidgetChrome.run}. */
export interface RunOptions {
  /** Controls disabled while the action runs (their earlier disabled state is restored after). */
  disable?: readonly (
    HTMLButtonElement | HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement
  )[];
  /** Status line shown while the action runs. */
  busyStatus?: string;
}

/** The progress text for the runtime download: "Downloading the runtime: 1.2 MB of 11 MB". */
export function runtimeProgressLabel(progress: LoadProgress): string {
  const total = progress.total ? ` of ${formatBytes(progress.total)}` : '';
  return `Downloading the runtime: ${formatBytes(progress.loaded)}${total}`;
}

/** Handle on one widget shell's shared parts. */
export class WidgetChrome {
  readonly #status: HTMLElement;
  readonly #progress: HTMLElement;
  readonly #progressBar: HTMLProgressElement;
  readonly #progressLabel: HTMLElement;
  readonly #error: HTMLElement;
  readonly #errorMessage: HTMLElement;
  readonly #retry: HTMLButtonElement;
  #onRetry: (() => void) | null = null;
  #busy = false;
  #lastError: unknown = null;
  readonly #shell: HTMLElement;

  constructor(host: HTMLElement) {
    const shell = host.closest<HTMLElement>('[data-widget-shell]') ?? host;
    this.#shell = shell;
    const part = <T extends HTMLElement>(name: string): T => {
      const el = shell.querySelector<T>(`[data-part="${name}"]`);
      if (!el) throw new Error(`widget shell is missing its "${name}" part`);
      return el;
    };
    this.#status = part('status');
    this.#progress = part('progress');
    this.#progressBar = part<HTMLProgressElement>('progress-bar');
    this.#progressLabel = part('progress-label');
    this.#error = part('error');
    this.#errorMessage = part('error-message');
    this.#retry = part<HTMLButtonElement>('retry');
    this.#retry.addEventListener('click', () => {
      const retry = this.#onRetry;
      this.clearError();
      retry?.();
    });
  }

  /** Announces a short status sentence to the reader and to screen readers. */
  status(text: string): void {
    this.#status.textContent = text;
  }

  /** Shows determinate progress when the total is known, indeterminate otherwise. */
  progress(label: string, progress: LoadProgress | { fraction: number }): void {
    this.#progress.hidden = false;
    this.#progressLabel.textContent = label;
    if ('fraction' in progress) {
      this.#progressBar.value = Math.round(Math.min(1, Math.max(0, progress.fraction)) * 100);
    } else if (progress.total) {
      this.#progressBar.value = Math.round((100 * progress.loaded) / progress.total);
    } else {
      this.#progressBar.removeAttribute('value');
    }
  }

  /** Hides the progress bar. */
  doneProgress(): void {
    this.#progress.hidden = true;
  }

  /** Shows an error with a Retry button that calls `onRetry`. */
  error(message: string, onRetry: (() => void) | null): void {
    this.doneProgress();
    this.#errorMessage.textContent = message;
    this.#retry.hidden = onRetry === null;
    this.#onRetry = onRetry;
    this.#error.hidden = false;
  }

  /** Hides the error box. */
  clearError(): void {
    this.#error.hidden = true;
    this.#onRetry = null;
  }

  /** Whether an action started by {@link run} is still going. */
  get busy(): boolean {
    return this.#busy;
  }

  /** The last failure `run()` caught, with its `cause` chain intact (for tests and debugging). */
  get lastError(): unknown {
    return this.#lastError;
  }

  /**
   * Runs `action` unless another one is going (the flag is set before the first `await`, so two
   * quick clicks start one run). While it runs, `disable` controls are disabled and the shell is
   * `aria-busy`. A failure is shown in the error box, worded by `describeError`, with a Retry
   * button when retrying can help; the caught error is kept, never thrown to the console.
   * Resolves with the action's result, or `undefined` when it failed or was already running.
   */
  async run<T>(action: () => Promise<T>, options: RunOptions = {}): Promise<T | undefined> {
    if (this.#busy) return undefined;
    this.#busy = true;
    const controls = options.disable ?? [];
    const wasDisabled = controls.map((c) => c.disabled);
    for (const control of controls) control.disabled = true;
    this.#shell.setAttribute('aria-busy', 'true');
    this.clearError();
    if (options.busyStatus) this.status(options.busyStatus);
    try {
      return await action();
    } catch (error) {
      this.#lastError = error;
      // The error box now says what happened; a leftover "Loading…" line would contradict it.
      this.status('');
      this.error(
        describeError(error),
        isRetryable(error) ? () => void this.run(action, options) : null,
      );
      return undefined;
    } finally {
      this.#busy = false;
      controls.forEach((control, i) => (control.disabled = wasDisabled[i] ?? false));
      this.#shell.removeAttribute('aria-busy');
      this.doneProgress();
    }
  }

  /** Shows the runtime download's progress. */
  runtimeProgress(progress: LoadProgress): void {
    this.progress(runtimeProgressLabel(progress), progress);
  }

  /** Loads the page's shared onnxruntime-web (imported on first use), showing download progress. */
  async loadRuntime(): Promise<Ort> {
    const { pageOrtLoader } = await import('../../lib/runtime/browser');
    return pageOrtLoader().load((p) => this.runtimeProgress(p));
  }
}

/** Whether the reader asked the system for reduced motion. */
export function prefersReducedMotion(): boolean {
  return globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}
