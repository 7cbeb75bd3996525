/**
 * What the load-balancer simulation takes and gives: routing policies, service-time models, the
 * autoscaler's settings, the configuration with its validation, and the shapes of progress and
 * results. The simulator itself is in `queueing.ts`.
 */

/** How the load balancer picks a replica for each request. */
export type RoutingPolicy =
  'round-robin' | 'random' | 'least-outstanding' | 'power-of-two' | 'shared-queue';

/** Every routing policy, in the order a widget lists them. */
export const ROUTING_POLICIES: readonly RoutingPolicy[] = [
  'round-robin',
  'random',
  'least-outstanding',
  'power-of-two',
  'shared-queue',
];

/** Distribution of a request's service time, before the fixed overhead is added. */
export type ServiceTimeModel =
  { kind: 'exponential'; rate: number } | { kind: 'empirical'; samples: readonly number[] };

/** A Kubernetes-HPA-like autoscaler. */
export interface AutoscalerConfig {
  /** Busy fraction of the replicas' servers the autoscaler aims for, in (0, 1]. */
  targetUtilization: number;
  /** Seconds between evaluations. */
  interval: number;
  /** Seconds from a scale-up decision until the new replica starts (scheduling, image pull). */
  scaleUpDelay: number;
  /** Seconds from start until the replica takes traffic (loading the model). */
  coldStart: number;
  minReplicas: number;
  maxReplicas: number;
  /**
   * Seconds over which scale-down decisions take the highest recent recommendation (HPA's
   * downscale stabilization window), so a brief lull does not remove capacity. Default 0.
   */
  scaleDownStabilization?: number;
}

/** A change of arrival rate at time `at` (piecewise-constant Poisson process). */
export interface RateChange {
  at: number;
  rate: number;
}

/** Everything that defines a run. */
export interface SimulationConfig {
  /** Seed of all random streams. */
  seed: number;
  /** Requests per second, λ, from time 0. */
  arrivalRate: number;
  /** Later changes of λ, for example a traffic spike for the autoscaler. */
  rateChanges?: readonly RateChange[];
  /** Seconds during which requests arrive; the run then drains the requests in flight. */
  duration: number;
  /** Seconds at the start excluded from the statistics (the empty system is not typical). */
  warmup?: number;
  /** Service time distribution. */
  service: ServiceTimeModel;
  /** Fixed seconds added to every service time (serialization, network). Default 0. */
  overhead?: number;
  /** Replicas at time 0. */
  replicas: number;
  /** Concurrent requests one replica serves. Default 1. */
  serversPerReplica?: number;
  /**
   * Requests that may wait per replica (in `shared-queue` mode: in the one queue). Arrivals that
   * find it full are dropped. Default Infinity.
   */
  queueCapacity?: number;
  policy: RoutingPolicy;
  autoscaler?: AutoscalerConfig;
  /** Width in seconds of the time-series buckets. Default `duration / 60`. */
  bucketWidth?: number;
}

/** Returned by `step`: how far a chunked run has got. */
export interface SimulationProgress {
  /** True once every request has arrived and left. */
  done: boolean;
  /** Simulated time reached, in seconds. */
  time: number;
  /** Events processed so far. */
  events: number;
  /** Rough share of the work done, 0 to 1. */
  fraction: number;
}

/** Summary of one time-series bucket. */
export interface TimeBucket {
  start: number;
  end: number;
  arrivals: number;
  dropped: number;
  completed: number;
  /** Latency percentiles of requests completed in the bucket, in seconds; null when none. */
  p50: number | null;
  p95: number | null;
  p99: number | null;
  /** Replicas taking traffic at the end of the bucket. */
  replicas: number;
  /** Replicas starting (scale-up decided, not yet ready) at the end of the bucket. */
  startingReplicas: number;
}

/** One change in the replica count. */
export interface ReplicaChange {
  time: number;
  ready: number;
  starting: number;
}

/**
 * Results over the measurement window [warmup, duration]. Latency and wait statistics cover the
 * requests that arrived in the window (including their time after it, while draining);
 * throughput and time averages cover the window itself.
 */
