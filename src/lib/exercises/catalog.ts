/**
 * Every exercise's answer data, by chapter slug and id. The questions, hints and worked solutions
 * are prose in the chapters; what the page checks lives here, so unit tests can hold each answer
 * against the code it is about (catalog.test.ts). Number answers name a build-time computation
 * (`source`) instead of a value: the component asks expected-node.ts for it when the page is built.
 */
import type { AnswerUnit, ChoiceOption, ExerciseSpec } from './types';
import brokenDockerfile from './files/broken-api.Dockerfile?raw';
import brokenWorkflow from './files/broken-ci.yml?raw';

/** Build-time computations a number exercise can take its expected value from. */
export type ExpectedSource =
  'ch1-default-accuracy' | 'ch3-p95-ms' | 'ch4-candidate-accuracy' | 'ch5-first-drift-alert';

/** A number exercise before its expected value is filled in at build time. */
export interface PendingNumber {
  kind: 'number';
  source: ExpectedSource;
  tolerance: number;
  unit: AnswerUnit;
  readFrom: string;
}

/** A catalog entry: a complete spec, or a number waiting for its computed value. */
export type CatalogEntry = Exclude<ExerciseSpec, { kind: 'number' }> | PendingNumber;

const single = (options: ChoiceOption[], correct: string): CatalogEntry => ({
  kind: 'choice',
  multiple: false,
  options,
  correct: [correct],
});
const several = (options: ChoiceOption[], correct: string[]): CatalogEntry => ({
  kind: 'choice',
  multiple: true,
  options,
  correct,
});

