/**
 * A seeded discrete-event simulation of a load balancer in front of replicas of the prediction
 * service. Requests arrive as a Poisson process, each replica serves up to `serversPerReplica`
 * requests at once and queues the rest (dropping them when its queue is full), and an optional
 * autoscaler adds or removes replicas the way Kubernetes' HorizontalPodAutoscaler does.
 *
 * Times are in seconds. Arrival times, service demands and routing choices come from three
 * separate random streams derived from the seed, so two runs that differ only in routing policy
 * see the same requests with the same service times (common random numbers), and their
 * difference is the policy's, not the dice's.
 *
 * The configuration, its validation and the result shapes are in `queueing-config.ts`, the
 * growable buffers in `queueing-buffers.ts`; this module re-exports both.
 */
import { EventQueue } from './event-queue';
import { createRng, type Rng } from './rng';
import { DoubleList, RequestFifo } from './queueing-buffers';
import { validateSimulationConfig } from './queueing-config';
import type {
  RoutingPolicy,
  AutoscalerConfig,
  RateChange,
  SimulationConfig,
  SimulationProgress,
  TimeBucket,
  ReplicaChange,
  SimulationResult,
  Simulation,
} from './queueing-config';

export * from './queueing-config';

// Event kinds.
const ARRIVAL = 0;
const DEPARTURE = 1;
const WARMUP_END = 2;
const WINDOW_END = 3;
const AUTOSCALE = 4;
const REPLICA_READY = 5;

// Replica slot states.
const OFF = 0;
const STARTING = 1;
const READY = 2;
const DRAINING = 3;

function deriveSeed(rng: Rng): number {
  return Math.floor(rng.next() * 4294967296) | 0;
}

class QueueSimulation implements Simulation {
  readonly config: Readonly<SimulationConfig>;
  done = false;

  // Settings.
  private readonly servers: number;
  private readonly queueCap: number;
  private readonly shared: boolean;
  private readonly policy: RoutingPolicy;
  private readonly overhead: number;
  private readonly warmup: number;
  private readonly duration: number;
  private readonly bucketWidth: number;
  private readonly rateChanges: RateChange[];
  private readonly expRate: number;
  private readonly samples: Float64Array;

  // Random streams.
  private readonly arrivalRng: Rng;
  private readonly serviceRng: Rng;
  private readonly routingRng: Rng;

  private readonly events = new EventQueue(256);
  private now = 0;
  private eventCount = 0;
  private rate: number;
  private rateIndex = 0;

  // Replica slots.
  private state: Uint8Array;
  private busy: Int32Array;
  private queues: RequestFifo[];
  private busyArea: Float64Array;
  private capacityArea: Float64Array;
  private lastChange: Float64Array;
  private routable: number[] = [];
  private rrPointer = 0;
  private readyCount = 0;
  private startingCount = 0;
  private readonly sharedQueue = new RequestFifo();

  // System-wide integrals.
  private inSystem = 0;
  private inQueue = 0;
  private totalBusy = 0;
  private lastT = 0;
  private measuring = false;
  private windowClosed = false;
  private areaInSystem = 0;
  private areaInQueue = 0;
  private areaReady = 0;
  private scalerBusyArea = 0;
  private recommendations: { time: number; desired: number }[] = [];

  // Statistics.
  private arrivals = 0;
  private dropped = 0;
  private completedInWindow = 0; // by completion time, for throughput
  private waitSum = 0;
  private waitCount = 0;
  private readonly latencies = new DoubleList();
  private readonly bucketArrivals: Int32Array;
  private readonly bucketDrops: Int32Array;
  private readonly bucketLatencies: DoubleList[];
  private readonly timeline: ReplicaChange[] = [];

