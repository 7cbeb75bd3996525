/**
 * Checks that a reloaded artifact predicts what the model that wrote it predicts: the largest
 * absolute difference between matching class probabilities, and the share of rows whose
 * predicted class is the same. The chapter-1 widget feeds it the TypeScript model's
 * probabilities and onnxruntime-web's output tensors for the same rows.
 */
import { argmax } from './predict';

/** Largest |Δprobability| the booklet accepts between the TypeScript model and its ONNX file. */
export const PARITY_TOLERANCE = 1e-5;

/** How two sets of predictions for the same rows compare. */
export interface ParityReport {
  /** Rows compared. */
  rows: number;
  /** max over rows i and classes c of |expected[i][c] − actual[i][c]| (0 for no rows). */
  maxAbsDifference: number;
  /** Row holding that maximum, or -1 for no rows. */
  worstRow: number;
  /** Rows whose actual label index equals the argmax of the expected probabilities. */
  agreeingRows: number;
  /** agreeingRows / rows (1 for no rows: nothing disagrees). */
  labelAgreement: number;
  /** Indices of the rows whose labels differ. */
  disagreements: number[];
  /** True when maxAbsDifference ≤ tolerance and every label agrees. */
  pass: boolean;
}

/**
 * Compares expected probabilities (one array per row, `classes` long) with a runtime's outputs
 * as flat tensors: `actualProbabilities` row-major [rows, classes], `actualLabels` one class
 * index per row (ONNX ArgMax gives int64, hence bigint). Throws a RangeError when the sizes
 * disagree, since then the comparison itself would be meaningless.
 */
export function compareWithRuntime(
  expected: readonly (readonly number[])[],
  actualProbabilities: ArrayLike<number>,
  actualLabels: ArrayLike<number | bigint>,
  classes: number,
  tolerance = PARITY_TOLERANCE,
): ParityReport {
  const rows = expected.length;
  if (actualProbabilities.length !== rows * classes) {
    throw new RangeError(
      `expected ${rows * classes} probabilities, got ${actualProbabilities.length}`,
    );
  }
  if (actualLabels.length !== rows) {
    throw new RangeError(`expected ${rows} labels, got ${actualLabels.length}`);
  }
  let maxAbsDifference = 0;
  let worstRow = rows > 0 ? 0 : -1;
  const disagreements: number[] = [];
  expected.forEach((probabilities, i) => {
    if (probabilities.length !== classes) {
      throw new RangeError(`row ${i} has ${probabilities.length} probabilities, not ${classes}`);
    }
    for (let c = 0; c < classes; c++) {
      const difference = Math.abs(
        Number(probabilities[c]) - Number(actualProbabilities[i * classes + c]),
      );
      // `!(a <= b)` also catches NaN, which must never look like agreement.
      if (!(difference <= maxAbsDifference)) {
        maxAbsDifference = Number.isNaN(difference) ? Infinity : difference;
        worstRow = i;
      }
    }
    if (Number(actualLabels[i]) !== argmax(probabilities)) disagreements.push(i);
  });
  const agreeingRows = rows - disagreements.length;
  return {
    rows,
    maxAbsDifference,
    worstRow,
    agreeingRows,
    labelAgreement: rows === 0 ? 1 : agreeingRows / rows,
    disagreements,
    pass: maxAbsDifference <= tolerance && disagreements.length === 0,
  };
}
