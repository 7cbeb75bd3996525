/**
 * Fuzz of every input of the production simulator through the functions the page calls
 * (issue 15): each settings text field through applySimulationForm, the menus through the same
 * function and parseLogFilter. A bad input gets a message at its field; a good one the exact value.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { parseLogFilter } from './log';
import { defaultSettingsFor } from './scenarios';
import {
  applySimulationForm,
  DRIFT_TEST_CHOICES,
  type EditableSetting,
  SETTING_MAX_LENGTH,
} from './settings';
import { fuzzSuite } from '../fuzz';

/** Generated inputs per widget input, as reported in the closing note. */
export const FUZZ_RUNS = {
  seed: 300,
  accuracyThreshold: 250,
  consecutiveLowWindows: 250,
  minNewLabels: 250,
  cooldown: 250,
  scheduleEvery: 250,
  driftThreshold: 250,
  driftShare: 250,
  injectedErrorPercent: 250,
  injectedLatencyMs: 250,
  menus: 300,
  logFilter: 200,
} as const;

const defaults = defaultSettingsFor('unit-bug');

// The fields' documented ranges, written out here rather than read from the module under test.
const RANGES: Record<EditableSetting, { min: number; max: number; int: boolean; blank: boolean }> =
  {
    seed: { min: 0, max: 4_294_967_295, int: true, blank: false },
    accuracyThreshold: { min: 0, max: 1, int: false, blank: false },
    consecutiveLowWindows: { min: 1, max: 20, int: true, blank: false },
    minNewLabels: { min: 10, max: 100_000, int: true, blank: false },
    cooldown: { min: 0, max: 100_000, int: true, blank: false },
    scheduleEvery: { min: 50, max: 100_000, int: true, blank: true },
    driftThreshold: { min: 0, max: 10, int: false, blank: true },
    driftShare: { min: 0.01, max: 1, int: false, blank: false },
    injectedErrorPercent: { min: 0, max: 100, int: false, blank: false },
    injectedLatencyMs: { min: 0, max: 1000, int: false, blank: false },
  };

// Bad and extreme text: empty, whitespace, huge, tiny, negative, NaN, hex, unicode, 100k chars.
const extremes = fc.constantFrom(
  '',
  '   ',
  '\t\n',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-0',
  '5e-324',
  '0x10',
  '1_000',
  '١٢٣',
  '１２',
  '7\u0000',
  '½',
  'seven',
  '<b>1</b>',
  '9'.repeat(400),
  '1'.repeat(100_000),
  ' '.repeat(100_000),
  '4294967296',
  '-1',
  '0.5.5',
  '1e',
  '.',
  '+.5',
);
const numeric = fc.oneof(
  fc.double({ noNaN: false }).map(String),
  fc.integer({ min: -1e6, max: 1e10 }).map(String),
  fc.double({ min: -2, max: 2 }).map((x) => x.toFixed(3)),
  fc.double({ min: 0, max: 200_000 }).map((x) => ` ${x.toPrecision(6)} `),
);
const anyText = fc.oneof(
  extremes,
  numeric,
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
);

/** The value a field must take for `text`, or null when the text must be refused. */
function expected(key: EditableSetting, text: string): { value: number | null } | null {
  const r = RANGES[key];
  if (text.length > SETTING_MAX_LENGTH) return null;
  const t = text.trim();
  if (t === '') return r.blank ? { value: null } : null;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return null;
  const v = Number(t);
  if (!Number.isFinite(v) || v < r.min || v > r.max || (r.int && !Number.isInteger(v))) return null;
  return { value: v };
}

function settingOf(key: EditableSetting, settings: Record<string, unknown>): unknown {
  if (key === 'injectedErrorPercent') return (settings['injectedErrorRate'] as number) * 100;
  return settings[key];
}

const { describe, it, tests } = fuzzSuite();

describe('every settings field, fuzzed through applySimulationForm', () => {
  for (const key of Object.keys(RANGES) as EditableSetting[]) {
    it(`${key}: ${FUZZ_RUNS[key]} inputs, a message at the field or the exact value`, (assert) => {
      assert(
        fc.property(anyText, (text) => {
          const result = applySimulationForm(defaults, { text: { [key]: text } });
          const want = expected(key, text);
          if (want === null) {
            expect(result.ok).toBe(false);
            if (result.ok) return;
            expect(Object.keys(result.fieldErrors)).toEqual([key]);
            expect(result.fieldErrors[key]).toMatch(/^[A-Z][^:]*: .+\.$/);
          } else {
            expect(result.ok).toBe(true);
            if (!result.ok) return;
            const got = settingOf(key, result.settings as unknown as Record<string, unknown>);
            if (want.value === null) expect(got).toBeNull();
            else expect(got).toBeCloseTo(want.value, 9);
          }
        }),
        { numRuns: FUZZ_RUNS[key] },
      );
    });
  }

  it('says a 100,000-character entry is too long, naming the field', () => {
    const result = applySimulationForm(defaults, { text: { cooldown: '1'.repeat(100_000) } });
    expect(result).toEqual({
      ok: false,
      fieldErrors: { cooldown: `Cooldown: at most ${SETTING_MAX_LENGTH} characters.` },
    });
  });

  it(`menus: ${FUZZ_RUNS.menus} inputs, unknown values keep the defaults`, (assert) => {
    assert(
      fc.property(
        fc.oneof(fc.string(), fc.constantFrom(...DRIFT_TEST_CHOICES, 'warn', 'retrain', '')),
        fc.oneof(fc.string(), fc.constantFrom('warn', 'retrain')),
        fc.boolean(),
        (driftTest, detectorAction, retrainOnDataDrift) => {
          const result = applySimulationForm(defaults, {
            text: {},
            driftTest,
            detectorAction,
            retrainOnDataDrift,
          });
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          const known = (DRIFT_TEST_CHOICES as readonly string[]).includes(driftTest);
          expect(result.settings.driftTest).toBe(known ? driftTest : defaults.driftTest);
          expect(result.settings.detectorAction).toBe(
            detectorAction === 'warn' || detectorAction === 'retrain'
              ? detectorAction
              : defaults.detectorAction,
          );
          expect(result.settings.retrainOnDataDrift).toBe(retrainOnDataDrift);
        },
      ),
      { numRuns: FUZZ_RUNS.menus },
    );
  });

  it(`log filter: ${FUZZ_RUNS.logFilter} inputs, unknown values show everything`, (assert) => {
    assert(
      fc.property(
        fc.oneof(fc.string(), fc.constantFrom('all', 'key', 'detectors', 'service')),
        (v) => {
          const f = parseLogFilter(v);
          expect(f).toBe(['all', 'key', 'detectors', 'service'].includes(v) ? v : 'all');
        },
      ),
      { numRuns: FUZZ_RUNS.logFilter },
    );
  });
});

/** The properties above, for the unit test beside this file and the fuzz bench. */
export const FUZZ_TESTS = tests;
