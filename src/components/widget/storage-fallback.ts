/**
 * Web Storage that always works. When a browser refuses site storage (Safari's private mode,
 * "block site data" settings, some embedded views), reading `window.localStorage` throws a
 * SecurityError, or `setItem` throws QuotaExceededError. Starlight's theme provider, its theme
 * menu, its sidebar state and our own progress stores read storage on every page, so one refusal
 * would break the theme and throw on load. This swaps a refusing store for one kept in memory:
 * every feature keeps working for the visit, and nothing persists, as the reader chose.
 *
 * It runs as an inline script at the top of `<head>` (astro.config.mjs), before any other script,
 * so it is written to survive `Function.prototype.toString`: no imports, no outer names.
 */
export function installStorageFallback(win: Window): void {
  const memoryStorage = (): Storage => {
    const items = new Map<string, string>();
    const storage = {
      get length() {
        return items.size;
      },
      key: (index: number) => [...items.keys()][index] ?? null,
      getItem: (key: string) => items.get(String(key)) ?? null,
      setItem: (key: string, value: string) => void items.set(String(key), String(value)),
      removeItem: (key: string) => void items.delete(String(key)),
      clear: () => items.clear(),
    };
    // Says that nothing here outlives the page, so a feature can tell the reader (the exercises'
    // "progress is not saved" note reads it through browserStorage in src/lib/exercises).
    Object.defineProperty(storage, 'mlopsMemoryOnly', { value: true });
    return storage as Storage;
  };
  for (const name of ['localStorage', 'sessionStorage'] as const) {
    let usable = false;
    try {
      const storage = win[name];
      const probe = '__mlops_storage_probe__';
      storage.setItem(probe, probe);
      storage.removeItem(probe);
      usable = true;
    } catch {
      // Refused (SecurityError on access, QuotaExceededError on write): fall back to memory.
    }
    if (!usable) {
      try {
        Object.defineProperty(win, name, { configurable: true, value: memoryStorage() });
      } catch {
        // A browser that will not let the property be redefined keeps its own behaviour.
      }
    }
  }
}

/** The inline `<head>` script that installs the fallback on the page's window. */
export const STORAGE_FALLBACK_SCRIPT = `(${installStorageFallback.toString()})(window);`;
