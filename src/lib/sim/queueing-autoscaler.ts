/**
 * The queueing simulation's autoscaler: the HorizontalPodAutoscaler rule that turns the measured
 * busy servers into a desired replica count, and the scale-up, scale-down and replica-ready
 * transitions it applies to the replica slots.
 */
import type { AutoscalerConfig } from './queueing-config';
import { OFF, READY, STARTING, DRAINING, type ReplicaPool } from './queueing-replicas';

/** HPA's default tolerance: no change while the usage ratio is within 10% of 1. */
const TOLERANCE = 0.1;

/** The autoscaler's decisions, with the recommendations its scale-down stabilization remembers. */
export class Autoscaler {
  private recommendations: { time: number; desired: number }[] = [];

  constructor(
    readonly config: AutoscalerConfig,
    private readonly pool: ReplicaPool,
  ) {}

  /**
   * Kubernetes HPA rule: desired = ceil(current × measured / target), where the measured
   * utilization averages over every replica and counts those still starting as idle (HPA's
   * conservative treatment of unready pods on scale-up), so it reduces to
   * ceil(mean busy servers / (servers per replica × target)). No change while the ratio is
   * within 10% of 1 (HPA's default tolerance); clamped to [min, max]; a scale-down takes the
   * largest recommendation of the stabilization window.
   */
  desired(meanBusy: number, now: number): number {
    const scaler = this.config;
    const servers = this.pool.servers;
    const current = this.pool.readyCount + this.pool.startingCount;
    const ratio = meanBusy / (current * servers * scaler.targetUtilization);
    let desired = current;
    if (Math.abs(ratio - 1) > TOLERANCE)
      desired = Math.ceil(meanBusy / (servers * scaler.targetUtilization));
    desired = Math.min(scaler.maxReplicas, Math.max(scaler.minReplicas, desired));
    const window = scaler.scaleDownStabilization ?? 0;
    this.recommendations.push({ time: now, desired });
    this.recommendations = this.recommendations.filter((r) => r.time >= now - window);
    if (desired < current) {
      desired = Math.max(desired, ...this.recommendations.map((r) => r.desired));
    }
    return desired;
  }
}

/** Marks up to `count` free slots as STARTING; returns them, for their ready events. */
export function scaleUp(pool: ReplicaPool, count: number): number[] {
  const started: number[] = [];
  for (let added = 0; added < count; added++) {
    const slot = pool.state.indexOf(OFF);
    if (slot < 0) break;
    pool.flush(slot);
    pool.state[slot] = STARTING;
    pool.startingCount++;
    started.push(slot);
  }
  return started;
}

/** Removes `count` replicas: cancels those still starting first, then drains the newest ready. */
export function scaleDown(pool: ReplicaPool, count: number): void {
  for (let r = pool.state.length - 1; r >= 0 && count > 0; r--) {
    if (pool.state[r] === STARTING) {
      pool.state[r] = OFF;
      pool.startingCount--;
      count--;
    }
  }
  for (let r = pool.state.length - 1; r >= 0 && count > 0 && pool.readyCount > 1; r--) {
    if (pool.state[r] !== READY) continue;
    pool.flush(r);
    pool.readyCount--;
    count--;
    const idle = pool.busy[r] === 0 && pool.queues[r]!.length === 0;
    pool.state[r] = idle ? OFF : DRAINING;
  }
  pool.rebuildRoutable();
}

/** Makes a STARTING slot READY; false when a scale-down cancelled it meanwhile. */
export function markReady(pool: ReplicaPool, slot: number): boolean {
  if (pool.state[slot] !== STARTING) return false;
  pool.flush(slot);
  pool.state[slot] = READY;
  pool.startingCount--;
  pool.readyCount++;
  pool.rebuildRoutable();
  return true;
}
