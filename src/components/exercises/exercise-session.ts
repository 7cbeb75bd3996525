/**
 * The exercises' lazy boundary: imported on the first Check, it runs src/lib/exercises on the
 * reader's answer. The Dockerfile and workflow analysers are imported further down, inside
 * `checkDockerfileAnswer` and `checkWorkflowAnswer`, only when such an answer is checked.
 */
import { checkChoiceAnswer } from '../../lib/exercises/choice';
import { checkDockerfileAnswer, checkWorkflowAnswer } from '../../lib/exercises/files';
import { checkNumberAnswer } from '../../lib/exercises/number';
import type { CheckResult, ExerciseSpec } from '../../lib/exercises/types';

/** The reader's answer: the field's text, or the selected option values. */
export type Answer = { text: string } | { selected: string[] };

/** Checks `answer` against `spec`; a mismatched answer shape is refused with a message. */
export async function checkAnswer(spec: ExerciseSpec, answer: Answer): Promise<CheckResult> {
  if (spec.kind === 'choice')
    return checkChoiceAnswer(spec, 'selected' in answer ? answer.selected : []);
  const text = 'text' in answer ? answer.text : '';
  if (spec.kind === 'number') return checkNumberAnswer(spec, text);
  if (spec.kind === 'dockerfile') return checkDockerfileAnswer(spec, text);
  return checkWorkflowAnswer(spec, text);
}
