import { describe, expect, it } from 'vitest';
import {
  evaluateExpression,
  isTruthy,
  parseExpression,
  toNumber,
  type EvaluationEnvironment,
  type ExpressionValue,
} from './expression';
import { evaluateCondition, interpolate } from './expression-template';

const pushToMain: EvaluationEnvironment = {
  contexts: {
    github: {
      event_name: 'push',
      ref: 'refs/heads/main',
      ref_name: 'main',
      event: { labels: [{ name: 'bug' }, { name: 'ci' }] },
    },
    needs: {
      build: { result: 'success', outputs: { image: 'ghcr.io/x:1' } },
      test: { result: 'failure', outputs: {} },
    },
  },
};

function value(text: string, env: EvaluationEnvironment = pushToMain): ExpressionValue {
  const parsed = parseExpression(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return evaluateExpression(parsed.node, env).value;
}

describe('parseExpression', () => {
  it('parses precedence: && binds tighter than ||, comparisons tighter than &&', () => {
    // false || (true && true) is true; (false || true) && false would be false.
    expect(value("1 == 2 || 'a' == 'a' && true")).toBe(true);
    expect(value('!(1 == 1)')).toBe(false);
    expect(value('!false && true')).toBe(true);
  });

  it('reports syntax errors as sentences with an offset instead of throwing', () => {
    // Offsets are where GitHub's parser stops: the token it could not use.
    const cases: Array<[string, RegExp, number]> = [
      ["github.ref == 'x' &&", /ends where a value was expected/, 18],
      ['(true', /ends where a value was expected/, 1],
      ['"double"', /single quotes/, 0],
      ["'open", /never closed/, 0],
      ['foo.bar', /`foo` is not a context GitHub knows/, 0],
      ['nosuch()', /`nosuch` is not a known function/, 0],
      ['contains(1)', /`contains` is given too few arguments/, 0],
      ['format()', /`format` is given too few arguments/, 0],
      ['success(1)', /`success` is given too many arguments/, 0],
      ['true true', /`true` is not expected here/, 5],
      ['', /empty/, 0],
      ['github # b', /character `#` is not allowed/, 7],
      ["github.ref ==\n  'a' &&", /ends where a value was expected/, 20],
    ];
    for (const [text, message, offset] of cases) {
      const parsed = parseExpression(text);
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) {
        expect(parsed.message, text).toMatch(message);
        expect(parsed.offset, text).toBe(offset);
      }
    }
  });

  it('notices status functions anywhere in the tree', () => {
    const uses = (text: string) => {
      const parsed = parseExpression(text);
      return parsed.ok && parsed.usesStatusFunction;
    };
    expect(uses('always()')).toBe(true);
    expect(uses("!cancelled() && needs.a.result == 'success'")).toBe(true);
    expect(uses("contains(format('{0}', failure()), 'x')")).toBe(true);
    expect(uses("github.ref == 'success()'")).toBe(false);
    expect(uses("hashFiles('a') != ''")).toBe(false);
  });
});

