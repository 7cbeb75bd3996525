/** Count-based windows over a stream: sliding (last N items) and tumbling (consecutive batches of N). */

/** The last `size` items of a stream, oldest first, in a fixed ring buffer. */
export class SlidingWindow<T> {
  readonly #items: (T | undefined)[];
  #start = 0;
  #length = 0;

  /** Creates an empty window holding at most `size` items (size ≥ 1). */
  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError('window size must be a positive integer');
    this.#items = new Array<T | undefined>(size);
  }

  /** Adds an item; returns the item that fell out of the window, if any. */
  push(item: T): T | undefined {
    if (this.#length < this.size) {
      this.#items[(this.#start + this.#length) % this.size] = item;
      this.#length++;
      return undefined;
    }
    const evicted = this.#items[this.#start];
    this.#items[this.#start] = item;
    this.#start = (this.#start + 1) % this.size;
    return evicted;
  }

  /** Number of items currently held. */
  get length(): number {
    return this.#length;
  }

  /** Whether the window holds `size` items. */
  get full(): boolean {
    return this.#length === this.size;
  }

  /** The items, oldest first. */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.#length; i++)
      out.push(this.#items[(this.#start + i) % this.size] as T);
    return out;
  }

  /** Empties the window. */
  clear(): void {
    this.#start = 0;
    this.#length = 0;
    this.#items.fill(undefined);
  }
}

/** Cuts a stream into consecutive, non-overlapping batches of `size` items. */
export class TumblingWindow<T> {
  #current: T[] = [];

  /** Creates a window that closes every `size` items (size ≥ 1). */
  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError('window size must be a positive integer');
  }

  /** Adds an item; returns the completed batch when this item closes the window, else null. */
  push(item: T): T[] | null {
    this.#current.push(item);
    if (this.#current.length < this.size) return null;
    const batch = this.#current;
    this.#current = [];
    return batch;
  }

  /** Items collected in the still-open window. */
  get pending(): readonly T[] {
    return this.#current;
  }

  /** Drops the open window's items. */
  clear(): void {
    this.#current = [];
  }
}
