/**
 * The replica slots of the queueing simulation: each slot's lifecycle state, busy servers and
 * queue, the busy and capacity time it accumulates inside the measurement window, and the
 * routing policies that pick a slot for a request. The simulator's event handlers, the
 * autoscaler and the result builder all read and change this one structure.
 */
import type { Rng } from './rng';
import { RequestFifo } from './queueing-buffers';
import type { RoutingPolicy } from './queueing-config';

/** A slot that holds no replica. */
export const OFF = 0;
/** A replica the autoscaler added that is not ready yet (scale-up delay plus cold start). */
export const STARTING = 1;
/** A replica that receives requests. */
export const READY = 2;
/** A replica taken out of routing that finishes the requests it holds, then turns OFF. */
export const DRAINING = 3;

/** The simulated clock and whether it is inside the measurement window, shared by all parts. */
export interface SimClock {
  now: number;
  measuring: boolean;
}

/** The replica slots and their per-slot integrals; `servers` is the concurrency per replica. */
export class ReplicaPool {
  readonly state: Uint8Array;
  readonly busy: Int32Array;
  readonly queues: RequestFifo[];
  readonly busyArea: Float64Array;
  readonly capacityArea: Float64Array;
  readonly lastChange: Float64Array;
  /** The queue every replica takes from under the 'shared-queue' policy. */
  readonly sharedQueue = new RequestFifo();
  routable: number[] = [];
  rrPointer = 0;
  readyCount: number;
  startingCount = 0;
  /** Busy servers over all replicas, which the autoscaler integrates. */
  totalBusy = 0;

  constructor(
    slots: number,
    ready: number,
    readonly servers: number,
    private readonly clock: SimClock,
  ) {
    this.state = new Uint8Array(slots);
    this.busy = new Int32Array(slots);
    this.queues = Array.from({ length: slots }, () => new RequestFifo());
    this.busyArea = new Float64Array(slots);
    this.capacityArea = new Float64Array(slots);
    this.lastChange = new Float64Array(slots);
    for (let r = 0; r < ready; r++) this.state[r] = READY;
    this.readyCount = ready;
    this.rebuildRoutable();
  }

  /** Requests a replica holds: in service plus queued. */
  outstanding(replica: number): number {
    return this.busy[replica]! + this.queues[replica]!.length;
  }

  /** The ready replica `policy` sends the next request to. */
  route(policy: RoutingPolicy, rng: Rng): number {
    const list = this.routable;
    const n = list.length;
    switch (policy) {
      case 'round-robin': {
        const replica = list[this.rrPointer % n] as number;
        this.rrPointer = (this.rrPointer + 1) % n;
        return replica;
      }
      case 'random':
        return list[rng.int(n)] as number;
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
        const i = rng.int(n);
        let j = rng.int(n - 1);
        if (j >= i) j++;
        const a = list[i] as number;
        const b = list[j] as number;
        return this.outstanding(b) < this.outstanding(a) ? b : a;
      }
      default:
        return list[0] as number;
    }
  }

  /** A ready replica with a free server, scanning round-robin; -1 when all are full. */
  findIdle(): number {
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

  /** Changes a replica's busy servers by `delta`, closing its integrals first. */
  setBusy(replica: number, delta: number): void {
    this.flush(replica);
    this.busy[replica] = this.busy[replica]! + delta;
    this.totalBusy += delta;
  }

  /** Adds the replica's busy and capacity time since its last change, inside the window only. */
  flush(replica: number): void {
    const now = this.clock.now;
    if (this.clock.measuring) {
      const dt = now - this.lastChange[replica]!;
      const state = this.state[replica];
      this.busyArea[replica] = this.busyArea[replica]! + this.busy[replica]! * dt;
      if (state === READY || state === DRAINING) {
        this.capacityArea[replica] = this.capacityArea[replica]! + this.servers * dt;
      }
    }
    this.lastChange[replica] = now;
  }

  /** Flushes every slot, at the edges of the measurement window. */
  flushAll(): void {
    for (let r = 0; r < this.state.length; r++) this.flush(r);
  }

  /** Recomputes the list of READY slots after a state change. */
  rebuildRoutable(): void {
    this.routable = [];
    for (let r = 0; r < this.state.length; r++) if (this.state[r] === READY) this.routable.push(r);
    this.rrPointer = 0;
  }

  /**
   * Per-slot busy and capacity time, including the stretch since each slot's last flush while
   * measuring, so a live view between events is up to date; the stored integrals are unchanged.
   */
  integrals(): { busy: Float64Array; capacity: Float64Array } {
    const busy = Float64Array.from(this.busyArea);
    const capacity = Float64Array.from(this.capacityArea);
    if (this.clock.measuring) {
      for (let r = 0; r < this.state.length; r++) {
        const dt = this.clock.now - this.lastChange[r]!;
        busy[r] = busy[r]! + this.busy[r]! * dt;
        const state = this.state[r];
        if (state === READY || state === DRAINING) capacity[r] = capacity[r]! + this.servers * dt;
      }
    }
    return { busy, capacity };
  }
}
