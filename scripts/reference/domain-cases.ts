/**
 * Domain-classifier cases for the Python reference suite (reference/test_domain_classifier.py):
 * generated samples and the chapter-5 table's windows of the real scenarios, each with the rows,
 * the folds and what src/lib/drift computes on them. Python refits every fold with scikit-learn's
 * StandardScaler and LogisticRegression and scores with roc_auc_score.
 */
import { cleanPenguins } from '../../src/lib/data/penguins';
import { cleanSeattleWeather } from '../../src/lib/data/seattle-weather';
import { readVegaDataText } from '../../src/lib/data/vega-files-node';
import { domainClassifierDrift, fitLogisticRegression } from '../../src/lib/drift/index';
import { domainCheck, domainWindowsFor } from '../../src/lib/production/domain-windows';
import { buildScenario } from '../../src/lib/production/scenarios';
import { createRng } from '../../src/lib/sim/rng';

/** One case: rows, settings and the TypeScript answers. */
interface DomainCase {
  name: string;
  reference: number[][];
  current: number[][];
  folds: number;
  C: number;
  auc: number;
  scores: number[];
  foldOf: number[];
  weights: number[];
}

function generated(): DomainCase[] {
  const rng = createRng(11);
  const normal = (n: number, d: number, shift: number[] = []) =>
    Array.from({ length: n }, () =>
      Array.from({ length: d }, (_, j) => rng.normal() + (shift[j] ?? 0)),
    );
  const cases: [string, number[][], number[][], number, number][] = [
    ['same distribution', normal(120, 3), normal(120, 3), 5, 1],
    ['shift in one of three columns', normal(150, 3), normal(100, 3, [0, 0.5, 0]), 5, 1],
    ['separable samples', normal(40, 2), normal(40, 2, [8, 0]), 4, 1],
    ['strong regularisation, C = 0.01', normal(80, 2), normal(80, 2, [1, 1]), 5, 0.01],
    [
      'rounded values with ties',
      normal(60, 2).map((r) => r.map(Math.round)),
      normal(60, 2, [0.3, 0]).map((r) => r.map(Math.round)),
      3,
      1,
    ],
  ];
  return cases.map(([name, reference, current, folds, C]) => {
    const r = domainClassifierDrift(reference, current, { folds, C });
    return {
      name,
      reference,
      current,
      folds,
      C,
      auc: r.auc,
      scores: r.scores,
      foldOf: r.folds,
      weights: r.weights,
    };
  });
}

/** Every domain-classifier case, generated and real. */
export async function domainCases(): Promise<{ cases: DomainCase[]; fits: unknown[] }> {
  const birds = cleanPenguins(JSON.parse(await readVegaDataText('penguins.json'))).rows;
  const days = cleanSeattleWeather(await readVegaDataText('seattle-weather.csv')).rows;
  const cases = generated();
  for (const id of ['seasonal', 'unit-bug', 'label-swap', 'control'] as const) {
    const scenario = buildScenario(
      id,
      id === 'seasonal' ? { weather: days } : { penguins: birds },
      7,
    );
    for (const window of domainWindowsFor(scenario)) {
      const r = domainCheck(scenario, window);
      cases.push({
        name: `${id}: ${window.label}`,
        reference: scenario.training.x,
        current: scenario.stream.slice(window.from, window.to).map((row) => row.x),
        folds: 5,
        C: 1,
        auc: r.auc,
        scores: r.scores,
        foldOf: r.folds,
        weights: r.weights,
      });
    }
  }
  // single fits on raw rows, to compare the coefficients themselves
  const fits = cases.slice(0, 3).map((c) => {
    const x = [...c.reference, ...c.current];
    const y = x.map((_, i) => (i < c.reference.length ? 0 : 1)) as (0 | 1)[];
    return { name: c.name, x, y, C: c.C, model: fitLogisticRegression(x, y, { C: c.C }) };
  });
  return { cases, fits };
}