describe('evaluateExpression', () => {
  it('reads contexts, case-insensitively, with dots and brackets', () => {
    expect(value('github.ref')).toBe('refs/heads/main');
    expect(value('GitHub.Ref_Name')).toBe('main');
    expect(value("github['event_name']")).toBe('push');
    expect(value('needs.build.outputs.image')).toBe('ghcr.io/x:1');
    expect(value('github.event.labels.*.name')).toEqual(['bug', 'ci']);
  });

  it('compares strings ignoring case and coerces mismatched types to numbers (expressions reference)', () => {
    expect(value("github.ref == 'REFS/HEADS/MAIN'")).toBe(true);
    expect(value("'1' == 1")).toBe(true);
    expect(value('null == 0')).toBe(true);
    expect(value("'' == 0")).toBe(true);
    expect(value('true == 1')).toBe(true);
    expect(value("'abc' == 0")).toBe(false); // 'abc' → NaN
    expect(value("'abc' != 0")).toBe(true);
    expect(value('2 > 1')).toBe(true);
    expect(value("'b' > 'A'")).toBe(true);
    expect(value("'x' < 1")).toBe(false); // NaN in a relational comparison is false
    expect(value('0xff == 255')).toBe(true);
    expect(value('-2.5e1 < 0')).toBe(true);
  });

  it('returns operands from && and ||, as in the ternary idiom', () => {
    expect(value("github.ref == 'refs/heads/main' && 'production' || 'staging'")).toBe(
      'production',
    );
    expect(value("github.ref == 'refs/heads/dev' && 'production' || 'staging'")).toBe('staging');
  });

  it('implements the string functions case-insensitively', () => {
    expect(value("startsWith(github.ref, 'refs/heads/')")).toBe(true);
    expect(value("startswith(github.ref, 'REFS/TAGS/')")).toBe(false);
    expect(value("endsWith('Hello world', 'LD')")).toBe(true);
    expect(value("contains('Hello world', 'llo')")).toBe(true);
    expect(value("contains(github.event.labels.*.name, 'BUG')")).toBe(true);
    expect(value('contains(fromJSON(\'["push", "pull_request"]\'), github.event_name)')).toBe(true);
    expect(value("format('{0} {1}!', 'Hello', 'Mona')")).toBe('Hello Mona!');
    expect(value("format('{{x}} {0}', 1)")).toBe('{x} 1');
    expect(value("join(fromJSON('[1, 2]'), '-')")).toBe('1-2');
    expect(value('toJSON(fromJSON(\'{"a":1}\'))')).toBe('{\n  "a": 1\n}');
  });

  it('evaluates unknown properties and absent contexts to null, with a note', () => {
    const parsed = parseExpression('needs.deploy.result');
    if (!parsed.ok) throw new Error('parse');
    const result = evaluateExpression(parsed.node, pushToMain);
    expect(result.value).toBeNull();
    expect(result.notes[0]).toMatch(/needs\.deploy/);
    const vars = parseExpression('vars.REGION');
    if (!vars.ok) throw new Error('parse');
    expect(evaluateExpression(vars.node, pushToMain).notes[0]).toMatch(
      /`vars` context is not available/,
    );
  });

  it('answers status functions from the supplied state', () => {
    const failed: EvaluationEnvironment = {
      contexts: {},
      status: { success: false, failure: true, cancelled: false },
    };
    expect(value('success()', failed)).toBe(false);
    expect(value('failure()', failed)).toBe(true);
    expect(value('always()', failed)).toBe(true);
    expect(value('cancelled()', failed)).toBe(false);
    const cancelled: EvaluationEnvironment = {
      contexts: {},
      status: { success: true, failure: false, cancelled: true },
    };
    expect(value('success()', cancelled)).toBe(false);
    expect(value('!cancelled()', cancelled)).toBe(false);
  });
});

describe('truthiness and coercion', () => {
  it('follows the documented falsy values', () => {
    for (const falsy of [false, 0, -0, '', null, NaN]) expect(isTruthy(falsy)).toBe(false);
    for (const truthy of [true, 1, 'false', '0', [], {}]) expect(isTruthy(truthy)).toBe(true);
  });

  it('casts to numbers as the table says', () => {
    expect(toNumber(null)).toBe(0);
    expect(toNumber(true)).toBe(1);
    expect(toNumber('')).toBe(0);
    expect(toNumber(' 12.5 ')).toBe(12.5);
    expect(toNumber('1e3')).toBe(1000);
    // GitHub's evaluator parses strings as JavaScript numbers do, hexadecimal included.
    expect(toNumber('0x10')).toBe(16);
    expect(toNumber('abc')).toBeNaN();
    expect(toNumber([])).toBeNaN();
  });
});

