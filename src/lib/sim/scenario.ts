/**
 * The scaling simulator's experiments, kept out of the widget: reading the form into a
 * `SimulationConfig` with one message per bad field, deciding when closed-form M/M/c results
 * describe the configured system, and building the λ sweep and the policy comparison runs.
 */
import {
  ROUTING_POLICIES,
  validateSimulationConfig,
  type RoutingPolicy,
  type SimulationConfig,
} from './queueing';
import { mmc, mmcSojournQuantile } from './theory';

/** The simulator's text fields. */
export type SimulatorField =
  | 'seed'
  | 'arrivalRate'
  | 'serviceMeanMs'
  | 'overheadMs'
  | 'replicas'
  | 'serversPerReplica'
  | 'queueCapacity'
  | 'duration'
  | 'warmup'
  | 'spikeFactor'
  | 'targetUtilization'
  | 'scaleInterval'
  | 'scaleUpDelay'
  | 'coldStart'
  | 'minReplicas'
  | 'maxReplicas';

/** Where a parse error is shown: a text field, or the policy and service-time choices. */
export type SimulatorErrorField = SimulatorField | 'policy' | 'serviceKind';

/** Everything the simulator's form holds. */
export interface SimulatorInput {
  values: Readonly<Record<SimulatorField, string>>;
  policy: string;
  /** Exponential service with the given mean, or the latencies measured in the page. */
  serviceKind: 'exponential' | 'measured';
  autoscale: boolean;
  /** Per-request latencies measured in the page, in milliseconds; null before measuring. */
  measuredMs: readonly number[] | null;
}

/** A valid configuration, or one message per field that needs fixing. */
export type ParsedSimulatorInput =
  | { ok: true; config: SimulationConfig }
  | { ok: false; errors: Partial<Record<SimulatorErrorField, string>> };

/** Most requests one run may simulate, so a run stays well under a second in the page. */
export const MAX_SIMULATED_ARRIVALS = 200_000;

/** Bounds of the numeric fields: the form's labels and messages quote them. */
export const SIMULATOR_BOUNDS: Readonly<
  Record<Exclude<SimulatorField, 'queueCapacity'>, { min: number; max: number; integer: boolean }>
> = {
  seed: { min: 0, max: 2_147_483_647, integer: true },
  arrivalRate: { min: 0.01, max: 50_000, integer: false },
  serviceMeanMs: { min: 0.01, max: 60_000, integer: false },
  overheadMs: { min: 0, max: 60_000, integer: false },
  replicas: { min: 1, max: 32, integer: true },
  serversPerReplica: { min: 1, max: 64, integer: true },
  duration: { min: 1, max: 3600, integer: false },
  warmup: { min: 0, max: 3600, integer: false },
  spikeFactor: { min: 0, max: 10, integer: false },
  targetUtilization: { min: 0.05, max: 1, integer: false },
  scaleInterval: { min: 0.5, max: 600, integer: false },
  scaleUpDelay: { min: 0, max: 600, integer: false },
  coldStart: { min: 0, max: 600, integer: false },
  minReplicas: { min: 1, max: 32, integer: true },
  maxReplicas: { min: 1, max: 32, integer: true },
};

/** Largest queue capacity a reader can type; an empty field means unlimited. */
export const MAX_QUEUE_CAPACITY = 100_000;

/** Longest text a numeric field accepts: the form's `maxlength` and the parser's check agree. */
export const MAX_FIELD_CHARS = 24;

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function readNumber(
  text: string,
  bounds: { min: number; max: number; integer: boolean },
): { ok: true; value: number } | { ok: false; message: string } {
  const range = `from ${bounds.min} to ${bounds.max}`;
  if (text.length > MAX_FIELD_CHARS)
    return {
      ok: false,
      message: `Too long: at most ${MAX_FIELD_CHARS} characters, a number ${range}.`,
    };
  const trimmed = text.trim();
  if (trimmed === '')
    return {
      ok: false,
      message: `Required: a ${bounds.integer ? 'whole number' : 'number'} ${range}.`,
    };
  if (!DECIMAL.test(trimmed))
    return {
      ok: false,
      message: `Not a number. Type a ${bounds.integer ? 'whole number' : 'number'} ${range}.`,
    };
  const value = Number(trimmed);
  if (bounds.integer && !Number.isInteger(value))
    return { ok: false, message: `Must be a whole number ${range}.` };
  if (value < bounds.min || value > bounds.max) return { ok: false, message: `Must be ${range}.` };
  return { ok: true, value };
}