  constructor(config: SimulationConfig) {
    const errors = validateSimulationConfig(config);
    if (errors.length) throw new RangeError(`Invalid simulation config: ${errors.join(' ')}`);
    this.config = config;
    this.servers = config.serversPerReplica ?? 1;
    this.queueCap = config.queueCapacity ?? Infinity;
    this.shared = config.policy === 'shared-queue';
    this.policy = config.policy;
    this.overhead = config.overhead ?? 0;
    this.warmup = config.warmup ?? 0;
    this.duration = config.duration;
    this.bucketWidth = config.bucketWidth ?? config.duration / 60;
    this.rateChanges = [...(config.rateChanges ?? [])].sort((a, b) => a.at - b.at);
    this.rate = config.arrivalRate;
    this.expRate = config.service.kind === 'exponential' ? config.service.rate : 0;
    this.samples = Float64Array.from(
      config.service.kind === 'empirical' ? config.service.samples : [],
    );

    const root = createRng(config.seed);
    this.arrivalRng = createRng(deriveSeed(root));
    this.serviceRng = createRng(deriveSeed(root));
    this.routingRng = createRng(deriveSeed(root));

    const slots = Math.max(config.replicas, config.autoscaler?.maxReplicas ?? 0);
    this.state = new Uint8Array(slots);
    this.busy = new Int32Array(slots);
    this.queues = Array.from({ length: slots }, () => new RequestFifo());
    this.busyArea = new Float64Array(slots);
    this.capacityArea = new Float64Array(slots);
    this.lastChange = new Float64Array(slots);
    for (let r = 0; r < config.replicas; r++) this.state[r] = READY;
    this.readyCount = config.replicas;
    this.rebuildRoutable();
    this.recordTimeline();

    const buckets = Math.max(1, Math.ceil(this.duration / this.bucketWidth - 1e-9));
    this.bucketArrivals = new Int32Array(buckets);
    this.bucketDrops = new Int32Array(buckets);
    this.bucketLatencies = Array.from({ length: buckets }, () => new DoubleList());

    if (this.warmup > 0) this.events.push(this.warmup, WARMUP_END, 0, 0);
    else this.measuring = true;
    this.events.push(this.duration, WINDOW_END, 0, 0);
    if (config.autoscaler) this.events.push(config.autoscaler.interval, AUTOSCALE, 0, 0);
    this.scheduleArrival(0);
  }

  step(maxEvents: number): SimulationProgress {
    const events = this.events;
    let processed = 0;
    while (processed < maxEvents && events.pop()) {
      processed++;
      const t = events.time;
      this.advance(t);
      switch (events.kind) {
        case ARRIVAL:
          this.onArrival();
          break;
        case DEPARTURE:
          this.onDeparture(events.target, events.value);
          break;
        case WARMUP_END:
          this.flushAllReplicas();
          this.measuring = true;
          this.areaInSystem = 0;
          this.areaInQueue = 0;
          this.areaReady = 0;
          break;
        case WINDOW_END:
          this.flushAllReplicas();
          this.measuring = false;
          this.windowClosed = true;
          break;
        case AUTOSCALE:
          this.onAutoscale();
          break;
        case REPLICA_READY:
          this.onReplicaReady(events.target);
          break;
      }
    }
    this.eventCount += processed;
    if (events.size === 0) this.done = true;
    return {
      done: this.done,
      time: this.now,
      events: this.eventCount,
      fraction: this.done ? 1 : Math.min(0.99, this.now / this.duration),
    };
  }

  /** Moves the clock to `t`, integrating the time averages over the elapsed interval. */
  private advance(t: number): void {
    const dt = t - this.lastT;
    if (dt > 0) {
      if (this.measuring) {
        this.areaInSystem += this.inSystem * dt;
        this.areaInQueue += this.inQueue * dt;
        this.areaReady += this.readyCount * dt;
      }
      this.scalerBusyArea += this.totalBusy * dt;
    }
    this.lastT = t;
    this.now = t;
  }

  private scheduleArrival(from: number): void {
    // Piecewise-constant rate: by memorylessness, a gap that crosses a rate change can be
    // redrawn from the change point with the new rate.
    let t = from;
    for (;;) {
      const next = this.rateChanges[this.rateIndex];
      const gap = this.rate > 0 ? this.arrivalRng.exponential(this.rate) : Infinity;
      if (next && t + gap >= next.at) {
        t = next.at;
        this.rate = next.rate;
        this.rateIndex++;
        continue;
      }
      t += gap;
      break;
    }
    if (t < this.duration) this.events.push(t, ARRIVAL, 0, 0);
  }

  private drawService(): number {
    const base =
      this.expRate > 0
        ? this.serviceRng.exponential(this.expRate)
        : (this.samples[this.serviceRng.int(this.samples.length)] as number);
    return base + this.overhead;
  }

