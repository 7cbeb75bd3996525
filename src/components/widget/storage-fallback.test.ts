import { describe, expect, it } from 'vitest';
import { installStorageFallback, STORAGE_FALLBACK_SCRIPT } from './storage-fallback';

/** A window whose storage getters throw, as Safari's private mode and blocked site data do. */
function refusingWindow(): Window {
  const win = {};
  for (const name of ['localStorage', 'sessionStorage']) {
    Object.defineProperty(win, name, {
      configurable: true,
      get() {
        throw new Error('SecurityError: The operation is insecure.');
      },
    });
  }
  return win as Window;
}

/** A real-enough Storage whose writes fail (an old Safari private window: quota 0). */
function fullStorage(): Storage {
  return {
    length: 0,
    key: () => null,
    getItem: () => null,
    setItem: () => {
      throw new Error('QuotaExceededError');
    },
    removeItem: () => undefined,
    clear: () => undefined,
  };
}

describe('installStorageFallback', () => {
  it('replaces refusing stores with working in-memory ones', () => {
    const win = refusingWindow();
    installStorageFallback(win);
    win.localStorage.setItem('starlight-theme', 'light');
    expect(win.localStorage.getItem('starlight-theme')).toBe('light');
    expect((win.localStorage as Storage & { mlopsMemoryOnly?: boolean }).mlopsMemoryOnly).toBe(
      true,
    );
    expect(win.localStorage.length).toBe(1);
    expect(win.localStorage.key(0)).toBe('starlight-theme');
    win.localStorage.removeItem('starlight-theme');
    expect(win.localStorage.getItem('starlight-theme')).toBeNull();
    win.sessionStorage.setItem('sl-sidebar-state', '{}');
    win.sessionStorage.clear();
    expect(win.sessionStorage.length).toBe(0);
  });

  it('replaces a store whose writes fail, and leaves a working one alone', () => {
    const working = new Map<string, string>();
    const ok: Storage = {
      get length() {
        return working.size;
      },
      key: () => null,
      getItem: (k) => working.get(k) ?? null,
      setItem: (k, v) => void working.set(k, v),
      removeItem: (k) => void working.delete(k),
      clear: () => working.clear(),
    };
    const full = fullStorage();
    const win = { localStorage: ok, sessionStorage: full } as unknown as Window;
    installStorageFallback(win);
    expect(win.localStorage).toBe(ok);
    expect(working.size).toBe(0); // the probe was removed again
    expect(win.sessionStorage).not.toBe(full);
    win.sessionStorage.setItem('a', 'b');
    expect(win.sessionStorage.getItem('a')).toBe('b');
  });

  it('works as the standalone inline script the page runs', () => {
    const win = refusingWindow();
    // The script names only `window`; run it with that one name bound, as the page does.
    new Function('window', STORAGE_FALLBACK_SCRIPT)(win);
    win.localStorage.setItem('k', 'v');
    expect(win.localStorage.getItem('k')).toBe('v');
  });
});
