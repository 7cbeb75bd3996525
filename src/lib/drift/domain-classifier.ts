/**
 * Multivariate drift with a domain classifier (Rabanser, Günnemann and Lipton, "Failing Loudly",
 * NeurIPS 2019): label every reference row 0 and every current row 1, train a classifier to tell
 * them apart, and score it on rows it did not see. If the two samples come from one distribution
 * no classifier can do better than chance, so the out-of-fold ROC AUC stays near 0.5; an AUC near
 * 1 means the rows are easy to tell apart, jointly over all columns.
 *
 * The classifier is L2-regularised logistic regression on standardised columns, fitted by Newton's
 * method to the exact optimum of scikit-learn's objective (LogisticRegression(C) with the default
 * penalty='l2' after StandardScaler), so reference/ can compare every score with scikit-learn.
 */

/** ROC AUC of the scores for the positive rows against the negative ones. */
export function rocAuc(scores: ArrayLike<number>, positive: ArrayLike<boolean>): number {
  // AUC = P(score of a random positive > score of a random negative) + ½ P(tie): the
  // Mann–Whitney U over n₊·n₋, computed with mid-ranks; equals sklearn.metrics.roc_auc_score.
  const n = scores.length;
  if (positive.length !== n) throw new RangeError('scores and labels differ in length');
  for (let i = 0; i < n; i++)
    if (Number.isNaN(scores[i])) throw new RangeError('ROC AUC of NaN scores');
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (scores[a] as number) - (scores[b] as number),
  );
  let nPos = 0;
  let rankSumPos = 0;
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && scores[order[end]!] === scores[order[start]!]) end++;
    const midRank = (start + 1 + end) / 2; // ranks start..end-1 are tied, 1-based
    for (let k = start; k < end; k++) {
      if (positive[order[k]!]) {
        nPos++;
        rankSumPos += midRank;
      }
    }
    start = end;
  }
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0)
    throw new RangeError('ROC AUC needs both positive and negative rows');
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** A fitted binary logistic regression on standardised inputs. */
export interface LogisticModel {
  /** Column means of the training rows (subtracted first). */
  mean: number[];
  /** Column standard deviations (population, ddof 0, as StandardScaler); 1 for a constant column. */
  scale: number[];
  /** One weight per standardised column: how strongly it pushes towards class 1. */
  weights: number[];
  /** Intercept (not penalised). */
  bias: number;
  /** Newton iterations used. */
  iterations: number;
}

/** Options of `fitLogisticRegression`. */
export interface LogisticOptions {
  /** Inverse regularisation strength, as scikit-learn's C (default 1). */
  C?: number;
  /** Iteration cap (default 100). */
  maxIterations?: number;
}

function standardise(x: readonly (readonly number[])[]): { mean: number[]; scale: number[] } {
  const d = x[0]?.length ?? 0;
  const mean = Array.from({ length: d }, (_, j) => x.reduce((s, r) => s + r[j]!, 0) / x.length);
  const scale = mean.map((m, j) => {
    const sd = Math.sqrt(x.reduce((s, r) => s + (r[j]! - m) ** 2, 0) / x.length);
    return sd > 0 ? sd : 1; // StandardScaler leaves a constant column unscaled
  });
  return { mean, scale };
}

/** Solves A·v = b for a symmetric positive definite A (Cholesky); A is row-major k×k. */
function solveSpd(a: number[][], b: number[]): number[] {
  const k = b.length;
  const l = a.map(() => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i]![j]!;
      for (let m = 0; m < j; m++) s -= l[i]![m]! * l[j]![m]!;
      l[i]![j] = i === j ? Math.sqrt(Math.max(s, 1e-300)) : s / l[j]![j]!;
    }
  }
  const y = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++) {
    let s = b[i]!;
    for (let m = 0; m < i; m++) s -= l[i]![m]! * y[m]!;
    y[i] = s / l[i]![i]!;
  }
  const v = new Array<number>(k).fill(0);
  for (let i = k - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let m = i + 1; m < k; m++) s -= l[m]![i]! * v[m]!;
    v[i] = s / l[i]![i]!;
  }
  return v;
}

/** log(1 + e^t) without overflow. */
const softplus = (t: number): number =>
  t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));

/**
 * Fits L2-regularised logistic regression: minimises ½‖w‖² + C·Σ log(1 + e^(−s_i(w·z_i + b)))
 * with s_i = ±1 and z the standardised rows, the objective of sklearn's LogisticRegression, by
 * Newton's method with step halving (the objective is strictly convex, so the optimum is unique).
 */
