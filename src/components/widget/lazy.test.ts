import { describe, expect, it } from 'vitest';
import { once } from './lazy';

describe('once', () => {
  it('shares one load between concurrent and later callers', async () => {
    let calls = 0;
    const load = once(async () => {
      calls += 1;
      return calls;
    });
    const [a, b] = await Promise.all([load(), load()]);
    expect([a, b, await load(), calls, load.loaded]).toEqual([1, 1, 1, 1, true]);
  });

  it('forgets a failed load so that a retry loads again', async () => {
    let calls = 0;
    const load = once(async () => {
      calls += 1;
      if (calls === 1) throw new Error('offline');
      return 'ok';
    });
    await expect(load()).rejects.toThrow('offline');
    expect(load.loaded).toBe(false);
    await expect(load()).resolves.toBe('ok');
    expect(calls).toBe(2);
  });

  it('loads again after reset', async () => {
    let calls = 0;
    const load = once(async () => ++calls);
    await load();
    load.reset();
    expect(await load()).toBe(2);
  });
});
