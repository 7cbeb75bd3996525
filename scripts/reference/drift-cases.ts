/**
 * Drift cases for the Python reference suite (reference/test_drift.py): generated samples and the
 * booklet's real scenario data, each with every statistic src/lib/drift computes on it. Python
 * recomputes the same with scipy and Evidently's own stattests and compares.
 */
import { cleanPenguins } from '../../src/lib/data/penguins';
import { cleanSeattleWeather } from '../../src/lib/data/seattle-weather';
import { readVegaDataText } from '../../src/lib/data/vega-files';
import {
  chiSquareGoodnessOfFit,
  chiSquaredSf,
  chiSquareTest,
  detectDrift,
  jensenShannonDistance,
  jensenShannonDrift,
  kolmogorovCdf,
  kolmogorovSf,
  kolmogorovSmirnovSf,
  ks2Sample,
  logGamma,
  normalSf,
  normedWasserstein,
  populationStabilityIndex,
  regularizedGammaP,
  smirnovSf,
  twoProportionZTestCategorical,
  wasserstein1,
  type Category,
  type DataFrame,
  type DriftOverrides,
  type DriftSchema,
  type KsMethod,
} from '../../src/lib/drift/index';
import { buildScenario, SCENARIO_IDS } from '../../src/lib/production/scenarios';
import { createRng, type Rng } from '../../src/lib/sim/rng';

type Cell = Category | null;

