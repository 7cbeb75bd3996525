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
 * This module is the event loop: arrivals, departures and the window and autoscaler ticks.
 * The configuration, its validation and the result shapes are in `queueing-config.ts` (which
 * this module re-exports), the growable buffers in `queueing-buffers.ts`, the replica slots and
 * routing in `queueing-replicas.ts`, the autoscaler in `queueing-autoscaler.ts` and the
 * statistics and result in `queueing-stats.ts`.
 */
import { EventQueue } from './event-queue';
import { createRng, type Rng } from './rng';
import type { RequestFifo } from './queueing-buffers';
import { validateSimulationConfig } from './queueing-config';
import type {
  RoutingPolicy,
  RateChange,
  SimulationConfig,
  SimulationProgress,
  SimulationResult,
  Simulation,
} from './queueing-config';
import { DRAINING, OFF, READY, ReplicaPool, type SimClock } from './queueing-replicas';
import { Autoscaler, markReady, scaleDown, scaleUp } from './queueing-autoscaler';
import { QueueStats, buildResult } from './queueing-stats';

export * from './queueing-config';

// Event kinds.
const ARRIVAL = 0;
const DEPARTURE = 1;
const WARMUP_END = 2;
const WINDOW_END = 3;
const AUTOSCALE = 4;
const REPLICA_READY = 5;

function deriveSeed(rng: Rng): number {
  return Math.floor(rng.next() * 4294967296) | 0;
}

class QueueSimulation implements Simulation {
  readonly config: Readonly<SimulationConfig>;
  done = false;

  // Settings.
  private readonly queueCap: number;
  private readonly shared: boolean;
  private readonly policy: RoutingPolicy;
  private readonly overhead: number;
  private readonly warmup: number;
  private readonly duration: number;
  private readonly rateChanges: RateChange[];
  private readonly expRate: number;
  private readonly samples: Float64Array;

  // Random streams.
  private readonly arrivalRng: Rng;
  private readonly serviceRng: Rng;
  private readonly routingRng: Rng;

  private readonly events = new EventQueue(256);
  private readonly clock: SimClock = { now: 0, measuring: false };
  private readonly pool: ReplicaPool;
  private readonly stats: QueueStats;
  private readonly autoscaler: Autoscaler | null;
  private eventCount = 0;
  private rate: number;
  private rateIndex = 0;

  // System-wide state and integrals.
  private inSystem = 0;
  private inQueue = 0;
  private lastT = 0;
  private windowClosed = false;
  private scalerBusyArea = 0;

  constructor(config: SimulationConfig) {
    const errors = validateSimulationConfig(config);
    if (errors.length) throw new RangeError(`Invalid simulation config: ${errors.join(' ')}`);
    this.config = config;
    this.queueCap = config.queueCapacity ?? Infinity;
    this.shared = config.policy === 'shared-queue';
    this.policy = config.policy;
    this.overhead = config.overhead ?? 0;
    this.warmup = config.warmup ?? 0;
    this.duration = config.duration;
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
    this.pool = new ReplicaPool(slots, config.replicas, config.serversPerReplica ?? 1, this.clock);
    this.autoscaler = config.autoscaler ? new Autoscaler(config.autoscaler, this.pool) : null;
    this.stats = new QueueStats(this.duration, config.bucketWidth ?? config.duration / 60);
    this.stats.recordTimeline(0, this.pool);

    if (this.warmup > 0) this.events.push(this.warmup, WARMUP_END, 0, 0);
    else this.clock.measuring = true;
    this.events.push(this.duration, WINDOW_END, 0, 0);
    if (config.autoscaler) this.events.push(config.autoscaler.interval, AUTOSCALE, 0, 0);
    this.scheduleArrival(0);
  }

