/**
 * Fuzz of the exercises' answer fields (issue 15): generated texts through the checkers the
 * page calls. A number field gets a worded message or a verdict; a fix-this-file field (the
 * Dockerfile of chapter 2, the workflow of chapter 4) gets a verdict or a message, with a line
 * number inside the file when one is named; stored progress in any shape reads back as a valid
 * map. Nothing throws.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { fuzzSuite, type FuzzAssert } from '../fuzz';
import { exerciseEntry } from './catalog';
import { checkDockerfileAnswer, checkWorkflowAnswer } from './files';
import { checkNumberAnswer, parseNumberAnswer } from './number';
import { parseProgress, serializeProgress } from './progress';
import {
  MAX_FILE_ANSWER,
  MAX_NUMBER_ANSWER,
  type AnswerUnit,
  type CheckResult,
  type DockerfileSpec,
  type NumberSpec,
  type WorkflowSpec,
} from './types';

/** Generated answers per field kind; the report quotes these counts. */
export const FUZZ_RUNS = {
  numberText: 600,
  numberValue: 300,
  dockerfile: 250,
  workflow: 250,
  progress: 300,
} as const;

const UNITS: readonly AnswerUnit[] = ['percent', 'ms', 'count'];

/** Bad or extreme one-line texts: junk, unicode, number look-alikes, huge strings. */
const oddText = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.double().map(String),
  fc.constantFrom(
    '',
    '  ',
    '\t\n',
    'NaN',
    'Infinity',
    '-0',
    '1e3',
    '١٢',
    '97.3 %%',
    '0x10',
    '1,00',
  ),
  fc.integer({ min: MAX_NUMBER_ANSWER - 2, max: 100_000 }).map((n) => '9'.repeat(n)),
);

/** A reader's edit of a starter file: lines dropped, duplicated or replaced with junk. */
function editedFile(starter: string): fc.Arbitrary<string> {
  const lines = starter.split('\n');
  const edit = fc.tuple(
    fc.nat(lines.length - 1),
    fc.constantFrom('drop', 'twice', 'junk'),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
  );
  return fc.array(edit, { minLength: 1, maxLength: 8 }).map((edits) => {
    const out = [...lines];
    for (const [at, kind, junk] of edits) {
      const i = Math.min(at, out.length - 1);
      if (kind === 'drop') out.splice(i, 1);
      else if (kind === 'twice') out.splice(i, 0, out[i] ?? '');
      else out[i] = junk;
    }
    return out.join('\n');
  });
}

