/**
 * Fuzzing the pipeline playground's inputs (issue 15): every field of the widget, fed generated
 * bad and extreme text, through the same src/lib functions the page calls, in the same order.
 * Each input must give a sentence for the reader or a correct result, and never throw.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { MAX_NUMBER_CHARS, readCandidateFields, readTolerance } from './candidate';
import { playbackFrames } from './playback';
import {
  PLAYGROUND_LIMITS,
  checkRefName,
  describeRun,
  layoutJobGraph,
  offsetOfPosition,
  parseChangedPaths,
  qualityGateSteps,
  stepChoices,
} from './playground';
import { readEventFields, readWorkflowText, type EventKind } from './playground-input';
import { simulateConcurrentRuns, simulateRun } from './simulate';
import { decideTrigger } from './triggers';
import { evaluateQualityGate } from './quality-gate';
import { fuzzSuite } from '../fuzz';
import { YAML_PUNCTUATION } from './yaml-fuzz-fragments';

/** Generated inputs per field (the counts the closing note reports). */
export const FUZZ_RUNS = {
  yamlRandom: 300,
  yamlMalformed: 300,
  yamlUnicode: 200,
  yamlHuge: 200,
  refNames: 400,
  paths: 300,
  seedEpochsRate: 300,
  tolerance: 300,
} as const;

const TRIGGERS = {
  push: { branches: ['main'], tags: ['v*'] },
  pullRequest: {},
  workflowDispatch: true,
  schedules: ['0 3 * * *'],
  otherEvents: [],
};
const KINDS: EventKind[] = ['push', 'pull_request', 'tag', 'workflow_dispatch', 'schedule'];

/** Everything the page does with editor text, as the session does it. */
function analyseLikeThePage(text: string): void {
  const reading = readWorkflowText(text);
  if (!reading.ok) {
    expect(reading.tooLong).toMatch(/^The workflow can be at most 20,000 characters/);
    expect(text.length).toBeGreaterThan(PLAYGROUND_LIMITS.workflow);
    return;
  }
  const { validation } = reading;
  expect(validation.ok).toBe(!validation.diagnostics.some((d) => d.severity === 'error'));
  for (const d of validation.diagnostics) {
    expect(d.message.trim().length).toBeGreaterThan(0);
    const offset = offsetOfPosition(text, d.line, d.column);
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(offset).toBeLessThanOrEqual(text.length);
  }
  if (!validation.ok || !validation.workflow || !validation.graph) return;
  const { workflow, graph } = validation;
  for (const width of [320, 720]) {
    const layout = layoutJobGraph(graph, undefined, width);
    expect(layout.nodes).toHaveLength(graph.waves.flat().length);
    expect(layout.width <= width || layout.columns === 1).toBe(true);
  }
  stepChoices(workflow);
  const gateSteps = qualityGateSteps(workflow);
  for (const kind of KINDS) {
    const options = {
      event: { kind, branch: 'main', baseBranch: 'main', tag: 'v1.0.0' },
      failingSteps: gateSteps,
      protectedEnvironments: ['production'],
    };
    const run = simulateRun(workflow, options);
    expect(describeRun(run).length).toBeGreaterThan(0);
    expect(playbackFrames(run).at(-1)?.statuses.size).toBe(run.jobs.length);
    simulateConcurrentRuns(workflow, options, options);
  }
}

