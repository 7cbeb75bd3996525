/**
 * A Dockerfile parser for the chapter-2 widgets, written here instead of using `dockerfile-ast`:
 * - no runtime dependency: the page ships only what it runs, and this file is small;
 * - exact line spans: every instruction keeps the first and last source line it came from, across
 *   line continuations, interleaved comments and heredoc bodies, so the widget can highlight it;
 * - tolerant recovery: a reader types half-finished Dockerfiles, so problems come back as
 *   `{ line, message }` errors next to whatever could still be parsed, and the parser never throws.
 *
 * The rules follow the Dockerfile reference (docs.docker.com/reference/dockerfile/): parser
 * directives (`# syntax=`, `# escape=`, `# check=`) only at the very top; the escape character
 * (backslash, or backtick after `# escape=\``) continues a line; comment lines inside a continuation
 * are dropped; only ARG may precede the first FROM; exec form is a JSON array of strings and
 * anything that fails to parse as one is treated as shell form, as Docker does.
 *
 * Phases: logical lines, directives and heredocs into instructions and stages (here); the checks
 * each instruction gets (`parse-validate.ts`); reading arguments afterwards (`parse-args.ts`).
 * The result's shapes are in `parse-types.ts`; this module re-exports all of it.
 */
import { DOCKERFILE_KEYWORDS } from './parse-types';
import type {
  InstructionForm,
  InstructionFlag,
  Instruction,
  GlobalArg,
  Stage,
  ParseError,
  Directives,
  ParsedDockerfile,
} from './parse-types';
import { parseArgDeclarations, expandVariables } from './parse-args';
import { validateInstruction } from './parse-validate';

export * from './parse-args';
export * from './parse-types';

/** Instructions that accept an exec-form JSON array. */
const EXEC_FORM_KEYWORDS = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'COPY', 'ADD', 'VOLUME']);

/** Flags each instruction accepts, per the Dockerfile reference. */
const KNOWN_FLAGS: Readonly<Record<string, readonly string[]>> = {
  FROM: ['platform'],
  RUN: ['mount', 'network', 'security', 'device'],
  COPY: ['from', 'chown', 'chmod', 'link', 'parents', 'exclude'],
  ADD: ['chown', 'chmod', 'link', 'checksum', 'keep-git-dir', 'exclude', 'unpack'],
  HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
};

/** Instructions that may carry heredocs (BuildKit's Dockerfile frontend 1.4 and later). */
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

// Docker's directive grammar: `# key = value`, non-line-breaking whitespace allowed.
const DIRECTIVE_PATTERN = /^#[ \t]*([a-zA-Z][a-zA-Z0-9]*)[ \t]*=[ \t]*(.*?)[ \t]*$/;
const HEREDOC_PATTERN = /<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;
// Same pattern without the global flag, whose lastIndex state would leak between calls.
const HEREDOC_MARKER = /<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/;
// Stage names: a letter, then letters, digits, '-', '_' or '.'.
const STAGE_NAME_PATTERN = /^[a-z][a-z0-9_.-]*$/;

interface LogicalLine {
  text: string;
  raw: string[];
  startLine: number;
  endLine: number;
}

/** Parses Dockerfile text; never throws, problems are returned in `errors`. */
export function parseDockerfile(text: string): ParsedDockerfile {
  const lines = text.split(/\r\n|\r|\n/);
  const errors: ParseError[] = [];
  const { directives, firstBodyLine } = readDirectives(lines, errors);
  const escape = directives.escape;

  const args: GlobalArg[] = [];
  const globalInstructions: Instruction[] = [];
  const stages: Stage[] = [];
  const globalDefaults = new Map<string, string>();

  let i = firstBodyLine;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      i++;
      continue;
    }
    const logical = readLogicalLine(lines, i, escape);
    i = logical.endLine; // endLine is 1-based, so this is the index of the next line
    const instruction = buildInstruction(logical, errors);
    if (instruction === null) continue;
    if (hasHeredocMarker(instruction)) {
      i = readHeredocs(instruction, lines, i, errors);
    }

    const keyword = instruction.keyword;
    if (!DOCKERFILE_KEYWORDS.includes(keyword)) {
      errors.push({ line: instruction.startLine, message: `unknown instruction: ${keyword}` });
      continue;
    }
    if (keyword === 'FROM') {
      stages.push(buildStage(instruction, stages, globalDefaults, escape, errors));
      continue;
    }
    const current = stages[stages.length - 1];
    if (current === undefined) {
      if (keyword === 'ARG') {
        globalInstructions.push(instruction);
        for (const decl of parseArgDeclarations(instruction.args)) {
          args.push({ name: decl.name, defaultValue: decl.value, line: instruction.startLine });
          if (decl.value !== null) {
            globalDefaults.set(decl.name, expandVariables(decl.value, globalDefaults, escape));
          }
        }
      } else {
        errors.push({
          line: instruction.startLine,
          message: `${keyword} before the first FROM: only ARG may come before FROM`,
        });
      }
      continue;
    }
    validateInstruction(instruction, current, errors);
    current.instructions.push(instruction);
  }

  if (stages.length === 0) {
    errors.push({
      line: Math.max(1, lines.length),
      message: 'no FROM: a Dockerfile needs at least one FROM instruction',
    });
  }
  errors.sort((a, b) => a.line - b.line);
  return { args, globalInstructions, stages, errors, directives };
}