/** Whole-file answers: edits of the starter, random text, malformed structure, over the limit. */
function fileAnswers(starter: string, malformed: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    editedFile(starter),
    fc.string({ maxLength: 400 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.constantFrom('', ' \n\t', ...malformed),
    fc.integer({ min: 0, max: 5000 }).map((n) => starter + 'x'.repeat(MAX_FILE_ANSWER + n)),
  );
}

/** What every file check must give: a message, a line inside the file, a field error for size. */
function expectFileVerdict(text: string, result: CheckResult): void {
  expect(result.message.length).toBeGreaterThan(0);
  if (text.trim() === '' || text.length > MAX_FILE_ANSWER) {
    expect(result).toMatchObject({ correct: false, fieldError: true });
  }
  if (result.line !== undefined) {
    expect(result.line).toBeGreaterThanOrEqual(1);
    expect(result.line).toBeLessThanOrEqual(text.split('\n').length + 1);
  }
}

/** Texts in a number field: a message at the field or a verdict */
function numberTexts(assert: FuzzAssert): void {
  assert(
    fc.property(oddText, fc.constantFrom(...UNITS), (text, unit) => {
      const spec: NumberSpec = {
        kind: 'number',
        expected: 0.5,
        tolerance: 1,
        unit,
        readFrom: 'x',
      };
      const result = checkNumberAnswer(spec, text);
      expect(result.message.length).toBeGreaterThan(0);
      if (text.length > MAX_NUMBER_ANSWER || text.trim() === '') {
        expect(result).toMatchObject({ correct: false, fieldError: true });
      }
      if (!result.fieldError) expect(parseNumberAnswer(text, unit).ok).toBe(true);
    }),
    { numRuns: FUZZ_RUNS.numberText },
  );
}

/** Numbers written as a reader would are read back exactly */
function numberValues(assert: FuzzAssert): void {
  // Oracle: the value the text was written from, in milliseconds (no unit conversion).
  assert(
    fc.property(fc.integer({ min: -9_999_999, max: 9_999_999 }), fc.nat(3), (n, places) => {
      const value = n / 10 ** places;
      const parsed = parseNumberAnswer(`${value.toFixed(places)} ms`, 'ms');
      expect(parsed).toEqual({ ok: true, value: Number(value.toFixed(places)) });
    }),
    { numRuns: FUZZ_RUNS.numberValue },
  );
}

/** Runs `check` on generated whole-file answers built from `starter` and `malformed` texts. */
function fileAnswerProperty(
  assert: FuzzAssert,
  starter: string,
  malformed: readonly string[],
  check: (text: string) => Promise<CheckResult>,
  numRuns: number,
): Promise<void> {
  return Promise.resolve(
    assert(
      fc.asyncProperty(fileAnswers(starter, malformed), async (text) => {
        expectFileVerdict(text, await check(text));
      }),
      { numRuns },
    ),
  );
}

/** Dockerfile answers: a verdict or a message, never a throw */
function dockerfileAnswers(assert: FuzzAssert): Promise<void> {
  const spec = exerciseEntry('02-docker', 'fix-dockerfile') as DockerfileSpec;
  const malformed = [
    'FROM',
    'RUN \\',
    'FROM a AS\nCOPY --from= . .',
    'ONBUILD ONBUILD RUN x',
    '\\\n\\\n',
  ];
  const check = (text: string) => checkDockerfileAnswer(spec, text);
  return fileAnswerProperty(assert, spec.starter, malformed, check, FUZZ_RUNS.dockerfile);
}

/** Workflow answers: a verdict or a message, never a throw */
function workflowAnswers(assert: FuzzAssert): Promise<void> {
  const spec = exerciseEntry('04-ci-cd', 'fix-workflow') as WorkflowSpec;
  const malformed = [
    'on: [push',
    'jobs:\n  a:\n    needs: [a]',
    ': :',
    '- - -',
    '{{ }}',
    'jobs: &a\n  b: *a',
  ];
  const check = (text: string) => checkWorkflowAnswer(spec, text);
  return fileAnswerProperty(assert, spec.starter, malformed, check, FUZZ_RUNS.workflow);
}

/** Stored progress documents in any shape read back as a valid map */
function storedProgress(assert: FuzzAssert): void {
  const stored = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.jsonValue().map((solved) => JSON.stringify({ version: 1, solved })),
    fc
      .dictionary(fc.string({ maxLength: 100 }), fc.array(fc.jsonValue(), { maxLength: 5 }))
      .map((solved) => JSON.stringify({ version: 1, solved })),
  );
  assert(
    fc.property(stored, (text) => {
      const solved = parseProgress(text);
      for (const [chapter, ids] of Object.entries(solved)) {
        expect(chapter.length).toBeGreaterThan(0);
        expect(Array.isArray(ids)).toBe(true);
        for (const id of ids) expect(typeof id).toBe('string');
        expect(new Set(ids).size).toBe(ids.length);
      }
      // What the store writes back reads back the same.
      expect(parseProgress(serializeProgress(solved))).toEqual(solved);
    }),
    { numRuns: FUZZ_RUNS.progress },
  );
}

const { describe, it, tests } = fuzzSuite();

describe('exercise answers fuzz', () => {
  it(
    `${FUZZ_RUNS.numberText} texts in a number field: a message at the field or a verdict`,
    numberTexts,
  );
  it(
    `${FUZZ_RUNS.numberValue} numbers written as a reader would are read back exactly`,
    numberValues,
  );
  it(
    `${FUZZ_RUNS.dockerfile} Dockerfile answers: a verdict or a message, never a throw`,
    dockerfileAnswers,
  );
  it(
    `${FUZZ_RUNS.workflow} workflow answers: a verdict or a message, never a throw`,
    workflowAnswers,
  );
  it(
    `${FUZZ_RUNS.progress} stored progress documents in any shape read back as a valid map`,
    storedProgress,
  );
});

/** The properties above, for answers.fuzz.test.ts and the fuzz bench. */
export const FUZZ_TESTS = tests;
