/**
 * Draws an exercise's state: the result next to the Check button (as text, never markup), the
 * "Solved" badge, and the chapter's progress line. The elements in Exercise.astro and
 * ExerciseProgress.astro call these; nothing here checks answers.
 */
import { markStale } from '../widget/dom';

/** The result line's look: correct, not yet, or nothing shown. */
export type ResultTone = 'correct' | 'wrong' | 'none';

/** Writes the check's message next to the button; the tone is also said in words. */
export function showResult(result: HTMLElement, tone: ResultTone, message: string): void {
  markStale(result, false);
  result.dataset['tone'] = tone;
  result.textContent = message;
}

/** Shows or hides the "Solved" badge in the exercise's heading. */
export function showSolved(badge: HTMLElement, solved: boolean): void {
  badge.hidden = !solved;
}

/** "2 of 4 solved", as the progress line and the header say it. */
export function progressText(solved: number, total: number): string {
  return `${solved} of ${total} solved`;
}
