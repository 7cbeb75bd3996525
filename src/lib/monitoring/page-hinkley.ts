/**
 * Page–Hinkley change detector with the semantics and defaults of river.drift.PageHinkley.
 *
 * Reading of river's update rule, per input x:
 * 1. If the previous input raised a drift, reset everything first.
 * 2. Update the plain running mean x̄ of all inputs since the reset (not faded).
 * 3. Fold the deviation into two faded cumulative sums — alpha fades the *sums*, not the mean:
 *      up   = alpha·up   + (x − x̄) − delta      and keep its minimum,
 *      down = alpha·down + (x − x̄) + delta      and keep its maximum (which starts at −1 in river).
 * 4. Once n ≥ min_instances: drift when (up − min up) > threshold ('up'), (max down − down) > threshold
 *    ('down'), or either ('both', the default).
 * Defaults: min_instances 30, delta 0.005, threshold λ = 50, alpha = 1 − 0.0001, mode 'both'.
 */

import type { DetectorStatus } from './ddm';

/** Which direction of change to detect. */
export type PageHinkleyMode = 'up' | 'down' | 'both';

/** Options of `PageHinkley` (river's names and defaults). */
export interface PageHinkleyOptions {
  /** Inputs needed before detection starts; default 30. */
  minInstances?: number;
  /** Magnitude of change tolerated; default 0.005. */
  delta?: number;
  /** Detection threshold λ; default 50. */
  threshold?: number;
  /** Fading factor of the cumulative sums; default 1 − 0.0001. */
  alpha?: number;
  /** Direction(s) to detect; default 'both'. */
  mode?: PageHinkleyMode;
}

/** Page–Hinkley detector of a change in the mean of a numeric stream. */
export class PageHinkley {
  /** Inputs needed before detection starts. */
  readonly minInstances: number;
  /** Magnitude of change tolerated per input. */
  readonly delta: number;
  /** Detection threshold λ, in the units of the stream. */
  readonly threshold: number;
  /** Fading factor of the cumulative sums. */
  readonly alpha: number;
  /** Direction(s) watched. */
  readonly mode: PageHinkleyMode;
  #n = 0;
  #mean = 0;
  #sumUp = 0;
  #sumDown = 0;
  #minUp = Infinity;
  #maxDown = -1;
  #drift = false;

  /** Creates a detector with river's defaults unless overridden. */
  constructor(options: PageHinkleyOptions = {}) {
    this.minInstances = options.minInstances ?? 30;
    this.delta = options.delta ?? 0.005;
    this.threshold = options.threshold ?? 50;
    this.alpha = options.alpha ?? 1 - 0.0001;
    this.mode = options.mode ?? 'both';
  }

  #reset(): void {
    this.#n = 0;
    this.#mean = 0;
    this.#sumUp = 0;
    this.#sumDown = 0;
    this.#minUp = Infinity;
    this.#maxDown = -1;
    this.#drift = false;
  }

  /** Feeds one value and returns the detector status after it. */
  update(x: number): DetectorStatus {
    if (this.#drift) this.#reset();
    this.#n++;
    this.#mean += (x - this.#mean) / this.#n;
    const deviation = x - this.#mean;
    this.#sumUp = this.alpha * this.#sumUp + deviation - this.delta;
    this.#sumDown = this.alpha * this.#sumDown + deviation + this.delta;
    if (this.#sumUp < this.#minUp) this.#minUp = this.#sumUp;
    if (this.#sumDown > this.#maxDown) this.#maxDown = this.#sumDown;
    if (this.#n >= this.minInstances) {
      const up = this.#sumUp - this.#minUp > this.threshold;
      const down = this.#maxDown - this.#sumDown > this.threshold;
      this.#drift = this.mode === 'up' ? up : this.mode === 'down' ? down : up || down;
    }
    return this.status;
  }

  /** Current status (Page–Hinkley has no warning zone). */
  get status(): DetectorStatus {
    return { n: this.#n, warning: false, drift: this.#drift };
  }

  /** The two test statistics (up − min up, max down − down) compared against the threshold. */
  get statistics(): { increase: number; decrease: number } {
    return { increase: this.#sumUp - this.#minUp, decrease: this.#maxDown - this.#sumDown };
  }
}
