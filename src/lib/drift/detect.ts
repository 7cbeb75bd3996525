/**
 * Column-by-column drift detection with Evidently's default test choice (DataDriftPreset), every
 * choice overridable.
 */

import { finiteNumbers, firstNonNumber, type Category } from './binning';
import { chiSquareTest } from './chi-square';
import { jensenShannonDrift } from './jensen-shannon';
import { ks2Sample } from './ks';
import { populationStabilityIndex } from './psi';
import { normedWasserstein } from './wasserstein';
import { twoProportionZTestCategorical } from './z-test';

/** A cell of a data frame column. */
export type Cell = Category | null | undefined;

/** Column-major data frame: column name → values. */
export type DataFrame = Readonly<Record<string, ArrayLike<Cell>>>;

/** Declared type of a column. */
export type ColumnType = 'numeric' | 'categorical';

/** Column name → declared type; only columns named here are tested. */
export type DriftSchema = Readonly<Record<string, ColumnType>>;

/** Tests `detectDrift` can run. */
export type DriftTestName = 'ks' | 'chisquare' | 'z' | 'wasserstein' | 'jensenshannon' | 'psi';

/** Whether a test's value is a p-value (drift when below) or a distance (drift when at or above). */
export type DriftValueKind = 'p-value' | 'distance';

/** What each test returns and its Evidently default threshold. */
export const DRIFT_TESTS: Readonly<
  Record<DriftTestName, { kind: DriftValueKind; threshold: number; numericOnly: boolean }>
> = {
  ks: { kind: 'p-value', threshold: 0.05, numericOnly: true },
  chisquare: { kind: 'p-value', threshold: 0.05, numericOnly: false },
  z: { kind: 'p-value', threshold: 0.05, numericOnly: false },
  wasserstein: { kind: 'distance', threshold: 0.1, numericOnly: true },
  jensenshannon: { kind: 'distance', threshold: 0.1, numericOnly: false },
  psi: { kind: 'distance', threshold: 0.1, numericOnly: false },
};

/** Evidently's default share of drifted columns that flags the whole data set. */
export const DEFAULT_DRIFT_SHARE = 0.5;

/** Per-column override. */
export interface ColumnOverride {
  /** Test to run instead of the default choice. */
  test?: DriftTestName;
  /** Threshold instead of the test's default. */
  threshold?: number;
}

/** Overrides for `detectDrift`. */
export interface DriftOverrides {
  /** Test for every column without its own override. */
  test?: DriftTestName;
  /** Threshold for every column without its own override (applies to whichever test runs). */
  threshold?: number;
  /** Share of drifted columns at or above which the data set drifts (default 0.5). */
  driftShare?: number;
  /** Per-column overrides. */
  columns?: Readonly<Record<string, ColumnOverride>>;
}

/** Drift verdict for one column. */
export interface ColumnDrift {
  /** Column name. */
  column: string;
  /** Declared column type. */
  type: ColumnType;
  /** Test that ran. */
  test: DriftTestName;
  /** The p-value or distance. */
  value: number;
  /** Threshold compared against. */
  threshold: number;
  /** p-value < threshold, or distance ≥ threshold. */
  drifted: boolean;
  /** Whether `value` is a p-value or a distance. */
  kind: DriftValueKind;
  /** Reference rows used (missing values dropped). */
  referenceSize: number;
  /** Current rows used (missing values dropped). */
  currentSize: number;
  /** Why the column could not be tested; such columns are left out of the drift share. */
  error?: string;
}

/** Drift verdict for a whole data set. */
export interface DatasetDrift {
  /** One entry per schema column, in schema order. */
  columns: ColumnDrift[];
  /** Columns that drifted. */
  driftedCount: number;
  /** Columns that could be tested. */
  testedCount: number;
  /** driftedCount / testedCount (0 when nothing was tested). */
  share: number;
  /** Threshold on `share`. */
  driftShare: number;
  /** share ≥ driftShare. */
  datasetDrift: boolean;
}

/**
 * Evidently's default test for a column (stattests registry, _get_default_stattest). With n = number
 * of distinct values over reference and current together:
 * reference ≤ 1000 rows: numeric with n > 5 → KS; otherwise (categorical, or numeric with n ≤ 5)
 * chi-squared when n > 2, z-test when n ≤ 2. Reference > 1000 rows: numeric with n > 5 → normed
 * Wasserstein; otherwise Jensen–Shannon.
 */
export function defaultDriftTest(
  type: ColumnType,
  referenceSize: number,
  distinctValues: number,
): DriftTestName {
  const numericContinuous = type === 'numeric' && distinctValues > 5;
  if (referenceSize <= 1000) {
    if (numericContinuous) return 'ks';
    return distinctValues > 2 ? 'chisquare' : 'z';
  }
  return numericContinuous ? 'wasserstein' : 'jensenshannon';
}

