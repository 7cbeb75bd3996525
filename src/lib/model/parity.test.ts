import { describe, expect, it } from 'vitest';
import { compareWithRuntime, PARITY_TOLERANCE } from './parity';

describe('compareWithRuntime', () => {
  it('finds the largest absolute difference and the row it is in', () => {
    const expected = [
      [0.7, 0.2, 0.1],
      [0.1, 0.3, 0.6],
    ];
    // Row 0 differs by 1e-6 in class 0; row 1 by 3e-6 in class 2 (|0.6 − 0.600003| = 3e-6).
    const actual = Float32Array.from([0.700001, 0.2, 0.1, 0.1, 0.3, 0.600003]);
    const report = compareWithRuntime(expected, actual, [0n, 2n], 3);
    expect(report.rows).toBe(2);
    expect(report.worstRow).toBe(1);
    // float32 rounding of the inputs moves the difference by at most ~6e-8 here.
    expect(report.maxAbsDifference).toBeCloseTo(3e-6, 7);
    expect(report.agreeingRows).toBe(2);
    expect(report.labelAgreement).toBe(1);
    expect(report.pass).toBe(true);
  });

  it('fails when a difference exceeds the tolerance', () => {
    const report = compareWithRuntime([[0.5, 0.5]], [0.5 + 2 * PARITY_TOLERANCE, 0.5], [0], 2);
    expect(report.maxAbsDifference).toBeCloseTo(2e-5, 12);
    expect(report.pass).toBe(false);
  });

  it('counts label disagreements against the argmax of the expected probabilities', () => {
    const expected = [
      [0.6, 0.4],
      [0.2, 0.8],
      [0.9, 0.1],
      [0.3, 0.7],
    ];
    const probabilities = expected.flat();
    // Rows 1 and 3 are given the wrong label; 2 of 4 agree.
    const report = compareWithRuntime(expected, probabilities, [0, 0, 0, 0], 2);
    expect(report.maxAbsDifference).toBe(0);
    expect(report.disagreements).toEqual([1, 3]);
    expect(report.agreeingRows).toBe(2);
    expect(report.labelAgreement).toBe(0.5);
    expect(report.pass).toBe(false);
  });

  it('treats NaN in the runtime output as an infinite difference', () => {
    const report = compareWithRuntime([[1, 0]], [Number.NaN, 0], [0], 2);
    expect(report.maxAbsDifference).toBe(Infinity);
    expect(report.pass).toBe(false);
  });

  it('reports nothing to compare for zero rows', () => {
    const report = compareWithRuntime([], [], [], 3);
    expect(report).toMatchObject({ rows: 0, maxAbsDifference: 0, worstRow: -1, labelAgreement: 1 });
  });

  it('refuses outputs whose sizes do not match the rows', () => {
    expect(() => compareWithRuntime([[0.5, 0.5]], [0.5], [0], 2)).toThrow(RangeError);
    expect(() => compareWithRuntime([[0.5, 0.5]], [0.5, 0.5], [], 2)).toThrow(RangeError);
    expect(() => compareWithRuntime([[1]], [0.5, 0.5], [0], 2)).toThrow(RangeError);
  });
});
