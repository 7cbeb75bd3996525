/**
 * The latency comparison chapter 1's verify step runs: the TypeScript model against
 * onnxruntime-web, per row and on one large batch. Browsers coarsen `performance.now()` (to
 * 100 µs in a page that is not cross-origin isolated; High Resolution Time, "Clock resolution"),
 * so one prediction cannot be timed on its own. Each pass times many calls and divides
 * (timing.ts); this module also measures the clock's step and keeps only the digits a pass
 * measured, so no figure is shown more precisely than the clock allowed (issue 15 #6).
 */
import { estimateClockResolution } from '../monitoring/clock';
import { timePasses, type PassTimings } from './timing';

/** The four workloads; each must do exactly the calls its `callsPerPass` counts. */
export interface LatencyWorkloads {
  /** Predicts every held-out row once with the TypeScript model. */
  tsRows: () => void;
  /** Sends every held-out row to onnxruntime-web, one `session.run` per row. */
  ortRows: () => Promise<void>;
  /** Predicts one batch of `batchRows` rows with the TypeScript model. */
  tsBatch: () => void;
  /** Runs the same batch through onnxruntime-web in one call. */
  ortBatch: () => Promise<void>;
}

/** The protocol's sizes and hooks. */
export interface LatencyProtocol {
  /** Held-out rows (calls of one `tsRows`/`ortRows`). */
  rows: number;
  /** Rows in the batch (the workloads use it; the page's table names it). */
  batchRows: number;
  /** The TypeScript pass repeats `tsRows` this often, so it lasts many clock ticks. */
  tsRepeats: number;
  /** Timed passes per row measure (default 9) and per batch measure (default 5). */
  rowPasses?: number;
  batchPasses?: number;
  /** Clock in ms (default `performance.now`). */
  now?: () => number;
  /** Awaited between passes (a widget yields to the browser). */
  between?: () => Promise<void> | void;
}

/** One measured figure: a per-call time and how many significant digits the clock supports. */
export interface LatencyFigure {
  perCallMs: number;
  /** Median duration of one timed pass, in ms. */
  medianPassMs: number;
  callsPerPass: number;
  /** Significant digits the median pass supports: ⌊log10(pass / clock step)⌋, from 1 to 3. */
  digits: number;
}

/** The whole comparison. */
export interface LatencyComparison {
  /** The clock's measured step in ms (NaN if it never moved). */
  clockResolutionMs: number;
  perRow: { ts: LatencyFigure; ort: LatencyFigure };
  batch: { ts: LatencyFigure; ort: LatencyFigure };
  /** TypeScript batch time ÷ onnxruntime batch time. */
  batchRatio: number;
}

/**
 * Significant digits a measured span supports: a pass of 1 ms on a 0.1 ms clock is 10 ticks,
 * known to ±1 tick (10%), so 1 digit; 100 ticks gives 2; capped at 3. At least 1.
 */
export function supportedDigits(spanMs: number, resolutionMs: number): number {
  if (!(spanMs > 0) || !(resolutionMs > 0) || !Number.isFinite(resolutionMs)) return 1;
  return Math.min(3, Math.max(1, Math.floor(Math.log10(spanMs / resolutionMs))));
}

/** A duration to `digits` significant digits, in µs below 1 ms, ms below 1 s, else s. */
export function formatSignificantDuration(ms: number, digits: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const round = (x: number) => String(Number(x.toPrecision(Math.max(1, digits))));
  if (ms === 0) return '0 µs';
  if (ms < 1) return `${round(ms * 1000)} µs`;
  if (ms < 1000) return `${round(ms)} ms`;
  return `${round(ms / 1000)} s`;
}

function figure(t: PassTimings, resolutionMs: number): LatencyFigure {
  const sorted = [...t.passMs].sort((a, b) => a - b);
  // The median pass (lower middle for an even count): the span the per-call median came from.
  const medianPassMs = sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
  return {
    perCallMs: t.medianPerCallMs,
    medianPassMs,
    callsPerPass: t.callsPerPass,
    digits: supportedDigits(medianPassMs, resolutionMs),
  };
}

/** Runs the comparison: clock step first, then per-row and batch passes for both models. */
export async function compareLatency(
  work: LatencyWorkloads,
  protocol: LatencyProtocol,
): Promise<LatencyComparison> {
  const now = protocol.now ?? (() => performance.now());
  const { rows, tsRepeats } = protocol;
  const between = protocol.between ?? (() => undefined);
  const rowPasses = protocol.rowPasses ?? 9;
  const batchPasses = protocol.batchPasses ?? 5;
  const clockResolutionMs = estimateClockResolution(now);
  const ortRows = await timePasses(work.ortRows, {
    passes: rowPasses,
    callsPerPass: rows,
    now,
    between,
  });
  const tsRows = await timePasses(
    () => {
      for (let r = 0; r < tsRepeats; r++) work.tsRows();
    },
    { passes: rowPasses, callsPerPass: rows * tsRepeats, now, between },
  );
  const ortBatch = await timePasses(work.ortBatch, {
    passes: batchPasses,
    callsPerPass: 1,
    now,
    between,
  });
  const tsBatch = await timePasses(work.tsBatch, {
    passes: batchPasses,
    callsPerPass: 1,
    now,
    between,
  });
  return {
    clockResolutionMs,
    perRow: { ts: figure(tsRows, clockResolutionMs), ort: figure(ortRows, clockResolutionMs) },
    batch: { ts: figure(tsBatch, clockResolutionMs), ort: figure(ortBatch, clockResolutionMs) },
    batchRatio: tsBatch.medianPerCallMs / ortBatch.medianPerCallMs,
  };
}