function readDirectives(
  lines: readonly string[],
  errors: ParseError[],
): { directives: Directives; firstBodyLine: number } {
  const directives: Directives = { syntax: null, escape: '\\', check: null };
  const seen = new Set<string>();
  let index = 0;
  for (; index < lines.length; index++) {
    const match = DIRECTIVE_PATTERN.exec(lines[index] ?? '');
    if (match === null) break;
    const key = (match[1] ?? '').toLowerCase();
    const value = match[2] ?? '';
    // An unknown directive is an ordinary comment, and it ends directive processing.
    if (key !== 'syntax' && key !== 'escape' && key !== 'check') break;
    if (seen.has(key)) {
      errors.push({ line: index + 1, message: `the ${key} directive may only appear once` });
      continue;
    }
    seen.add(key);
    if (key === 'syntax') directives.syntax = value;
    else if (key === 'check') directives.check = value;
    else if (value === '\\' || value === '`') directives.escape = value;
    else
      errors.push({
        line: index + 1,
        message: `invalid escape character '${value}': use \\ or \``,
      });
  }
  return { directives, firstBodyLine: index };
}

function continues(line: string, escape: string): { continued: boolean; body: string } {
  // Docker accepts spaces or tabs after the escape character at the end of a line.
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  if (end > 0 && line[end - 1] === escape) return { continued: true, body: line.slice(0, end - 1) };
  return { continued: false, body: line };
}

function readLogicalLine(lines: readonly string[], start: number, escape: string): LogicalLine {
  const raw: string[] = [];
  let text = '';
  let index = start;
  while (index < lines.length) {
    const line = lines[index] ?? '';
    raw.push(line);
    index++;
    const { continued, body } = continues(line, escape);
    text += index - 1 === start ? body.replace(/^\s+/, '') : body;
    if (!continued) break;
    // Inside a continuation Docker drops comment lines and (with a deprecation warning) empty lines.
    while (index < lines.length) {
      const next = (lines[index] ?? '').trim();
      if (next === '' || next.startsWith('#')) {
        raw.push(lines[index] ?? '');
        index++;
      } else {
        break;
      }
    }
  }
  // Trailing blank/comment lines swallowed at end of file belong to no instruction.
  let endLine = index;
  while (raw.length > 1) {
    const last = (raw[raw.length - 1] ?? '').trim();
    if (last !== '' && !last.startsWith('#')) break;
    raw.pop();
    endLine--;
  }
  return { text, raw, startLine: start + 1, endLine };
}

function buildInstruction(logical: LogicalLine, errors: ParseError[]): Instruction | null {
  const match = /^(\S+)\s*([\s\S]*)$/.exec(logical.text);
  if (match === null) return null;
  const keyword = (match[1] ?? '').toUpperCase();
  let rest = (match[2] ?? '').trim();
  const flags: InstructionFlag[] = [];
  const allowed = KNOWN_FLAGS[keyword];
  if (allowed !== undefined) {
    for (;;) {
      const flagMatch = /^--([A-Za-z][A-Za-z0-9-]*)(?:=(\S*))?(?:\s+|$)/.exec(rest);
      if (flagMatch === null) break;
      const name = (flagMatch[1] ?? '').toLowerCase();
      flags.push({ name, value: flagMatch[2] ?? null });
      if (!allowed.includes(name)) {
        errors.push({ line: logical.startLine, message: `unknown flag --${name} for ${keyword}` });
      }
      rest = rest.slice(flagMatch[0].length);
    }
  }
  let form: InstructionForm = 'none';
  let json: string[] | null = null;
  if (EXEC_FORM_KEYWORDS.has(keyword)) {
    json = parseJsonArray(rest);
    form = json === null ? 'shell' : 'json';
  } else if (keyword === 'HEALTHCHECK') {
    const cmd = /^CMD\s+([\s\S]*)$/i.exec(rest);
    if (cmd !== null) {
      json = parseJsonArray((cmd[1] ?? '').trim());
      form = json === null ? 'shell' : 'json';
    }
  }
  return {
    keyword,
    args: rest,
    raw: logical.raw.join('\n'),
    form,
    json,
    flags,
    heredocs: [],
    startLine: logical.startLine,
    endLine: logical.endLine,
  };
}

