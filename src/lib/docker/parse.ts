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
 */

/** How an instruction's arguments are written. */
export type InstructionForm = 'shell' | 'json' | 'none';

/** One `--name=value` (or bare `--name`) option written before an instruction's arguments. */
export interface InstructionFlag {
  /** Flag name without the dashes, lower case (`from`, `chown`, `mount`). */
  name: string;
  /** Text after `=`, or null for a bare flag such as `--link`. */
  value: string | null;
}

/** A here-document attached to RUN, COPY or ADD (`RUN <<EOF … EOF`). */
export interface Heredoc {
  /** The delimiter word (`EOF`). */
  delimiter: string;
  /** Body lines joined with `\n`, without the closing delimiter line. */
  body: string;
  /** `<<-` form: leading tabs are stripped from body lines and the delimiter. */
  stripTabs: boolean;
  /** True when the delimiter was quoted, which turns off variable expansion in the body. */
  quoted: boolean;
}

/** One Dockerfile instruction with its source span. */
export interface Instruction {
  /** Upper-case keyword (`RUN`, `COPY`, ...). */
  keyword: string;
  /** Argument text after the keyword and its flags, with line continuations joined. */
  args: string;
  /** Source text of every line the instruction spans, comments included, joined with `\n`. */
  raw: string;
  /** Exec (JSON) form, shell form, or neither (FROM, ENV, WORKDIR, ...). */
  form: InstructionForm;
  /** The exec-form array when `form` is `json`, otherwise null. */
  json: string[] | null;
  /** Options written before the arguments, in source order (a flag may repeat, e.g. `--mount`). */
  flags: InstructionFlag[];
  /** Here-documents whose bodies follow the instruction line. */
  heredocs: Heredoc[];
  /** First source line (1-based). */
  startLine: number;
  /** Last source line (1-based, inclusive), the heredoc terminator included. */
  endLine: number;
}

/** A global `ARG` declared before the first FROM (in scope only for FROM lines). */
export interface GlobalArg {
  /** Argument name. */
  name: string;
  /** Default value, or null when declared without one. */
  defaultValue: string | null;
  /** Source line of the ARG instruction. */
  line: number;
}

/** One build stage: a FROM line and the instructions up to the next FROM. */
export interface Stage {
  /** The `AS` name in lower case, or null for an unnamed stage. */
  name: string | null;
  /** Zero-based position among the stages (what `COPY --from=0` refers to). */
  index: number;
  /** The image reference as written after FROM (may contain `$ARG`). */
  baseImage: string;
  /** The reference with global ARG defaults substituted. */
  resolvedBaseImage: string;
  /** Name of the earlier stage this stage builds on (`FROM deps AS build`), else null. */
  baseRef: string | null;
  /** `--platform` value, or null. */
  platform: string | null;
  /** Instructions of the stage, the FROM instruction first. */
  instructions: Instruction[];
}

/** A parse problem; the parser reports these instead of throwing. */
export interface ParseError {
  /** 1-based source line the problem is on. */
  line: number;
  /** What is wrong, in words. */
  message: string;
}

/** Parser directives found at the top of the file. */
export interface Directives {
  /** Frontend image from `# syntax=`, or null. */
  syntax: string | null;
  /** Escape character: backslash unless `# escape=\`` says otherwise. */
  escape: '\\' | '`';
  /** Value of `# check=` (build-check configuration), or null. */
  check: string | null;
}

/** Result of parsing a Dockerfile. */
export interface ParsedDockerfile {
  /** Global ARGs declared before the first FROM. */
  args: GlobalArg[];
  /** The ARG instructions before the first FROM (for line mapping). */
  globalInstructions: Instruction[];
  /** Build stages in source order. */
  stages: Stage[];
  /** Every problem found; an empty list means Docker would accept the file's syntax. */
  errors: ParseError[];
  /** Parser directives. */
  directives: Directives;
}

/** Every instruction keyword the Dockerfile reference defines. */
export const DOCKERFILE_KEYWORDS: readonly string[] = [
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
];

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

function validateInstruction(instruction: Instruction, stage: Stage, errors: ParseError[]): void {
  const { keyword, args, startLine } = instruction;
  const empty = args.trim() === '' && instruction.heredocs.length === 0;
  if (empty) {
    errors.push({ line: startLine, message: `${keyword} needs arguments` });
    return;
  }
  switch (keyword) {
    case 'COPY':
    case 'ADD': {
      const paths = instruction.json ?? splitWords(args);
      if (paths.length + instruction.heredocs.length < 2 || paths.length < 1) {
        errors.push({
          line: startLine,
          message: `${keyword} needs at least one source and a destination`,
        });
      }
      const from = instruction.flags.find((flag) => flag.name === 'from');
      if (from !== undefined) {
        const value = from.value ?? '';
        if (/^\d+$/.test(value) && Number(value) >= stage.index) {
          errors.push({
            line: startLine,
            message: `--from=${value} must name an earlier stage (this is stage ${stage.index})`,
          });
        } else if (value === '') {
          errors.push({
            line: startLine,
            message: '--from needs a stage name, stage index or image',
          });
        } else if (stage.name !== null && value.toLowerCase() === stage.name) {
          errors.push({
            line: startLine,
            message: `a stage cannot copy from itself (--from=${value})`,
          });
        }
      }
      break;
    }
    case 'ENV':
    case 'LABEL': {
      if (parseKeyValuePairs(args, keyword === 'ENV') === null) {
        errors.push({ line: startLine, message: `${keyword} expects key=value pairs` });
      }
      break;
    }
    case 'ARG': {
      if (parseArgDeclarations(args).length === 0)
        errors.push({ line: startLine, message: 'ARG needs a name' });
      break;
    }
    case 'SHELL': {
      if (instruction.form !== 'json')
        errors.push({ line: startLine, message: 'SHELL must be written as a JSON array' });
      break;
    }
    case 'HEALTHCHECK': {
      if (!/^(NONE|CMD\s+\S)/i.test(args.trim())) {
        errors.push({ line: startLine, message: 'HEALTHCHECK expects CMD <command> or NONE' });
      }
      break;
    }
    case 'ONBUILD': {
      const nested = (splitWords(args)[0] ?? '').toUpperCase();
      if (nested === 'ONBUILD' || nested === 'FROM' || nested === 'MAINTAINER') {
        errors.push({ line: startLine, message: `ONBUILD cannot trigger ${nested}` });
      } else if (!DOCKERFILE_KEYWORDS.includes(nested)) {
        errors.push({ line: startLine, message: `ONBUILD: unknown instruction ${nested}` });
      }
      break;
    }
    default:
      break;
  }
}

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
