/**
 * Test helpers: the chapter 3 simulator form as a reader first sees it (SIMULATOR_DEFAULTS) with
 * changes, for the scenario unit and fuzz tests (and the fuzz bench), so they all start from the
 * same valid form; and one small valid simulation for the queueing and report tests to change.
 */
import { SIMULATOR_DEFAULTS } from './form-defaults';
import type { AutoscalerConfig, SimulationConfig } from './queueing';
import type { SimulatorField, SimulatorInput } from './scenario';

/**
 * The autoscaler the default form asks for when autoscaling is on, in seconds, worked out by hand
 * from SIMULATOR_DEFAULTS (the scale-down stabilization is three 5 s intervals).
 */
export const FORM_AUTOSCALER: Readonly<AutoscalerConfig> = Object.freeze({
  targetUtilization: 0.6,
  interval: 5,
  scaleUpDelay: 5,
  coldStart: 10,
  minReplicas: 1,
  maxReplicas: 8,
  scaleDownStabilization: 15,
});

/** The default form (round-robin, exponential service, no autoscaler) with some fields changed. */
export function simulatorInput(
  changes: Partial<Record<SimulatorField, string>> = {},
  rest: Partial<SimulatorInput> = {},
): SimulatorInput {
  return { ...SIMULATOR_DEFAULTS, values: { ...SIMULATOR_DEFAULTS.values, ...changes }, ...rest };
}

/**
 * A small valid simulation (λ = 1 s⁻¹ into one exponential server of rate 1 s⁻¹, random routing,
 * 10 s, seed 1) with `changes` applied: a test names only what it studies.
 */
export function simulationConfig(changes: Partial<SimulationConfig> = {}): SimulationConfig {
  return {
    seed: 1,
    arrivalRate: 1,
    duration: 10,
    service: { kind: 'exponential', rate: 1 },
    replicas: 1,
    policy: 'random',
    ...changes,
  };
}