/** Checks between fields: warm-up against duration, replica bounds, the size of the run. */
function checkCombinations(
  input: SimulatorInput,
  numbers: Partial<Record<SimulatorField, number>>,
  errors: Partial<Record<SimulatorErrorField, string>>,
): void {
  const { duration, warmup, arrivalRate, spikeFactor, replicas } = numbers;
  if (duration !== undefined && warmup !== undefined && warmup >= duration / 2) {
    errors.warmup = 'Must be less than half the duration, so most of the run is measured.';
  }
  if (input.autoscale) {
    const { minReplicas, maxReplicas } = numbers;
    if (minReplicas !== undefined && maxReplicas !== undefined) {
      if (maxReplicas < minReplicas) errors.maxReplicas = 'Must be at least the minimum replicas.';
      else if (replicas !== undefined && (replicas < minReplicas || replicas > maxReplicas)) {
        errors.replicas = `With autoscaling, start between ${minReplicas} and ${maxReplicas} replicas.`;
      }
    }
  }
  if (arrivalRate !== undefined && duration !== undefined && spikeFactor !== undefined) {
    const expected = arrivalRate * duration * (0.5 + 0.5 * spikeFactor);
    if (expected > MAX_SIMULATED_ARRIVALS) {
      errors.arrivalRate = `λ × duration means about ${Math.round(expected).toLocaleString('en')} requests; keep it under ${MAX_SIMULATED_ARRIVALS.toLocaleString('en')} (lower λ or the duration).`;
    }
  }
}

/** The simulation config from fields that all passed their checks. */
function configOf(
  input: SimulatorInput,
  numbers: Partial<Record<SimulatorField, number>>,
  queueCapacity: number,
  policy: RoutingPolicy,
): SimulationConfig {
  const measured = input.measuredMs;
  const n = numbers as Record<Exclude<SimulatorField, 'queueCapacity'>, number>;
  const config: SimulationConfig = {
    seed: n.seed,
    arrivalRate: n.arrivalRate,
    duration: n.duration,
    warmup: n.warmup,
    service:
      input.serviceKind === 'measured'
        ? { kind: 'empirical', samples: (measured ?? []).map((ms) => ms / 1000) }
        : { kind: 'exponential', rate: 1000 / n.serviceMeanMs },
    overhead: n.overheadMs / 1000,
    replicas: n.replicas,
    serversPerReplica: n.serversPerReplica,
    queueCapacity,
    policy,
  };
  if (n.spikeFactor !== 1) {
    config.rateChanges = [{ at: n.duration / 2, rate: n.arrivalRate * n.spikeFactor }];
  }
  if (input.autoscale) {
    config.autoscaler = {
      targetUtilization: n.targetUtilization,
      interval: n.scaleInterval,
      scaleUpDelay: n.scaleUpDelay,
      coldStart: n.coldStart,
      minReplicas: n.minReplicas,
      maxReplicas: n.maxReplicas,
      // Hold capacity for three evaluations after a peak, so one quiet interval removes nothing.
      scaleDownStabilization: 3 * n.scaleInterval,
    };
  }
  return config;
}

