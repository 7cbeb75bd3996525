/**
 * The shapes the Dockerfile parser returns (instructions with their line spans, stages, global
 * ARGs, directives, errors) and the list of instruction keywords the Dockerfile reference defines.
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
