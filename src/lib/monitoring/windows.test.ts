import { describe, expect, it } from 'vitest';
import { SlidingWindow, TumblingWindow } from './windows';

describe('SlidingWindow', () => {
  it('keeps the last N items, oldest first, and reports evictions', () => {
    const window = new SlidingWindow<number>(3);
    expect(window.push(1)).toBeUndefined();
    window.push(2);
    window.push(3);
    expect(window.full).toBe(true);
    expect(window.push(4)).toBe(1);
    expect(window.push(5)).toBe(2);
    expect(window.toArray()).toEqual([3, 4, 5]);
    expect(window.length).toBe(3);
    window.clear();
    expect(window.toArray()).toEqual([]);
  });

  it('rejects a non-positive size', () => {
    expect(() => new SlidingWindow(0)).toThrow(RangeError);
  });
});

describe('TumblingWindow', () => {
  it('emits consecutive, non-overlapping batches', () => {
    const window = new TumblingWindow<string>(2);
    expect(window.push('a')).toBeNull();
    expect(window.push('b')).toEqual(['a', 'b']);
    expect(window.push('c')).toBeNull();
    expect(window.pending).toEqual(['c']);
    expect(window.push('d')).toEqual(['c', 'd']);
  });
});