  private bucketOf(t: number): number {
    const b = Math.floor(t / this.bucketWidth);
    return b < this.bucketArrivals.length ? b : -1;
  }

  private onArrival(): void {
    const now = this.now;
    this.scheduleArrival(now);
    const service = this.drawService();
    const counted = this.measuring;
    if (counted) this.arrivals++;
    const bucket = this.bucketOf(now);
    if (bucket >= 0) this.bucketArrivals[bucket] = (this.bucketArrivals[bucket] ?? 0) + 1;

    if (this.shared) {
      const replica = this.findIdleReplica();
      if (replica >= 0) {
        this.inSystem++;
        this.startService(replica, now, service);
      } else if (this.sharedQueue.length < this.queueCap) {
        this.inSystem++;
        this.inQueue++;
        this.sharedQueue.push(now, service);
      } else this.drop(counted, bucket);
      return;
    }
    const replica = this.route();
    if (this.busy[replica]! < this.servers) {
      this.inSystem++;
      this.startService(replica, now, service);
    } else if (this.queues[replica]!.length < this.queueCap) {
      this.inSystem++;
      this.inQueue++;
      this.queues[replica]!.push(now, service);
    } else this.drop(counted, bucket);
  }

  private drop(counted: boolean, bucket: number): void {
    if (counted) this.dropped++;
    if (bucket >= 0) this.bucketDrops[bucket] = (this.bucketDrops[bucket] ?? 0) + 1;
  }

  private route(): number {
    const list = this.routable;
    const n = list.length;
    switch (this.policy) {
      case 'round-robin': {
        const replica = list[this.rrPointer % n] as number;
        this.rrPointer = (this.rrPointer + 1) % n;
        return replica;
      }
      case 'random':
        return list[this.routingRng.int(n)] as number;
      case 'least-outstanding': {
        // Scan from a rotating start so ties spread evenly instead of favouring replica 0.
        const start = this.rrPointer % n;
        this.rrPointer = (this.rrPointer + 1) % n;
        let best = list[start] as number;
        let bestLoad = this.outstanding(best);
        for (let k = 1; k < n && bestLoad > 0; k++) {
          const candidate = list[(start + k) % n] as number;
          const load = this.outstanding(candidate);
          if (load < bestLoad) {
            best = candidate;
            bestLoad = load;
          }
        }
        return best;
      }
      case 'power-of-two': {
        // Two distinct replicas chosen uniformly at random; the less loaded one wins
        // (Mitzenmacher, "The Power of Two Choices in Randomized Load Balancing", 2001).
        if (n === 1) return list[0] as number;
        const i = this.routingRng.int(n);
        let j = this.routingRng.int(n - 1);
        if (j >= i) j++;
        const a = list[i] as number;
        const b = list[j] as number;
        return this.outstanding(b) < this.outstanding(a) ? b : a;
      }
      default:
        return list[0] as number;
    }
  }

  private outstanding(replica: number): number {
    return this.busy[replica]! + this.queues[replica]!.length;
  }

  private findIdleReplica(): number {
    const list = this.routable;
    const n = list.length;
    for (let k = 0; k < n; k++) {
      const replica = list[(this.rrPointer + k) % n] as number;
      if (this.busy[replica]! < this.servers) {
        this.rrPointer = (this.rrPointer + k + 1) % n;
        return replica;
      }
    }
    return -1;
  }

  private setBusy(replica: number, delta: number): void {
    this.flushReplica(replica);
    this.busy[replica] = this.busy[replica]! + delta;
    this.totalBusy += delta;
  }

  private startService(replica: number, arrival: number, service: number): void {
    this.setBusy(replica, 1);
    if (arrival >= this.warmup && arrival < this.duration) {
      this.waitSum += this.now - arrival;
      this.waitCount++;
    }
    this.events.push(this.now + service, DEPARTURE, replica, arrival);
  }

  private onDeparture(replica: number, arrival: number): void {
    const now = this.now;
    this.setBusy(replica, -1);
    this.inSystem--;
    const latency = now - arrival;
    if (arrival >= this.warmup && arrival < this.duration) this.latencies.push(latency);
    if (this.measuring) this.completedInWindow++;
    const bucket = this.bucketOf(now);
    if (bucket >= 0) this.bucketLatencies[bucket]!.push(latency);

    const state = this.state[replica];
    if (this.shared) {
      if (state === READY && this.sharedQueue.length > 0) this.startNext(replica, this.sharedQueue);
    } else if (this.queues[replica]!.length > 0) {
      this.startNext(replica, this.queues[replica]!);
    }
    if (state === DRAINING && this.busy[replica] === 0 && this.queues[replica]!.length === 0) {
      this.flushReplica(replica);
      this.state[replica] = OFF;
    }
  }

