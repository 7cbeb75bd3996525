/**
 * A small evaluator for GitHub Actions expressions, enough for `if:` conditions and `${{ }}`
 * templates in a CI/CD chapter: literals, contexts with `.`/`[]` access, `!`, comparisons,
 * `&&`, `||`, parentheses, and the functions `contains`, `startsWith`, `endsWith`, `format`,
 * `join`, `toJSON`, `fromJSON`, `success`, `failure`, `always` and `cancelled`.
 * Semantics follow GitHub's "Evaluate expressions in workflows and actions" reference: loose
 * equality that coerces mismatched types to numbers, case-insensitive string comparison, falsy
 * values `false`, `0`, `-0`, `''` and `null`, and `&&`/`||` returning one of their operands.
 */

/** A value an expression can produce (JSON data). */
export type ExpressionValue =
  null | boolean | number | string | ExpressionValue[] | { [key: string]: ExpressionValue };

/** Syntax tree of an expression. */
export type ExpressionNode =
  | { kind: 'literal'; value: ExpressionValue }
  | { kind: 'context'; name: string }
  | { kind: 'member'; object: ExpressionNode; property: string }
  | { kind: 'index'; object: ExpressionNode; index: ExpressionNode }
  | { kind: 'call'; name: string; args: ExpressionNode[] }
  | { kind: 'not'; operand: ExpressionNode }
  | {
      kind: 'compare';
      op: '==' | '!=' | '<' | '<=' | '>' | '>=';
      left: ExpressionNode;
      right: ExpressionNode;
    }
  | { kind: 'logical'; op: '&&' | '||'; left: ExpressionNode; right: ExpressionNode };

/** The outcome of parsing: a tree, or a sentence and the 0-based offset where parsing failed. */
export type ParsedExpression =
  | { ok: true; node: ExpressionNode; usesStatusFunction: boolean }
  | { ok: false; message: string; offset: number };

/** Named values GitHub recognises; any other name is a syntax error there too. */
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
const FUNCTION_ARITY: Record<string, [number, number]> = {
  contains: [2, 2],
  startswith: [2, 2],
  endswith: [2, 2],
  format: [1, Infinity],
  join: [1, 2],
  tojson: [1, 1],
  fromjson: [1, 1],
  hashfiles: [1, Infinity],
  success: [0, 0],
  failure: [0, 0],
  always: [0, 0],
  cancelled: [0, 0],
};

type Token =
  | { type: 'punct'; text: string; offset: number }
  | { type: 'number'; value: number; offset: number }
  | { type: 'string'; value: string; offset: number }
  | { type: 'ident'; text: string; offset: number }
  | { type: 'end'; offset: number };

class ExpressionSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const PUNCTUATION = [
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '(',
  ')',
  '[',
  ']',
  '.',
  '!',
  '<',
  '>',
  ',',
];
const NUMBER = /^-?(?:0x[0-9a-fA-F]+|(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    if (ch === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length)
          throw new ExpressionSyntaxError("A string is never closed with `'`.", i);
        if (text[j] === "'") {
          // A doubled quote stands for one literal quote.
          if (text[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += text[j];
        j += 1;
      }
      tokens.push({ type: 'string', value, offset: i });
      i = j + 1;
      continue;
    }
    if (ch === '"') {
      throw new ExpressionSyntaxError(
        'Strings in expressions use single quotes; double quotes are not allowed.',
        i,
      );
    }
    const rest = text.slice(i);
    const previous = tokens[tokens.length - 1];
    // A leading minus belongs to a number only where a value may start, not after one.
    const valueMayStart =
      previous === undefined ||
      (previous.type === 'punct' && previous.text !== ')' && previous.text !== ']');
    const number = NUMBER.exec(rest);
    if (number && (ch !== '-' || valueMayStart) && /[-\d.]/.test(ch)) {
      const literal = number[0];
      const value = /0x/i.test(literal)
        ? (literal.startsWith('-') ? -1 : 1) * parseInt(literal.replace(/^-?0x/i, ''), 16)
        : Number(literal);
      tokens.push({ type: 'number', value, offset: i });
      i += literal.length;
      continue;
    }
    const punct = PUNCTUATION.find((p) => rest.startsWith(p));
    if (punct) {
      tokens.push({ type: 'punct', text: punct, offset: i });
      i += punct.length;
      continue;
    }
    if (ch === '*') {
      tokens.push({ type: 'ident', text: '*', offset: i });
      i += 1;
      continue;
    }
    const ident = IDENT.exec(rest);
    if (ident) {
      tokens.push({ type: 'ident', text: ident[0], offset: i });
      i += ident[0].length;
      continue;
    }
    throw new ExpressionSyntaxError(`The character \`${ch}\` is not allowed here.`, i);
  }
  tokens.push({ type: 'end', offset: text.length });
  return tokens;
}

class Parser {
  #tokens: Token[];
  #position = 0;
  usesStatusFunction = false;

  constructor(tokens: Token[]) {
    this.#tokens = tokens;
  }

  #peek(): Token {
    return this.#tokens[this.#position] as Token;
  }

  #next(): Token {
    const token = this.#peek();
    if (token.type !== 'end') this.#position += 1;
    return token;
  }

  #isPunct(text: string): boolean {
    const token = this.#peek();
    return token.type === 'punct' && token.text === text;
  }

  #expect(text: string, what: string): void {
    if (!this.#isPunct(text)) {
      throw new ExpressionSyntaxError(`Expected \`${text}\` ${what}.`, this.#peek().offset);
    }
    this.#next();
  }

  parseAll(): ExpressionNode {
    if (this.#peek().type === 'end') throw new ExpressionSyntaxError('The expression is empty.', 0);
    const node = this.#or();
    const token = this.#peek();
    if (token.type !== 'end') {
      throw new ExpressionSyntaxError(
        'Unexpected text after the end of the expression.',
        token.offset,
      );
    }
    return node;
  }

  #or(): ExpressionNode {
    let left = this.#and();
    while (this.#isPunct('||')) {
      this.#next();
      left = { kind: 'logical', op: '||', left, right: this.#and() };
    }
    return left;
  }

  #and(): ExpressionNode {
    let left = this.#equality();
    while (this.#isPunct('&&')) {
      this.#next();
      left = { kind: 'logical', op: '&&', left, right: this.#equality() };
    }
    return left;
  }

  #equality(): ExpressionNode {
    let left = this.#relational();
    while (this.#isPunct('==') || this.#isPunct('!=')) {
      const op = (this.#next() as { text: '==' | '!=' }).text;
      left = { kind: 'compare', op, left, right: this.#relational() };
    }
    return left;
  }

  #relational(): ExpressionNode {
    let left = this.#unary();
    while (this.#isPunct('<') || this.#isPunct('<=') || this.#isPunct('>') || this.#isPunct('>=')) {
      const op = (this.#next() as { text: '<' | '<=' | '>' | '>=' }).text;
      left = { kind: 'compare', op, left, right: this.#unary() };
    }
    return left;
  }

  #unary(): ExpressionNode {
    if (this.#isPunct('!')) {
      this.#next();
      return { kind: 'not', operand: this.#unary() };
    }
    return this.#postfix();
  }

  #postfix(): ExpressionNode {
    let node = this.#primary();
    for (;;) {
      if (this.#isPunct('.')) {
        this.#next();
        const token = this.#next();
        if (token.type !== 'ident') {
          throw new ExpressionSyntaxError('Expected a property name after `.`.', token.offset);
        }
        node = { kind: 'member', object: node, property: token.text };
      } else if (this.#isPunct('[')) {
        this.#next();
        const index = this.#or();
        this.#expect(']', 'to close the index');
        node = { kind: 'index', object: node, index };
      } else {
        return node;
      }
    }
  }

  #primary(): ExpressionNode {
    const token = this.#next();
    switch (token.type) {
      case 'number':
        return { kind: 'literal', value: token.value };
      case 'string':
        return { kind: 'literal', value: token.value };
      case 'punct':
        if (token.text === '(') {
          const inner = this.#or();
          this.#expect(')', 'to close the parenthesis');
          return inner;
        }
        throw new ExpressionSyntaxError(
          `Expected a value but found \`${token.text}\`.`,
          token.offset,
        );
      case 'end':
        throw new ExpressionSyntaxError(
          'The expression ends where a value was expected.',
          token.offset,
        );
      case 'ident':
        return this.#identifier(token);
    }
  }

  #identifier(token: { text: string; offset: number }): ExpressionNode {
    const lower = token.text.toLowerCase();
    if (lower === 'true' || lower === 'false') return { kind: 'literal', value: lower === 'true' };
    if (lower === 'null') return { kind: 'literal', value: null };
    if (this.#isPunct('(')) {
      const arity = FUNCTION_ARITY[lower];
      if (arity === undefined) {
        throw new ExpressionSyntaxError(`\`${token.text}\` is not a known function.`, token.offset);
      }
      this.#next();
      const args: ExpressionNode[] = [];
      if (!this.#isPunct(')')) {
        args.push(this.#or());
        while (this.#isPunct(',')) {
          this.#next();
          args.push(this.#or());
        }
      }
      this.#expect(')', `to close the call to \`${token.text}\``);
      const [min, max] = arity;
      if (args.length < min || args.length > max) {
        const expected =
          min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} or ${max}`;
        throw new ExpressionSyntaxError(
          `\`${token.text}\` takes ${expected} argument${min === 1 && max === 1 ? '' : 's'}, but ${args.length} ${args.length === 1 ? 'was' : 'were'} given.`,
          token.offset,
        );
      }
      if (STATUS_FUNCTIONS.includes(lower)) this.usesStatusFunction = true;
      return { kind: 'call', name: lower, args };
    }
    if (!KNOWN_CONTEXTS.includes(lower)) {
      throw new ExpressionSyntaxError(
        `\`${token.text}\` is not a context GitHub knows (such as \`github\`, \`needs\`, \`env\` or \`vars\`).`,
        token.offset,
      );
    }
    return { kind: 'context', name: lower };
  }
}

