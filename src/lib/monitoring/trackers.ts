/** Error-rate and accuracy trackers over sliding windows, including labels that arrive late. */

import { SlidingWindow } from './windows';

/** Share of failed requests among the last `size` requests. */
export class ErrorRateTracker {
  readonly #window: SlidingWindow<boolean>;
  #errors = 0;

  /** Tracks the last `size` outcomes. */
  constructor(size: number) {
    this.#window = new SlidingWindow<boolean>(size);
  }

  /** Records one request outcome (true = error). */
  record(isError: boolean): void {
    const evicted = this.#window.push(isError);
    if (evicted === true) this.#errors--;
    if (isError) this.#errors++;
  }

  /** Errors / requests in the window (NaN while empty). */
  get rate(): number {
    return this.#window.length === 0 ? Number.NaN : this.#errors / this.#window.length;
  }

  /** Requests in the window. */
  get count(): number {
    return this.#window.length;
  }
}

/** A prediction whose true label has not arrived yet. */
interface WaitingPrediction<L> {
  arrivesAt: number;
  predicted: L;
  actual: L;
}

/** Options for `DelayedAccuracyTracker`. */
export interface DelayedAccuracyOptions {
  /** Accuracy is computed over the last `windowSize` labelled predictions. */
  windowSize: number;
  /** The label of the prediction made at step t arrives at step t + labelDelay. */
  labelDelay: number;
}

/**
 * Accuracy under delayed labels: a prediction made at step t only counts once its label arrives at
 * step t + labelDelay. Until then it is "waiting"; accuracy is computed over labelled predictions
 * only, in a sliding window of the most recent `windowSize` of them.
 */
export class DelayedAccuracyTracker<L> {
  readonly #labelDelay: number;
  readonly #window: SlidingWindow<boolean>;
  // Arrival steps never decrease when steps are recorded in order, so a FIFO queue suffices.
  readonly #waiting: WaitingPrediction<L>[] = [];
  #waitingStart = 0;
  #correct = 0;
  #labelledTotal = 0;
  #step = Number.NEGATIVE_INFINITY;

  /** Creates a tracker; labelDelay ≥ 0 steps. */
  constructor(options: DelayedAccuracyOptions) {
    if (!(options.labelDelay >= 0)) throw new RangeError('labelDelay must be ≥ 0');
    this.#labelDelay = options.labelDelay;
    this.#window = new SlidingWindow<boolean>(options.windowSize);
  }

  /**
   * Records the prediction made at `step`; `actual` stays hidden until step + labelDelay.
   * Also advances time to `step`, releasing every label due by then (including this one if the delay is 0).
   */
  predict(step: number, predicted: L, actual: L): void {
    this.#waiting.push({ arrivesAt: step + this.#labelDelay, predicted, actual });
    this.advanceTo(step);
  }

  /** Advances time to `step`, releasing every label due by then; returns how many arrived. */
  advanceTo(step: number): number {
    if (step > this.#step) this.#step = step;
    let released = 0;
    while (this.#waitingStart < this.#waiting.length) {
      const next = this.#waiting[this.#waitingStart] as WaitingPrediction<L>;
      if (next.arrivesAt > this.#step) break;
      this.#waitingStart++;
      released++;
      const correct = next.predicted === next.actual;
      const evicted = this.#window.push(correct);
      if (evicted === true) this.#correct--;
      if (correct) this.#correct++;
      this.#labelledTotal++;
    }
    // Compact the queue now and then so memory stays proportional to what is waiting.
    if (this.#waitingStart > 1024 && this.#waitingStart * 2 > this.#waiting.length) {
      this.#waiting.splice(0, this.#waitingStart);
      this.#waitingStart = 0;
    }
    return released;
  }

  /** Correct / labelled over the window (NaN before any label arrives). */
  get accuracy(): number {
    return this.#window.length === 0 ? Number.NaN : this.#correct / this.#window.length;
  }

  /** Predictions still waiting for their label. */
  get waiting(): number {
    return this.#waiting.length - this.#waitingStart;
  }

  /** Labelled predictions in the window. */
  get labelledInWindow(): number {
    return this.#window.length;
  }

  /** Labels received since the tracker was created. */
  get labelledTotal(): number {
    return this.#labelledTotal;
  }
}
