/**
 * Settings of the production simulator, and the validation of the reader's text fields into them.
 * Every count is in requests (one stream row is one request); for the weather scenario one
 * request is one day.
 */
import type { DriftTestName } from '../drift/detect';

/** Which drift test every column runs: Evidently's automatic choice, or one test for all. */
export type DriftTestChoice = 'auto' | DriftTestName;

/** The drift tests the reader can pick, in menu order. */
export const DRIFT_TEST_CHOICES: readonly DriftTestChoice[] = [
  'auto',
  'ks',
  'wasserstein',
  'psi',
  'jensenshannon',
];

/** What a concept-drift detector alarm does. */
export type DetectorAction = 'warn' | 'retrain';

/** Everything that shapes one simulation run. */
export interface SimulationSettings {
  /** Seed of the stream resampling, injected failures and delays, and retraining. */
  seed: number;
  /** Requests served per tick (one `predictBatch` call). */
  batchSize: number;
  /** The true label of request t arrives with request t + labelDelay. */
  labelDelay: number;
  /** Labelled requests per accuracy window (tumbling windows feed the policy). */
  accuracyWindow: number;
  /** Requests per drift check: each check compares the last `driftWindow` requests with the reference. */
  driftWindow: number;
  /** A column raises a data-drift alert after drifting in this many checks in a row. */
  driftPersistence: number;
  /** Test for every column. */
  driftTest: DriftTestChoice;
  /** Threshold for every column; null keeps each test's Evidently default. */
  driftThreshold: number | null;
  /** Share of drifted columns at which the whole data set counts as drifted (Evidently: 0.5). */
  driftShare: number;
  /** Closed accuracy windows below this are "low". */
  accuracyThreshold: number;
  /** Low windows in a row that trigger a retrain. */
  consecutiveLowWindows: number;
  /** Whether a data-drift alert also triggers a retrain (otherwise it only alerts). */
  retrainOnDataDrift: boolean;
  /** Whether a DDM drift alarm triggers a retrain or only warns. */
  detectorAction: DetectorAction;
  /** Retrain every this many requests regardless of signals; null: never. */
  scheduleEvery: number | null;
  /** Labels needed since the last retrain before the next one may start. */
  minNewLabels: number;
  /** Requests after a retrain during which no new one starts. */
  cooldown: number;
  /** Most recent labelled requests used for a retrain (training plus holdout). */
  retrainWindow: number;
  /** Share of that window, the most recent part, held out for the champion/challenger check. */
  holdoutFraction: number;
  /** The challenger replaces the champion when its holdout accuracy ≥ champion's − tolerance. */
  tolerance: number;
  /** Ticks between the trigger and the swap (training and export happen meanwhile). */
  deployDelayTicks: number;
  /** Share of requests that fail on purpose (injected), 0–1. */
  injectedErrorRate: number;
  /** Mean extra latency added to every request on purpose (injected), in ms. */
  injectedLatencyMs: number;
  /** Requests per latency and error-rate window. */
  serviceWindow: number;
}

/** Field names of the reader-editable settings, as the widget's inputs are named. */
export type EditableSetting =
  | 'seed'
  | 'accuracyThreshold'
  | 'consecutiveLowWindows'
  | 'driftThreshold'
  | 'driftShare'
  | 'minNewLabels'
  | 'cooldown'
  | 'scheduleEvery'
  | 'injectedErrorPercent'
  | 'injectedLatencyMs';

/** The reader's raw inputs: text fields, a test choice and two switches. */
export interface SimulationFormInput {
  text: Partial<Record<EditableSetting, string>>;
  driftTest?: string;
  retrainOnDataDrift?: boolean;
  detectorAction?: string;
}

/** Validated settings, or one message per bad field (written for display beside the field). */
export type SimulationFormResult =
  | { ok: true; settings: SimulationSettings }
  | { ok: false; fieldErrors: Partial<Record<EditableSetting, string>> };

interface NumberRule {
  min: number;
  max: number;
  integer: boolean;
  /** Empty text allowed, meaning null. */
  blankIsNull?: boolean;
  message: string;
}

