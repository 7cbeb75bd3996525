/**
 * The scaling simulator's form, as data for `Field.astro` (read at build time by
 * ScalingSimulator.astro): labels quote the bounds the parser in src/lib/sim/scenario enforces,
 * and the default values make the run the page prints before the widget runs one itself.
 */
import { ROUTING_POLICIES } from '../../lib/sim/queueing';
import {
  MAX_FIELD_CHARS,
  POLICY_LABELS,
  SIMULATOR_BOUNDS,
  type SimulatorField,
  type SimulatorInput,
} from '../../lib/sim/scenario';

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
  value: string,
  extra: { hint?: string; integer?: boolean } = {},
): SimulatorFieldProps => ({
  id: `ss-${name}`,
  name,
  label,
  value,
  inputmode: extra.integer ? 'numeric' : 'decimal',
  maxlength: MAX_FIELD_CHARS,
  ...(extra.hint ? { hint: extra.hint } : {}),
});

/** Arrival rate, spike, duration, warm-up and seed. */
export const TRAFFIC_FIELDS = [
  field('arrivalRate', `Arrival rate λ (requests/s, ${range('arrivalRate')})`, '80'),
  field('spikeFactor', `λ multiplier from half-time (${range('spikeFactor')}; 1 = none)`, '1'),
  field('duration', `Simulated seconds (${range('duration')})`, '60'),
  field('warmup', 'Warm-up seconds, not measured', '5'),
  field('seed', 'Seed (whole number)', '1', { integer: true }),
];
/** Mean service time and fixed overhead. */
export const SERVICE_FIELDS = [
  field('serviceMeanMs', `Mean service time (ms, ${range('serviceMeanMs')})`, '10'),
  field('overheadMs', 'Fixed overhead per request (ms)', '0', {
    hint: 'Network, TLS, serialization: added to every service time.',
  }),
];
/** Replicas, concurrency per replica and the queue cap. */
export const REPLICA_FIELDS = [
  field('replicas', `Replicas c (${range('replicas')})`, '1', { integer: true }),
  field(
    'serversPerReplica',
    `Concurrent requests per replica k (${range('serversPerReplica')})`,
    '1',
    { integer: true },
  ),
  field('queueCapacity', 'Queue cap per replica (empty = no limit)', '', { integer: true }),
];
/** The autoscaler's settings. */
export const SCALER_FIELDS = [
  field('targetUtilization', `Target utilization (${range('targetUtilization')})`, '0.6'),
  field('scaleInterval', 'Evaluate every (s)', '5'),
  field('scaleUpDelay', 'Scale-up delay (s)', '5'),
  field('coldStart', 'Cold start (s)', '10'),
  field('minReplicas', 'Min replicas', '1', { integer: true }),
  field('maxReplicas', 'Max replicas', '8', { integer: true }),
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
  value: 'round-robin',
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
    value: 80,
  },
  replicas: {
    id: 'ss-replicas-slider',
    type: 'range' as const,
    min: 1,
    max: SIMULATOR_BOUNDS.replicas.max,
    step: 1,
    value: 1,
  },
};

/** The form as a reader first sees it, as the parser reads it: the run the page prints at build. */
export const DEFAULT_SIMULATOR_INPUT: SimulatorInput = {
  values: Object.fromEntries(TEXT_FIELDS.map((f) => [f.name, f.value])) as Record<
    SimulatorField,
    string
  >,
  policy: POLICY_FIELD.value,
  serviceKind: 'exponential',
  autoscale: false,
  measuredMs: null,
};
