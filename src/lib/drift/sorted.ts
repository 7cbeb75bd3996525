/** Helpers shared by the drift statistics: finite-value filtering and typed sorting. */

/** Copies the non-NaN values of `values` into a new ascending Float64Array (±Infinity kept). */
export function sortedFinite(values: ArrayLike<number>): Float64Array {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i] as number)) count++;
  const out = new Float64Array(count);
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isNaN(v)) out[k++] = v;
  }
  return sortFloat64InPlace(out);
}

const RADIX_THRESHOLD = 2048;

/**
 * Sorts a NaN-free Float64Array ascending in place (−0 before +0, as TypedArray#sort orders them).
 * Large arrays use an LSD radix sort on the IEEE-754 bit patterns, 16 bits per pass: flipping the
 * sign bit of non-negative numbers and every bit of negative ones makes the unsigned bit patterns
 * sort in numeric order. That is several times faster than the built-in sort at 100k values.
 */
export function sortFloat64InPlace(values: Float64Array): Float64Array {
  const n = values.length;
  if (n < RADIX_THRESHOLD) return values.sort();
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  // Little-endian layout: word 2i is the low half, 2i + 1 the high half (with the sign bit).
  const littleEndian = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;
  const loOffset = littleEndian ? 0 : 1;
  const hiOffset = 1 - loOffset;
  let src = new Uint32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const hi = words[2 * i + hiOffset] as number;
    const lo = words[2 * i + loOffset] as number;
    if (hi & 0x80000000) {
      src[2 * i] = ~lo >>> 0;
      src[2 * i + 1] = ~hi >>> 0;
    } else {
      src[2 * i] = lo;
      src[2 * i + 1] = (hi | 0x80000000) >>> 0;
    }
  }
  let dst = new Uint32Array(n * 2);
  const counts = new Uint32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass >> 1; // 0: low word, 1: high word
    const shift = (pass & 1) * 16;
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const digit = ((src[2 * i + word] as number) >>> shift) & 0xffff;
      counts[digit] = (counts[digit] as number) + 1;
    }
    // A pass in which every key has the same digit would not move anything.
    const firstDigit = ((src[word] as number) >>> shift) & 0xffff;
    if (counts[firstDigit] === n) continue;
    let total = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[d] as number;
      counts[d] = total;
      total += c;
    }
    for (let i = 0; i < n; i++) {
      const lo = src[2 * i] as number;
      const hi = src[2 * i + 1] as number;
      const digit = ((word === 0 ? lo : hi) >>> shift) & 0xffff;
      const at = counts[digit] as number;
      counts[digit] = at + 1;
      dst[2 * at] = lo;
      dst[2 * at + 1] = hi;
    }
    const tmp = src;
    src = dst;
    dst = tmp;
  }
  for (let i = 0; i < n; i++) {
    const lo = src[2 * i] as number;
    const hi = src[2 * i + 1] as number;
    if (hi & 0x80000000) {
      words[2 * i + loOffset] = lo;
      words[2 * i + hiOffset] = (hi & 0x7fffffff) >>> 0;
    } else {
      words[2 * i + loOffset] = ~lo >>> 0;
      words[2 * i + hiOffset] = ~hi >>> 0;
    }
  }
  return values;
}

/** Mean and population standard deviation (ddof = 0, as numpy.std) of a non-empty array. */
export function meanAndStd(values: ArrayLike<number>): { mean: number; std: number } {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] as number;
  const mean = sum / n;
  // Two passes: subtracting the mean first avoids the cancellation of E[x²] − E[x]².
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = (values[i] as number) - mean;
    squares += d * d;
  }
  return { mean, std: Math.sqrt(squares / n) };
}

/** Greatest common divisor of two non-negative integers. */
export function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) {
    const r = x % y;
    x = y;
    y = r;
  }
  return x;
}

/** Rounds half to even, as numpy.round does. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  // Math.round sends .5 up; step back when that lands on an odd integer.
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
