import { describe, expect, it } from 'vitest';
import { accuracy, confusionMatrix, logLoss, perClassScores } from './metrics';

// Worked example: 3 classes, 8 rows.
//   true: a a a b b c c c
//   pred: a b a b c c c a
const yTrue = ['a', 'a', 'a', 'b', 'b', 'c', 'c', 'c'];
const yPred = ['a', 'b', 'a', 'b', 'c', 'c', 'c', 'a'];
const classes = ['a', 'b', 'c'];

describe('accuracy', () => {
  it('counts matches: 5 of 8 rows are right', () => {
    expect(accuracy(yTrue, yPred)).toBe(5 / 8);
  });
  it('is 0 for no rows', () => {
    expect(accuracy([], [])).toBe(0);
  });
});

describe('confusionMatrix', () => {
  it('puts true classes on rows and predictions on columns', () => {
    // a: 2 right, 1 called b; b: 1 right, 1 called c; c: 2 right, 1 called a.
    expect(confusionMatrix(yTrue, yPred, classes)).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [1, 0, 2],
    ]);
  });
  it('ignores labels outside the class list', () => {
    expect(confusionMatrix(['a', 'z', 'b'], ['a', 'a', 'z'], ['a', 'b'])).toEqual([
      [1, 0],
      [0, 0],
    ]);
  });
});

describe('perClassScores', () => {
  it('matches precision, recall and F1 worked by hand', () => {
    const scores = perClassScores(confusionMatrix(yTrue, yPred, classes), classes);
    // a: TP 2, predicted a 3 (rows 0, 2, 7), true a 3 → P = 2/3, R = 2/3, F1 = 2/3.
    // b: TP 1, predicted b 2, true b 2 → P = 1/2, R = 1/2, F1 = 1/2.
    // c: TP 2, predicted c 3, true c 3 → P = 2/3, R = 2/3, F1 = 2/3.
    const expected = [
      { label: 'a', p: 2 / 3, r: 2 / 3, f1: 2 / 3, support: 3 },
      { label: 'b', p: 1 / 2, r: 1 / 2, f1: 1 / 2, support: 2 },
      { label: 'c', p: 2 / 3, r: 2 / 3, f1: 2 / 3, support: 3 },
    ];
    expected.forEach((e, i) => {
      const s = scores[i];
      expect(s?.label).toBe(e.label);
      expect(s?.precision).toBeCloseTo(e.p, 12);
      expect(s?.recall).toBeCloseTo(e.r, 12);
      expect(s?.f1).toBeCloseTo(e.f1, 12);
      expect(s?.support).toBe(e.support);
    });
  });

  it('gives unequal precision and recall their harmonic mean, and 0 for 0/0', () => {
    // true: x x x y ; pred: x y y y → x: TP 1, pred 1, true 3 → P 1, R 1/3, F1 = 2·(1/3)/(4/3) = 1/2.
    // y: TP 1, pred 3, true 1 → P 1/3, R 1, F1 1/2. z never occurs → all 0.
    const scores = perClassScores(
      confusionMatrix(['x', 'x', 'x', 'y'], ['x', 'y', 'y', 'y'], ['x', 'y', 'z']),
      ['x', 'y', 'z'],
    );
    expect(scores[0]).toMatchObject({ precision: 1, support: 3 });
    expect(scores[0]?.recall).toBeCloseTo(1 / 3, 12);
    expect(scores[0]?.f1).toBeCloseTo(0.5, 12);
    expect(scores[1]?.precision).toBeCloseTo(1 / 3, 12);
    expect(scores[1]?.f1).toBeCloseTo(0.5, 12);
    expect(scores[2]).toEqual({ label: 'z', precision: 0, recall: 0, f1: 0, support: 0 });
  });
});

describe('logLoss', () => {
  it('averages −log p of the true class', () => {
    // −(ln 0.8 + ln 0.5) / 2 = (0.22314355 + 0.69314718) / 2 = 0.45814537
    const loss = logLoss(
      ['a', 'b'],
      [
        [0.8, 0.2],
        [0.5, 0.5],
      ],
      ['a', 'b'],
    );
    expect(loss).toBeCloseTo(0.45814537, 8);
  });

  it('is ln 3 for uniform guesses over three classes', () => {
    expect(logLoss(['c'], [[1 / 3, 1 / 3, 1 / 3]], classes)).toBeCloseTo(Math.log(3), 12);
  });

  it('clips a zero probability to eps instead of returning Infinity', () => {
    expect(logLoss(['a'], [[0, 1]], ['a', 'b'])).toBeCloseTo(-Math.log(1e-15), 9);
    expect(logLoss(['a'], [[0, 1]], ['a', 'b'], 1e-3)).toBeCloseTo(-Math.log(1e-3), 12);
  });
});
