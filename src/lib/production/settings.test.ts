import { describe, expect, it } from 'vitest';
import { buildPenguinScenario } from './scenarios';
import { applySimulationForm, type SimulationSettings } from './settings';

const defaults: SimulationSettings = {
  seed: 7,
  batchSize: 20,
  labelDelay: 300,
  accuracyWindow: 100,
  driftWindow: 100,
  driftPersistence: 2,
  driftTest: 'auto',
  driftThreshold: null,
  driftShare: 0.5,
  accuracyThreshold: 0.8,
  consecutiveLowWindows: 2,
  retrainOnDataDrift: false,
  detectorAction: 'warn',
  scheduleEvery: null,
  minNewLabels: 200,
  cooldown: 400,
  retrainWindow: 200,
  holdoutFraction: 0.2,
  tolerance: 0,
  deployDelayTicks: 2,
  injectedErrorRate: 0,
  injectedLatencyMs: 0,
  serviceWindow: 200,
};

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
    const result = applySimulationForm(defaults, {
      text: {
        seed: '1.5',
        accuracyThreshold: 'high',
        injectedErrorPercent: '150',
        cooldown: '0x10',
        driftShare: '',
      },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors).sort()).toEqual(
      ['accuracyThreshold', 'cooldown', 'driftShare', 'injectedErrorPercent', 'seed'].sort(),
    );
    expect(result.fieldErrors.seed).toContain('whole number');
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
