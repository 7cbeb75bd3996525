/**
 * Reading an instruction's arguments once the Dockerfile is parsed: word splitting with quotes,
 * ARG declarations, ENV/LABEL key=value pairs, `$VAR` expansion, flags and FROM references.
 */
import type { Instruction, Stage, ParsedDockerfile } from './parse-types';

/** Splits text on whitespace, honouring single and double quotes (for COPY paths and the like). */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: string | null = null;
  let inWord = false;
  for (const char of text) {
    if (quote !== null) {
      if (char === quote) quote = null;
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

/** A `name[=value]` declaration from an ARG instruction. */
export interface ArgDeclaration {
  /** Argument name. */
  name: string;
  /** Default value, or null. */
  value: string | null;
}

/** Parses the declarations of an ARG instruction (`ARG A=1 B`). */
export function parseArgDeclarations(args: string): ArgDeclaration[] {
  const out: ArgDeclaration[] = [];
  for (const word of splitWords(args)) {
    const eq = word.indexOf('=');
    const name = eq < 0 ? word : word.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
    out.push({ name, value: eq < 0 ? null : word.slice(eq + 1) });
  }
  return out;
}

/**
 * Parses ENV or LABEL arguments into pairs: `k=v k2="v 2"`, or for ENV the legacy `k v` form.
 * Returns null when the text is neither.
 */
export function parseKeyValuePairs(args: string, allowLegacy: boolean): [string, string][] | null {
  const words = splitWords(args);
  if (words.length === 0) return null;
  if (words.every((word) => word.indexOf('=') > 0)) {
    return words.map((word) => {
      const eq = word.indexOf('=');
      return [word.slice(0, eq), word.slice(eq + 1)];
    });
  }
  if (allowLegacy) {
    const match = /^(\S+)\s+([\s\S]+)$/.exec(args.trim());
    if (match !== null && !(match[1] ?? '').includes('='))
      return [[match[1] ?? '', (match[2] ?? '').trim()]];
  }
  return null;
}

/**
 * Expands `$name`, `${name}`, `${name:-default}` and `${name:+alternative}` as Docker does for
 * FROM, COPY, ENV, WORKDIR and the other instructions that support environment replacement.
 * An escaped `$` (escape character before it) stays literal; unknown names expand to ''.
 */
export function expandVariables(
  text: string,
  vars: ReadonlyMap<string, string>,
  escape: '\\' | '`',
): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i] ?? '';
    if (char === escape && text[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (char !== '$') {
      out += char;
      i++;
      continue;
    }
    if (text[i + 1] === '{') {
      const close = text.indexOf('}', i + 2);
      if (close < 0) {
        out += text.slice(i);
        break;
      }
      const inner = text.slice(i + 2, close);
      const modifier = /^([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([\s\S]*))?$/.exec(inner);
      if (modifier === null) {
        out += text.slice(i, close + 1);
      } else {
        const name = modifier[1] ?? '';
        const value = vars.get(name);
        const set = value !== undefined && value !== '';
        if (modifier[2] === '-') out += set ? value : (modifier[3] ?? '');
        else if (modifier[2] === '+') out += set ? (modifier[3] ?? '') : '';
        else out += value ?? '';
      }
      i = close + 1;
      continue;
    }
    const simple = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
    if (simple === null) {
      out += '$';
      i++;
      continue;
    }
    out += vars.get(simple[0]) ?? '';
    i += 1 + simple[0].length;
  }
  return out;
}

/** Value of the first flag with this name on the instruction, or undefined when absent. */
export function flagValue(instruction: Instruction, name: string): string | null | undefined {
  const flag = instruction.flags.find((candidate) => candidate.name === name);
  return flag === undefined ? undefined : flag.value;
}

/** Where a `COPY --from` (or `RUN --mount=from=`) value points. */
export type FromReference = { kind: 'stage'; index: number } | { kind: 'image'; ref: string };

/**
 * Resolves a `--from` value as Docker does: an earlier stage's name (case-insensitive), an earlier
 * stage's index, or otherwise an image reference.
 */
export function resolveFromReference(
  dockerfile: ParsedDockerfile,
  stageIndex: number,
  value: string,
): FromReference {
  const lowered = value.toLowerCase();
  if (/^\d+$/.test(value)) {
    const index = Number(value);
    if (index < stageIndex) return { kind: 'stage', index };
  }
  const stage = dockerfile.stages.find(
    (candidate) => candidate.index < stageIndex && candidate.name === lowered,
  );
  if (stage !== undefined) return { kind: 'stage', index: stage.index };
  return { kind: 'image', ref: value };
}

/** Every instruction of the file in source order, global ARGs included. */
export function allInstructions(dockerfile: ParsedDockerfile): Instruction[] {
  return [
    ...dockerfile.globalInstructions,
    ...dockerfile.stages.flatMap((stage) => stage.instructions),
  ];
}

/** A stage's display label: its name, or `stage N` when unnamed. */
export function stageLabel(stage: Stage): string {
  return stage.name ?? `stage ${stage.index}`;
}
