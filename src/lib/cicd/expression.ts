/**
 * GitHub Actions expressions for the chapter-4 simulator, parsed and evaluated by GitHub's own
 * `@actions/expressions` (the evaluator of its Actions language services). This file is only the
 * adapter the playground needs: JSON values in and out, `${{ }}` interpolation, the implicit
 * `success()` in `if:`, the status functions (`success()`, `failure()`, `always()`,
 * `cancelled()`) through the evaluator's function hook, and errors rewritten as sentences.
 */
import { Evaluator, Lexer, Parser, data, type Expr } from '@actions/expressions';
import { ContextAccess, FunctionCall, IndexAccess, Literal, Star } from '@actions/expressions/ast';
import type { FunctionDefinition, FunctionInfo } from '@actions/expressions/funcs/info';
import { truthy } from '@actions/expressions/result';

/** A value an expression can produce (JSON data). */
export type ExpressionValue =
  null | boolean | number | string | ExpressionValue[] | { [key: string]: ExpressionValue };

/** Syntax tree of an expression, as `@actions/expressions` builds it. */
export type ExpressionNode = Expr;

/** The outcome of parsing: a tree, or a sentence and the 0-based offset where parsing failed. */
export type ParsedExpression =
  | { ok: true; node: ExpressionNode; usesStatusFunction: boolean }
  | { ok: false; message: string; offset: number };

/** Named values the simulator knows; GitHub's parser rejects any other name. */
export const KNOWN_CONTEXTS: readonly string[] = [
  'github',
  'env',
  'vars',
  'job',
  'jobs',
  'steps',
  'runner',
  'secrets',
  'strategy',
  'matrix',
  'needs',
  'inputs',
];

const STATUS_FUNCTIONS = ['success', 'failure', 'always', 'cancelled'];
// The functions GitHub adds to the built-in ones for `if:` (the expressions reference's
// "Status check functions") and for steps (`hashFiles`, at most 255 patterns as in its schema).
const EXTENSION_FUNCTIONS: FunctionInfo[] = [
  ...STATUS_FUNCTIONS.map((name) => ({ name, minArgs: 0, maxArgs: 0 })),
  { name: 'hashFiles', minArgs: 1, maxArgs: 255 },
];

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let i = 0; i < line; i++) offset = text.indexOf('\n', offset) + 1;
  return offset + column;
}

/** Rewrites a parser error of `@actions/expressions` as a sentence with a 0-based offset. */
function syntaxProblem(error: unknown, text: string): { message: string; offset: number } {
  const raw = error instanceof Error ? error.message : String(error);
  const lexed = /^Unexpected symbol: '([\s\S]*)'\. Located at position (\d+) within/.exec(raw);
  if (lexed) {
    const symbol = lexed[1] as string;
    const offset = Number(lexed[2]) - 1;
    if (symbol.startsWith("'")) return { message: "A string is never closed with `'`.", offset };
    if (symbol.startsWith('"'))
      return {
        message: 'Strings in expressions use single quotes; double quotes are not allowed.',
        offset,
      };
    return { message: `The character \`${symbol.slice(0, 20)}\` is not allowed here.`, offset };
  }
  const pos = (error as { pos?: { line: number; column: number } }).pos;
  const offset = pos ? offsetOf(text, pos.line, pos.column) : 0;
  return { message: expressionErrorSentence(raw), offset };
}

/** Rewrites a parser error message of `@actions/expressions` as a plain sentence. */
export function expressionErrorSentence(raw: string): string {
  const [, kind = raw, token = ''] = /^([^:]*): '([\s\S]*?)'(?=\.|$)/.exec(raw) ?? [];
  const sentences: Record<string, string> = {
    'Unexpected end of expression': 'The expression ends where a value was expected.',
    'Unexpected symbol': `\`${token}\` is not expected here.`,
    'Unrecognized named-value': `\`${token}\` is not a context GitHub knows here (such as \`github\`, \`needs\`, \`env\` or \`vars\`).`,
    'Unrecognized function': `\`${token}\` is not a known function.`,
    'Too few parameters supplied': `\`${token}\` is given too few arguments.`,
    'Too many parameters supplied': `\`${token}\` is given too many arguments.`,
  };
  return sentences[kind] ?? `${raw.replace(/\.$/, '')}.`;
}

