/**
 * The chapter's multivariate drift table: a domain classifier (src/lib/drift/domain-classifier.ts)
 * run on windows of the simulator's own scenarios. Each window is compared with the rows the
 * deployed model was trained on, the scenario's first drift reference, so the table shows what
 * the classifier sees in abrupt, gradual and recurring drift, and what it cannot see.
 */
import { domainClassifierDrift, type DomainClassifierResult } from '../drift/domain-classifier';
import { PENGUIN_STREAM_DEFAULTS, type ProductionScenario, type ScenarioId } from './scenarios';

/** A window of a scenario's stream, compared with the scenario's training rows. */
export interface DomainWindow {
  /** Scenario the window comes from. */
  scenario: ScenarioId;
  /** Reader-facing description of the window. */
  label: string;
  /** First and one-past-last request index in the stream. */
  from: number;
  to: number;
}

/** Penguin windows: the 300 requests after the change at request 800. */
const PENGUIN_WINDOW = {
  from: PENGUIN_STREAM_DEFAULTS.changeAt,
  to: PENGUIN_STREAM_DEFAULTS.changeAt + 300,
};

/** Seasonal windows, as date ranges [from, to) of the served days. */
export const SEASONAL_DOMAIN_WINDOWS: readonly { label: string; from: string; to: string }[] = [
  { label: 'September–November 2012', from: '2012-09-01', to: '2012-12-01' },
  { label: 'December 2012–February 2013', from: '2012-12-01', to: '2013-03-01' },
  { label: 'June–August 2013', from: '2013-06-01', to: '2013-09-01' },
  { label: 'December 2013–February 2014', from: '2013-12-01', to: '2014-03-01' },
  { label: 'June–August 2014', from: '2014-06-01', to: '2014-09-01' },
];

/** The windows of one scenario that the chapter's table shows. */
export function domainWindowsFor(scenario: ProductionScenario): DomainWindow[] {
  const id = scenario.info.id;
  if (id !== 'seasonal') {
    const what =
      id === 'unit-bug'
        ? 'body mass in kilograms'
        : id === 'label-swap'
          ? 'Adelie and Chinstrap labels swapped'
          : 'nothing changed';
    return [
      {
        scenario: id,
        label: `requests ${PENGUIN_WINDOW.from}–${PENGUIN_WINDOW.to - 1} (${what})`,
        ...PENGUIN_WINDOW,
      },
    ];
  }
  return SEASONAL_DOMAIN_WINDOWS.map((w) => {
    const from = scenario.stream.findIndex((r) => r.date >= w.from);
    const end = scenario.stream.findIndex((r) => r.date >= w.to);
    if (from < 0) throw new RangeError(`no served day from ${w.from}`);
    return { scenario: id, label: w.label, from, to: end < 0 ? scenario.stream.length : end };
  });
}

/** The domain-classifier result of one window against the scenario's training rows. */
export function domainCheck(
  scenario: ProductionScenario,
  window: DomainWindow,
): DomainClassifierResult {
  const current = scenario.stream.slice(window.from, window.to).map((r) => r.x);
  return domainClassifierDrift(scenario.training.x, current);
}
