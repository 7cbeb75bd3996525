/**
 * Closed-form queueing results the simulator widget shows next to its measurements. The
 * simulator's tests do not use these: they restate the formulas from their definitions.
 */

/**
 * Erlang B blocking probability for c servers and offered load a = λ/μ (erlangs), by the
 * standard recurrence B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)), which avoids factorials.
 */
export function erlangB(c: number, a: number): number {
  if (!Number.isInteger(c) || c < 0 || !(a >= 0)) return NaN;
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/**
 * Erlang C: probability that an arrival waits in an M/M/c queue, from Erlang B by
 * C = c·B / (c − a·(1 − B)) (valid for a < c; 1 when the queue is unstable).
 */
export function erlangC(c: number, a: number): number {
  if (!Number.isInteger(c) || c < 1 || !(a >= 0)) return NaN;
  if (a >= c) return 1;
  const b = erlangB(c, a);
  return (c * b) / (c - a * (1 - b));
}

/** Mean M/M/c results for arrival rate λ, service rate μ per server and c servers. */
export interface MmcMetrics {
  /** Server utilization ρ = λ / (cμ). */
  utilization: number;
  /** Probability of waiting, C(c, λ/μ). */
  probabilityOfWait: number;
  /** Mean wait in queue Wq = C / (cμ − λ). */
  meanWait: number;
  /** Mean time in system W = Wq + 1/μ. */
  meanTimeInSystem: number;
}

/** M/M/c means; Infinity for waits when λ ≥ cμ (no steady state). */
export function mmc(arrivalRate: number, serviceRate: number, servers: number): MmcMetrics {
  const capacity = servers * serviceRate;
  const utilization = arrivalRate / capacity;
  if (!(utilization < 1)) {
    return { utilization, probabilityOfWait: 1, meanWait: Infinity, meanTimeInSystem: Infinity };
  }
  const probabilityOfWait = erlangC(servers, arrivalRate / serviceRate);
  const meanWait = probabilityOfWait / (capacity - arrivalRate);
  return { utilization, probabilityOfWait, meanWait, meanTimeInSystem: meanWait + 1 / serviceRate };
}