const RULES: Record<EditableSetting, NumberRule> = {
  seed: {
    min: 0,
    max: 4_294_967_295,
    integer: true,
    message: 'Seed: a whole number from 0 to 4294967295.',
  },
  accuracyThreshold: {
    min: 0,
    max: 1,
    integer: false,
    message: 'Accuracy threshold: a number from 0 to 1, e.g. 0.8.',
  },
  consecutiveLowWindows: {
    min: 1,
    max: 20,
    integer: true,
    message: 'Low windows: a whole number from 1 to 20.',
  },
  driftThreshold: {
    min: 0,
    max: 10,
    integer: false,
    blankIsNull: true,
    message: 'Drift threshold: a number from 0 to 10, or empty for the test’s default.',
  },
  driftShare: {
    min: 0.01,
    max: 1,
    integer: false,
    message: 'Drift share: a number above 0 and at most 1.',
  },
  minNewLabels: {
    min: 10,
    max: 100_000,
    integer: true,
    message: 'Minimum new labels: a whole number from 10 to 100000.',
  },
  cooldown: {
    min: 0,
    max: 100_000,
    integer: true,
    message: 'Cooldown: a whole number from 0 to 100000.',
  },
  scheduleEvery: {
    min: 50,
    max: 100_000,
    integer: true,
    blankIsNull: true,
    message: 'Schedule: a whole number from 50 to 100000, or empty for no schedule.',
  },
  injectedErrorPercent: {
    min: 0,
    max: 100,
    integer: false,
    message: 'Injected errors: a percentage from 0 to 100.',
  },
  injectedLatencyMs: {
    min: 0,
    max: 1000,
    integer: false,
    message: 'Injected delay: a number of ms from 0 to 1000.',
  },
};

// A plain decimal number; Number('') is 0 and Number('0x10') is 16, which a reader would not mean.
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Longest text a settings field accepts (the inputs carry the same `maxlength`). */
export const SETTING_MAX_LENGTH = 40;

/** The field's name as its messages start ("Seed", "Cooldown", …). */
function fieldName(rule: NumberRule): string {
  return rule.message.slice(0, rule.message.indexOf(':'));
}

function parseRule(text: string | undefined, rule: NumberRule): { value: number | null } | null {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return rule.blankIsNull ? { value: null } : null;
  if (!DECIMAL.test(trimmed)) return null;
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value < rule.min || value > rule.max) return null;
  if (rule.integer && !Number.isInteger(value)) return null;
  return { value };
}

/**
 * Applies the reader's fields to a scenario's default settings. Blank optional fields mean "none"
 * (schedule) or "the test's default" (drift threshold); every other field must hold a number in
 * range. Never throws.
 */
export function applySimulationForm(
  defaults: SimulationSettings,
  input: SimulationFormInput,
): SimulationFormResult {
  const fieldErrors: Partial<Record<EditableSetting, string>> = {};
  const values: Partial<Record<EditableSetting, number | null>> = {};
  for (const key of Object.keys(RULES) as EditableSetting[]) {
    const text = input.text[key];
    if (text === undefined) continue;
    if (text.length > SETTING_MAX_LENGTH) {
      fieldErrors[key] = `${fieldName(RULES[key])}: at most ${SETTING_MAX_LENGTH} characters.`;
      continue;
    }
    const parsed = parseRule(text, RULES[key]);
    if (parsed === null) fieldErrors[key] = RULES[key].message;
    else values[key] = parsed.value;
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  const settings: SimulationSettings = { ...defaults };
  // Fields that hold the setting of the same name: copied when the reader typed a number.
  const sameName = [
    'seed',
    'accuracyThreshold',
    'consecutiveLowWindows',
    'driftShare',
    'minNewLabels',
    'cooldown',
    'injectedLatencyMs',
  ] as const satisfies readonly (EditableSetting & keyof SimulationSettings)[];
  for (const key of sameName) {
    const value = values[key];
    if (typeof value === 'number') settings[key] = value;
  }
  // Blank means "none" (schedule) or "the test's default" (drift threshold).
  if ('driftThreshold' in values) settings.driftThreshold = values.driftThreshold ?? null;
  if ('scheduleEvery' in values) settings.scheduleEvery = values.scheduleEvery ?? null;
  const errorPercent = values.injectedErrorPercent;
  if (typeof errorPercent === 'number') settings.injectedErrorRate = errorPercent / 100;
  if (input.driftTest !== undefined) {
    const choice = DRIFT_TEST_CHOICES.find((c) => c === input.driftTest);
    if (choice !== undefined) settings.driftTest = choice;
  }
  if (input.retrainOnDataDrift !== undefined)
    settings.retrainOnDataDrift = input.retrainOnDataDrift;
  if (input.detectorAction === 'warn' || input.detectorAction === 'retrain') {
    settings.detectorAction = input.detectorAction;
  }
  return { ok: true, settings };
}
