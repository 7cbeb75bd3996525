/**
 * The scaling simulator's form as a reader first sees it: M/M/1 at λ = 80 requests/s with a 10 ms
 * mean service time (ρ = 0.8), round-robin, no autoscaler. The form's markup, the run the page is
 * built with, and the tests all start from these values.
 */
import type { SimulatorInput } from './scenario';

/** Every field of the form with its first value, and the choices beside them. */
export const SIMULATOR_DEFAULTS: Readonly<SimulatorInput> = Object.freeze({
  values: Object.freeze({
    seed: '1',
    arrivalRate: '80',
    serviceMeanMs: '10',
    overheadMs: '0',
    replicas: '1',
    serversPerReplica: '1',
    queueCapacity: '',
    duration: '60',
    warmup: '5',
    spikeFactor: '1',
    targetUtilization: '0.6',
    scaleInterval: '5',
    scaleUpDelay: '5',
    coldStart: '10',
    minReplicas: '1',
    maxReplicas: '8',
  }),
  policy: 'round-robin',
  serviceKind: 'exponential',
  autoscale: false,
  measuredMs: null,
});
