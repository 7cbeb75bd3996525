/**
 * The simulator's future-event list: a binary min-heap ordered by time, stored as parallel typed
 * arrays so a million events allocate nothing. Events at the same time leave in the order they
 * were scheduled (a sequence number breaks ties), which keeps runs deterministic and makes
 * "scheduled first, happens first" hold for simultaneous events. Push and pop are O(log n).
 */
export class EventQueue {
  #time: Float64Array;
  #seq: Float64Array;
  #kind: Uint8Array;
  #target: Int32Array;
  #value: Float64Array;
  #size = 0;
  #nextSeq = 0;

  /** Time of the event the last `pop` returned. */
  time = 0;
  /** Kind of the event the last `pop` returned (a small integer the simulator defines). */
  kind = 0;
  /** Target (for example a replica index) of the event the last `pop` returned. */
  target = 0;
  /** Payload of the event the last `pop` returned (for example an arrival time). */
  value = 0;

  constructor(initialCapacity = 64) {
    const capacity = Math.max(2, initialCapacity);
    this.#time = new Float64Array(capacity);
    this.#seq = new Float64Array(capacity);
    this.#kind = new Uint8Array(capacity);
    this.#target = new Int32Array(capacity);
    this.#value = new Float64Array(capacity);
  }

  /** Number of scheduled events. */
  get size(): number {
    return this.#size;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    return this.#size > 0 ? (this.#time[0] ?? Infinity) : Infinity;
  }

  /** Schedules an event. */
  push(time: number, kind: number, target: number, value: number): void {
    if (this.#size === this.#time.length) this.#grow();
    const seq = this.#nextSeq++;
    const times = this.#time;
    const seqs = this.#seq;
    // Sift up: move parents down until the new event's slot is found.
    let i = this.#size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent] as number;
      if (pt < time || (pt === time && (seqs[parent] as number) < seq)) break;
      this.#move(parent, i);
      i = parent;
    }
    this.#write(i, time, seq, kind, target, value);
  }

  /** Removes the earliest event into `time`/`kind`/`target`/`value`; false when empty. */
  pop(): boolean {
    if (this.#size === 0) return false;
    const times = this.#time;
    const seqs = this.#seq;
    this.time = times[0] as number;
    this.kind = this.#kind[0] as number;
    this.target = this.#target[0] as number;
    this.value = this.#value[0] as number;
    const last = --this.#size;
    if (last === 0) return true;
    const lt = times[last] as number;
    const ls = seqs[last] as number;
    const lk = this.#kind[last] as number;
    const lg = this.#target[last] as number;
    const lv = this.#value[last] as number;
    // Sift down the former last event from the root.
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= last) break;
      const right = left + 1;
      let child = left;
      if (right < last) {
        const rt = times[right] as number;
        const ct = times[left] as number;
        if (rt < ct || (rt === ct && (seqs[right] as number) < (seqs[left] as number)))
          child = right;
      }
      const ct = times[child] as number;
      if (lt < ct || (lt === ct && ls < (seqs[child] as number))) break;
      this.#move(child, i);
      i = child;
    }
    this.#write(i, lt, ls, lk, lg, lv);
    return true;
  }

  /** Drops every event. */
  clear(): void {
    this.#size = 0;
  }

  /** Stores one event's fields in slot `i` of the heap arrays. */
  #write(i: number, time: number, seq: number, kind: number, target: number, value: number): void {
    this.#time[i] = time;
    this.#seq[i] = seq;
    this.#kind[i] = kind;
    this.#target[i] = target;
    this.#value[i] = value;
  }

  #move(from: number, to: number): void {
    this.#time[to] = this.#time[from] as number;
    this.#seq[to] = this.#seq[from] as number;
    this.#kind[to] = this.#kind[from] as number;
    this.#target[to] = this.#target[from] as number;
    this.#value[to] = this.#value[from] as number;
  }

  #grow(): void {
    const capacity = this.#time.length * 2;
    const grow = <T extends Float64Array | Uint8Array | Int32Array>(
      old: T,
      make: (n: number) => T,
    ): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.#time = grow(this.#time, (n) => new Float64Array(n));
    this.#seq = grow(this.#seq, (n) => new Float64Array(n));
    this.#kind = grow(this.#kind, (n) => new Uint8Array(n));
    this.#target = grow(this.#target, (n) => new Int32Array(n));
    this.#value = grow(this.#value, (n) => new Float64Array(n));
  }
}
