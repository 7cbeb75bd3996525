/**
 * The two places a workflow embeds expressions, as the chapter-4 simulator evaluates them with
 * GitHub's evaluator (see `./expression`): `if:` conditions, with the implicit `success()`, and
 * strings with `${{ }}` placeholders.
 */
import {
  evaluateExpression,
  isTruthy,
  parseExpression,
  toDisplayString,
  type EvaluationEnvironment,
  type ExpressionValue,
} from './expression';

const WHOLE_TEMPLATE = /^\s*\$\{\{([\s\S]*)\}\}\s*$/;

/** The result of evaluating an `if:` condition. */
export interface ConditionResult {
  /** Whether the job or step runs. */
  run: boolean;
  /** Whether the written condition names a status function (the implicit `success()` does not count). */
  usesStatusFunction: boolean;
  /** The expression actually evaluated, after unwrapping `${{ }}` and adding the default. */
  effectiveExpression: string;
  /** Sentences about assumptions, or the syntax error when the condition is malformed. */
  notes: string[];
  /** A syntax or evaluation error, if the condition could not be evaluated (then `run` is false). */
  error: string | null;
}

function defaultSuccess(env: EvaluationEnvironment): boolean {
  const status = env.status ?? { success: true, failure: false, cancelled: false };
  return status.success && !status.cancelled;
}

/** A condition that mixes text with `${{ }}` is a non-empty string, hence always true. */
function mixedCondition(text: string, env: EvaluationEnvironment): ConditionResult {
  const rendered = interpolate(text, env);
  return {
    run: defaultSuccess(env) && isTruthy(rendered.value),
    usesStatusFunction: false,
    effectiveExpression: `success() && '${String(rendered.value)}'`,
    notes: [
      'This condition mixes text with `${{ }}`, so GitHub reads it as a non-empty string, which is always true; put the whole condition inside one `${{ }}` or drop the braces.',
      ...rendered.notes,
    ],
    error: rendered.error,
  };
}

/**
 * Evaluates an `if:` condition as GitHub does: an optional `${{ }}` wrapper is removed, and when
 * the condition names no status function, `success() && (...)` is applied (the expressions
 * reference: "A default status check of success() is applied unless you include one of these
 * functions"). A missing condition means `success()`.
 */
export function evaluateCondition(
  condition: string | boolean | number | undefined,
  env: EvaluationEnvironment,
): ConditionResult {
  if (condition === undefined) {
    return {
      run: defaultSuccess(env),
      usesStatusFunction: false,
      effectiveExpression: 'success()',
      notes: [],
      error: null,
    };
  }
  let text = typeof condition === 'string' ? condition : String(condition);
  const whole = WHOLE_TEMPLATE.exec(text);
  if (whole && !(whole[1] as string).includes('}}')) text = whole[1] as string;
  else if (text.includes('${{')) return mixedCondition(text, env);
  const parsed = parseExpression(text);
  if (!parsed.ok) {
    return {
      run: false,
      usesStatusFunction: false,
      effectiveExpression: text.trim(),
      notes: [],
      error: `${parsed.message.replace(/\.$/, '')} (at character ${parsed.offset + 1} of \`${text}\`)`,
    };
  }
  const effectiveExpression = parsed.usesStatusFunction
    ? text.trim()
    : `success() && (${text.trim()})`;
  // `success() && (...)` short-circuits: when an earlier job or step failed, the rest is not evaluated.
  if (!parsed.usesStatusFunction && !defaultSuccess(env)) {
    return { run: false, usesStatusFunction: false, effectiveExpression, notes: [], error: null };
  }
  const result = evaluateExpression(parsed.node, env);
  return {
    run: result.error === null && isTruthy(result.value),
    usesStatusFunction: parsed.usesStatusFunction,
    effectiveExpression,
    notes: result.notes,
    error: result.error,
  };
}

/** The result of filling in the `${{ }}` placeholders of a string. */
export interface InterpolationResult {
  /** The rendered text (or the single value, when the whole string is one expression). */
  value: ExpressionValue;
  /** Sentences about assumptions. */
  notes: string[];
  /** The first syntax or evaluation error met, if any. */
  error: string | null;
}

/**
 * Replaces each `${{ expr }}` in a string with its value. When the whole string is one
 * placeholder the value keeps its type (so `${{ github.event_name == 'pull_request' }}` is a
 * boolean, as GitHub treats it for `cancel-in-progress`).
 */
export function interpolate(template: string, env: EvaluationEnvironment): InterpolationResult {
  const notes: string[] = [];
  let error: string | null = null;
  const evaluatePiece = (source: string): ExpressionValue => {
    const parsed = parseExpression(source);
    if (!parsed.ok) {
      error ??= `${parsed.message.replace(/\.$/, '')} (in \`${source.trim()}\`)`;
      return '';
    }
    const result = evaluateExpression(parsed.node, env);
    for (const n of result.notes) if (!notes.includes(n)) notes.push(n);
    if (result.error !== null) error ??= `${result.error} (in \`${source.trim()}\`)`;
    return result.value;
  };
  const whole = WHOLE_TEMPLATE.exec(template);
  if (whole && !(whole[1] as string).includes('}}')) {
    return { value: evaluatePiece(whole[1] as string), notes, error };
  }
  let out = '';
  let rest = template;
  for (;;) {
    const start = rest.indexOf('${{');
    if (start < 0) break;
    const end = rest.indexOf('}}', start + 3);
    if (end < 0) {
      error ??= 'A `${{` is never closed with `}}`.';
      break;
    }
    out += rest.slice(0, start) + toDisplayString(evaluatePiece(rest.slice(start + 3, end)));
    rest = rest.slice(end + 2);
  }
  return { value: out + rest, notes, error };
}