/** Parses an expression (without the `${{ }}` wrapper); never throws. */
export function parseExpression(text: string): ParsedExpression {
  try {
    const parser = new Parser(tokenize(text));
    const node = parser.parseAll();
    return { ok: true, node, usesStatusFunction: parser.usesStatusFunction };
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) {
      return { ok: false, message: error.message, offset: error.offset };
    }
    return {
      ok: false,
      message: `The expression could not be read (${String(error)}).`,
      offset: 0,
    };
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
  /** The computed value. */
  value: ExpressionValue;
  /** Sentences about unknown contexts or unsupported functions. */
  notes: string[];
}

/** Truthiness as GitHub defines it: `false`, `0`, `-0`, `''`, `null` (and NaN) are falsy. */
export function isTruthy(value: ExpressionValue): boolean {
  if (value === null || value === false || value === '') return false;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  return true;
}

const JSON_NUMBER = /^\s*-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?\s*$/;

/** Number coercion from the expressions reference: null→0, booleans→1/0, strings parsed as JSON numbers ('' → 0). */
export function toNumber(value: ExpressionValue): number {
  if (value === null) return 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    if (value.trim() === '') return 0;
    return JSON_NUMBER.test(value) ? Number(value) : NaN;
  }
  return NaN;
}

/** String coercion used by functions: null→'', booleans→'true'/'false', numbers in decimal. */
export function toDisplayString(value: ExpressionValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return 'Array';
  return 'Object';
}

function looseEquals(a: ExpressionValue, b: ExpressionValue): boolean {
  const ta = a === null ? 'null' : Array.isArray(a) ? 'array' : typeof a;
  const tb = b === null ? 'null' : Array.isArray(b) ? 'array' : typeof b;
  if (ta === tb) {
    if (typeof a === 'string' && typeof b === 'string') return a.toUpperCase() === b.toUpperCase();
    return a === b;
  }
  const na = toNumber(a);
  const nb = toNumber(b);
  return !Number.isNaN(na) && !Number.isNaN(nb) && na === nb;
}

function compareOrder(a: ExpressionValue, b: ExpressionValue): number | null {
  if (typeof a === 'string' && typeof b === 'string') {
    const ua = a.toUpperCase();
    const ub = b.toUpperCase();
    return ua < ub ? -1 : ua > ub ? 1 : 0;
  }
  const na = toNumber(a);
  const nb = toNumber(b);
  if (Number.isNaN(na) || Number.isNaN(nb)) return null;
  return na - nb;
}

function getProperty(object: ExpressionValue, key: string): ExpressionValue | undefined {
  if (object === null || typeof object !== 'object' || Array.isArray(object)) return undefined;
  if (Object.prototype.hasOwnProperty.call(object, key)) return object[key];
  // Context property names are case-insensitive in GitHub Actions.
  const lower = key.toLowerCase();
  for (const k of Object.keys(object)) if (k.toLowerCase() === lower) return object[k];
  return undefined;
}

