/**
 * What an exercise asks for, as plain data: the component writes it into a `data-spec` attribute
 * at build time and the checkers read it back in the page. Every check answers with a
 * {@link CheckResult} whose message says what is right or what is still wrong.
 */

/** Units a number answer can be given in. */
export type AnswerUnit = 'percent' | 'ms' | 'count';

/** A value read off a widget, within a stated tolerance. */
export interface NumberSpec {
  kind: 'number';
  /** The exact value the widget computes (a fraction for `percent`, milliseconds for `ms`). */
  expected: number;
  /** Accepted distance, in the unit the reader types (percentage points for `percent`). */
  tolerance: number;
  unit: AnswerUnit;
  /** What to read where, for a wrong answer ("the held-out accuracy after Train"). */
  readFrom: string;
}

/** One option of a choice exercise. */
export interface ChoiceOption {
  value: string;
  label: string;
  /** Why this option is right or wrong, shown when the reader's answer involves it. */
  feedback: string;
}

/** A single- or multiple-choice prediction. */
export interface ChoiceSpec {
  kind: 'choice';
  multiple: boolean;
  options: ChoiceOption[];
  /** Values of the correct options (exactly one when `multiple` is false). */
  correct: string[];
}

/** A Dockerfile the reader fixes until chapter 2's analyser accepts it. */
export interface DockerfileSpec {
  kind: 'dockerfile';
  starter: string;
  /** Instructions the fixed file must still contain (the service must still be built). */
  mustKeep: { pattern: string; describe: string }[];
}

/** A GitHub Actions workflow the reader fixes until chapter 4's validator accepts it. */
export interface WorkflowSpec {
  kind: 'workflow';
  starter: string;
  /** Job ids the fixed workflow must still define. */
  jobs: string[];
  /** `needs` edges the fixed workflow must keep, as [job, needed job]. */
  needs: [string, string][];
}

/** Any exercise's answer specification. */
export type ExerciseSpec = NumberSpec | ChoiceSpec | DockerfileSpec | WorkflowSpec;

/** The outcome of one check: never just "wrong", the message names what is right or missing. */
export interface CheckResult {
  correct: boolean;
  message: string;
  /** Set when the answer could not be read at all: the message belongs at the field. */
  fieldError?: boolean;
  /** 1-based line a remaining problem is on (file answers), so the page can select it. */
  line?: number;
}

/** Longest answer a one-line field accepts, in characters. */
export const MAX_NUMBER_ANSWER = 40;
/** Longest file a fix-this-file answer accepts, in characters. */
export const MAX_FILE_ANSWER = 20_000;
