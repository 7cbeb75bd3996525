/**
 * Seeded pseudo-random numbers. Every widget that draws random numbers takes a seed, so the same
 * clicks give the same figures. The generator is mulberry32 (Tommy Ettinger's 32-bit mixer):
 * small, fast and good enough for simulation and shuffling, not for cryptography.
 */

/** A seeded source of uniform numbers in [0, 1). */
export interface Rng {
  /** Next uniform number in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Exponential variate with the given rate (mean 1/rate), by inversion of the CDF. */
  exponential(rate: number): number;
  /** Standard normal variate (Box–Muller). */
  normal(): number;
}

/** Creates a mulberry32 generator from a 32-bit integer seed. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  let spareNormal: number | null = null;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    // 1 - u lies in (0, 1], so the logarithm is always finite.
    exponential: (rate) => -Math.log(1 - next()) / rate,
    normal: () => {
      if (spareNormal !== null) {
        const z = spareNormal;
        spareNormal = null;
        return z;
      }
      const u1 = 1 - next();
      const u2 = next();
      const r = Math.sqrt(-2 * Math.log(u1));
      spareNormal = r * Math.sin(2 * Math.PI * u2);
      return r * Math.cos(2 * Math.PI * u2);
    },
  };
}

/** Fisher–Yates shuffle of a copy of `items`, driven by `rng`. */
export function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}