describe('evaluateCondition', () => {
  const clean = { success: true, failure: false, cancelled: false };
  const afterFailure = { success: false, failure: true, cancelled: false };
  const env = (status = clean): EvaluationEnvironment => ({
    contexts: pushToMain.contexts,
    status,
  });

  it('defaults to success() when there is no condition', () => {
    expect(evaluateCondition(undefined, env()).run).toBe(true);
    expect(evaluateCondition(undefined, env(afterFailure)).run).toBe(false);
  });

  it('adds success() when the condition names no status function', () => {
    const result = evaluateCondition("github.ref == 'refs/heads/main'", env(afterFailure));
    expect(result.run).toBe(false);
    expect(result.effectiveExpression).toBe("success() && (github.ref == 'refs/heads/main')");
    expect(evaluateCondition("github.ref == 'refs/heads/main'", env()).run).toBe(true);
  });

  it('keeps the condition as written when it names a status function', () => {
    expect(evaluateCondition('${{ always() }}', env(afterFailure)).run).toBe(true);
    expect(evaluateCondition('failure()', env(afterFailure)).run).toBe(true);
    expect(
      evaluateCondition("always() && needs.build.result == 'success'", env(afterFailure)).run,
    ).toBe(true);
    expect(
      evaluateCondition("!cancelled() && needs.test.result == 'success'", env(afterFailure)).run,
    ).toBe(false);
  });

  it('accepts YAML booleans and unwraps ${{ }}', () => {
    expect(evaluateCondition(false, env()).run).toBe(false);
    expect(evaluateCondition(true, env()).run).toBe(true);
    expect(evaluateCondition("${{ startsWith(github.ref, 'refs/tags/v') }}", env()).run).toBe(
      false,
    );
  });

  it('flags text mixed with ${{ }} as always true', () => {
    const result = evaluateCondition("${{ github.ref == 'refs/heads/dev' }} && true", env());
    expect(result.run).toBe(true);
    expect(result.notes[0]).toMatch(/always true/);
  });

  it('reports a malformed condition as an error and does not run', () => {
    const result = evaluateCondition('github.ref ==', env());
    expect(result.run).toBe(false);
    expect(result.error).toMatch(/ends where a value was expected \(at character 12/);
  });

  it('does not run, and says why, when GitHub would fail evaluating the condition', () => {
    const result = evaluateCondition("fromJSON('nope')", env());
    expect(result.run).toBe(false);
    expect(result.error).toMatch(/`fromJSON` was given text that is not JSON/);
  });

  it('does not evaluate the rest after the implicit success() is false', () => {
    const result = evaluateCondition("fromJSON('nope')", env(afterFailure));
    expect(result).toMatchObject({ run: false, error: null, notes: [] });
  });
});

describe('interpolate', () => {
  it('fills in placeholders and keeps the type of a lone placeholder', () => {
    expect(
      interpolate('${{ github.workflow }}-${{ github.ref }}', {
        contexts: { github: { workflow: 'CI', ref: 'refs/heads/main' } },
      }).value,
    ).toBe('CI-refs/heads/main');
    expect(interpolate("${{ github.event_name == 'pull_request' }}", pushToMain).value).toBe(false);
    expect(interpolate('n=${{ 1.50 }}', pushToMain).value).toBe('n=1.5');
    expect(interpolate('plain', pushToMain).value).toBe('plain');
  });

  it('reports syntax and evaluation errors in placeholders', () => {
    expect(interpolate('ok ${{ github.ref }}', pushToMain).error).toBeNull();
    expect(interpolate('${{ github.ref == }}', pushToMain).error).toMatch(/ends where/);
    expect(interpolate('${{ github.ref', pushToMain).error).toMatch(/never closed/);
    expect(interpolate("a-${{ format('{1}', 'x') }}", pushToMain).error).toMatch(
      /placeholder without a matching argument/,
    );
  });
});

// The five expressions on which the hand-written evaluator differed from GitHub's (issue 12).
// The answers are what GitHub's own evaluator, @actions/expressions 0.3.61, gives.
describe("GitHub's answers where the hand-written evaluator differed", () => {
  it("'0x10' == 16 is true: a string is converted with JavaScript's Number, hexadecimal included", () => {
    expect(value("'0x10' == 16")).toBe(true);
  });

  it("'.5' == 0.5 is true: a number may start with its decimal point", () => {
    expect(value("'.5' == 0.5")).toBe(true);
  });

  it.each([
    [
      "format('{0', 1)",
      '`format` was given the invalid format string `{0`; GitHub fails the run here',
    ],
    ["fromJSON('nope')", '`fromJSON` was given text that is not JSON; GitHub fails the run here'],
  ])('%s is an error, not a value: GitHub fails the run', (text, message) => {
    const parsed = parseExpression(text);
    if (!parsed.ok) throw new Error(parsed.message);
    const result = evaluateExpression(parsed.node, pushToMain);
    expect(result.value).toBeNull();
    expect(result.error).toBe(message);
  });

  it('NaN is a number literal (not an unknown context), falsy and unequal to itself', () => {
    expect(value('NaN')).toBeNaN();
    expect(value('NaN == NaN')).toBe(false);
    expect(value('!NaN')).toBe(true);
  });
});