  private startNext(replica: number, queue: RequestFifo): void {
    const index = queue.shift();
    this.inQueue--;
    this.startService(replica, queue.arrival[index] as number, queue.service[index] as number);
  }

  /** Adds the replica's busy and capacity time since its last change, inside the window only. */
  private flushReplica(replica: number): void {
    if (this.measuring) {
      const dt = this.now - this.lastChange[replica]!;
      const state = this.state[replica];
      this.busyArea[replica] = this.busyArea[replica]! + this.busy[replica]! * dt;
      if (state === READY || state === DRAINING) {
        this.capacityArea[replica] = this.capacityArea[replica]! + this.servers * dt;
      }
    }
    this.lastChange[replica] = this.now;
  }

  private flushAllReplicas(): void {
    for (let r = 0; r < this.state.length; r++) this.flushReplica(r);
  }

  private rebuildRoutable(): void {
    this.routable = [];
    for (let r = 0; r < this.state.length; r++) if (this.state[r] === READY) this.routable.push(r);
    this.rrPointer = 0;
  }

  private recordTimeline(): void {
    this.timeline.push({ time: this.now, ready: this.readyCount, starting: this.startingCount });
  }

  /**
   * Kubernetes HPA rule: desired = ceil(current × measured / target), where the measured
   * utilization averages over every replica and counts those still starting as idle (HPA's
   * conservative treatment of unready pods on scale-up), so it reduces to
   * ceil(mean busy servers / (servers per replica × target)). No change while the ratio is
   * within 10% of 1 (HPA's default tolerance); clamped to [min, max]; a scale-down takes the
   * largest recommendation of the stabilization window.
   */
  private onAutoscale(): void {
    const scaler = this.config.autoscaler;
    if (!scaler) return;
    const meanBusy = this.scalerBusyArea / scaler.interval;
    this.scalerBusyArea = 0;
    const current = this.readyCount + this.startingCount;
    const ratio = meanBusy / (current * this.servers * scaler.targetUtilization);
    let desired = current;
    if (Math.abs(ratio - 1) > 0.1)
      desired = Math.ceil(meanBusy / (this.servers * scaler.targetUtilization));
    desired = Math.min(scaler.maxReplicas, Math.max(scaler.minReplicas, desired));
    const window = scaler.scaleDownStabilization ?? 0;
    this.recommendations.push({ time: this.now, desired });
    this.recommendations = this.recommendations.filter((r) => r.time >= this.now - window);
    if (desired < current) {
      desired = Math.max(desired, ...this.recommendations.map((r) => r.desired));
    }
    if (desired > current) this.scaleUp(desired - current, scaler);
    else if (desired < current) this.scaleDown(current - desired);
    if (this.now + scaler.interval < this.duration) {
      this.events.push(this.now + scaler.interval, AUTOSCALE, 0, 0);
    }
  }

  private scaleUp(count: number, scaler: AutoscalerConfig): void {
    for (let added = 0; added < count; added++) {
      const slot = this.state.indexOf(OFF);
      if (slot < 0) break;
      this.flushReplica(slot);
      this.state[slot] = STARTING;
      this.startingCount++;
      this.events.push(this.now + scaler.scaleUpDelay + scaler.coldStart, REPLICA_READY, slot, 0);
    }
    this.recordTimeline();
  }

  private scaleDown(count: number): void {
    // Cancel replicas still starting first, then drain the newest ready ones.
    for (let r = this.state.length - 1; r >= 0 && count > 0; r--) {
      if (this.state[r] === STARTING) {
        this.state[r] = OFF;
        this.startingCount--;
        count--;
      }
    }
    for (let r = this.state.length - 1; r >= 0 && count > 0 && this.readyCount > 1; r--) {
      if (this.state[r] !== READY) continue;
      this.flushReplica(r);
      this.readyCount--;
      count--;
      const idle = this.busy[r] === 0 && this.queues[r]!.length === 0;
      this.state[r] = idle ? OFF : DRAINING;
    }
    this.rebuildRoutable();
    this.recordTimeline();
  }

