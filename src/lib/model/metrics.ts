/**
 * Classification metrics over string labels, with the conventions of scikit-learn's
 * `sklearn.metrics` so numbers can be cross-checked there.
 */

/** Share of rows whose predicted label equals the true label (0 for no rows). */
export function accuracy(yTrue: readonly string[], yPred: readonly string[]): number {
  if (yTrue.length === 0) return 0;
  let correct = 0;
  yTrue.forEach((label, i) => {
    if (yPred[i] === label) correct += 1;
  });
  return correct / yTrue.length;
}

/**
 * Confusion matrix: entry [t][p] counts rows whose true class is `classes[t]` and predicted class
 * is `classes[p]` (rows = true, columns = predicted, as sklearn.metrics.confusion_matrix). Labels
 * outside `classes` are not counted.
 */
export function confusionMatrix(
  yTrue: readonly string[],
  yPred: readonly string[],
  classes: readonly string[],
): number[][] {
  const index = new Map(classes.map((c, i) => [c, i]));
  const matrix = classes.map(() => classes.map(() => 0));
  yTrue.forEach((label, i) => {
    const t = index.get(label);
    const p = index.get(yPred[i] ?? '');
    const row = t === undefined ? undefined : matrix[t];
    if (row && p !== undefined) row[p] = (row[p] ?? 0) + 1;
  });
  return matrix;
}

/** Precision, recall, F1 and support of one class. */
export interface ClassScores {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** Number of rows whose true class is this one. */
  support: number;
}

/**
 * Per-class precision = TP / (TP + FP), recall = TP / (TP + FN), F1 = 2PR / (P + R), read off a
 * confusion matrix; a ratio with a zero denominator is 0 (sklearn's zero_division=0).
 */
export function perClassScores(
  confusion: readonly (readonly number[])[],
  classes: readonly string[],
): ClassScores[] {
  const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
  return classes.map((label, c) => {
    const truePositives = confusion[c]?.[c] ?? 0;
    const support = (confusion[c] ?? []).reduce((s, v) => s + v, 0);
    const predicted = confusion.reduce((s, row) => s + (row[c] ?? 0), 0);
    const precision = ratio(truePositives, predicted);
    const recall = ratio(truePositives, support);
    return {
      label,
      precision,
      recall,
      f1: ratio(2 * precision * recall, precision + recall),
      support,
    };
  });
}

/** Probabilities are clipped to [eps, 1 − eps] before the log, as in sklearn's historical default. */
export const LOG_LOSS_EPS = 1e-15;

/**
 * Mean negative log-likelihood of the true class, −(1/n) Σ_i log p_i[y_i] (sklearn.metrics.log_loss
 * with the given class order). A true label outside `classes` counts as probability 0.
 */
export function logLoss(
  yTrue: readonly string[],
  probabilities: readonly (readonly number[])[],
  classes: readonly string[],
  eps = LOG_LOSS_EPS,
): number {
  if (yTrue.length === 0) return 0;
  const index = new Map(classes.map((c, i) => [c, i]));
  let total = 0;
  yTrue.forEach((label, i) => {
    const c = index.get(label);
    const p = c === undefined ? 0 : (probabilities[i]?.[c] ?? 0);
    total -= Math.log(Math.min(1 - eps, Math.max(eps, p)));
  });
  return total / yTrue.length;
}
