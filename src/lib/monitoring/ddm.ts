/**
 * Drift Detection Method (Gama et al., 2004) with the semantics and defaults of
 * river.drift.binary.DDM.
 *
 * Reading of river's update rule, per input x (1 = error, 0 = correct):
 * 1. If the previous input raised a drift, reset everything first.
 * 2. Update the running error rate p = errors / n and s = √(p(1 − p)/n).
 * 3. Only once n > warm_start (30): if p + s ≤ p_min + s_min, record p_min = p, s_min = s.
 *    Then warning = (p + s > p_min + warning_threshold·s_min), threshold 2;
 *    drift = (p + s > p_min + drift_threshold·s_min), threshold 3, and a drift clears the warning.
 * During warm-up the flags keep their previous values (false after a reset).
 */

/** Options of `DriftDetectionMethod` (river's names and defaults). */
export interface DdmOptions {
  /** Inputs needed before detection starts; default 30. */
  warmStart?: number;
  /** Warning when p + s exceeds p_min + warningThreshold·s_min; default 2. */
  warningThreshold?: number;
  /** Drift when p + s exceeds p_min + driftThreshold·s_min; default 3. */
  driftThreshold?: number;
}

/** State a detector exposes after each update. */
export interface DetectorStatus {
  /** Inputs seen since the last reset. */
  n: number;
  /** Whether the last input put the detector in its warning zone. */
  warning: boolean;
  /** Whether the last input raised a drift. */
  drift: boolean;
}

/** DDM concept-drift detector for a stream of errors (1) and correct predictions (0). */
export class DriftDetectionMethod {
  /** Inputs needed before detection starts. */
  readonly warmStart: number;
  /** Multiple of s_min above p_min that means warning. */
  readonly warningThreshold: number;
  /** Multiple of s_min above p_min that means drift. */
  readonly driftThreshold: number;
  #n = 0;
  #errors = 0;
  #pMin = Infinity;
  #sMin = Infinity;
  #psMin = Infinity;
  #warning = false;
  #drift = false;

  /** Creates a detector with river's defaults unless overridden. */
  constructor(options: DdmOptions = {}) {
    this.warmStart = options.warmStart ?? 30;
    this.warningThreshold = options.warningThreshold ?? 2;
    this.driftThreshold = options.driftThreshold ?? 3;
  }

  #reset(): void {
    this.#n = 0;
    this.#errors = 0;
    this.#pMin = Infinity;
    this.#sMin = Infinity;
    this.#psMin = Infinity;
    this.#warning = false;
    this.#drift = false;
  }

  /** Feeds one outcome (1/true = error) and returns the detector status after it. */
  update(error: number | boolean): DetectorStatus {
    if (this.#drift) this.#reset();
    this.#n++;
    if (error === true || error === 1) this.#errors++;
    const n = this.#n;
    const p = this.#errors / n;
    const s = Math.sqrt((p * (1 - p)) / n);
    if (n > this.warmStart) {
      if (p + s <= this.#psMin) {
        this.#pMin = p;
        this.#sMin = s;
        this.#psMin = p + s;
      }
      this.#warning = p + s > this.#pMin + this.warningThreshold * this.#sMin;
      if (p + s > this.#pMin + this.driftThreshold * this.#sMin) {
        this.#drift = true;
        this.#warning = false;
      }
    }
    return this.status;
  }

  /** Current status. */
  get status(): DetectorStatus {
    return { n: this.#n, warning: this.#warning, drift: this.#drift };
  }

  /** Running error rate p since the last reset. */
  get errorRate(): number {
    return this.#n === 0 ? Number.NaN : this.#errors / this.#n;
  }
}
