/**
 * Cooperative scheduling for widget work on the main thread: yield between slices so that input
 * and painting are never blocked for long (no task over 50 ms while a widget trains or simulates).
 */

/** Lets the browser paint and handle input before the next chunk of work. */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Options for {@link runSliced}. */
export interface SliceOptions {
  /** Longest stretch of work between yields, in milliseconds. */
  budgetMs?: number;
  /** Stops between slices when aborted (rejects with the signal's reason). */
  signal?: AbortSignal;
}

/**
 * Calls `step` until it returns `false`, yielding to the browser whenever a slice has used its
 * time budget. Each step should be small (well under the budget). Resolves with the step count.
 */
export async function runSliced(step: () => boolean, options: SliceOptions = {}): Promise<number> {
  const budget = options.budgetMs ?? 12;
  let steps = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    const start = performance.now();
    do {
      steps += 1;
      if (!step()) return steps;
    } while (performance.now() - start < budget);
    await nextTask();
  }
}

/** Runs `work` when the browser is idle (or soon after load where idle callbacks are missing). */
export function whenIdle(work: () => void, timeoutMs = 2000): void {
  const idle = (
    globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }
  ).requestIdleCallback;
  if (typeof idle === 'function') idle(work, { timeout: timeoutMs });
  else setTimeout(work, 200);
}