function presentValues(values: ArrayLike<Cell>, type: ColumnType): Cell[] | Float64Array {
  if (type === 'numeric') return finiteNumbers(values);
  const out: Cell[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) continue;
    out.push(v);
  }
  return out;
}

// Distinct non-missing values over both samples, counting no further than `cap` (only ≤ 5 matters).
function distinctUpTo(a: ArrayLike<Cell>, b: ArrayLike<Cell>, cap: number): number {
  const seen = new Set<Cell>();
  for (let i = 0; i < a.length && seen.size < cap; i++) seen.add(a[i]);
  for (let i = 0; i < b.length && seen.size < cap; i++) seen.add(b[i]);
  return seen.size;
}

/**
 * Evidently's per-test verdict: KS drifts when p ≤ threshold (ks_stattest.py), chi-squared and z
 * when p < threshold, the distances (Wasserstein, Jensen–Shannon, PSI) when value ≥ threshold.
 */
export function isDrifted(test: DriftTestName, value: number, threshold: number): boolean {
  if (test === 'ks') return value <= threshold;
  return DRIFT_TESTS[test].kind === 'p-value' ? value < threshold : value >= threshold;
}

function runTest(
  test: DriftTestName,
  type: ColumnType,
  ref: ArrayLike<Cell>,
  cur: ArrayLike<Cell>,
): number {
  switch (test) {
    case 'ks':
      return ks2Sample(ref as Float64Array, cur as Float64Array).pValue;
    case 'wasserstein':
      return normedWasserstein(ref as Float64Array, cur as Float64Array);
    case 'chisquare':
      return chiSquareTest(ref, cur).pValue;
    case 'z':
      return twoProportionZTestCategorical(ref, cur).pValue;
    case 'jensenshannon':
      return jensenShannonDrift(ref, cur, { kind: type === 'numeric' ? 'numeric' : 'categorical' })
        .value;
    case 'psi':
      return populationStabilityIndex(ref, cur, {
        kind: type === 'numeric' ? 'numeric' : 'categorical',
      }).value;
  }
}

/**
 * Tests every schema column for drift between `reference` and `current` and gives a data-set verdict:
 * the data set drifts when the share of drifted columns is ≥ driftShare (Evidently's rule).
 * Missing values (null, undefined, NaN; for numeric columns also ±Infinity and non-numbers) are dropped
 * per column first. A column that is absent or empty on either side, a numeric column holding a
 * string or boolean, or a numeric-only test (KS, Wasserstein) asked of a categorical column, is
 * reported with `error` and not counted (Evidently raises on each of these).
 */
export function detectDrift(
  reference: DataFrame,
  current: DataFrame,
  schema: DriftSchema,
  overrides: DriftOverrides = {},
): DatasetDrift {
  const columns: ColumnDrift[] = [];
  for (const [column, type] of Object.entries(schema)) {
    const own = overrides.columns?.[column] ?? {};
    const ref = presentValues(reference[column] ?? [], type);
    const cur = presentValues(current[column] ?? [], type);
    const distinct = distinctUpTo(ref, cur, 6);
    const test = own.test ?? overrides.test ?? defaultDriftTest(type, ref.length, distinct);
    const spec = DRIFT_TESTS[test];
    const threshold = own.threshold ?? overrides.threshold ?? spec.threshold;
    const base = {
      column,
      type,
      test,
      threshold,
      kind: spec.kind,
      referenceSize: ref.length,
      currentSize: cur.length,
    };
    let error: string | undefined;
    const stray =
      type === 'numeric'
        ? firstNonNumber(reference[column] ?? [], current[column] ?? [])
        : undefined;
    // Evidently refuses a numerical column of non-numeric dtype; dropping its strings would hide them.
    if (stray !== undefined) error = `the numeric column holds a non-number (${String(stray)})`;
    else if (ref.length === 0 || cur.length === 0) error = 'no values to compare on one side';
    else if (spec.numericOnly && type !== 'numeric')
      error = `the ${test} test needs a numeric column`;
    if (error !== undefined) {
      columns.push({ ...base, value: Number.NaN, drifted: false, error });
      continue;
    }
    const value = runTest(test, type, ref, cur);
    const drifted = isDrifted(test, value, threshold);
    columns.push({ ...base, value, drifted });
  }
  const tested = columns.filter((c) => c.error === undefined);
  const driftedCount = tested.filter((c) => c.drifted).length;
  const share = tested.length > 0 ? driftedCount / tested.length : 0;
  const driftShare = overrides.driftShare ?? DEFAULT_DRIFT_SHARE;
  return {
    columns,
    driftedCount,
    testedCount: tested.length,
    share,
    driftShare,
    datasetDrift: tested.length > 0 && share >= driftShare,
  };
}