/** Reads the form into a simulation config; every problem is reported at its field. */
export function parseSimulatorInput(input: SimulatorInput): ParsedSimulatorInput {
  const errors: Partial<Record<SimulatorErrorField, string>> = {};
  const numbers: Partial<Record<SimulatorField, number>> = {};
  const autoscalerFields: SimulatorField[] = [
    'targetUtilization',
    'scaleInterval',
    'scaleUpDelay',
    'coldStart',
    'minReplicas',
    'maxReplicas',
  ];
  for (const field of Object.keys(SIMULATOR_BOUNDS) as Exclude<SimulatorField, 'queueCapacity'>[]) {
    if (!input.autoscale && autoscalerFields.includes(field)) continue;
    if (input.serviceKind === 'measured' && field === 'serviceMeanMs') continue;
    const read = readNumber(input.values[field], SIMULATOR_BOUNDS[field]);
    if (read.ok) numbers[field] = read.value;
    else errors[field] = read.message;
  }
  let queueCapacity = Infinity;
  const capText = input.values.queueCapacity.trim();
  if (capText !== '') {
    const read = readNumber(capText, { min: 0, max: MAX_QUEUE_CAPACITY, integer: true });
    if (read.ok) queueCapacity = read.value;
    else errors.queueCapacity = `${read.message} Leave it empty for no limit.`;
  }
  const policy = ROUTING_POLICIES.find((p) => p === input.policy);
  if (!policy) errors.policy = 'Choose one of the listed policies.';
  const measured = input.measuredMs;
  if (input.serviceKind === 'measured' && (!measured || measured.length === 0)) {
    errors.serviceKind = 'Measure the in-page latencies first, or choose exponential service.';
  }

  checkCombinations(input, numbers, errors);
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const config = configOf(input, numbers, queueCapacity, policy as RoutingPolicy);
  const invalid = validateSimulationConfig(config);
  if (invalid.length > 0) return { ok: false, errors: { arrivalRate: invalid.join(' ') } };
  return { ok: true, config };
}

/** Mean service time of one request in seconds, overhead included. */
export function meanServiceSeconds(config: SimulationConfig): number {
  const base =
    config.service.kind === 'exponential'
      ? 1 / config.service.rate
      : config.service.samples.reduce((sum, s) => sum + s, 0) / config.service.samples.length;
  return base + (config.overhead ?? 0);
}

/** Requests per second the starting replicas can complete at most: c·k / E[S]. */
export function capacity(config: SimulationConfig, replicas = config.replicas): number {
  return (replicas * (config.serversPerReplica ?? 1)) / meanServiceSeconds(config);
}

/** Offered load per server, ρ = λ·E[S] / (c·k), at the starting replica count. */
export function offeredUtilization(config: SimulationConfig): number {
  return config.arrivalRate / capacity(config);
}

/** Closed-form figures for a configuration M/M/c describes. */
export interface TheoryFigures {
  /** The queueing model, e.g. "M/M/1" or "2 × M/M/4 (random split)". */
  model: string;
  /** ρ = λ / (cμ) per queue. */
  utilization: number;
  /** P(wait) = Erlang C. */
  probabilityOfWait: number;
  /** W and Wq in seconds (Infinity without a steady state). */
  meanLatency: number;
  meanWait: number;
  /** Time-in-system quantiles in seconds (NaN without a steady state). */
  p50: number;
  p95: number;
  p99: number;
  /** L = λW, requests in the whole system (Little's law). */
  meanInSystem: number;
  /** Completions per second: λ when stable, the capacity otherwise. */
  throughput: number;
}

/** Theory for the configuration, or why M/M/c does not describe it. */
export type TheoryResult =
  { applies: true; figures: TheoryFigures } | { applies: false; reason: string };

/**
 * M/M/c describes the run when arrivals are Poisson at a constant rate, service is exponential
 * with no fixed overhead, queues are unbounded, the replica count is fixed, and each queue sees
 * a Poisson stream: one replica (M/M/k), one shared queue (M/M/(r·k)), or random routing, which
 * splits a Poisson stream into r independent Poisson streams of rate λ/r (each an M/M/k).
 * Round-robin and the load-aware policies make each replica's arrivals depend on the others', so
 * no closed form applies.
 */