/** Parses an exec-form array; null when the text is not a JSON array of strings. */
export function parseJsonArray(text: string): string[] | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[')) return null;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (error) {
    // Not JSON means shell form, as Docker reads it; anything else is a real fault.
    if (error instanceof SyntaxError) return null;
    throw error;
  }
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) return null;
  return value as string[];
}

function hasHeredocMarker(instruction: Instruction): boolean {
  if (!HEREDOC_KEYWORDS.has(instruction.keyword) || instruction.form === 'json') return false;
  return HEREDOC_MARKER.test(instruction.args);
}

/** Reads the bodies of the instruction's heredocs from `lines[next..]`; returns the next line index. */
function readHeredocs(
  instruction: Instruction,
  lines: readonly string[],
  next: number,
  errors: ParseError[],
): number {
  const markers = [...instruction.args.matchAll(HEREDOC_PATTERN)];
  let index = next;
  const rawExtra: string[] = [];
  for (const marker of markers) {
    const stripTabs = marker[1] === '-';
    const quoted = (marker[2] ?? '') !== '';
    const delimiter = marker[3] ?? '';
    const body: string[] = [];
    let closed = false;
    while (index < lines.length) {
      const line = lines[index] ?? '';
      rawExtra.push(line);
      index++;
      const compared = stripTabs ? line.replace(/^\t+/, '') : line;
      if (compared === delimiter) {
        closed = true;
        break;
      }
      body.push(stripTabs ? line.replace(/^\t+/, '') : line);
    }
    if (!closed) {
      errors.push({
        line: instruction.startLine,
        message: `heredoc <<${delimiter} is never closed: add a line containing only ${delimiter}`,
      });
    }
    instruction.heredocs.push({ delimiter, body: body.join('\n'), stripTabs, quoted });
  }
  if (rawExtra.length > 0) {
    instruction.raw += '\n' + rawExtra.join('\n');
    instruction.endLine = index;
  }
  return index;
}

function buildStage(
  instruction: Instruction,
  stages: readonly Stage[],
  globalDefaults: ReadonlyMap<string, string>,
  escape: '\\' | '`',
  errors: ParseError[],
): Stage {
  const words = instruction.args.split(/\s+/).filter((word) => word !== '');
  const baseImage = words[0] ?? '';
  let name: string | null = null;
  if (baseImage === '') {
    errors.push({ line: instruction.startLine, message: 'FROM needs an image reference' });
  }
  if (words.length >= 2) {
    if ((words[1] ?? '').toLowerCase() !== 'as') {
      errors.push({
        line: instruction.startLine,
        message: `FROM expects "AS <name>" after the image, found "${words[1] ?? ''}"`,
      });
    } else if (words.length < 3) {
      errors.push({ line: instruction.startLine, message: 'FROM … AS needs a stage name' });
    } else {
      const candidate = (words[2] ?? '').toLowerCase();
      if (!STAGE_NAME_PATTERN.test(candidate)) {
        errors.push({
          line: instruction.startLine,
          message: `invalid stage name "${words[2] ?? ''}": start with a letter, then letters, digits, '-', '_' or '.'`,
        });
      } else if (stages.some((stage) => stage.name === candidate)) {
        errors.push({
          line: instruction.startLine,
          message: `duplicate stage name "${candidate}"`,
        });
      } else {
        name = candidate;
      }
      if (words.length > 3) {
        errors.push({
          line: instruction.startLine,
          message: 'FROM has unexpected text after the stage name',
        });
      }
    }
  }
  const resolvedBaseImage = expandVariables(baseImage, globalDefaults, escape);
  const lowered = resolvedBaseImage.toLowerCase();
  const baseStage = stages.find((stage) => stage.name !== null && stage.name === lowered);
  const platformFlag = instruction.flags.find((flag) => flag.name === 'platform');
  return {
    name,
    index: stages.length,
    baseImage,
    resolvedBaseImage,
    baseRef: baseStage?.name ?? null,
    platform: platformFlag?.value ?? null,
    instructions: [instruction],
  };
}