function mentionsStatusFunction(node: Expr | undefined): boolean {
  if (node === undefined || node instanceof Star || node instanceof Literal) return false;
  if (node instanceof ContextAccess) return false;
  if (node instanceof FunctionCall) {
    const name = node.functionName.lexeme.toLowerCase();
    return STATUS_FUNCTIONS.includes(name) || node.args.some(mentionsStatusFunction);
  }
  // Unary, Binary, Logical, Grouping and IndexAccess: look at every child expression.
  const n = node as unknown as Record<string, unknown>;
  const children = [
    n['expr'],
    n['left'],
    n['right'],
    n['group'],
    n['index'],
    ...((n['args'] as Expr[]) ?? []),
  ];
  return children.some((c) => c !== undefined && mentionsStatusFunction(c as Expr));
}

/** Parses an expression (without the `${{ }}` wrapper) with GitHub's parser; never throws. */
export function parseExpression(text: string): ParsedExpression {
  if (text.trim() === '') return { ok: false, message: 'The expression is empty.', offset: 0 };
  try {
    const { tokens } = new Lexer(text).lex();
    const node = new Parser(tokens, [...KNOWN_CONTEXTS], EXTENSION_FUNCTIONS).parse();
    return { ok: true, node, usesStatusFunction: mentionsStatusFunction(node) };
  } catch (error) {
    return { ok: false, ...syntaxProblem(error, text) };
  }
}

/** What the status functions report for the job or step being evaluated. */
export interface StatusState {
  /** True when every earlier step, or every ancestor job, succeeded. */
  success: boolean;
  /** True when an earlier step, or any ancestor job, failed. */
  failure: boolean;
  /** True when the run was cancelled. */
  cancelled: boolean;
}

/** Contexts and status available to an evaluation. */
export interface EvaluationEnvironment {
  /** Context objects by lowercase name (`github`, `needs`, ...). Missing ones evaluate to null. */
  contexts: Readonly<Record<string, ExpressionValue>>;
  /** Status for `success()`, `failure()` and `cancelled()`; defaults to a clean, successful run. */
  status?: StatusState;
}

/** The value of an expression plus notes about anything the simulator had to assume. */
export interface Evaluation {
  /** The computed value (null when evaluation failed). */
  value: ExpressionValue;
  /** Sentences about unknown contexts or unsupported functions. */
  notes: string[];
  /** Why evaluation failed, as GitHub would fail the run here; null when it succeeded. */
  error: string | null;
}

/** Converts a JSON value to the data type of `@actions/expressions`. */
function toData(value: ExpressionValue): data.ExpressionData {
  if (value === null) return new data.Null();
  if (typeof value === 'boolean') return new data.BooleanData(value);
  if (typeof value === 'number') return new data.NumberData(value);
  if (typeof value === 'string') return new data.StringData(value);
  if (Array.isArray(value)) return new data.Array(...value.map(toData));
  return new data.Dictionary(
    ...Object.entries(value).map(([key, v]) => ({ key, value: toData(v) })),
  );
}

/** Converts evaluator data back to a JSON value. */
function fromData(d: data.ExpressionData): ExpressionValue {
  switch (d.kind) {
    case data.Kind.Null:
      return null;
    case data.Kind.Boolean:
    case data.Kind.Number:
    case data.Kind.String:
      return (d as data.BooleanData | data.NumberData | data.StringData).value;
    case data.Kind.Array:
      return (d as data.Array).values().map(fromData);
    default:
      return Object.fromEntries(
        (d as data.Dictionary).pairs().map(({ key, value }) => [key, fromData(value)]),
      );
  }
}

/** Truthiness as GitHub's evaluator defines it: `false`, `0`, `-0`, `''`, `null` and NaN are falsy. */
export function isTruthy(value: ExpressionValue): boolean {
  return truthy(toData(value));
}

/** Number coercion of GitHub's evaluator: null→0, booleans→1/0, strings as JavaScript `Number`. */
export function toNumber(value: ExpressionValue): number {
  return toData(value).number();
}

/** String coercion used by functions and templates: null→'', numbers in decimal, `Array`/`Object`. */
export function toDisplayString(value: ExpressionValue): string {
  return toData(value).coerceString();
}

