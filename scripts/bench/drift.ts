/**
 * Drift and monitoring benchmarks: KS, PSI and normed Wasserstein on 100k vs 100k rows (budget:
 * their sum ≤ 100 ms in Node), the exact KS branch, detectDrift on a 10-column frame, and DDM +
 * Page–Hinkley throughput. Medians in milliseconds after warm-up.
 */

import {
  detectDrift,
  ks2Sample,
  ks2SampleSorted,
  normedWasserstein,
  normedWassersteinSorted,
  populationStabilityIndex,
  sortedFinite,
  type DataFrame,
  type DriftSchema,
} from '../../src/lib/drift/index';
import { DriftDetectionMethod, PageHinkley } from '../../src/lib/monitoring/index';
import { createRng } from '../../src/lib/sim/rng';
import { median } from '../../src/lib/stats/quantile';

function timeMedian(run: () => unknown, repeats: number, warmups = 2): number {
  for (let i = 0; i < warmups; i++) run();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return median(times);
}

function normals(n: number, seed: number, mean = 0, sd = 1): Float64Array {
  const rng = createRng(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = mean + sd * rng.normal();
  return out;
}

function frame(rows: number, seed: number, shift: number): DataFrame {
  const rng = createRng(seed);
  const columns: Record<string, unknown[]> = {};
  for (let c = 0; c < 6; c++)
    columns[`num${c}`] = Array.from({ length: rows }, () => rng.normal() + (c < 2 ? shift : 0));
  const levels = ['a', 'b', 'c', 'd', 'e'];
  for (let c = 0; c < 3; c++)
    columns[`cat${c}`] = Array.from({ length: rows }, () => levels[rng.int(c + 3)]);
  columns['flag'] = Array.from({ length: rows }, () =>
    rng.next() < 0.3 + shift * 0.1 ? 'yes' : 'no',
  );
  return columns as DataFrame;
}

const schema: DriftSchema = {
  num0: 'numeric',
  num1: 'numeric',
  num2: 'numeric',
  num3: 'numeric',
  num4: 'numeric',
  num5: 'numeric',
  cat0: 'categorical',
  cat1: 'categorical',
  cat2: 'categorical',
  flag: 'categorical',
};

/** Runs the drift/monitoring benchmarks and returns figures keyed by name. */
export async function run(): Promise<Record<string, number | string>> {
  const reference = normals(100_000, 1);
  const current = normals(100_000, 2, 0.05, 1.1);
  const ks = timeMedian(() => ks2Sample(reference, current), 9);
  const psi = timeMedian(() => populationStabilityIndex(reference, current), 9);
  const wasserstein = timeMedian(() => normedWasserstein(reference, current), 9);
  // The same three statistics when the caller sorts each sample once and shares it.
  const sharedSort = timeMedian(() => {
    const ref = sortedFinite(reference);
    const cur = sortedFinite(current);
    ks2SampleSorted(ref, cur);
    populationStabilityIndex(ref, cur);
    normedWassersteinSorted(ref, cur);
  }, 9);

  const a5000 = normals(5000, 3);
  const b5000 = normals(5000, 4, 0.03);
  const b4999 = normals(4999, 5, 0.03);
  const exactEqual = timeMedian(() => ks2Sample(a5000, b5000), 9);
  const exactUnequal = timeMedian(() => ks2Sample(a5000, b4999), 9);
  // Worst case for the lattice DP: unequal sizes at the exact limit and a huge D (band spans all rows).
  const a10000 = normals(10_000, 6);
  const b9999 = normals(9999, 7, 3);
  const exactWorst = timeMedian(() => ks2Sample(a10000, b9999), 3, 1);

  const ref1000 = frame(1000, 8, 0);
  const cur1000 = frame(1000, 9, 0.5);
  const ref5000 = frame(5000, 10, 0);
  const cur5000 = frame(5000, 11, 0.5);
  const detect1000 = timeMedian(() => detectDrift(ref1000, cur1000, schema), 9);
  const detect5000 = timeMedian(() => detectDrift(ref5000, cur5000, schema), 9);

  const rng = createRng(12);
  const updates = 1_000_000;
  const inputs = new Uint8Array(updates);
  for (let i = 0; i < updates; i++) inputs[i] = rng.next() < (i < updates / 2 ? 0.2 : 0.4) ? 1 : 0;
  const detectorMs = timeMedian(
    () => {
      const ddm = new DriftDetectionMethod();
      const ph = new PageHinkley();
      for (let i = 0; i < updates; i++) {
        const x = inputs[i] as number;
        ddm.update(x);
        ph.update(x);
      }
    },
    3,
    1,
  );

  return {
    'drift.ks_100k_vs_100k_ms': ks,
    'drift.psi_100k_vs_100k_ms': psi,
    'drift.normed_wasserstein_100k_vs_100k_ms': wasserstein,
    'drift.ks_psi_wasserstein_sum_ms': ks + psi + wasserstein,
    'drift.ks_psi_wasserstein_budget_ms': 100,
    'drift.ks_psi_wasserstein_shared_sort_ms': sharedSort,
    'drift.ks_exact_5000_vs_5000_ms': exactEqual,
    'drift.ks_exact_5000_vs_4999_ms': exactUnequal,
    'drift.ks_exact_worst_10000_vs_9999_ms': exactWorst,
    'drift.detect_10_columns_1000_rows_ms': detect1000,
    'drift.detect_10_columns_5000_rows_ms': detect5000,
    'monitoring.ddm_plus_ph_updates_per_s': Math.round(updates / (detectorMs / 1000)),
  };
}

// Allows `npx tsx scripts/bench/drift.ts` on its own.
if (import.meta.url === `file://${process.argv[1]}`) {
  run().then((figures) => console.table(figures));
}
