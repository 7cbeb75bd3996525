import { describe, expect, it } from 'vitest';
import { buildPenguinScenario, defaultSettingsFor } from './scenarios';
import { applySimulationForm, type SimulationFormInput } from './settings';

// Any full settings object will do as the starting point; use a scenario's real defaults.
const defaults = defaultSettingsFor('label-swap');

/** The field errors of a form that must be refused (throws, failing the test, if it is not). */
function refused(form: SimulationFormInput) {
  const result = applySimulationForm(defaults, form);
  if (result.ok) throw new Error('the form was accepted');
  return result.fieldErrors;
}

describe('applySimulationForm', () => {
  it('keeps the defaults when nothing is given', () => {
    expect(applySimulationForm(defaults, { text: {} })).toEqual({ ok: true, settings: defaults });
  });

  it('applies valid fields, percentages as shares, blanks as "none"', () => {
    const result = applySimulationForm(defaults, {
      text: {
        seed: ' 42 ',
        accuracyThreshold: '0.9',
        injectedErrorPercent: '12.5',
        injectedLatencyMs: '30',
        scheduleEvery: '',
        driftThreshold: '0.2',
        consecutiveLowWindows: '3',
      },
      driftTest: 'psi',
      retrainOnDataDrift: true,
      detectorAction: 'retrain',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings).toMatchObject({
      seed: 42,
      accuracyThreshold: 0.9,
      injectedErrorRate: 0.125,
      injectedLatencyMs: 30,
      scheduleEvery: null,
      driftThreshold: 0.2,
      consecutiveLowWindows: 3,
      driftTest: 'psi',
      retrainOnDataDrift: true,
      detectorAction: 'retrain',
    });
  });

  it('reports every bad field with a message, and never throws', () => {
    const fieldErrors = refused({
      text: {
        seed: '1.5',
        accuracyThreshold: 'high',
        injectedErrorPercent: '150',
        cooldown: '0x10',
        driftShare: '',
      },
    });
    expect(Object.keys(fieldErrors).sort()).toEqual(
      ['accuracyThreshold', 'cooldown', 'driftShare', 'injectedErrorPercent', 'seed'].sort(),
    );
    expect(fieldErrors.seed).toContain('whole number');
  });

  it('ignores an unknown test name or detector action', () => {
    const result = applySimulationForm(defaults, {
      text: {},
      driftTest: '<script>',
      detectorAction: 'explode',
    });
    expect(result).toEqual({ ok: true, settings: defaults });
  });

  it('matches the shape of the scenarios’ own defaults', () => {
    const scenario = buildPenguinScenario(
      'control',
      [
        {
          id: 0,
          species: 'Adelie',
          island: null,
          beakLengthMm: 39,
          beakDepthMm: 18,
          flipperLengthMm: 181,
          bodyMassG: 3750,
          sex: null,
        },
        {
          id: 1,
          species: 'Gentoo',
          island: null,
          beakLengthMm: 47,
          beakDepthMm: 15,
          flipperLengthMm: 215,
          bodyMassG: 5000,
          sex: null,
        },
        {
          id: 2,
          species: 'Chinstrap',
          island: null,
          beakLengthMm: 49,
          beakDepthMm: 18,
          flipperLengthMm: 195,
          bodyMassG: 3700,
          sex: null,
        },
      ],
      { seed: 7, length: 10 },
    );
    expect(Object.keys(scenario.defaults).sort()).toEqual(Object.keys(defaults).sort());
  });
});