function describeNode(node: Expr): string {
  if (node instanceof ContextAccess) return node.name.lexeme;
  if (node instanceof IndexAccess) {
    const object = describeNode(node.expr);
    if (node.index instanceof Star) return `${object}.*`;
    if (node.index instanceof Literal && node.index.literal.kind === data.Kind.String)
      return `${object}.${node.index.literal.coerceString()}`;
    return `${object}[…]`;
  }
  return 'value';
}

/** GitHub's evaluator, with notes where the simulation lacks a value. */
class SimulationEvaluator extends Evaluator {
  readonly notes: string[] = [];
  #env: EvaluationEnvironment;
  #seen = new Map<Expr, data.ExpressionData>();

  constructor(node: Expr, env: EvaluationEnvironment, functions: Map<string, FunctionDefinition>) {
    super(node, new data.Dictionary(), functions);
    this.#env = env;
  }

  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  protected override eval(n: Expr): data.ExpressionData {
    const result = super.eval(n);
    this.#seen.set(n, result);
    return result;
  }

  override visitContextAccess(access: ContextAccess): data.ExpressionData {
    const name = access.name.lexeme.toLowerCase();
    const key = Object.keys(this.#env.contexts).find((k) => k.toLowerCase() === name);
    if (key === undefined) {
      this.note(
        `The \`${name}\` context is not available in this simulation, so it evaluates to null.`,
      );
      return new data.Null();
    }
    return toData(this.#env.contexts[key] as ExpressionValue);
  }

  override visitIndexAccess(access: IndexAccess): data.ExpressionData {
    const result = super.visitIndexAccess(access);
    const object = this.#seen.get(access.expr);
    if (
      result.kind === data.Kind.Null &&
      !(access.index instanceof Star) &&
      object?.kind === data.Kind.Dictionary
    ) {
      this.note(
        `\`${describeNode(access)}\` is not set in this simulation, so it evaluates to null.`,
      );
    }
    return result;
  }
}

function statusFunctions(
  status: StatusState,
  note: (text: string) => void,
): Map<string, FunctionDefinition> {
  const fn = (
    name: string,
    call: () => data.ExpressionData,
    max = 0,
  ): [string, FunctionDefinition] => [
    name.toLowerCase(),
    { name, minArgs: max === 0 ? 0 : 1, maxArgs: max, call },
  ];
  // The status functions as the expressions reference defines them; a cancelled run makes
  // success() and failure() false.
  return new Map([
    fn('success', () => new data.BooleanData(status.success && !status.cancelled)),
    fn('failure', () => new data.BooleanData(status.failure && !status.cancelled)),
    fn('cancelled', () => new data.BooleanData(status.cancelled)),
    fn('always', () => new data.BooleanData(true)),
    fn(
      'hashFiles',
      () => {
        note(
          '`hashFiles` needs the files on a runner; in this simulation it returns an empty string.',
        );
        return new data.StringData('');
      },
      255,
    ),
  ]);
}

/** Rewrites an evaluation error of `@actions/expressions` (GitHub fails the run there). */
function evaluationProblem(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const format =
    /^The following format string (is invalid|references more arguments than were supplied): ([\s\S]*)$/.exec(
      raw,
    );
  if (format)
    return format[1] === 'is invalid'
      ? `\`format\` was given the invalid format string \`${format[2]}\`; GitHub fails the run here`
      : `\`format\` was given a placeholder without a matching argument in \`${format[2]}\`; GitHub fails the run here`;
  if (/fromJson|empty input/.test(raw))
    return '`fromJSON` was given text that is not JSON; GitHub fails the run here';
  return `the expression could not be evaluated (${raw.replace(/\.$/, '')})`;
}

/** Evaluates a parsed expression with GitHub's evaluator; never throws. */
export function evaluateExpression(node: ExpressionNode, env: EvaluationEnvironment): Evaluation {
  const status = env.status ?? { success: true, failure: false, cancelled: false };
  const functions = statusFunctions(status, (text) => evaluator.note(text));
  const evaluator = new SimulationEvaluator(node, env, functions);
  try {
    return { value: fromData(evaluator.evaluate()), notes: evaluator.notes, error: null };
  } catch (error) {
    return { value: null, notes: evaluator.notes, error: evaluationProblem(error) };
  }
}
