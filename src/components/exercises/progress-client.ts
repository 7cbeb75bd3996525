/**
 * The page's one progress store (src/lib/exercises/progress), shared by every exercise, the
 * chapter's progress line and the chapter header: each subscribes and redraws when an exercise
 * is solved or the chapter is reset. Storage that throws is detected once here; the store then
 * keeps progress in memory and `persistent` is false.
 */
import { browserStorage, ProgressStore } from '../../lib/exercises/progress';

let shared: ProgressStore | null = null;
const changes = new EventTarget();

/** The page's store (created on first use). */
export function progressStore(): ProgressStore {
  shared ??= new ProgressStore(browserStorage(() => globalThis.localStorage));
  return shared;
}

/** Records a solved exercise and tells every subscriber. */
export function markSolved(chapter: string, id: string): void {
  progressStore().markSolved(chapter, id);
  changes.dispatchEvent(new Event('change'));
}

/** Forgets a chapter's progress and tells every subscriber. */
export function resetChapter(chapter: string): void {
  progressStore().reset(chapter);
  changes.dispatchEvent(new Event('change'));
}

/** Calls `redraw` now and after every change on this page, and when another tab saves progress. */
export function onProgress(redraw: () => void): void {
  changes.addEventListener('change', redraw);
  globalThis.addEventListener('storage', redraw);
  redraw();
}

/** How many of `ids` are solved in `chapter`. */
export function solvedCount(chapter: string, ids: readonly string[]): number {
  const solved = new Set(progressStore().solved(chapter));
  return ids.filter((id) => solved.has(id)).length;
}
