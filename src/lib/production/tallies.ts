/**
 * The counts behind chapter 5's build-time tables (PolicyComparison.astro): per retraining policy,
 * how many retrains ran, how many were swapped in and the accuracy over all labelled requests; and
 * over many seeds of the no-drift control, how often each alarm fired.
 */
import type { ProductionSimulation } from './engine';

/** What one finished run did with its retraining policy. */
export interface PolicyTally {
  /** Retrains that ran to the champion/challenger check (version 2 onwards). */
  retrains: number;
  /** Of those, the ones swapped in. */
  swappedIn: number;
  /** Correct / labelled over the whole run (NaN when nothing was labelled). */
  accuracy: number;
}

type FinishedRun = Pick<ProductionSimulation, 'events' | 'versions' | 'points'>;

/** Tallies one finished run for the policy table. */
export function tallyPolicyRun(run: FinishedRun): PolicyTally {
  const attempts = run.versions.filter((v) => v.version > 1);
  return {
    retrains: attempts.length,
    swappedIn: attempts.filter((v) => v.accepted).length,
    accuracy: run.points.at(-1)?.cumulativeAccuracy ?? Number.NaN,
  };
}

/** Alarms over many runs of a stream without drift. */
export interface ControlTally {
  runs: number;
  /** Runs with at least one data-drift alert. */
  alertRuns: number;
  /** Runs with at least one DDM drift alarm, and the alarms in all. */
  ddmRuns: number;
  ddmAlarms: number;
  /** Runs with at least one retrain, and the retrains in all. */
  retrainRuns: number;
  retrains: number;
}

/** Counts, over finished runs of the control, the runs where each alarm fired and their totals. */
export function tallyControlRuns(runs: readonly FinishedRun[]): ControlTally {
  const tally: ControlTally = {
    runs: runs.length,
    alertRuns: 0,
    ddmRuns: 0,
    ddmAlarms: 0,
    retrainRuns: 0,
    retrains: 0,
  };
  for (const run of runs) {
    if (run.events.some((e) => e.kind === 'data-drift-alert')) tally.alertRuns++;
    const alarms = run.events.filter((e) => e.kind === 'detector-drift').length;
    if (alarms > 0) tally.ddmRuns++;
    tally.ddmAlarms += alarms;
    const retrains = run.versions.length - 1;
    if (retrains > 0) tally.retrainRuns++;
    tally.retrains += retrains;
  }
  return tally;
}
