import { describe, expect, it } from 'vitest';
import { SIMULATOR_DEFAULTS } from './form-defaults';
import { mmcTheory, offeredUtilization, parseSimulatorInput } from './scenario';

describe('SIMULATOR_DEFAULTS', () => {
  it('parses, and is the M/M/1 queue the chapter starts from: λ = 80/s, E[S] = 10 ms, ρ = 0.8', () => {
    const parsed = parseSimulatorInput(SIMULATOR_DEFAULTS);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.config).toMatchObject({
      seed: 1,
      arrivalRate: 80,
      replicas: 1,
      policy: 'round-robin',
      service: { kind: 'exponential', rate: 100 },
    });
    expect(parsed.config.autoscaler).toBeUndefined();
    expect(offeredUtilization(parsed.config)).toBeCloseTo(0.8, 12);
    const theory = mmcTheory(parsed.config);
    expect(theory.applies && theory.figures.model).toBe('M/M/1');
  });

  it('cannot be changed by the code that reads it', () => {
    expect(Object.isFrozen(SIMULATOR_DEFAULTS)).toBe(true);
    expect(Object.isFrozen(SIMULATOR_DEFAULTS.values)).toBe(true);
  });
});
