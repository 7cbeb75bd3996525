import fc from 'fast-check';
import { expect } from 'vitest';
import { parseExpression } from './expression';
import { evaluateCondition, interpolate } from './expression-template';
import { compileFilterPattern, matchFilterList } from './filter-pattern';
import { checkCronExpression } from './cron';
import { validateGitHubWorkflow } from './github-validate';
import { validateGitLabPipeline } from './gitlab';
import { simulateRun } from './simulate';
import { readYaml } from './yaml-source';
import { fuzzSuite, textFrom } from '../fuzz';
import { YAML_PUNCTUATION } from './yaml-fuzz-fragments';

// Fragments that, shuffled together, make plausible and broken workflow text.
const fragments = [
  'on: push\n',
  'on:\n  push:\n    branches: [main]\n',
  'jobs:\n',
  '  build:\n',
  '    runs-on: x\n',
  '    steps:\n',
  '      - run: a\n',
  '      - uses: a/b@v1\n',
  '    needs: [build]\n',
  '    if: ${{ always() }}\n',
  '  deploy:\n',
  '    environment: production\n',
  'permissions: read-all\n',
  ...YAML_PUNCTUATION,
  '*',
  '!!str ',
  'concurrency: ${{ github.ref }}\n',
  '    timeout-minutes: -1\n',
];
const workflowish = fc
  .array(fc.constantFrom(...fragments), { maxLength: 40 })
  .map((parts) => parts.join(''));

const { describe, it, tests } = fuzzSuite();

describe('parsers never throw', () => {
  it('readYaml and both validators survive arbitrary text', (assert) => {
    assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), workflowish), (text) => {
        expect(() => readYaml(text)).not.toThrow();
        const github = validateGitHubWorkflow(text);
        for (const d of github.diagnostics) {
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.column).toBeGreaterThanOrEqual(1);
          expect(d.message.length).toBeGreaterThan(0);
        }
        expect(() => validateGitLabPipeline(text)).not.toThrow();
        if (github.workflow) {
          expect(() =>
            simulateRun(github.workflow as NonNullable<typeof github.workflow>, {
              event: { kind: 'push', branch: 'main' },
            }),
          ).not.toThrow();
        }
      }),
      { numRuns: 400, seed: 20240404 },
    );
  });

  it('validators survive arbitrary JSON-shaped documents', (assert) => {
    assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const text = JSON.stringify(value) ?? 'null';
        expect(() => validateGitHubWorkflow(text)).not.toThrow();
        expect(() =>
          validateGitHubWorkflow(JSON.stringify({ on: 'push', jobs: { a: value } })),
        ).not.toThrow();
        expect(() => validateGitLabPipeline(JSON.stringify({ a: value }))).not.toThrow();
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('expressions, patterns and cron strings never throw', (assert) => {
    const exprish = textFrom(
      [...'ab.()[]!=<>&|\'", 0x1e-*_ ${}', 'github', 'needs', 'success()', '&&', '||'],
      { maxLength: 30 },
    );
    assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), exprish), (text) => {
        expect(() => parseExpression(text)).not.toThrow();
        expect(() => evaluateCondition(text, { contexts: { github: { ref: 'x' } } })).not.toThrow();
        expect(() => interpolate(text, { contexts: {} })).not.toThrow();
        expect(() => compileFilterPattern(text)).not.toThrow();
        expect(() => matchFilterList([text, `!${text}`], 'main')).not.toThrow();
        expect(() => checkCronExpression(text)).not.toThrow();
      }),
      { numRuns: 1000, seed: 11 },
    );
  });
});

/** The properties above, for the unit test beside this file and the fuzz bench. */
export const FUZZ_TESTS = tests;
