import { describe, expect, it } from 'vitest';
import {
  browserStorage,
  parseProgress,
  PROGRESS_KEY,
  ProgressStore,
  serializeProgress,
  type StorageLike,
} from './progress';

function memoryStorage(): StorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

const throwing: StorageLike = {
  getItem: () => {
    throw new DOMException('denied', 'SecurityError');
  },
  setItem: () => {
    throw new DOMException('denied', 'SecurityError');
  },
  removeItem: () => {
    throw new DOMException('denied', 'SecurityError');
  },
};

describe('parseProgress', () => {
  it('reads what serializeProgress writes', () => {
    const solved = { '01-model-deployment': ['a', 'b'], '02-docker': ['c'] };
    expect(parseProgress(serializeProgress(solved))).toEqual(solved);
  });

  it('starts fresh on missing, corrupt, foreign or future data', () => {
    for (const text of [
      null,
      '',
      '{',
      'null',
      '42',
      '[]',
      '{"solved":{"a":["x"]}}',
      '{"version":2,"solved":{"a":["x"]}}',
      '{"version":1,"solved":null}',
    ])
      expect(parseProgress(text)).toEqual({});
  });

  it('keeps only well-formed ids, once each', () => {
    const text = JSON.stringify({
      version: 1,
      solved: { ch: ['a', 'a', 3, '', 'x'.repeat(81), 'b'], bad: 'nope' },
    });
    expect(parseProgress(text)).toEqual({ ch: ['a', 'b'] });
  });
});

describe('ProgressStore', () => {
  it('saves solved exercises per chapter and reads them back in a new store', () => {
    const storage = memoryStorage();
    const store = new ProgressStore(storage);
    store.markSolved('ch1', 'a');
    store.markSolved('ch1', 'a');
    store.markSolved('ch2', 'b');
    expect(store.persistent).toBe(true);
    expect(new ProgressStore(storage).solved('ch1')).toEqual(['a']);
    expect(JSON.parse(storage.data.get(PROGRESS_KEY) ?? '')).toEqual({
      version: 1,
      solved: { ch1: ['a'], ch2: ['b'] },
    });
  });

  it('resets one chapter and leaves the others', () => {
    const storage = memoryStorage();
    const store = new ProgressStore(storage);
    store.markSolved('ch1', 'a');
    store.markSolved('ch2', 'b');
    store.reset('ch1');
    expect(store.solved('ch1')).toEqual([]);
    expect(new ProgressStore(storage).isSolved('ch2', 'b')).toBe(true);
  });

  it('overwrites corrupt data instead of failing', () => {
    const storage = memoryStorage();
    storage.setItem(PROGRESS_KEY, '{not json');
    const store = new ProgressStore(storage);
    expect(store.solved('ch1')).toEqual([]);
    store.markSolved('ch1', 'a');
    expect(parseProgress(storage.getItem(PROGRESS_KEY))).toEqual({ ch1: ['a'] });
  });

  it('keeps progress in memory when storage throws, and says it is not persistent', () => {
    const store = new ProgressStore(throwing);
    expect(() => store.markSolved('ch1', 'a')).not.toThrow();
    expect(store.solved('ch1')).toEqual(['a']);
    expect(store.persistent).toBe(false);
    store.reset('ch1');
    expect(store.solved('ch1')).toEqual([]);
  });

  it('works with no storage at all', () => {
    const store = new ProgressStore(null);
    store.markSolved('ch1', 'a');
    expect(store.isSolved('ch1', 'a')).toBe(true);
    expect(store.persistent).toBe(false);
  });
});

describe('browserStorage', () => {
  it('returns null when the getter or a probe write throws, the storage otherwise', () => {
    expect(
      browserStorage(() => {
        throw new DOMException('denied', 'SecurityError');
      }),
    ).toBeNull();
    expect(browserStorage(() => throwing)).toBeNull();
    expect(browserStorage(() => undefined)).toBeNull();
    const storage = memoryStorage();
    expect(browserStorage(() => storage)).toBe(storage);
    expect(storage.data.size).toBe(0);
  });

  it('treats a store marked memory-only (the page storage fallback) as no storage', () => {
    const standIn = memoryStorage();
    Object.defineProperty(standIn, 'mlopsMemoryOnly', { value: true });
    expect(browserStorage(() => standIn)).toBeNull();
    expect(new ProgressStore(browserStorage(() => standIn)).persistent).toBe(false);
  });
});
