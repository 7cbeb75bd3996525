/**
 * Single- and multiple-choice predictions. A wrong answer is answered with the feedback of the
 * option that is wrong (or the count of right options still missing), never just "wrong".
 */
import type { CheckResult, ChoiceSpec } from './types';

/** Checks the selected option values against the spec's correct set. */
export function checkChoiceAnswer(spec: ChoiceSpec, selected: readonly string[]): CheckResult {
  const known = new Set(spec.options.map((o) => o.value));
  const picked = [...new Set(selected)].filter((v) => known.has(v));
  if (picked.length === 0)
    return {
      correct: false,
      fieldError: true,
      message: spec.multiple
        ? 'Tick every option you think is right first.'
        : 'Choose an answer first.',
    };
  const correct = new Set(spec.correct);
  const wrongPicks = picked.filter((v) => !correct.has(v));
  const missed = spec.correct.filter((v) => !picked.includes(v));
  const option = (value: string) => spec.options.find((o) => o.value === value);
  if (wrongPicks.length === 0 && missed.length === 0) {
    const why = spec.correct.map((v) => option(v)?.feedback ?? '').filter(Boolean);
    return { correct: true, message: ['Correct.', ...why].join(' ') };
  }
  if (wrongPicks.length > 0) {
    const first = option(wrongPicks[0] as string);
    const more =
      wrongPicks.length > 1 ? ` ${wrongPicks.length - 1} more of your choices is wrong too.` : '';
    return {
      correct: false,
      message: `Not “${first?.label ?? ''}”: ${first?.feedback ?? ''}${more}`,
    };
  }
  const right = picked.length;
  return {
    correct: false,
    message: `Your ${right === 1 ? 'choice is' : `${right} choices are`} right, but ${missed.length === 1 ? 'one more option is' : `${missed.length} more options are`} right too.`,
  };
}
