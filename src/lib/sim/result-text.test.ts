import { describe, expect, it } from 'vitest';
import type { SimulationResult } from './queueing';
import {
  barWidth,
  capacityLine,
  fixed,
  ms,
  rate,
  replicaShares,
  RESULT_ROWS,
  resultCells,
  theoryNote,
} from './result-text';
import { simulationConfig } from './scenario-fixtures';

// The chapter's default: M/M/1 with λ = 80 req/s and E[S] = 10 ms (μ = 100 s⁻¹), so ρ = 0.8.
const mm1 = simulationConfig({
  arrivalRate: 80,
  service: { kind: 'exponential', rate: 100 },
  duration: 60,
  warmup: 5,
  policy: 'round-robin',
});

/** A result with round, hand-picked figures (not a run), to check the words around them. */
function result(changes: Partial<SimulationResult> = {}): SimulationResult {
  return {
    window: { start: 5, end: 60 },
    simulatedTime: 60,
    events: 9_000,
    arrivals: 4_400,
    dropped: 11,
    completed: 4_389,
    dropRate: 0.0025,
    throughput: 79.8,
    latency: { mean: 0.05, p50: 0.0347, p95: 0.15, p99: 0.2303, max: 0.5 },
    meanWait: 0.04,
    meanInSystem: 3.96,
    meanInQueue: 3.17,
    utilization: 0.798,
    replicaUtilization: [0.798],
    meanReplicas: 1,
    timeSeries: [],
    replicaTimeline: [],
    ...changes,
  };
}

describe('number words', () => {
  it('prints rates, durations and fixed decimals, with a dash for what is not finite', () => {
    expect(rate(100)).toBe('100.0 req/s');
    expect(rate(2.5)).toBe('2.50 req/s');
    expect(rate(Infinity)).toBe('—');
    expect(ms(0.05)).toBe('50.0 ms');
    expect(ms(0.004)).toBe('4.00 ms');
    expect(fixed(4)).toBe('4.00');
    expect(fixed(0.8, 3)).toBe('0.800');
    expect(fixed(Number.NaN)).toBe('—');
    expect(barWidth(0.4567)).toBe('45.7%');
    expect(barWidth(1.2)).toBe('100.0%');
  });
});

describe('capacityLine', () => {
  it('gives c·k/E[S] = 1/0.010 s = 100 req/s and ρ = 80/100 for the default form', () => {
    expect(capacityLine(mm1)).toBe(
      'Capacity c·k/E[S] = 100.0 req/s at the starting replica count; offered load ρ = λ·E[S]/(c·k) = 0.800.',
    );
  });

  it('says the queue grows without bound once ρ ≥ 1 (λ = 120: ρ = 1.2)', () => {
    expect(capacityLine({ ...mm1, arrivalRate: 120 })).toMatch(
      /ρ = λ·E\[S\]\/\(c·k\) = 1\.200: more work arrives than the replicas can do/,
    );
  });
});

describe('resultCells', () => {
  it('has one pair of cells per table row, in the table order', () => {
    expect(Object.keys(resultCells(mm1, result()))).toEqual(RESULT_ROWS.map(([key]) => key));
  });

  it('puts M/M/1 theory beside the run, worked by hand for λ = 80, μ = 100', () => {
    const cells = resultCells(mm1, result());
    // Sojourn time is exponential with rate μ − λ = 20 s⁻¹: W = 1/20 s, p = −ln(1 − q)/20.
    expect(cells.throughput).toEqual(['79.8 req/s', '80.0 req/s']);
    expect(cells.mean).toEqual(['50.0 ms', '50.0 ms']);
    expect(cells.p50).toEqual(['34.7 ms', ms(Math.LN2 / 20)]);
    expect(ms(Math.LN2 / 20)).toBe('34.7 ms');
    expect(cells.p95[1]).toBe('149.8 ms'); // ln 20 / 20 = 0.14979 s
    expect(cells.p99[1]).toBe('230.3 ms'); // ln 100 / 20 = 0.23026 s
    expect(cells.wait).toEqual(['40.0 ms', '40.0 ms']); // Wq = ρ/(μ − λ) = 0.8/20 s
    expect(cells.dropped).toEqual(['11 of 4,400 (0.3%)', '0']);
    expect(cells.utilization).toEqual(['79.8%', '80.0%']);
    expect(cells.inSystem).toEqual(['3.96', '4.00']); // L = ρ/(1 − ρ)
  });

  it('leaves the theory column empty where M/M/c does not apply', () => {
    const capped = { ...mm1, queueCapacity: 5 };
    const cells = resultCells(capped, result());
    for (const [, theory] of Object.values(cells)) expect(theory).toBe('—');
    expect(theoryNote(capped, result())).toMatch(/^No theory column: /);
  });
});

describe('theoryNote', () => {
  it("names the model and checks Little's law: 79.8 req/s × 0.05 s = 3.99 against L = 3.96", () => {
    expect(theoryNote(mm1, result())).toBe(
      "Theory: M/M/1, steady state. Little's law check: throughput × mean latency = 3.99 requests, against the measured time-average L = 3.96.",
    );
  });

  it('says there is no steady state at ρ ≥ 1', () => {
    expect(theoryNote({ ...mm1, arrivalRate: 100 }, result())).toMatch(
      /^Theory: M\/M\/1, steady state does not exist \(ρ ≥ 1\): waits grow with the run length\./,
    );
  });
});

describe('replicaShares', () => {
  it('lists the starting replicas, idle or not, and only the started extra slots', () => {
    const shares = replicaShares(
      { ...mm1, replicas: 2 },
      result({ replicaUtilization: [0.5, 0, 0.25, 0] }),
    );
    expect(shares).toEqual([
      { replica: 1, share: 0.5 },
      { replica: 2, share: 0 },
      { replica: 3, share: 0.25 },
    ]);
  });
});
