/**
 * Build time only (component frontmatter): turns a catalog entry into the spec the page checks
 * against, computing a number exercise's expected value with the widget's own code.
 */
import { exerciseEntry, type ExpectedSource } from '../../lib/exercises/catalog';
import {
  candidateAccuracy,
  defaultTestAccuracy,
  firstDriftAlertStep,
  scalingP95Ms,
} from '../../lib/exercises/expected-node';
import type { ExerciseSpec } from '../../lib/exercises/types';

async function computeExpected(source: ExpectedSource): Promise<number> {
  if (source === 'ch1-default-accuracy') return defaultTestAccuracy();
  if (source === 'ch3-p95-ms') return scalingP95Ms();
  if (source === 'ch4-candidate-accuracy') return candidateAccuracy();
  const step = await firstDriftAlertStep();
  if (step === null) throw new Error('the chapter-5 exercise scenario raised no drift alert');
  return step;
}

/** The complete spec of exercise `id` in `chapter`. */
export async function resolveSpec(chapter: string, id: string): Promise<ExerciseSpec> {
  const entry = exerciseEntry(chapter, id);
  if (entry.kind !== 'number') return entry;
  const { source, ...rest } = entry;
  return { ...rest, expected: await computeExpected(source) };
}