/** Runs `f`, turning a thrown error into `{ error }` so Python can check that its tool raises too. */
function attempt<T>(f: () => T): T | { error: string } {
  try {
    return f();
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

const KS_METHODS: readonly KsMethod[] = ['auto', 'exact', 'asymp'];

function numericStats(a: number[], b: number[]) {
  const ks = Object.fromEntries(
    KS_METHODS.map((m) => [
      m,
      attempt(() => {
        const r = ks2Sample(a, b, m);
        return { statistic: r.statistic, pValue: r.pValue, method: r.method };
      }),
    ]),
  );
  const psi = populationStabilityIndex(a, b);
  const js = jensenShannonDrift(a, b);
  return {
    ks,
    wasserstein: wasserstein1(a, b),
    normedWasserstein: normedWasserstein(a, b),
    psi: { value: psi.value, kind: psi.kind, bins: psi.bins.length },
    jensenShannon: { value: js.value, kind: js.binned.kind },
  };
}

function categoricalStats(a: Cell[], b: Cell[]) {
  const psi = populationStabilityIndex(a, b);
  const js = jensenShannonDrift(a, b);
  const chi = chiSquareTest(a, b);
  const z = twoProportionZTestCategorical(a, b);
  return {
    psi: { value: psi.value, kind: psi.kind, bins: psi.bins.length },
    jensenShannon: { value: js.value, kind: js.binned.kind },
    chisquare: { statistic: chi.statistic, pValue: chi.pValue, dof: chi.dof },
    z: { statistic: z.statistic, pValue: z.pValue },
  };
}

const normals = (rng: Rng, n: number, mean = 0, sd = 1): number[] =>
  Array.from({ length: n }, () => mean + sd * rng.normal());

function withMissing(rng: Rng, values: number[], share: number): number[] {
  return values.map((v) => (rng.next() < share ? Number.NaN : v));
}

function pick<T>(rng: Rng, values: readonly T[], weights: readonly number[], n: number): T[] {
  const total = weights.reduce((s, w) => s + w, 0);
  return Array.from({ length: n }, () => {
    let u = rng.next() * total;
    for (let i = 0; i < values.length; i++) {
      u -= weights[i] as number;
      if (u < 0) return values[i] as T;
    }
    return values[values.length - 1] as T;
  });
}

/** Generated numeric sample pairs: shifts, ties, constants, tiny and empty samples, NaN, both KS branches. */
function numericPairs(rng: Rng): { id: string; a: number[]; b: number[] }[] {
  const ints = (n: number, spread: number, shift = 0) =>
    normals(rng, n).map((v) => Math.round(v * spread + shift));
  const pairs = [
    { id: 'normal-same-60-80', a: normals(rng, 60), b: normals(rng, 80) },
    { id: 'normal-shift-200-200', a: normals(rng, 200), b: normals(rng, 200, 0.3) },
    { id: 'normal-scale-1000-700', a: normals(rng, 1000), b: normals(rng, 700, 0, 1.4) },
    { id: 'normal-shift-3000-2999', a: normals(rng, 3000), b: normals(rng, 2999, 0.05) },
    {
      id: 'exp-heavy-500-400',
      a: normals(rng, 500).map(Math.exp),
      b: normals(rng, 400).map(Math.exp),
    },
    { id: 'ties-ints-300-250', a: ints(300, 3), b: ints(250, 3, 1) },
    { id: 'ties-25-values-400-400', a: ints(400, 4), b: ints(400, 4) },
    { id: 'ties-4-values-150-90', a: ints(150, 0.7), b: ints(90, 0.7, 0.4) },
    { id: 'constant-same', a: new Array(40).fill(5), b: new Array(30).fill(5) },
    { id: 'constant-different', a: new Array(40).fill(5), b: new Array(30).fill(6) },
    { id: 'constant-ref-varied-cur', a: new Array(50).fill(0), b: normals(rng, 50) },
    { id: 'tiny-1-1', a: [0.5], b: [1.5] },
    { id: 'tiny-1-2', a: [1], b: [0, 2] },
    { id: 'tiny-2-3', a: [3, 1], b: [2, 2, 5] },
    { id: 'tiny-3-3-equal', a: [1, 2, 3], b: [1, 2, 3] },
    {
      id: 'nan-mixed-120-100',
      a: withMissing(rng, normals(rng, 120), 0.1),
      b: withMissing(rng, normals(rng, 100, 0.5), 0.2),
    },
    { id: 'empty-current', a: normals(rng, 20), b: [] },
    { id: 'all-nan-reference', a: [Number.NaN, Number.NaN], b: normals(rng, 10) },
    { id: 'offset-1e9-300-300', a: normals(rng, 300, 1e9, 10), b: normals(rng, 300, 1e9 + 2, 10) },
    { id: 'signed-zero', a: [-0, 0, 1, -1, 2], b: [0, 0, -0, 3, 1] },
    { id: 'asymptotic-12000-11000', a: normals(rng, 12_000), b: normals(rng, 11_000, 0.02) },
    { id: 'asymptotic-10001-50', a: normals(rng, 10_001), b: normals(rng, 50, 0.5) },
    { id: 'boundary-10000-37', a: normals(rng, 10_000), b: normals(rng, 37, 0.2) },
  ];
  for (let k = 0; k < 24; k++) {
    const n1 = 5 + rng.int(400);
    const n2 = 5 + rng.int(400);
    const shift = rng.next() < 0.5 ? 0 : 0.4 * rng.next();
    const round = rng.next() < 0.3;
    const a = normals(rng, n1).map((v) => (round ? Math.round(v * 5) : v));
    const b = normals(rng, n2, shift).map((v) => (round ? Math.round(v * 5) : v));
    pairs.push({ id: `random-${k}-${n1}-${n2}${round ? '-ties' : ''}`, a, b });
  }
  return pairs;
}

/** Generated categorical pairs: strings, booleans, numbers as categories, new and vanished categories. */
function categoricalPairs(rng: Rng): { id: string; a: Cell[]; b: Cell[] }[] {
  const abc = ['a', 'b', 'c', 'd'];
  return [
    { id: 'issue-12-regression', a: ['3', '2', '2'], b: ['1', '2', '3'] },
    {
      id: 'strings-shift',
      a: pick(rng, abc, [4, 3, 2, 1], 400),
      b: pick(rng, abc, [1, 2, 3, 4], 300),
    },
    {
      id: 'strings-same',
      a: pick(rng, abc, [1, 1, 1, 1], 200),
      b: pick(rng, abc, [1, 1, 1, 1], 220),
    },
    {
      id: 'strings-new-category',
      a: pick(rng, ['x', 'y'], [1, 1], 100),
      b: pick(rng, ['x', 'y', 'z'], [1, 1, 1], 90),
    },
    {
      id: 'strings-vanished-category',
      a: pick(rng, ['x', 'y', 'z'], [1, 1, 1], 90),
      b: pick(rng, ['x', 'y'], [1, 1], 100),
    },
    {
      id: 'strings-rare-1e-5',
      a: [...new Array(99_999).fill('common'), 'rare'],
      b: new Array(500).fill('common'),
    },
    {
      id: 'unicode-and-empty-string',
      a: ['é', 'e', '', 'é', 'ß'],
      b: ['e', 'e', '', 'ß', 'ß', 'é'],
    },
    {
      id: 'booleans',
      a: pick(rng, [true, false], [3, 1], 150),
      b: pick(rng, [true, false], [1, 1], 170),
    },
    {
      id: 'booleans-with-missing',
      a: [true, null, false, true, true],
      b: [false, false, null, true],
    },
    {
      id: 'two-strings-z',
      a: pick(rng, ['no', 'yes'], [9, 1], 500),
      b: pick(rng, ['no', 'yes'], [8, 2], 400),
    },
    { id: 'single-category-both', a: new Array(10).fill('only'), b: new Array(12).fill('only') },
    { id: 'single-category-each', a: new Array(10).fill('left'), b: new Array(12).fill('right') },
    {
      id: 'numbers-as-categories',
      a: pick(rng, [1, 2, 3], [1, 2, 1], 80),
      b: pick(rng, [1, 2, 3], [2, 1, 1], 60),
    },
    { id: 'strings-with-missing', a: ['a', null, 'b', 'a', null], b: ['b', 'b', null, 'a'] },
    { id: 'empty-current', a: ['a', 'b'], b: [] },
    { id: 'tiny-1-1', a: ['a'], b: ['b'] },
  ];
}

/** Random count and probability vectors for the plain chi-squared and Jensen–Shannon functions. */
function vectorCases(rng: Rng) {
  const cases = [];
  for (let k = 0; k < 20; k++) {
    const len = 2 + rng.int(8);
    const ref = Array.from({ length: len }, () => rng.int(50) + (k % 3 === 0 ? 0 : 1));
    const cur = Array.from({ length: len }, () => rng.int(50) + (k % 4 === 0 ? 0 : 1));
    const base = k % 5 === 0 ? 2 : undefined;
    cases.push({
      id: `vector-${k}`,
      ref,
      cur,
      base: base ?? null,
      jensenShannon: jensenShannonDistance(ref, cur, base),
      chisquare: chiSquareGoodnessOfFit(ref, cur),
    });
  }
  return cases;
}

/** The distributions behind the p-values, on grids spanning every branch of their methods. */
function distributionCases() {
  const ns = [1, 2, 3, 5, 10, 37, 100, 140, 141, 500, 1000, 5000, 100_000, 100_001, 400_000];
  const xs = [
    1e-4, 0.001, 0.01, 0.03, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3, 0.45, 0.5, 0.6, 0.8, 0.95, 0.999,
  ];
  const kstwo = ns.flatMap((n) => xs.map((x) => ({ n, x, sf: kolmogorovSmirnovSf(n, x) })));
  const smirnov = ns.flatMap((n) => xs.map((x) => ({ n, x, sf: smirnovSf(n, x) })));
  const zs = [0.05, 0.2, 0.5, 0.8, 1, 1.2, 1.5, 2, 3, 5, 8];
  const kstwobign = zs.map((x) => ({ x, cdf: kolmogorovCdf(x), sf: kolmogorovSf(x) }));
  const chi2 = [1, 2, 3, 7, 30, 150].flatMap((k) =>
    [0.01, 0.5, 1, 2, 5, 10, 40, 200].map((x) => ({ k, x, sf: chiSquaredSf(x, k) })),
  );
  const gammaP = [0.5, 1, 3.5, 20, 120].flatMap((a) =>
    [0.1, 1, 4, 25, 150].map((x) => ({ a, x, p: regularizedGammaP(a, x) })),
  );
  const normal = [-8, -3, -1, 0, 0.5, 1.96, 3, 6, 9].map((z) => ({ z, sf: normalSf(z) }));
  const lgamma = [0.1, 0.5, 1, 1.5, 2, 7.3, 25, 171.5, 1e4].map((x) => ({ x, value: logGamma(x) }));
  return { kstwo, smirnov, kstwobign, chi2, gammaP, normal, lgamma };
}

type Frame = Record<string, Cell[]>;

function frameCase(
  id: string,
  reference: Frame,
  current: Frame,
  schema: DriftSchema,
  overrides: DriftOverrides = {},
) {
  const result = detectDrift(reference as DataFrame, current as DataFrame, schema, overrides);
  return { id, reference, current, schema, overrides, result };
}

/** Whole frames through detectDrift: Evidently's default choice per column and the data-set verdict. */
function frameCases(rng: Rng) {
  const small = (n: number, shift: number): Frame => ({
    flipper: withMissing(rng, normals(rng, n, 200 + shift, 14), 0.05),
    island: pick(rng, ['Biscoe', 'Dream', 'Torgersen'], [5, 4, 2 + shift], n),
    sex: pick(rng, [true, false, null], [5, 5, 1], n),
    rating: pick(rng, [1, 2, 3], [2, 2 + shift, 1], n),
    binary: pick(rng, [0, 1], [3, 1 + shift], n),
    // Evidently cleans ±Infinity only from columns that also hold NaN (see test_drift.py), so
    // this column holds both; `infOnly` below is the case without NaN.
    withInf: normals(rng, n, shift).map((v, i) =>
      i % 37 === 0 ? Infinity : i % 41 === 0 ? Number.NaN : i % 43 === 0 ? -Infinity : v,
    ),
  });
  const smallSchema: DriftSchema = {
    flipper: 'numeric',
    island: 'categorical',
    sex: 'categorical',
    rating: 'numeric',
    binary: 'numeric',
    withInf: 'numeric',
  };
  const large = (n: number, shift: number): Frame => ({
    mass: normals(rng, n, 4200 + 50 * shift, 800),
    level: pick(rng, [1, 2, 3, 4], [1, 1, 1, 1 + shift], n),
    colour: pick(rng, ['red', 'green', 'blue'], [3, 2, 1 + shift], n),
  });
  const largeSchema: DriftSchema = { mass: 'numeric', level: 'numeric', colour: 'categorical' };
  return [
    frameCase('small-no-drift', small(300, 0), small(250, 0), smallSchema),
    frameCase('small-drift', small(300, 0), small(200, 3), smallSchema),
    frameCase('small-threshold-override', small(300, 0), small(200, 1), smallSchema, {
      threshold: 0.2,
      driftShare: 0.3,
    }),
    frameCase('small-psi-everywhere', small(400, 0), small(300, 2), smallSchema, { test: 'psi' }),
    frameCase('small-js-everywhere', small(400, 0), small(300, 2), smallSchema, {
      test: 'jensenshannon',
    }),
    frameCase('small-per-column-overrides', small(400, 0), small(300, 1), smallSchema, {
      columns: {
        flipper: { test: 'wasserstein', threshold: 0.05 },
        island: { test: 'psi' },
        sex: { threshold: 0.5 },
      },
    }),
    frameCase('large-no-drift', large(1500, 0), large(1200, 0), largeSchema),
    frameCase('large-drift', large(1500, 0), large(900, 2), largeSchema),
    frameCase('boundary-1000-rows', large(1000, 0), large(800, 1), largeSchema),
    frameCase('boundary-1001-rows', large(1001, 0), large(800, 1), largeSchema),
    frameCase(
      'inf-without-nan',
      { infOnly: normals(rng, 200).map((v, i) => (i % 10 === 0 ? Infinity : v)) },
      { infOnly: normals(rng, 150, 0.2) },
      { infOnly: 'numeric' },
    ),
    frameCase(
      'errors',
      { text: [1, 2, 'three', 4], empty: [Number.NaN, null], fine: [1, 2, 3, 4] },
      { text: [1, 2, 3, 4], empty: [1, 2], fine: [1, 2, 3, 5] },
      { text: 'numeric', empty: 'numeric', fine: 'numeric' },
    ),
  ];
}

/** The booklet's own scenario data: each drift check of the chapter-5 simulator, as its engine runs it. */
async function scenarioCases() {
  const penguins = cleanPenguins(JSON.parse(await readVegaDataText('penguins.json'))).rows;
  const weather = cleanSeattleWeather(await readVegaDataText('seattle-weather.csv')).rows;
  const cases = [];
  for (const id of SCENARIO_IDS) {
    const scenario = buildScenario(id, { penguins, weather }, 1);
    const window = scenario.defaults.driftWindow;
    const column = (rows: readonly number[][], j: number) => rows.map((r) => r[j] as number);
    const reference: Frame = Object.fromEntries(
      scenario.featureNames.map((name, j) => [name, column(scenario.training.x, j)]),
    );
    // Every 4th window keeps the suite fast while covering the whole stream.
    for (let start = 0; start + window <= scenario.stream.length; start += 4 * window) {
      const rows = scenario.stream.slice(start, start + window).map((r) => r.x);
      const current: Frame = Object.fromEntries(
        scenario.featureNames.map((name, j) => [name, column(rows, j)]),
      );
      const frame = frameCase(`${id}@${start}`, reference, current, scenario.schema);
      const stats = Object.fromEntries(
        scenario.featureNames.map((name) => [
          name,
          numericStats(reference[name] as number[], current[name] as number[]),
        ]),
      );
      cases.push({ ...frame, stats });
    }
  }
  return cases;
}

/** Every drift case with the TypeScript results. */
export async function driftCases() {
  const rng = createRng(20_261_202);
  return {
    numeric: numericPairs(rng).map((p) => ({ ...p, stats: numericStats(p.a, p.b) })),
    categorical: categoricalPairs(rng).map((p) => ({ ...p, stats: categoricalStats(p.a, p.b) })),
    vectors: vectorCases(rng),
    distributions: distributionCases(),
    frames: frameCases(rng),
    scenarios: await scenarioCases(),
  };
}
