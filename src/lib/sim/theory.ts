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

/**
 * P(T > t) for the time in system T of an FCFS M/M/c queue. T = Wq + S with S ~ Exp(μ) the
 * request's own service, independent of its wait Wq, which is 0 with probability 1 − C and
 * otherwise Exp(cμ − λ) (the M/M/c waiting-time distribution, e.g. Gross & Harris, Fundamentals
 * of Queueing Theory, §2.3). NaN when the queue has no steady state (λ ≥ cμ).
 */
export function mmcSojournSurvival(
  arrivalRate: number,
  serviceRate: number,
  servers: number,
  t: number,
): number {
  const theta = servers * serviceRate - arrivalRate;
  if (!(theta > 0) || !(serviceRate > 0) || !(t >= 0)) return NaN;
  const wait = erlangC(servers, arrivalRate / serviceRate);
  const mu = serviceRate;
  // P(X + S > t) for X ~ Exp(θ), S ~ Exp(μ): hypoexponential, or Erlang-2 when θ = μ.
  const convolved =
    Math.abs(theta - mu) < 1e-9 * mu
      ? Math.exp(-mu * t) * (1 + mu * t)
      : (theta * Math.exp(-mu * t) - mu * Math.exp(-theta * t)) / (theta - mu);
  return (1 - wait) * Math.exp(-mu * t) + wait * convolved;
}

/** The p-quantile of the M/M/c time in system (by bisection on `mmcSojournSurvival`); NaN if unstable. */
export function mmcSojournQuantile(
  arrivalRate: number,
  serviceRate: number,
  servers: number,
  p: number,
): number {
  if (!(p > 0 && p < 1)) return NaN;
  const target = 1 - p;
  const survival = (t: number) => mmcSojournSurvival(arrivalRate, serviceRate, servers, t);
  if (Number.isNaN(survival(0))) return NaN;
  let lo = 0;
  let hi = 1 / serviceRate;
  while (survival(hi) > target) {
    lo = hi;
    hi *= 2;
    if (!Number.isFinite(hi)) return NaN;
  }
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (survival(mid) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
