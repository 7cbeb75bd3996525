/**
 * The scaling simulator's form, as data for `Field.astro` (read at build time by
 * ScalingSimulator.astro): labels quote the bounds the parser in src/lib/sim/scenario enforces,
 * and the values are SIMULATOR_DEFAULTS, the run the page prints before the widget runs one.
 */
import { ROUTING_POLICIES } from '../../lib/sim/queueing';
import {
  MAX_FIELD_CHARS,
  POLICY_LABELS,
  SIMULATOR_BOUNDS,
  type SimulatorField,
} from '../../lib/sim/scenario';
import { SIMULATOR_DEFAULTS } from '../../lib/sim/form-defaults';

/** The props one simulator text field passes to Field.astro. */
export interface SimulatorFieldProps {
  id: string;
  name: SimulatorField;
  label: string;
  value: string;
  inputmode: 'decimal' | 'numeric';
  maxlength: number;
  hint?: string;
}

const b = SIMULATOR_BOUNDS;
const range = (name: Exclude<SimulatorField, 'queueCapacity'>) => `${b[name].min}–${b[name].max}`;
const field = (
  name: SimulatorField,
  label: string,
  extra: { hint?: string; integer?: boolean } = {},
): SimulatorFieldProps => ({
  id: `ss-${name}`,
  name,
  label,
  value: SIMULATOR_DEFAULTS.values[name],
  inputmode: extra.integer ? 'numeric' : 'decimal',
  maxlength: MAX_FIELD_CHARS,
  ...(extra.hint ? { hint: extra.hint } : {}),
});

/** Arrival rate, spike, duration, warm-up and seed. */
export const TRAFFIC_FIELDS = [
  field('arrivalRate', `Arrival rate λ (requests/s, ${range('arrivalRate')})`),
  field('spikeFactor', `λ multiplier from half-time (${range('spikeFactor')}; 1 = none)`),
  field('duration', `Simulated seconds (${range('duration')})`),
  field('warmup', 'Warm-up seconds, not measured'),
  field('seed', 'Seed (whole number)', { integer: true }),
];
/** Mean service time and fixed overhead. */
export const SERVICE_FIELDS = [
  field('serviceMeanMs', `Mean service time (ms, ${range('serviceMeanMs')})`),
  field('overheadMs', 'Fixed overhead per request (ms)', {
    hint: 'Network, TLS, serialization: added to every service time.',
  }),
];
/** Replicas, concurrency per replica and the queue cap. */
export const REPLICA_FIELDS = [
  field('replicas', `Replicas c (${range('replicas')})`, { integer: true }),
  field('serversPerReplica', `Concurrent requests per replica k (${range('serversPerReplica')})`, {
    integer: true,
  }),
  field('queueCapacity', 'Queue cap per replica (empty = no limit)', { integer: true }),
];
/** The autoscaler's settings. */
export const SCALER_FIELDS = [
  field('targetUtilization', `Target utilization (${range('targetUtilization')})`),
  field('scaleInterval', 'Evaluate every (s)'),
  field('scaleUpDelay', 'Scale-up delay (s)'),
  field('coldStart', 'Cold start (s)'),
  field('minReplicas', 'Min replicas', { integer: true }),
  field('maxReplicas', 'Max replicas', { integer: true }),
];
const TEXT_FIELDS = [...TRAFFIC_FIELDS, ...SERVICE_FIELDS, ...REPLICA_FIELDS, ...SCALER_FIELDS];
/** Every text field's name, in form order. */
export const SIMULATOR_FIELDS: SimulatorField[] = TEXT_FIELDS.map((f) => f.name);

/** The routing-policy select. */
export const POLICY_FIELD = {
  id: 'ss-policy',
  name: 'policy',
  label: 'Routing policy',
  kind: 'select' as const,
  options: ROUTING_POLICIES.map((p) => ({ value: p, label: POLICY_LABELS[p] })),
  value: SIMULATOR_DEFAULTS.policy,
};
/** The autoscaler switch. */
export const AUTOSCALE_FIELD = {
  id: 'ss-autoscale',
  name: 'autoscale',
  label: 'Scale replicas to a target utilization',
  kind: 'checkbox' as const,
};
/** The two service-time choices (radios sharing one error line). */
export const SERVICE_KINDS = [
  { id: 'ss-kind-exponential', value: 'exponential', label: 'Exponential with the mean below' },
  { id: 'ss-kind-measured', value: 'measured', label: 'Latencies measured in this page' },
];
/** The sliders beside λ and c (they move the text fields, which are what gets validated). */
export const SLIDERS = {
  arrivalRate: {
    id: 'ss-arrivalRate-slider',
    type: 'range' as const,
    min: 1,
    max: 200,
    step: 1,
    value: Number(SIMULATOR_DEFAULTS.values.arrivalRate),
  },
  replicas: {
    id: 'ss-replicas-slider',
    type: 'range' as const,
    min: 1,
    max: SIMULATOR_BOUNDS.replicas.max,
    step: 1,
    value: Number(SIMULATOR_DEFAULTS.values.replicas),
  },
};