export function fitLogisticRegression(
  x: readonly (readonly number[])[],
  y: readonly (0 | 1)[],
  options: LogisticOptions = {},
): LogisticModel {
  const { C = 1, maxIterations = 100 } = options;
  if (x.length === 0 || x.length !== y.length) throw new RangeError('need as many labels as rows');
  const { mean, scale } = standardise(x);
  const d = mean.length;
  const z = x.map((r) => r.map((v, j) => (v - mean[j]!) / scale[j]!));
  let theta = new Array<number>(d + 1).fill(0); // weights, then the bias
  const objective = (t: number[]): number => {
    let f = t.slice(0, d).reduce((s, w) => s + w * w, 0) / 2;
    z.forEach((r, i) => {
      const m = r.reduce((s, v, j) => s + v * t[j]!, t[d]!);
      f += C * softplus(y[i] === 1 ? -m : m);
    });
    return f;
  };
  let current = objective(theta);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const grad = [...theta.slice(0, d), 0];
    const hess = Array.from({ length: d + 1 }, (_, i) =>
      Array.from({ length: d + 1 }, (_, j) => (i === j && i < d ? 1 : 0)),
    );
    z.forEach((r, i) => {
      const p = 1 / (1 + Math.exp(-r.reduce((s, v, j) => s + v * theta[j]!, theta[d]!)));
      const row = [...r, 1];
      const w = C * p * (1 - p);
      for (let a = 0; a <= d; a++) {
        grad[a]! += C * (p - y[i]!) * row[a]!;
        for (let b = 0; b <= d; b++) hess[a]![b]! += w * row[a]! * row[b]!;
      }
    });
    if (Math.max(...grad.map(Math.abs)) < 1e-10 * Math.max(1, C * x.length)) break;
    const step = solveSpd(hess, grad);
    let t = 1;
    let next = theta.map((v, k) => v - step[k]!);
    let value = objective(next);
    while (value > current && t > 1e-10) {
      t /= 2;
      next = theta.map((v, k) => v - t * step[k]!);
      value = objective(next);
    }
    theta = next;
    current = value;
  }
  return { mean, scale, weights: theta.slice(0, d), bias: theta[d]!, iterations };
}

/** The model's log-odds of class 1 for one raw row (sklearn's decision_function). */
export function logisticDecision(model: LogisticModel, row: readonly number[]): number {
  return model.weights.reduce(
    (s, w, j) => s + (w * (row[j]! - model.mean[j]!)) / model.scale[j]!,
    model.bias,
  );
}

/** Result of a domain-classifier drift check. */
export interface DomainClassifierResult {
  /** Out-of-fold ROC AUC: 0.5 when the classifier cannot tell reference from current rows. */
  auc: number;
  /** Out-of-fold log-odds "current", reference rows first, then current rows. */
  scores: number[];
  /** Fold of each row, in the same order. */
  folds: number[];
  /** Weights of the classifier fitted on all rows, per standardised column: which columns moved. */
  weights: number[];
  nReference: number;
  nCurrent: number;
}

/**
 * Domain-classifier drift check with k-fold cross-validation: row i of each sample goes to fold
 * i mod k (so every fold holds both samples in their proportions), each fold is scored by a model
 * trained on the others, and the AUC is taken over all out-of-fold scores.
 */
export function domainClassifierDrift(
  reference: readonly (readonly number[])[],
  current: readonly (readonly number[])[],
  options: LogisticOptions & { folds?: number } = {},
): DomainClassifierResult {
  const { folds: k = 5, ...fit } = options;
  if (!Number.isInteger(k) || k < 2) throw new RangeError('folds must be an integer of at least 2');
  if (reference.length < k || current.length < k)
    throw new RangeError(`each sample needs at least ${k} rows (one per fold)`);
  const rows = [...reference, ...current];
  const labels: (0 | 1)[] = rows.map((_, i) => (i < reference.length ? 0 : 1));
  const folds = rows.map((_, i) => (i < reference.length ? i : i - reference.length) % k);
  const scores = new Array<number>(rows.length).fill(0);
  for (let f = 0; f < k; f++) {
    const train = rows.flatMap((_, i) => (folds[i] === f ? [] : [i]));
    const model = fitLogisticRegression(
      train.map((i) => rows[i]!),
      train.map((i) => labels[i]!),
      fit,
    );
    rows.forEach((r, i) => {
      if (folds[i] === f) scores[i] = logisticDecision(model, r);
    });
  }
  return {
    auc: rocAuc(
      scores,
      labels.map((l) => l === 1),
    ),
    scores,
    folds,
    weights: fitLogisticRegression(rows, labels, fit).weights,
    nReference: reference.length,
    nCurrent: current.length,
  };
}
