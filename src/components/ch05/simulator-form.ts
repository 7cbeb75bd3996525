/**
 * The production simulator's form, as data for `Field.astro` (used at build time by
 * ProductionSimulator.astro): the settings groups with their labels, starting values and limits.
 */
import { SCENARIO_IDS, SCENARIOS, type ScenarioId } from '../../lib/production/scenarios';
import {
  DRIFT_TEST_CHOICES,
  SETTING_MAX_LENGTH,
  type SimulationSettings,
} from '../../lib/production/settings';

/** Props of one `Field.astro`. */
export interface FieldProps {
  id: string;
  name: string;
  label: string;
  kind?: 'text' | 'select' | 'checkbox';
  value?: string;
  options?: { value: string; label: string; selected?: boolean }[];
  inputmode?: 'decimal' | 'numeric';
  maxlength?: number;
  size?: number;
  class?: string;
}

const TEST_NAMES: Record<string, string> = {
  auto: 'Evidently’s default choice',
  ks: 'Kolmogorov–Smirnov (p-value)',
  wasserstein: 'normed Wasserstein (distance)',
  psi: 'PSI (distance)',
  jensenshannon: 'Jensen–Shannon (distance)',
};

/** The top row: scenario, seed and speed. */
export function mainFields(id: string, first: SimulationSettings): FieldProps[] {
  const choices = (ids: readonly ScenarioId[]) =>
    ids.map((s) => ({ value: s, label: SCENARIOS[s].title }));
  return [
    {
      id: `${id}-scenario`,
      name: 'scenario',
      label: 'Scenario',
      kind: 'select',
      class: 'sim-wide',
      options: choices(SCENARIO_IDS),
    },
    {
      id: `${id}-seed`,
      name: 'seed',
      label: 'Seed',
      value: String(first.seed),
      inputmode: 'numeric',
      maxlength: SETTING_MAX_LENGTH,
      size: 8,
    },
    {
      id: `${id}-speed`,
      name: 'speed',
      label: 'Speed',
      kind: 'select',
      options: [
        { value: '2', label: '2 ticks per second' },
        { value: '8', label: '8 ticks per second', selected: true },
        { value: '30', label: '30 ticks per second' },
        { value: '0', label: 'As fast as possible' },
      ],
    },
  ];
}

/** The folded settings: policy, drift detection and injected faults. */
export function settingGroups(
  id: string,
  first: SimulationSettings,
): { legend: string; fields: FieldProps[] }[] {
  const text = (name: string, label: string, value: string): FieldProps => ({
    id: `${id}-${name}`,
    name,
    label,
    value,
    inputmode: 'decimal',
    maxlength: SETTING_MAX_LENGTH,
    size: 8,
  });
  const select = (
    name: string,
    label: string,
    options: NonNullable<FieldProps['options']>,
  ): FieldProps => ({
    id: `${id}-${name}`,
    name,
    label,
    kind: 'select',
    options,
  });
  return [
    {
      legend: 'Retraining policy',
      fields: [
        text('accuracyThreshold', 'Accuracy threshold (0–1)', String(first.accuracyThreshold)),
        text('consecutiveLowWindows', 'Low windows in a row', String(first.consecutiveLowWindows)),
        text('minNewLabels', 'Minimum new labels', String(first.minNewLabels)),
        text('cooldown', 'Cooldown (requests)', String(first.cooldown)),
        text('scheduleEvery', 'Scheduled retrain every (requests, empty = never)', ''),
        select('detectorAction', 'A DDM drift alarm', [
          { value: 'warn', label: 'only warns' },
          { value: 'retrain', label: 'triggers a retrain' },
        ]),
        {
          id: `${id}-retrainOnDataDrift`,
          name: 'retrainOnDataDrift',
          label: 'A data-drift alert triggers a retrain',
          kind: 'checkbox',
        },
      ],
    },
    {
      legend: 'Drift detection',
      fields: [
        select(
          'driftTest',
          'Test for every column',
          DRIFT_TEST_CHOICES.map((t) => ({ value: t, label: TEST_NAMES[t] ?? t })),
        ),
        text('driftThreshold', 'Drift threshold (empty = the test’s default)', ''),
        text('driftShare', 'Drifted-column share for data-set drift', String(first.driftShare)),
      ],
    },
    {
      legend: 'Injected faults (can change while it runs; labelled as injected)',
      fields: [
        text('injectedErrorPercent', 'Injected failures (% of requests)', '0'),
        text('injectedLatencyMs', 'Injected delay (mean ms per request)', '0'),
      ],
    },
  ];
}
