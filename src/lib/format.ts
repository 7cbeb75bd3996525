/** Number formatting shared by widgets, so every figure a reader sees is written the same way. */

/** Sizes as a reader expects them: `812 B`, `14.2 KB`, `13.6 MB` (binary multiples). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Durations: microseconds below 1 ms, milliseconds below 1 s, seconds above. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1) return `${(ms * 1000).toFixed(ms < 0.01 ? 2 : 1)} µs`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/**
 * A fraction as a percentage with the given decimals, no space before the sign: `0.9731` → `97.3%`
 * (the booklet's one style, as the widgets, the e2e expectations and the ch01/ch03 prose write it).
 */
export function formatPercent(fraction: number, decimals = 1): string {
  if (!Number.isFinite(fraction)) return '—';
  return `${(fraction * 100).toFixed(decimals)}%`;
}
