import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue';
import { createRng } from './rng';

describe('EventQueue', () => {
  it('pops events in time order, matching a sort of the same times', () => {
    const rng = createRng(5);
    const queue = new EventQueue(2); // small, so it must grow
    const times: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const t = Math.floor(rng.next() * 1000) / 10; // many exact ties
      times.push(t);
      queue.push(t, i % 7, i, t * 2);
    }
    const popped: number[] = [];
    while (queue.pop()) {
      popped.push(queue.time);
      expect(queue.value).toBe(queue.time * 2);
    }
    expect(popped).toEqual([...times].sort((a, b) => a - b));
    expect(queue.size).toBe(0);
    expect(queue.pop()).toBe(false);
  });

  it('keeps scheduling order among events at the same time', () => {
    const queue = new EventQueue();
    queue.push(1, 0, 10, 0);
    queue.push(0.5, 0, 20, 0);
    queue.push(1, 0, 11, 0);
    queue.push(1, 0, 12, 0);
    const targets: number[] = [];
    while (queue.pop()) targets.push(queue.target);
    expect(targets).toEqual([20, 10, 11, 12]);
  });

  it('interleaves pushes and pops correctly', () => {
    const queue = new EventQueue();
    queue.push(5, 1, 0, 0);
    queue.push(3, 2, 0, 0);
    expect(queue.peekTime()).toBe(3);
    queue.pop();
    expect([queue.time, queue.kind]).toEqual([3, 2]);
    queue.push(4, 3, 0, 0);
    queue.push(6, 4, 0, 0);
    const kinds: number[] = [];
    while (queue.pop()) kinds.push(queue.kind);
    expect(kinds).toEqual([3, 1, 4]);
    expect(queue.peekTime()).toBe(Infinity);
    queue.push(1, 0, 0, 0);
    queue.clear();
    expect(queue.size).toBe(0);
  });
});