  step(maxEvents: number): SimulationProgress {
    const events = this.events;
    let processed = 0;
    while (processed < maxEvents && events.pop()) {
      processed++;
      this.advance(events.time);
      switch (events.kind) {
        case ARRIVAL:
          this.onArrival();
          break;
        case DEPARTURE:
          this.onDeparture(events.target, events.value);
          break;
        case WARMUP_END:
          this.pool.flushAll();
          this.clock.measuring = true;
          this.stats.areaInSystem = 0;
          this.stats.areaInQueue = 0;
          this.stats.areaReady = 0;
          break;
        case WINDOW_END:
          this.pool.flushAll();
          this.clock.measuring = false;
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
    const now = this.clock.now;
    return {
      done: this.done,
      time: now,
      events: this.eventCount,
      fraction: this.done ? 1 : Math.min(0.99, now / this.duration),
    };
  }

  /** Moves the clock to `t`, integrating the time averages over the elapsed interval. */
  private advance(t: number): void {
    const dt = t - this.lastT;
    if (dt > 0) {
      if (this.clock.measuring) {
        this.stats.areaInSystem += this.inSystem * dt;
        this.stats.areaInQueue += this.inQueue * dt;
        this.stats.areaReady += this.pool.readyCount * dt;
      }
      this.scalerBusyArea += this.pool.totalBusy * dt;
    }
    this.lastT = t;
    this.clock.now = t;
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

  private onArrival(): void {
    const now = this.clock.now;
    const pool = this.pool;
    const stats = this.stats;
    this.scheduleArrival(now);
    const service = this.drawService();
    const counted = this.clock.measuring;
    if (counted) stats.arrivals++;
    const bucket = stats.bucketOf(now);
    if (bucket >= 0) stats.bucketArrivals[bucket] = (stats.bucketArrivals[bucket] ?? 0) + 1;

    // Under a shared queue a request waits in the one queue only when no replica is free.
    const replica = this.shared ? pool.findIdle() : pool.route(this.policy, this.routingRng);
    const queue = this.shared ? pool.sharedQueue : pool.queues[replica]!;
    if (replica >= 0 && pool.busy[replica]! < pool.servers) {
      this.inSystem++;
      this.startService(replica, now, service);
    } else if (queue.length < this.queueCap) {
      this.inSystem++;
      this.inQueue++;
      queue.push(now, service);
    } else stats.drop(counted, bucket);
  }

  private startService(replica: number, arrival: number, service: number): void {
    const now = this.clock.now;
    this.pool.setBusy(replica, 1);
    if (arrival >= this.warmup && arrival < this.duration) {
      this.stats.waitSum += now - arrival;
      this.stats.waitCount++;
    }
    this.events.push(now + service, DEPARTURE, replica, arrival);
  }

  private onDeparture(replica: number, arrival: number): void {
    const now = this.clock.now;
    const pool = this.pool;
    const stats = this.stats;
    pool.setBusy(replica, -1);
    this.inSystem--;
    const latency = now - arrival;
    if (arrival >= this.warmup && arrival < this.duration) stats.latencies.push(latency);
    if (this.clock.measuring) stats.completedInWindow++;
    const bucket = stats.bucketOf(now);
    if (bucket >= 0) stats.bucketLatencies[bucket]!.push(latency);

    const state = pool.state[replica];
    if (this.shared) {
      if (state === READY && pool.sharedQueue.length > 0) this.startNext(replica, pool.sharedQueue);
    } else if (pool.queues[replica]!.length > 0) {
      this.startNext(replica, pool.queues[replica]!);
    }
    if (state === DRAINING && pool.busy[replica] === 0 && pool.queues[replica]!.length === 0) {
      pool.flush(replica);
      pool.state[replica] = OFF;
    }
  }

  private startNext(replica: number, queue: RequestFifo): void {
    const index = queue.shift();
    this.inQueue--;
    this.startService(replica, queue.arrival[index] as number, queue.service[index] as number);
  }

  /** Asks the autoscaler for a replica count over the last interval and applies it. */
  private onAutoscale(): void {
    const scaler = this.autoscaler;
    if (!scaler) return;
    const { interval, scaleUpDelay, coldStart } = scaler.config;
    const now = this.clock.now;
    const meanBusy = this.scalerBusyArea / interval;
    this.scalerBusyArea = 0;
    const current = this.pool.readyCount + this.pool.startingCount;
    const desired = scaler.desired(meanBusy, now);
    if (desired > current) {
      for (const slot of scaleUp(this.pool, desired - current)) {
        this.events.push(now + scaleUpDelay + coldStart, REPLICA_READY, slot, 0);
      }
      this.stats.recordTimeline(now, this.pool);
    } else if (desired < current) {
      scaleDown(this.pool, current - desired);
      this.stats.recordTimeline(now, this.pool);
    }
    if (now + interval < this.duration) this.events.push(now + interval, AUTOSCALE, 0, 0);
  }

  private onReplicaReady(slot: number): void {
    const pool = this.pool;
    if (!markReady(pool, slot)) return; // cancelled by a scale-down meanwhile
    this.stats.recordTimeline(this.clock.now, pool);
    if (this.shared) {
      while (pool.busy[slot]! < pool.servers && pool.sharedQueue.length > 0) {
        this.startNext(slot, pool.sharedQueue);
      }
    }
  }

  result(): SimulationResult {
    return buildResult(this.stats, this.pool, this.clock, {
      warmup: this.warmup,
      windowClosed: this.windowClosed,
      events: this.eventCount,
    });
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