  private onReplicaReady(slot: number): void {
    if (this.state[slot] !== STARTING) return; // cancelled by a scale-down meanwhile
    this.flushReplica(slot);
    this.state[slot] = READY;
    this.startingCount--;
    this.readyCount++;
    this.rebuildRoutable();
    this.recordTimeline();
    if (this.shared) {
      while (this.busy[slot]! < this.servers && this.sharedQueue.length > 0) {
        this.startNext(slot, this.sharedQueue);
      }
    }
  }

  result(): SimulationResult {
    const start = this.warmup;
    const end = this.windowClosed ? this.duration : Math.max(this.warmup, this.now);
    const span = Math.max(end - start, 0);
    const n = this.latencies.length;
    const [p50, p95, p99, max] = this.latencies.summary();
    // Replica integrals are flushed lazily; include the open stretch up to now for a live view.
    const busy = Float64Array.from(this.busyArea);
    const capacity = Float64Array.from(this.capacityArea);
    if (this.measuring) {
      for (let r = 0; r < this.state.length; r++) {
        const dt = this.now - this.lastChange[r]!;
        busy[r] = busy[r]! + this.busy[r]! * dt;
        const state = this.state[r];
        if (state === READY || state === DRAINING) capacity[r] = capacity[r]! + this.servers * dt;
      }
    }
    let busyTotal = 0;
    let capacityTotal = 0;
    const replicaUtilization: number[] = [];
    for (let r = 0; r < busy.length; r++) {
      busyTotal += busy[r]!;
      capacityTotal += capacity[r]!;
      replicaUtilization.push(capacity[r]! > 0 ? busy[r]! / capacity[r]! : 0);
    }
    const timeSeries: TimeBucket[] = [];
    let timelineIndex = 0;
    for (let b = 0; b < this.bucketArrivals.length; b++) {
      const bucketStart = b * this.bucketWidth;
      const bucketEnd = Math.min(this.duration, bucketStart + this.bucketWidth);
      if (bucketStart > this.now) break;
      const lat = this.bucketLatencies[b]!;
      const [b50, b95, b99] = lat.summary();
      while (
        timelineIndex + 1 < this.timeline.length &&
        this.timeline[timelineIndex + 1]!.time <= bucketEnd
      ) {
        timelineIndex++;
      }
      const replicas = this.timeline[timelineIndex]!;
      timeSeries.push({
        start: bucketStart,
        end: bucketEnd,
        arrivals: this.bucketArrivals[b]!,
        dropped: this.bucketDrops[b]!,
        completed: lat.length,
        p50: lat.length ? b50 : null,
        p95: lat.length ? b95 : null,
        p99: lat.length ? b99 : null,
        replicas: replicas.ready,
        startingReplicas: replicas.starting,
      });
    }
    return {
      window: { start, end },
      simulatedTime: this.now,
      events: this.eventCount,
      arrivals: this.arrivals,
      dropped: this.dropped,
      completed: n,
      dropRate: this.arrivals > 0 ? this.dropped / this.arrivals : 0,
      throughput: span > 0 ? this.completedInWindow / span : 0,
      latency: { mean: n ? this.latencies.sum() / n : NaN, p50, p95, p99, max },
      meanWait: this.waitCount ? this.waitSum / this.waitCount : NaN,
      meanInSystem: span > 0 ? this.areaInSystem / span : NaN,
      meanInQueue: span > 0 ? this.areaInQueue / span : NaN,
      utilization: capacityTotal > 0 ? busyTotal / capacityTotal : 0,
      replicaUtilization,
      meanReplicas: span > 0 ? this.areaReady / span : NaN,
      timeSeries,
      replicaTimeline: this.timeline.map((change) => ({ ...change })),
    };
  }
}

/** Creates a simulation to advance with `step`; throws RangeError for an invalid config. */
export function createSimulation(config: SimulationConfig): Simulation {
  return new QueueSimulation(config);
}

/** Runs a simulation to the end and returns its results. */
export function runSimulation(config: SimulationConfig): SimulationResult {
  const simulation = createSimulation(config);
  while (!simulation.step(1_000_000).done) {
    // keep stepping
  }
  return simulation.result();
}
