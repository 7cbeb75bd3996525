/** Seeded, stratified train/test split: every class keeps its share in both parts. */
import { createRng, shuffled } from '../sim/rng';

/** How to split: the share of each class that goes to test, the seed, and the class of a row. */
export interface StratifiedSplitOptions<T> {
  /** Fraction of each class sent to the test set, in [0, 1]. */
  testFraction: number;
  /** Seed for the per-class shuffles. */
  seed: number;
  /** The class (stratum) of a row. */
  key: (row: T) => string;
}

/** The two parts of a split, in input order, plus the input positions of their rows. */
export interface Split<T> {
  train: T[];
  test: T[];
  trainIndices: number[];
  testIndices: number[];
}

/**
 * Splits rows so that, for every class with n rows, round(testFraction · n) of them (chosen by a
 * seeded shuffle of that class) go to test and the rest to train. Classes are visited in order of
 * first appearance with one generator, so the result depends only on the rows, their order and
 * the seed. Both parts keep the input order. Throws RangeError on a fraction outside [0, 1].
 */
export function stratifiedSplit<T>(
  rows: readonly T[],
  options: StratifiedSplitOptions<T>,
): Split<T> {
  const { testFraction, seed, key } = options;
  if (!(testFraction >= 0 && testFraction <= 1)) {
    throw new RangeError(`testFraction must be between 0 and 1, got ${testFraction}`);
  }
  const byClass = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const k = key(row);
    const members = byClass.get(k);
    if (members) members.push(i);
    else byClass.set(k, [i]);
  });
  const rng = createRng(seed);
  const inTest = new Uint8Array(rows.length);
  for (const members of byClass.values()) {
    const take = Math.round(testFraction * members.length);
    for (const i of shuffled(members, rng).slice(0, take)) inTest[i] = 1;
  }
  const split: Split<T> = { train: [], test: [], trainIndices: [], testIndices: [] };
  rows.forEach((row, i) => {
    if (inTest[i] === 1) {
      split.test.push(row);
      split.testIndices.push(i);
    } else {
      split.train.push(row);
      split.trainIndices.push(i);
    }
  });
  return split;
}
