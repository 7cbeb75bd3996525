/**
 * `once()` shares one lazy load (a dynamic import, a download) between every caller, and forgets a
 * failed attempt so that Retry loads again instead of replaying the old failure.
 */

/** A memoised loader: call it to get the shared promise; `reset()` forgets a finished load. */
export interface Once<T> {
  (): Promise<T>;
  /** Forgets the current result so that the next call loads again. */
  reset(): void;
  /** Whether a load has succeeded. */
  readonly loaded: boolean;
}

/** Wraps `load` so it runs at most once at a time and once in total after it succeeds. */
export function once<T>(load: () => Promise<T>): Once<T> {
  let pending: Promise<T> | null = null;
  let loaded = false;
  const call = (() => {
    pending ??= load().then(
      (value) => {
        loaded = true;
        return value;
      },
      (error: unknown) => {
        pending = null;
        throw error;
      },
    );
    return pending;
  }) as Once<T>;
  call.reset = () => {
    pending = null;
    loaded = false;
  };
  Object.defineProperty(call, 'loaded', { get: () => loaded });
  return call;
}