// Pieces of workflow text that, shuffled, make plausible and broken YAML.
const fragments = [
  'name: x\n',
  'on: push\n',
  'on:\n  push:\n    tags: [v*]\n    paths: [src/**]\n',
  'on:\n  pull_request:\n    branches: [main, "!x"]\n',
  'on:\n  schedule:\n    - cron: "0 3 * * *"\n',
  "concurrency:\n  group: ${{ github.ref }}\n  cancel-in-progress: ${{ github.event_name == 'pull_request' }}\n",
  'jobs:\n',
  '  a:\n    runs-on: x\n    steps:\n      - run: npx tsx scripts/quality-gate.ts\n',
  '  b:\n    needs: a\n    runs-on: x\n    environment: production\n    steps:\n      - uses: a/b@v1\n',
  '  c:\n    needs: [a, b]\n    if: ${{ always() }}\n    runs-on: x\n    steps:\n      - run: c\n',
  '    needs: [c]\n',
  "    if: startsWith(github.ref, 'refs/tags/v')\n",
  ...YAML_PUNCTUATION,
  '!!binary ',
  '...\n',
  '%YAML 1.2\n',
  '<<: *a\n',
  '? ',
  '|\n',
  '>-\n',
  '\u0000',
  '\ufeff',
];
const malformed = fc.array(fc.constantFrom(...fragments), { maxLength: 60 }).map((p) => p.join(''));

const { describe, it, tests } = fuzzSuite();

describe('the workflow editor (YAML) never throws', () => {
  it(`random text: ${FUZZ_RUNS.yamlRandom} inputs`, (assert) => {
    assert(fc.property(fc.string({ maxLength: 400 }), analyseLikeThePage), {
      numRuns: FUZZ_RUNS.yamlRandom,
      seed: 404,
    });
  });

  it(`malformed YAML from workflow fragments: ${FUZZ_RUNS.yamlMalformed} inputs`, (assert) => {
    assert(fc.property(malformed, analyseLikeThePage), {
      numRuns: FUZZ_RUNS.yamlMalformed,
      seed: 4040,
    });
  });

  it(`unicode (astral planes, combining marks, RTL) in keys and values: ${FUZZ_RUNS.yamlUnicode} inputs`, (assert) => {
    const unicode = fc.string({ unit: 'grapheme', maxLength: 40 });
    assert(
      fc.property(unicode, unicode, (key, value) => {
        analyseLikeThePage(
          `on: push\njobs:\n  ${key}:\n    runs-on: ${value}\n    steps:\n      - run: ${value}\n`,
        );
        analyseLikeThePage(`${value}: ${key}\n`);
      }),
      { numRuns: FUZZ_RUNS.yamlUnicode, seed: 41 },
    );
  });

  it(`huge text, up to 100,000 characters: ${FUZZ_RUNS.yamlHuge} inputs`, (assert) => {
    const huge = fc
      .tuple(fc.constantFrom(...fragments, 'x', 'é', '😀'), fc.integer({ min: 1, max: 100_000 }))
      .map(([piece, length]) => piece.repeat(Math.ceil(length / piece.length)).slice(0, length));
    assert(fc.property(huge, analyseLikeThePage), { numRuns: FUZZ_RUNS.yamlHuge, seed: 42 });
  }, 120_000);
});

