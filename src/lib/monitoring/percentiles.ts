/**
 * Latency percentiles over a sliding window. Method: exact. The window's values are also kept in a
 * sorted array (binary-search insertion and removal, O(window) per update), and percentiles use
 * numpy's default 'linear' interpolation between order statistics (Hyndman & Fan type 7), from
 * src/lib/stats/quantile.ts.
 */

import { quantileSorted } from '../stats/quantile';
import { SlidingWindow } from './windows';

/** p50, p95 and p99 of the current window (NaN while it is empty). */
export interface LatencySummary {
  /** Median. */
  p50: number;
  /** 95th percentile. */
  p95: number;
  /** 99th percentile. */
  p99: number;
  /** Values in the window. */
  count: number;
}

function lowerIndex(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Exact percentiles of the last `size` latencies. */
export class WindowedPercentiles {
  readonly #window: SlidingWindow<number>;
  readonly #sorted: number[] = [];

  /** Tracks the last `size` values. */
  constructor(size: number) {
    this.#window = new SlidingWindow<number>(size);
  }

  /** Adds a value (NaN is ignored). */
  add(value: number): void {
    if (Number.isNaN(value)) return;
    const evicted = this.#window.push(value);
    if (evicted !== undefined) this.#sorted.splice(lowerIndex(this.#sorted, evicted), 1);
    this.#sorted.splice(lowerIndex(this.#sorted, value), 0, value);
  }

  /** Percentile q ∈ [0, 100] of the window. */
  percentile(q: number): number {
    return quantileSorted(this.#sorted, q / 100);
  }

  /** p50 / p95 / p99 of the window. */
  summary(): LatencySummary {
    return {
      p50: this.percentile(50),
      p95: this.percentile(95),
      p99: this.percentile(99),
      count: this.#sorted.length,
    };
  }
}
