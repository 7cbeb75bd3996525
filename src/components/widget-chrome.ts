/**
 * DOM wiring for the parts of `WidgetShell.astro`: status text, progress bar and error box.
 * Widgets call these instead of touching the shell's markup, so every demo reports progress and
 * failure the same way. Text is always set with `textContent`: reader input never becomes HTML.
 */
import type { LoadProgress } from '../lib/runtime/ort';

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

  constructor(host: HTMLElement) {
    const shell = host.closest<HTMLElement>('[data-widget-shell]') ?? host;
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
}

/** Whether the reader asked the system for reduced motion. */
export function prefersReducedMotion(): boolean {
  return globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}