describe('the event fields never throw', () => {
  const refLike = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc
      .array(fc.constantFrom('a', '/', '.', '..', '@{', '-', '~', ' ', '\t', 'lock', '\\', '*'), {
        maxLength: 20,
      })
      .map((p) => p.join('')),
    fc.constant('x'.repeat(100_000)),
  );

  it(`branch, base and tag names: ${FUZZ_RUNS.refNames} inputs`, (assert) => {
    assert(
      fc.property(refLike, fc.constantFrom(...KINDS), (name, kind) => {
        for (const refKind of ['branch', 'tag'] as const) {
          const problem = checkRefName(name, refKind);
          if (problem === null) {
            // Accepted names follow git's rules that the message list promises.
            expect(name.length).toBeGreaterThan(0);
            expect(name.length).toBeLessThanOrEqual(PLAYGROUND_LIMITS.ref);
            expect(name).not.toMatch(/[\s~^:?*[\\]|\.\.|@\{|^-|\.$|^\/|\/$|\/\//);
          } else expect(problem.length).toBeGreaterThan(0);
        }
        const reading = readEventFields({ kind, branch: name, base: name, tag: name, paths: '' });
        if (reading.ok)
          expect(decideTrigger(TRIGGERS, reading.event).reasons.length).toBeGreaterThan(0);
        else expect(Object.values(reading.errors).every((m) => m.length > 0)).toBe(true);
      }),
      { numRuns: FUZZ_RUNS.refNames, seed: 5 },
    );
  });

  it(`changed files: ${FUZZ_RUNS.paths} inputs`, (assert) => {
    const pathLike = fc.oneof(
      fc.string({ maxLength: 500 }),
      fc
        .array(fc.constantFrom('src', '/', '.', '..', '*', '\\', '\n', '\r\n', ' ', 'é', '😀'), {
          maxLength: 40,
        })
        .map((p) => p.join('')),
      fc.integer({ min: 4_000, max: 100_000 }).map((n) => 'a/b\n'.repeat(n).slice(0, n)),
    );
    assert(
      fc.property(pathLike, (text) => {
        const reading = parseChangedPaths(text);
        if (reading.ok) {
          for (const path of reading.paths ?? []) {
            expect(path).toBe(path.trim());
            expect(path).not.toMatch(/^\/|\\|\*/);
          }
          const decision = decideTrigger(
            { ...TRIGGERS, push: { paths: ['src/**'] } },
            {
              kind: 'push',
              branch: 'main',
              ...(reading.paths ? { changedPaths: reading.paths } : {}),
            },
          );
          expect(decision.reasons.length).toBeGreaterThan(0);
        } else {
          expect(reading.problems.length).toBeGreaterThan(0);
          for (const p of reading.problems) expect(p.message).toMatch(/^(Line \d+: |The list)/);
        }
      }),
      { numRuns: FUZZ_RUNS.paths, seed: 6 },
    );
  });
});

describe('the number fields never throw', () => {
  const numberLike = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.double().map(String),
    fc.integer().map(String),
    fc.constantFrom(
      '',
      ' ',
      'NaN',
      'Infinity',
      '-Infinity',
      '-0',
      '1e308',
      '1e-320',
      '0x10',
      '１２',
    ),
    fc.string({ unit: 'grapheme', maxLength: 10 }),
    fc.constant('9'.repeat(100_000)),
  );

  it(`seed, epochs and learning rate: ${FUZZ_RUNS.seedEpochsRate} inputs`, (assert) => {
    assert(
      fc.property(numberLike, numberLike, numberLike, (seed, epochs, learningRate) => {
        const reading = readCandidateFields({ seed, epochs, learningRate });
        if (reading.ok) {
          const s = reading.settings;
          expect(Number.isInteger(s.seed) && Number.isInteger(s.epochs)).toBe(true);
          expect(s.epochs).toBeGreaterThanOrEqual(1);
          expect(s.epochs).toBeLessThanOrEqual(5000);
          expect(Number.isFinite(s.learningRate) && s.learningRate > 0).toBe(true);
          for (const text of [seed, epochs, learningRate])
            expect(text.length).toBeLessThanOrEqual(MAX_NUMBER_CHARS);
        } else {
          const messages = Object.values(reading.fieldErrors);
          expect(messages.length).toBeGreaterThan(0);
          for (const m of messages) expect(m).toMatch(/^(Seed|Epochs|Learning rate) /);
        }
      }),
      { numRuns: FUZZ_RUNS.seedEpochsRate, seed: 7 },
    );
  });

  it(`tolerance: ${FUZZ_RUNS.tolerance} inputs`, (assert) => {
    assert(
      fc.property(numberLike, (text) => {
        const reading = readTolerance(text);
        if (reading.ok) {
          expect(reading.value).toBeGreaterThanOrEqual(0);
          expect(reading.value).toBeLessThanOrEqual(1);
          const gate = evaluateQualityGate({
            candidate: 0.9,
            production: 0.95,
            metric: 'accuracy',
            tolerance: reading.value,
          });
          expect(gate.decision).toBe(0.9 >= 0.95 - reading.value - 1e-9 ? 'deploy' : 'block');
        } else expect(reading.message).toMatch(/^Tolerance /);
      }),
      { numRuns: FUZZ_RUNS.tolerance, seed: 8 },
    );
  });
});

/** The properties above, for the unit test beside this file and the fuzz bench. */
export const FUZZ_TESTS = tests;
