import { describe, expect, it } from 'vitest';
import { checkChoiceAnswer } from './choice';
import type { ChoiceSpec } from './types';

const options = [
  { value: 'a', label: 'Alpha', feedback: 'alpha is why.' },
  { value: 'b', label: 'Beta', feedback: 'beta is why.' },
  { value: 'c', label: 'Gamma', feedback: 'gamma is why.' },
];
const one: ChoiceSpec = { kind: 'choice', multiple: false, options, correct: ['b'] };
const many: ChoiceSpec = { kind: 'choice', multiple: true, options, correct: ['a', 'b'] };

describe('checkChoiceAnswer', () => {
  it('explains the right answer when it is chosen', () => {
    expect(checkChoiceAnswer(one, ['b'])).toEqual({
      correct: true,
      message: 'Correct. beta is why.',
    });
    expect(checkChoiceAnswer(many, ['b', 'a'])).toEqual({
      correct: true,
      message: 'Correct. alpha is why. beta is why.',
    });
  });

  it('names the wrong option and why it is wrong', () => {
    expect(checkChoiceAnswer(one, ['c'])).toEqual({
      correct: false,
      message: 'Not “Gamma”: gamma is why.',
    });
    expect(checkChoiceAnswer(many, ['a', 'c']).message).toBe('Not “Gamma”: gamma is why.');
  });

  it('says how many right options are still missing', () => {
    expect(checkChoiceAnswer(many, ['a']).message).toBe(
      'Your choice is right, but one more option is right too.',
    );
  });

  it('asks for an answer when nothing (or nothing known) is selected', () => {
    expect(checkChoiceAnswer(one, [])).toMatchObject({
      correct: false,
      fieldError: true,
      message: 'Choose an answer first.',
    });
    expect(checkChoiceAnswer(many, ['zzz'])).toMatchObject({ fieldError: true });
  });
});
