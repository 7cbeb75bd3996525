/**
 * Every prediction's correct option, held against the code the chapter is about: the answer key
 * is checked by running the lib, not by trusting the catalog.
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../api/app';
import { createFunctionPredictor } from '../api/predictor';
import { EXAMPLE_PENGUIN_FEATURES } from '../data/penguins';
import { simulateLayerCacheFromText } from '../docker/cache';
import { evaluateQualityGate } from '../cicd/quality-gate';
import { validateGitHubWorkflow } from '../cicd/github-validate';
import { simulateRun } from '../cicd/simulate';
import { EXERCISES, exerciseEntry } from './catalog';
import { penguinScenarioEvents, scalingP95Ms, SCALING_EXERCISE_FIELDS } from './expected-node';
import fixedWorkflow from './files/fixed-ci.yml?raw';
import type { ChoiceSpec, DockerfileSpec } from './types';

const choice = (chapter: string, id: string) => exerciseEntry(chapter, id) as ChoiceSpec;

describe('the catalog', () => {
  it('has 3 or 4 exercises per chapter, and every choice names known, distinct options', () => {
    expect(Object.keys(EXERCISES)).toHaveLength(5);
    for (const [chapter, entries] of Object.entries(EXERCISES)) {
      expect(Object.keys(entries).length, chapter).toBeGreaterThanOrEqual(3);
      expect(Object.keys(entries).length, chapter).toBeLessThanOrEqual(4);
      for (const entry of Object.values(entries)) {
        if (entry.kind !== 'choice') continue;
        const values = entry.options.map((o) => o.value);
        expect(new Set(values).size).toBe(values.length);
        expect(entry.correct.every((c) => values.includes(c))).toBe(true);
        if (!entry.multiple) expect(entry.correct).toHaveLength(1);
      }
    }
  });

  it('throws for an exercise a chapter names but the catalog lacks', () => {
    expect(() => exerciseEntry('02-docker', 'nope')).toThrow(/no exercise "nope"/);
  });
});

describe('answers checked against the libs', () => {
  it('ch2: a source edit after COPY . . rebuilds the COPY and the install, and nothing before', () => {
    const starter = (exerciseEntry('02-docker', 'fix-dockerfile') as DockerfileSpec).starter;
    const context = ['package.json', 'package-lock.json', 'dist-api/server.mjs'].map((path) => ({
      path,
      version: '1',
    }));
    const report = simulateLayerCacheFromText(starter, context, {
      changedPaths: ['dist-api/server.mjs'],
    });
    const status = (keyword: string, text: RegExp) => {
      const lines = starter.split('\n');
      const hit = report.instructions.find(
        (i) => i.keyword === keyword && text.test(lines[i.line - 1] ?? ''),
      );
      return hit?.status;
    };
    const spec = choice('02-docker', 'source-edit');
    const rebuilt = {
      from: status('FROM', /node:latest/),
      apt: status('RUN', /apt-get/),
      copy: status('COPY', /COPY \. \./),
      install: status('RUN', /npm ci/),
    };
    expect(rebuilt).toEqual({ from: 'hit', apt: 'hit', copy: 'rebuild', install: 'rebuild' });
    const expected = Object.entries(rebuilt)
      .filter(([, s]) => s === 'rebuild')
      .map(([k]) => k);
    expect(spec.correct).toEqual(expected);
  });

  it('ch3: a second replica at λ = 90 cuts p95 to less than a quarter', () => {
    const one = scalingP95Ms();
    const two = scalingP95Ms({ ...SCALING_EXERCISE_FIELDS, replicas: '2' });
    expect(two / one).toBeLessThan(0.25);
    expect(choice('03-cloud-apis', 'second-replica').correct).toEqual(['quarter']);
  });

  it('ch3: a request missing a field gets 422 from the API', async () => {
    const app = createApp({
      predictor: createFunctionPredictor((rows) => rows.map(() => [0.7, 0.2, 0.1]), {
        version: 'test',
        classes: ['Adelie', 'Chinstrap', 'Gentoo'],
      }),
    });
    const { body_mass_g: _dropped, ...instance } = EXAMPLE_PENGUIN_FEATURES;
    const response = await app.request('/v1/predict', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ instance }),
    });
    expect(String(response.status)).toBe(choice('03-cloud-apis', 'missing-field').correct[0]);
  });

  it('ch4: the gate blocks 0.957 against production 0.971 with tolerance 0.01', () => {
    const result = evaluateQualityGate({
      candidate: 0.957,
      production: 0.971,
      metric: 'accuracy',
      tolerance: 0.01,
    });
    expect(result.decision).toBe(choice('04-ci-cd', 'gate-decision').correct[0]);
  });

  it('ch4: in the fixed workflow, a failing lint step skips build', () => {
    const validation = validateGitHubWorkflow(fixedWorkflow);
    if (!validation.workflow) throw new Error('the worked solution does not parse');
    const run = simulateRun(validation.workflow, {
      event: { kind: 'push', branch: 'main', changedPaths: ['src/index.ts'] },
      failingSteps: [{ job: 'lint', step: 2 }],
    });
    const build = run.jobs.find((j) => j.id === 'build');
    expect(build?.status).toBe(choice('04-ci-cd', 'failed-lint').correct[0]);
  });

  it('ch5: the label swap raises no data-drift alert, and only labels reveal it', async () => {
    const events = await penguinScenarioEvents('label-swap', 7);
    expect(events.some((e) => e.kind === 'data-drift-alert')).toBe(false);
    // The concept change is found through labels: a DDM alarm after the swap at request 800.
    expect(events.some((e) => e.kind === 'detector-drift' && e.step > 800)).toBe(true);
    expect(choice('05-monitoring', 'label-swap').correct).toEqual(['no']);
    expect(choice('05-monitoring', 'concept-signals').correct).toEqual(['accuracy', 'ddm']);
  });
});
