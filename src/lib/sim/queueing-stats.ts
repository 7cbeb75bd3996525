/**
 * What the queueing simulation measures: counts, waits and latencies of the requests that
 * arrive inside the measurement window, time integrals of the number in the system, per-bucket
 * series and the replica timeline, and how they become a `SimulationResult`.
 */
import { DoubleList } from './queueing-buffers';
import type { ReplicaChange, SimulationResult, TimeBucket } from './queueing-config';
import type { ReplicaPool, SimClock } from './queueing-replicas';

/** The running statistics of one simulation. */
export class QueueStats {
  arrivals = 0;
  dropped = 0;
  /** Completions by completion time inside the window, for throughput. */
  completedInWindow = 0;
  waitSum = 0;
  waitCount = 0;
  areaInSystem = 0;
  areaInQueue = 0;
  areaReady = 0;
  readonly latencies = new DoubleList();
  readonly bucketArrivals: Int32Array;
  readonly bucketDrops: Int32Array;
  readonly bucketLatencies: DoubleList[];
  readonly timeline: ReplicaChange[] = [];

  constructor(
    readonly duration: number,
    readonly bucketWidth: number,
  ) {
    const buckets = Math.max(1, Math.ceil(duration / bucketWidth - 1e-9));
    this.bucketArrivals = new Int32Array(buckets);
    this.bucketDrops = new Int32Array(buckets);
    this.bucketLatencies = Array.from({ length: buckets }, () => new DoubleList());
  }

  /** The time bucket holding `t`, or -1 past the last one. */
  bucketOf(t: number): number {
    const b = Math.floor(t / this.bucketWidth);
    return b < this.bucketArrivals.length ? b : -1;
  }

  /** Counts a dropped request: in the totals if `counted` (inside the window), and its bucket. */
  drop(counted: boolean, bucket: number): void {
    if (counted) this.dropped++;
    if (bucket >= 0) this.bucketDrops[bucket] = (this.bucketDrops[bucket] ?? 0) + 1;
  }

  /** Appends the current replica counts to the timeline. */
  recordTimeline(time: number, pool: ReplicaPool): void {
    this.timeline.push({ time, ready: pool.readyCount, starting: pool.startingCount });
  }

  /** One row per bucket up to `now`: arrivals, drops, latency quantiles and replicas at its end. */
  timeSeries(now: number): TimeBucket[] {
    const rows: TimeBucket[] = [];
    let timelineIndex = 0;
    for (let b = 0; b < this.bucketArrivals.length; b++) {
      const bucketStart = b * this.bucketWidth;
      const bucketEnd = Math.min(this.duration, bucketStart + this.bucketWidth);
      if (bucketStart > now) break;
      const lat = this.bucketLatencies[b]!;
      const [b50, b95, b99] = lat.summary();
      while (
        timelineIndex + 1 < this.timeline.length &&
        this.timeline[timelineIndex + 1]!.time <= bucketEnd
      ) {
        timelineIndex++;
      }
      const replicas = this.timeline[timelineIndex]!;
      rows.push({
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
    return rows;
  }
}

/** Where the run stands: the window's bounds, whether it has closed, and the events processed. */
export interface RunState {
  warmup: number;
  windowClosed: boolean;
  events: number;
}

/** The simulation's result as of the clock's current time. */
export function buildResult(
  stats: QueueStats,
  pool: ReplicaPool,
  clock: SimClock,
  run: RunState,
): SimulationResult {
  const start = run.warmup;
  const end = run.windowClosed ? stats.duration : Math.max(run.warmup, clock.now);
  const span = Math.max(end - start, 0);
  const n = stats.latencies.length;
  const [p50, p95, p99, max] = stats.latencies.summary();
  const { busy, capacity } = pool.integrals();
  let busyTotal = 0;
  let capacityTotal = 0;
  const replicaUtilization: number[] = [];
  for (let r = 0; r < busy.length; r++) {
    busyTotal += busy[r]!;
    capacityTotal += capacity[r]!;
    replicaUtilization.push(capacity[r]! > 0 ? busy[r]! / capacity[r]! : 0);
  }
  return {
    window: { start, end },
    simulatedTime: clock.now,
    events: run.events,
    arrivals: stats.arrivals,
    dropped: stats.dropped,
    completed: n,
    dropRate: stats.arrivals > 0 ? stats.dropped / stats.arrivals : 0,
    throughput: span > 0 ? stats.completedInWindow / span : 0,
    latency: { mean: n ? stats.latencies.sum() / n : NaN, p50, p95, p99, max },
    meanWait: stats.waitCount ? stats.waitSum / stats.waitCount : NaN,
    meanInSystem: span > 0 ? stats.areaInSystem / span : NaN,
    meanInQueue: span > 0 ? stats.areaInQueue / span : NaN,
    utilization: capacityTotal > 0 ? busyTotal / capacityTotal : 0,
    replicaUtilization,
    meanReplicas: span > 0 ? stats.areaReady / span : NaN,
    timeSeries: stats.timeSeries(clock.now),
    replicaTimeline: stats.timeline.map((change) => ({ ...change })),
  };
}