/** The exercises of each chapter, in page order. */
export const EXERCISES: Readonly<Record<string, Readonly<Record<string, CatalogEntry>>>> = {
  '01-model-deployment': {
    'default-accuracy': {
      kind: 'number',
      source: 'ch1-default-accuracy',
      tolerance: 0.05,
      unit: 'percent',
      readFrom: 'the held-out accuracy under step 2 after Train with the default settings',
    },
    'seed-change': single(
      [
        {
          value: 'identical',
          label: 'Byte-identical to the published file',
          feedback:
            'the seed decides the train/test split and the starting weights, so the trained weights differ, and so do the bytes that store them.',
        },
        {
          value: 'differs',
          label: 'A valid ONNX file whose weights, and so bytes, differ',
          feedback:
            'another seed draws another split and other starting weights; the file is just as valid, it stores other numbers.',
        },
        {
          value: 'invalid',
          label: 'A file onnxruntime-web cannot load',
          feedback:
            'the seed changes numbers, not the graph: the same operators in the same order, so any ONNX runtime still loads it.',
        },
      ],
      'differs',
    ),
    'code-on-load': several(
      [
        {
          value: 'pickle',
          label: 'pickle.load on a .pkl file',
          feedback:
            'a pickle can import any global and call it while it loads (the GLOBAL and REDUCE opcodes).',
        },
        {
          value: 'joblib',
          label: 'joblib.load on a .joblib file',
          feedback:
            'joblib stores Python objects with pickle underneath, so it runs the same opcodes.',
        },
        {
          value: 'onnx',
          label: 'onnxruntime loading a .onnx file',
          feedback:
            'an ONNX file is a graph of standard operators; loading it cannot import or call Python code.',
        },
      ],
      ['pickle', 'joblib'],
    ),
  },
  '02-docker': {
    'fix-dockerfile': {
      kind: 'dockerfile',
      starter: brokenDockerfile,
      mustKeep: [
        {
          pattern: String.raw`^\s*RUN\b.*\bnpm\s+ci\b`,
          describe: 'install its packages with `npm ci`',
        },
        {
          pattern: String.raw`^\s*CMD\b.*server\.mjs`,
          describe: 'start `dist-api/server.mjs` with `CMD`',
        },
      ],
    },
    'source-edit': several(
      [
        {
          value: 'from',
          label: 'FROM node:latest',
          feedback: 'the base image is keyed on its reference, which did not change: a cache hit.',
        },
        {
          value: 'apt',
          label: 'RUN apt-get update && apt-get install -y curl',
          feedback: 'the RUN text and every step before it are unchanged: a cache hit.',
        },
        {
          value: 'copy',
          label: 'COPY . .',
          feedback: 'it copies the whole context, and one of its files changed.',
        },
        {
          value: 'install',
          label: 'RUN npm ci --omit=dev',
          feedback:
            'its text is unchanged, but the step before it missed, and a miss invalidates every later step.',
        },
      ],
      ['copy', 'install'],
    ),
    'removed-container': several(
      [
        {
          value: 'layer',
          label: "The container's writable layer",
          feedback: 'docker rm deletes the writable layer with the container.',
        },
        {
          value: 'volume',
          label: 'A named volume',
          feedback: 'a named volume lives apart from any container until docker volume rm.',
        },
        {
          value: 'bind',
          label: 'A bind mount of a host folder',
          feedback: 'the file was written to the host folder itself.',
        },
      ],
      ['volume', 'bind'],
    ),
  },
  '03-cloud-apis': {
    'p95-latency': {
      kind: 'number',
      source: 'ch3-p95-ms',
      tolerance: 0.5,
      unit: 'ms',
      readFrom: 'the p95 latency row, Simulated column (not M/M/c theory), with λ = 90',
    },
    'second-replica': single(
      [
        {
          value: 'quarter',
          label: 'It falls to less than a quarter of its value',
          feedback:
            'with two replicas each one runs at ρ = 0.45 instead of 0.9, and waiting time grows like 1/(1 − ρ): far from saturation, queues almost vanish.',
        },
        {
          value: 'half',
          label: 'It halves, since each replica gets half the traffic',
          feedback:
            'latency is not proportional to load: near ρ = 1 it grows like 1/(1 − ρ), so halving ρ from 0.9 removes most of the queueing.',
        },
        {
          value: 'same',
          label: 'It stays about the same, since the service time is unchanged',
          feedback:
            'the service time is the same, but at ρ = 0.9 most of the latency is time spent waiting in the queue, and that is what a second replica removes.',
        },
      ],
      'quarter',
    ),
    'missing-field': single(
      [
        {
          value: '400',
          label: '400 Bad Request',
          feedback: 'the body is well-formed JSON; 400 is for JSON that cannot be read.',
        },
        {
          value: '415',
          label: '415 Unsupported Media Type',
          feedback: 'the Content-Type is application/json, which the API accepts.',
        },
        {
          value: '422',
          label: '422 Unprocessable Content',
          feedback:
            'the JSON is readable but breaks the schema, and the problem document names the missing field.',
        },
        {
          value: '500',
          label: '500 Internal Server Error',
          feedback:
            'validation runs before the model, so a bad request never reaches code that could fail.',
        },
      ],
      '422',
    ),
  },
  '04-ci-cd': {
    'fix-workflow': {
      kind: 'workflow',
      starter: brokenWorkflow,
      jobs: ['lint', 'test', 'build'],
      needs: [
        ['test', 'lint'],
        ['build', 'test'],
      ],
    },
    'candidate-accuracy': {
      kind: 'number',
      source: 'ch4-candidate-accuracy',
      tolerance: 0.05,
      unit: 'percent',
      readFrom:
        'the gate\'s "Candidate accuracy" after training with seed 42, 5 epochs and learning rate 0.1',
    },
    'gate-decision': single(
      [
        {
          value: 'deploy',
          label: 'Deploy: the candidate is only a little worse',
          feedback:
            'a little worse is allowed only within the tolerance, and 0.014 is more than 0.01.',
        },
        {
          value: 'block',
          label: 'Block: the candidate is worse by more than the tolerance',
          feedback: 'the threshold is 0.971 − 0.01 = 0.961, and 0.957 does not reach it.',
        },
        {
          value: 'first',
          label: 'Deploy: a new candidate always replaces production',
          feedback:
            'the gate compares the candidate with production on the same held-out data, and blocks a worse one.',
        },
      ],
      'block',
    ),
    'failed-lint': single(
      [
        {
          value: 'runs',
          label: 'It runs, because it needs only `test`, not `lint`',
          feedback:
            '`test` needs `lint`, so it does not run; `build` needs `test`, which did not succeed, so `build` does not run either.',
        },
        {
          value: 'skipped',
          label: 'It is skipped',
          feedback:
            'a job runs only when every job it needs succeeded: `test` is skipped because `lint` failed, and `build` is skipped because `test` did not succeed.',
        },
        {
          value: 'fails',
          label: 'It fails',
          feedback: 'a job that never started has not failed: it is marked skipped.',
        },
      ],
      'skipped',
    ),
  },
  '05-monitoring': {
    'first-alert': {
      kind: 'number',
      source: 'ch5-first-drift-alert',
      tolerance: 0,
      unit: 'count',
      readFrom: 'the log line that starts “Data-drift alert”, in the unit-bug scenario with seed 7',
    },
    'label-swap': single(
      [
        {
          value: 'yes',
          label: 'Yes, soon after request 800',
          feedback:
            'the swap changes the labels, not the inputs, and the drift test only sees inputs.',
        },
        {
          value: 'no',
          label: 'No: the inputs do not change',
          feedback:
            'concept drift changes P(y | x) and leaves P(x) alone, so a test on the inputs has nothing to find.',
        },
      ],
      'no',
    ),
    'concept-signals': several(
      [
        {
          value: 'input',
          label: 'A drift test on the input columns',
          feedback: 'the inputs keep their distribution under concept drift.',
        },
        {
          value: 'accuracy',
          label: 'Accuracy on requests whose labels have arrived',
          feedback: 'labels show that the answers are now wrong.',
        },
        {
          value: 'ddm',
          label: 'A DDM detector on the error stream',
          feedback:
            'DDM watches the error rate, which needs labels and rises when the concept changes.',
        },
      ],
      ['accuracy', 'ddm'],
    ),
  },
};

/** The catalog entry for `chapter`/`id`; throws at build time when a chapter names an unknown one. */
export function exerciseEntry(chapter: string, id: string): CatalogEntry {
  const entry = EXERCISES[chapter]?.[id];
  if (!entry) throw new Error(`no exercise "${id}" in chapter "${chapter}"`);
  return entry;
}