function fromJsonValue(text: string): ExpressionValue | undefined {
  try {
    return JSON.parse(text) as ExpressionValue;
  } catch {
    return undefined;
  }
}

function formatString(template: string, args: ExpressionValue[]): string | null {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const ch = template[i];
    const next = template[i + 1];
    if (ch === '{' && next === '{') {
      out += '{';
      i += 1;
    } else if (ch === '}' && next === '}') {
      out += '}';
      i += 1;
    } else if (ch === '{') {
      const close = template.indexOf('}', i);
      const index = close < 0 ? NaN : Number(template.slice(i + 1, close));
      if (!Number.isInteger(index) || index < 0 || index >= args.length) return null;
      out += toDisplayString(args[index] as ExpressionValue);
      i = close;
    } else {
      out += ch;
    }
  }
  return out;
}

function describeNode(node: ExpressionNode): string {
  switch (node.kind) {
    case 'context':
      return node.name;
    case 'member':
      return `${describeNode(node.object)}.${node.property}`;
    case 'index':
      return `${describeNode(node.object)}[…]`;
    default:
      return 'value';
  }
}

class Evaluator {
  readonly notes: string[] = [];
  #env: EvaluationEnvironment;

  constructor(env: EvaluationEnvironment) {
    this.#env = env;
  }

  #note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  evaluate(node: ExpressionNode): ExpressionValue {
    switch (node.kind) {
      case 'literal':
        return node.value;
      case 'context': {
        const value = getProperty(this.#env.contexts as Record<string, ExpressionValue>, node.name);
        if (value === undefined) {
          this.#note(
            `The \`${node.name}\` context is not available in this simulation, so it evaluates to null.`,
          );
          return null;
        }
        return value;
      }
      case 'member':
        return this.#access(node.object, node.property, describeNode(node));
      case 'index': {
        const key = this.evaluate(node.index);
        const object = this.evaluate(node.object);
        if (Array.isArray(object) && typeof key === 'number') return object[key] ?? null;
        return getProperty(object, toDisplayString(key)) ?? null;
      }
      case 'not':
        return !isTruthy(this.evaluate(node.operand));
      case 'logical': {
        const left = this.evaluate(node.left);
        if (node.op === '&&') return isTruthy(left) ? this.evaluate(node.right) : left;
        return isTruthy(left) ? left : this.evaluate(node.right);
      }
      case 'compare': {
        const left = this.evaluate(node.left);
        const right = this.evaluate(node.right);
        if (node.op === '==') return looseEquals(left, right);
        if (node.op === '!=') return !looseEquals(left, right);
        const order = compareOrder(left, right);
        if (order === null) return false;
        if (node.op === '<') return order < 0;
        if (node.op === '<=') return order <= 0;
        if (node.op === '>') return order > 0;
        return order >= 0;
      }
      case 'call':
        return this.#call(node.name, node.args);
    }
  }

  #access(objectNode: ExpressionNode, property: string, description: string): ExpressionValue {
    const object = this.evaluate(objectNode);
    if (property === '*') {
      // Object filter: `labels.*.name` maps over the items of an array or the values of an object.
      if (Array.isArray(object)) return object;
      if (object !== null && typeof object === 'object') return Object.values(object);
      return [];
    }
    if (Array.isArray(object) && objectNode.kind === 'member' && objectNode.property === '*') {
      return object.map((item) => getProperty(item, property) ?? null);
    }
    const value = getProperty(object, property);
    if (value === undefined) {
      if (object !== null) {
        this.#note(`\`${description}\` is not set in this simulation, so it evaluates to null.`);
      }
      return null;
    }
    return value;
  }

  #call(name: string, argNodes: ExpressionNode[]): ExpressionValue {
    const status = this.#env.status ?? { success: true, failure: false, cancelled: false };
    switch (name) {
      case 'success':
        return status.success && !status.cancelled;
      case 'failure':
        return status.failure && !status.cancelled;
      case 'cancelled':
        return status.cancelled;
      case 'always':
        return true;
      default:
        break;
    }
    const args = argNodes.map((a) => this.evaluate(a));
    const [a = null, b = null] = args;
    switch (name) {
      case 'contains':
        if (Array.isArray(a)) return a.some((item) => looseEquals(item, b));
        return toDisplayString(a).toUpperCase().includes(toDisplayString(b).toUpperCase());
      case 'startswith':
        return toDisplayString(a).toUpperCase().startsWith(toDisplayString(b).toUpperCase());
      case 'endswith':
        return toDisplayString(a).toUpperCase().endsWith(toDisplayString(b).toUpperCase());
      case 'format': {
        const formatted = formatString(toDisplayString(a), args.slice(1));
        if (formatted === null) {
          this.#note(
            '`format` was given a placeholder without a matching argument; it evaluates to an empty string.',
          );
          return '';
        }
        return formatted;
      }
      case 'join': {
        const separator = args.length > 1 ? toDisplayString(b) : ',';
        return Array.isArray(a) ? a.map(toDisplayString).join(separator) : toDisplayString(a);
      }
      case 'tojson':
        return JSON.stringify(a, null, 2);
      case 'fromjson': {
        const parsed = fromJsonValue(toDisplayString(a));
        if (parsed === undefined) {
          this.#note(
            '`fromJSON` was given text that is not JSON; GitHub would fail the run here. It evaluates to null.',
          );
          return null;
        }
        return parsed;
      }
      case 'hashfiles':
        this.#note(
          '`hashFiles` needs the files on a runner; in this simulation it returns an empty string.',
        );
        return '';
      default:
        return null;
    }
  }
}

