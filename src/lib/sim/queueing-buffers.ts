/**
 * Growable typed-array buffers the simulator keeps per replica and per time bucket, so a run of
 * millions of requests allocates a few arrays instead of millions of objects.
 */
import { selectQuantiles } from '../stats/quantile';

/** A growable FIFO of (arrival time, service time) pairs, as a ring buffer. */
export class RequestFifo {
  arrival = new Float64Array(16);
  service = new Float64Array(16);
  head = 0;
  length = 0;
  push(arrival: number, service: number): void {
    if (this.length === this.arrival.length) this.grow();
    const mask = this.arrival.length - 1;
    const at = (this.head + this.length) & mask;
    this.arrival[at] = arrival;
    this.service[at] = service;
    this.length++;
  }
  /** Removes the oldest pair; read `arrival[index]`/`service[index]` of the returned index. */
  shift(): number {
    const index = this.head;
    this.head = (this.head + 1) & (this.arrival.length - 1);
    this.length--;
    return index;
  }
  private grow(): void {
    const size = this.arrival.length;
    const arrival = new Float64Array(size * 2);
    const service = new Float64Array(size * 2);
    for (let i = 0; i < this.length; i++) {
      const from = (this.head + i) & (size - 1);
      arrival[i] = this.arrival[from] as number;
      service[i] = this.service[from] as number;
    }
    this.arrival = arrival;
    this.service = service;
    this.head = 0;
  }
}

/** A growable array of doubles. */
export class DoubleList {
  data = new Float64Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
  /** p50, p95, p99 and max of the values (in that order), NaN when empty. */
  summary(): [number, number, number, number] {
    const [p50 = NaN, p95 = NaN, p99 = NaN, max = NaN] = selectQuantiles(
      this.data.slice(0, this.length),
      [0.5, 0.95, 0.99, 1],
    );
    return [p50, p95, p99, max];
  }
  /** Sum of the values. */
  sum(): number {
    let total = 0;
    for (let i = 0; i < this.length; i++) total += this.data[i] as number;
    return total;
  }
}