export function mmcTheory(config: SimulationConfig): TheoryResult {
  if (config.service.kind !== 'exponential')
    return {
      applies: false,
      reason: 'Measured service times are not exponential, so M/M/c does not apply.',
    };
  if ((config.overhead ?? 0) > 0)
    return {
      applies: false,
      reason:
        'A fixed overhead makes service times non-exponential; set it to 0 to compare with M/M/c.',
    };
  if ((config.queueCapacity ?? Infinity) !== Infinity)
    return {
      applies: false,
      reason: 'A queue cap drops requests, which M/M/c does not; clear the cap to compare.',
    };
  if (config.autoscaler)
    return {
      applies: false,
      reason: 'An autoscaler changes c during the run; M/M/c needs a fixed c.',
    };
  if ((config.rateChanges ?? []).length > 0)
    return {
      applies: false,
      reason: 'A traffic spike changes λ during the run; M/M/c needs a constant λ.',
    };
  const k = config.serversPerReplica ?? 1;
  const r = config.replicas;
  const mu = config.service.rate;
  const lambda = config.arrivalRate;
  let queues: number;
  let servers: number;
  let model: string;
  if (config.policy === 'shared-queue') {
    queues = 1;
    servers = r * k;
    model = `M/M/${servers} (one shared queue)`;
  } else if (r === 1) {
    queues = 1;
    servers = k;
    model = `M/M/${k}`;
  } else if (config.policy === 'random') {
    queues = r;
    servers = k;
    model = `${r} × M/M/${k} (random routing splits λ evenly)`;
  } else {
    return {
      applies: false,
      reason: `With ${config.policy} routing over ${r} replicas, each replica's arrivals depend on the others' state and are not Poisson, so no M/M/c formula applies; choose random routing or the shared queue to compare with theory.`,
    };
  }
  const perQueue = lambda / queues;
  const m = mmc(perQueue, mu, servers);
  const stable = m.utilization < 1;
  return {
    applies: true,
    figures: {
      model,
      utilization: m.utilization,
      probabilityOfWait: m.probabilityOfWait,
      meanLatency: m.meanTimeInSystem,
      meanWait: m.meanWait,
      p50: mmcSojournQuantile(perQueue, mu, servers, 0.5),
      p95: mmcSojournQuantile(perQueue, mu, servers, 0.95),
      p99: mmcSojournQuantile(perQueue, mu, servers, 0.99),
      meanInSystem: stable ? lambda * m.meanTimeInSystem : Infinity,
      throughput: stable ? lambda : queues * servers * mu,
    },
  };
}

/** Fractions of one replica's capacity the λ sweep visits: light load, the knee, and overload. */
export const SWEEP_LOAD_FRACTIONS: readonly number[] = [
  0.1, 0.3, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98, 1.05, 1.2,
];

/** Requests each sweep run simulates at most; runs at high λ are shortened to this. */
export const SWEEP_ARRIVALS_PER_RUN = 30_000;

/** Rounds to three significant digits, so sweep rates read cleanly. */
function roundRate(value: number): number {
  return Number(value.toPrecision(3));
}

/**
 * The λ sweep for ONE replica with the configured service, concurrency, queue and policy: one
 * run per load fraction of its capacity, each on the same seed, without autoscaler or spike.
 * Long runs are shortened to about `SWEEP_ARRIVALS_PER_RUN` requests, warm-up scaled alike.
 */
export function arrivalRateSweep(config: SimulationConfig): SimulationConfig[] {
  const single = capacity(config, 1);
  const warmupShare = (config.warmup ?? 0) / config.duration;
  return SWEEP_LOAD_FRACTIONS.map((fraction) => {
    const arrivalRate = roundRate(single * fraction);
    const duration = Math.min(config.duration, SWEEP_ARRIVALS_PER_RUN / arrivalRate);
    const run: SimulationConfig = {
      ...config,
      arrivalRate,
      replicas: 1,
      duration,
      warmup: duration * warmupShare,
    };
    delete run.autoscaler;
    delete run.rateChanges;
    delete run.bucketWidth;
    return run;
  });
}

/** One run per routing policy on the same seed: common random numbers make the rows comparable. */
export function policyComparison(
  config: SimulationConfig,
): { policy: RoutingPolicy; config: SimulationConfig }[] {
  return ROUTING_POLICIES.map((policy) => ({ policy, config: { ...config, policy } }));
}

/** Reader-facing names of the routing policies. */
export const POLICY_LABELS: Readonly<Record<RoutingPolicy, string>> = {
  'round-robin': 'Round-robin',
  random: 'Random',
  'least-outstanding': 'Least outstanding requests',
  'power-of-two': 'Power of two choices',
  'shared-queue': 'One shared queue (reference)',
};