/** Evaluates a parsed expression; never throws. */
export function evaluateExpression(node: ExpressionNode, env: EvaluationEnvironment): Evaluation {
  const evaluator = new Evaluator(env);
  const value = evaluator.evaluate(node);
  return { value, notes: evaluator.notes };
}

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
  /** A syntax error, if the condition could not be parsed (then `run` is false). */
  error: string | null;
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
    const run = evaluateExpression({ kind: 'call', name: 'success', args: [] }, env).value === true;
    return {
      run,
      usesStatusFunction: false,
      effectiveExpression: 'success()',
      notes: [],
      error: null,
    };
  }
  let text = typeof condition === 'string' ? condition : String(condition);
  const notes: string[] = [];
  const whole = WHOLE_TEMPLATE.exec(text);
  if (whole && !(whole[1] as string).includes('}}')) {
    text = whole[1] as string;
  } else if (text.includes('${{')) {
    // Text around `${{ }}` turns the condition into a string, and a non-empty string is truthy.
    notes.push(
      'This condition mixes text with `${{ }}`, so GitHub reads it as a non-empty string, which is always true; put the whole condition inside one `${{ }}` or drop the braces.',
    );
    const rendered = interpolate(text, env);
    const run = (env.status?.success ?? true) && isTruthy(rendered.value);
    return {
      run,
      usesStatusFunction: false,
      effectiveExpression: `success() && '${rendered.value}'`,
      notes: [...notes, ...rendered.notes],
      error: rendered.error,
    };
  }
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
  const node: ExpressionNode = parsed.usesStatusFunction
    ? parsed.node
    : {
        kind: 'logical',
        op: '&&',
        left: { kind: 'call', name: 'success', args: [] },
        right: parsed.node,
      };
  const result = evaluateExpression(node, env);
  return {
    run: isTruthy(result.value),
    usesStatusFunction: parsed.usesStatusFunction,
    effectiveExpression: parsed.usesStatusFunction ? text.trim() : `success() && (${text.trim()})`,
    notes: [...notes, ...result.notes],
    error: null,
  };
}

/** The result of filling in the `${{ }}` placeholders of a string. */
export interface InterpolationResult {
  /** The rendered text (or the single value, when the whole string is one expression). */
  value: ExpressionValue;
  /** Sentences about assumptions. */
  notes: string[];
  /** The first syntax error met, if any. */
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

/** Finds every `${{ }}` placeholder in a string and reports the first syntax error, if any. */
export function checkTemplate(template: string): string | null {
  let rest = template;
  for (;;) {
    const start = rest.indexOf('${{');
    if (start < 0) return null;
    const end = rest.indexOf('}}', start + 3);
    if (end < 0) return 'A `${{` is never closed with `}}`.';
    const source = rest.slice(start + 3, end);
    const parsed = parseExpression(source);
    if (!parsed.ok) return `${parsed.message.replace(/\.$/, '')} (in \`${source.trim()}\`)`;
    rest = rest.slice(end + 2);
  }
}