export interface SimulationResult {
  window: { start: number; end: number };
  /** Simulated time at which the run stopped. */
  simulatedTime: number;
  events: number;
  arrivals: number;
  dropped: number;
  /** Requests that arrived in the window and have completed. */
  completed: number;
  /** dropped / arrivals. */
  dropRate: number;
  /** Completions per second during the window. */
  throughput: number;
  /** Time in system (queue + service), seconds. */
  latency: { mean: number; p50: number; p95: number; p99: number; max: number };
  /** Mean time spent waiting in a queue before service, seconds. */
  meanWait: number;
  /** Time-average number of requests in the system (L in Little's law). */
  meanInSystem: number;
  /** Time-average number of requests waiting (Lq). */
  meanInQueue: number;
  /** Busy share of all server capacity during the window. */
  utilization: number;
  /** Busy share of each replica slot's capacity while it served in the window (0 if never). */
  replicaUtilization: number[];
  /** Time-average number of replicas taking traffic. */
  meanReplicas: number;
  timeSeries: TimeBucket[];
  replicaTimeline: ReplicaChange[];
}

/** A simulation that can be advanced in chunks, so a page never blocks for long. */
export interface Simulation {
  /** Processes up to `maxEvents` events. */
  step(maxEvents: number): SimulationProgress;
  /** Results so far (final once `done`). Costs a sort of the latencies, so call it sparingly. */
  result(): SimulationResult;
  readonly done: boolean;
  readonly config: Readonly<SimulationConfig>;
}

/** Checks a configuration; returns one message per problem (empty when valid). */
export function validateSimulationConfig(config: SimulationConfig): string[] {
  const errors: string[] = [];
  const positive = (value: number, name: string) => {
    if (!(value > 0) || !Number.isFinite(value)) errors.push(`${name} must be a positive number.`);
  };
  const nonNegative = (value: number, name: string) => {
    if (!(value >= 0) || !Number.isFinite(value)) errors.push(`${name} must be zero or more.`);
  };
  const count = (value: number, name: string) => {
    if (!Number.isInteger(value) || value < 1)
      errors.push(`${name} must be a whole number of at least 1.`);
  };
  if (!Number.isInteger(config.seed)) errors.push('seed must be an integer.');
  nonNegative(config.arrivalRate, 'arrivalRate');
  positive(config.duration, 'duration');
  nonNegative(config.warmup ?? 0, 'warmup');
  if ((config.warmup ?? 0) >= config.duration) errors.push('warmup must be shorter than duration.');
  nonNegative(config.overhead ?? 0, 'overhead');
  count(config.replicas, 'replicas');
  count(config.serversPerReplica ?? 1, 'serversPerReplica');
  const cap = config.queueCapacity ?? Infinity;
  if (!(cap === Infinity || (Number.isInteger(cap) && cap >= 0))) {
    errors.push('queueCapacity must be a whole number of at least 0, or Infinity.');
  }
  if (!ROUTING_POLICIES.includes(config.policy))
    errors.push(`Unknown policy ${String(config.policy)}.`);
  if (config.bucketWidth !== undefined) positive(config.bucketWidth, 'bucketWidth');
  const service = config.service;
  if (service.kind === 'exponential') positive(service.rate, 'service.rate');
  else if (
    service.samples.length === 0 ||
    service.samples.some((s) => !(s >= 0) || !Number.isFinite(s))
  ) {
    errors.push('service.samples must be a non-empty list of non-negative numbers.');
  }
  for (const change of config.rateChanges ?? []) {
    nonNegative(change.at, 'rateChanges.at');
    nonNegative(change.rate, 'rateChanges.rate');
  }
  const scaler = config.autoscaler;
  if (scaler) {
    if (!(scaler.targetUtilization > 0 && scaler.targetUtilization <= 1)) {
      errors.push('autoscaler.targetUtilization must be in (0, 1].');
    }
    positive(scaler.interval, 'autoscaler.interval');
    nonNegative(scaler.scaleUpDelay, 'autoscaler.scaleUpDelay');
    nonNegative(scaler.coldStart, 'autoscaler.coldStart');
    nonNegative(scaler.scaleDownStabilization ?? 0, 'autoscaler.scaleDownStabilization');
    count(scaler.minReplicas, 'autoscaler.minReplicas');
    count(scaler.maxReplicas, 'autoscaler.maxReplicas');
    if (scaler.maxReplicas < scaler.minReplicas) {
      errors.push('autoscaler.maxReplicas must be at least minReplicas.');
    }
    if (config.replicas < scaler.minReplicas || config.replicas > scaler.maxReplicas) {
      errors.push('replicas must lie between autoscaler.minReplicas and maxReplicas.');
    }
  }
  return errors;
}
