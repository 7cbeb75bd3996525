/**
 * Dockerfile lint rules for the chapter-2 editor. Each rule encodes one piece of Docker's own
 * guidance (docs.docker.com/build/building/best-practices/ and the Dockerfile reference) and points
 * at the instruction to change. Rules read a parsed file, so they work on half-finished input too.
 * The rule catalogue (ids, severities, rationale) and the finding shape are in `lint-rules.ts`.
 */
import { cleanPath } from './dockerignore';
import { finding } from './lint-rules';
import type { LintFinding, LintOptions } from './lint-rules';
import { expandVariables, parseArgDeclarations, parseKeyValuePairs, splitWords } from './parse';
import type { Instruction, ParsedDockerfile, Stage } from './parse';

export { LINT_RULES } from './lint-rules';
export type {
  LintContextInfo,
  LintFinding,
  LintOptions,
  LintRule,
  LintRuleId,
  LintSeverity,
} from './lint-rules';

const SECRET_NAME = /(secret|password|passwd|token|api[_-]?key|private[_-]?key|access[_-]?key)/i;
const INSTALL_COMMAND =
  /\b(npm\s+(ci|install|i)\b|pnpm\s+(install|i)\b|pip3?\s+install\b|python3?\s+-m\s+pip\s+install\b|bundle\s+install\b|poetry\s+install\b|composer\s+install\b|go\s+mod\s+download\b)|(^|[;&|]\s*)yarn(\s+install\b|\s*($|[;&|]))/;
const APT_INSTALL = /\bapt(-get)?\s+(\S+\s+)*?install\b/;
const APT_UPDATE = /\bapt(-get)?\s+(\S+\s+)*?update\b/;
// What can consume fresh lists in the same RUN (an update followed by any of these is fine).
const APT_USES_LISTS =
  /\bapt(-get)?\s+(\S+\s+)*?(install|upgrade|dist-upgrade|full-upgrade|build-dep)\b/;
const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst)$/i;
const REMOTE = /^(https?:\/\/|git@|[a-z0-9.-]+\.git(#|$))/i;

/** Text a RUN executes: its arguments plus any heredoc bodies. */
function runText(instruction: Instruction): string {
  return [
    instruction.json === null ? instruction.args : instruction.json.join(' '),
    ...instruction.heredocs.map((heredoc) => heredoc.body),
  ].join('\n');
}

/** The stages whose instructions end up in `stage` (its FROM-stage ancestors, then itself). */
function stageChain(dockerfile: ParsedDockerfile, stage: Stage): Stage[] {
  const chain: Stage[] = [stage];
  let current = stage;
  while (current.baseRef !== null) {
    const ref = current.baseRef;
    const index = current.index;
    const base = dockerfile.stages.find(
      (candidate) => candidate.name === ref && candidate.index < index,
    );
    if (base === undefined) break;
    chain.unshift(base);
    current = base;
  }
  return chain;
}

/** Splits an image reference into name, tag and digest (`registry:5000/a/b:tag@sha256:…`). */
export function parseImageReference(reference: string): {
  name: string;
  tag: string | null;
  digest: string | null;
} {
  const at = reference.indexOf('@');
  const digest = at < 0 ? null : reference.slice(at + 1);
  const withoutDigest = at < 0 ? reference : reference.slice(0, at);
  const colon = withoutDigest.lastIndexOf(':');
  const slash = withoutDigest.lastIndexOf('/');
  if (colon > slash)
    return { name: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1), digest };
  return { name: withoutDigest, tag: null, digest };
}

function lintBaseImages(
  dockerfile: ParsedDockerfile,
  buildArgs: Readonly<Record<string, string>>,
  out: LintFinding[],
): void {
  const globals = new Map<string, string>();
  for (const arg of dockerfile.args) {
    const override = Object.prototype.hasOwnProperty.call(buildArgs, arg.name)
      ? buildArgs[arg.name]
      : undefined;
    const value =
      override ??
      (arg.defaultValue === null
        ? undefined
        : expandVariables(arg.defaultValue, globals, dockerfile.directives.escape));
    if (value !== undefined) globals.set(arg.name, value);
  }
  for (const stage of dockerfile.stages) {
    if (stage.baseRef !== null || stage.baseImage === '') continue;
    const line = stage.instructions[0]?.startLine ?? 0;
    const resolved = expandVariables(stage.baseImage, globals, dockerfile.directives.escape).trim();
    if (resolved.toLowerCase() === 'scratch') continue;
    if (resolved === '' || resolved.startsWith(':') || resolved.startsWith('@')) {
      out.push(
        finding(
          'unpinned-base-image',
          line,
          `FROM ${stage.baseImage} names no image once its build arguments are filled in.`,
          'Give the ARG a default that names a pinned image, e.g. ARG NODE_IMAGE=node:22.12.0-bookworm-slim.',
        ),
      );
      continue;
    }
    const { name, tag, digest } = parseImageReference(resolved);
    if (digest !== null) continue;
    if (tag === null) {
      out.push(
        finding(
          'unpinned-base-image',
          line,
          `FROM ${resolved} has no tag, so Docker pulls ${name}:latest.`,
          `Pin an exact version, e.g. FROM ${name}:<version>, optionally with @sha256:<digest>.`,
        ),
      );
    } else if (tag.toLowerCase() === 'latest') {
      out.push(
        finding(
          'unpinned-base-image',
          line,
          `FROM ${resolved} uses :latest, which points to a different image whenever upstream releases.`,
          `Replace :latest with an exact version tag of ${name}.`,
        ),
      );
    }
  }
}

function copiesWholeContext(instruction: Instruction): boolean {
  if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') return false;
  if (instruction.flags.some((flag) => flag.name === 'from')) return false;
  const words = instruction.json ?? splitWords(instruction.args);
  return words.slice(0, -1).some((source) => source === '*' || cleanPath(`/${source}`) === '/');
}

function lintCopyBeforeInstall(dockerfile: ParsedDockerfile, out: LintFinding[]): void {
  const reported = new Set<number>();
  for (const stage of dockerfile.stages) {
    const instructions = stageChain(dockerfile, stage).flatMap((member) => member.instructions);
    let wholeCopy: Instruction | null = null;
    for (const instruction of instructions) {
      if (wholeCopy === null && copiesWholeContext(instruction)) wholeCopy = instruction;
      if (
        wholeCopy !== null &&
        instruction.keyword === 'RUN' &&
        INSTALL_COMMAND.test(runText(instruction))
      ) {
        if (!reported.has(wholeCopy.startLine)) {
          reported.add(wholeCopy.startLine);
          out.push(
            finding(
              'copy-context-before-install',
              wholeCopy.startLine,
              `This line copies the whole build context before the dependency install on line ${instruction.startLine}, so any source edit reinstalls every dependency.`,
              'Copy only the dependency manifests first (COPY package.json package-lock.json ./), run the install, then copy the rest.',
            ),
          );
        }
        break;
      }
    }
  }
}

function lintApt(dockerfile: ParsedDockerfile, out: LintFinding[]): void {
  for (const stage of dockerfile.stages) {
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== 'RUN') continue;
      const text = runText(instruction);
      if (APT_UPDATE.test(text) && !APT_USES_LISTS.test(text)) {
        out.push(
          finding(
            'apt-update-alone',
            instruction.startLine,
            'This RUN updates the package lists without installing anything.',
            'Chain them in one RUN: apt-get update && apt-get install -y --no-install-recommends <packages> && rm -rf /var/lib/apt/lists/*.',
          ),
        );
      }
      if (!APT_INSTALL.test(text)) continue;
      const noRecommends =
        /--no-install-recommends\b/.test(text) ||
        /APT::Install-Recommends=("?)(false|0)\1/i.test(text);
      if (!noRecommends) {
        out.push(
          finding(
            'apt-no-install-recommends',
            instruction.startLine,
            'apt-get install here also installs recommended packages.',
            'Add --no-install-recommends: apt-get install -y --no-install-recommends <packages>.',
          ),
        );
      }
      const cacheMount = instruction.flags.some(
        (flag) =>
          flag.name === 'mount' &&
          /type=cache/.test(flag.value ?? '') &&
          /\/var\/lib\/apt\/lists/.test(flag.value ?? ''),
      );
      const removed = /\brm\s+(-\S+\s+)*\/var\/lib\/apt\/lists/.test(text);
      if (!removed && !cacheMount) {
        out.push(
          finding(
            'apt-lists-not-removed',
            instruction.startLine,
            'This RUN leaves the apt package lists in its layer.',
            'End the same RUN with && rm -rf /var/lib/apt/lists/* (or mount /var/lib/apt/lists as a cache).',
          ),
        );
      }
    }
  }
}

function isRootUser(value: string): boolean {
  const user = (value.trim().split(':')[0] ?? '').trim();
  return user === 'root' || user === '0';
}

function lintFinalStage(dockerfile: ParsedDockerfile, out: LintFinding[]): void {
  const final = dockerfile.stages[dockerfile.stages.length - 1];
  if (final === undefined) return;
  const instructions = stageChain(dockerfile, final).flatMap((member) => member.instructions);
  const users = instructions.filter((instruction) => instruction.keyword === 'USER');
  const lastUser = users[users.length - 1];
  const fromLine = final.instructions[0]?.startLine ?? 0;
  if (lastUser === undefined) {
    out.push(
      finding(
        'runs-as-root',
        fromLine,
        `The final stage${final.name === null ? '' : ` ${final.name}`} never sets USER, so the container runs as root.`,
        'Add USER with an unprivileged account before CMD, e.g. USER node in the official Node images.',
      ),
    );
  } else if (isRootUser(lastUser.args)) {
    out.push(
      finding(
        'runs-as-root',
        lastUser.startLine,
        `USER ${lastUser.args.trim()} is the last USER, so the container runs as root.`,
        'Switch to an unprivileged user after the steps that need root.',
      ),
    );
  }

  const exposes = instructions.filter((instruction) => instruction.keyword === 'EXPOSE');
  const healthchecks = instructions.filter((instruction) => instruction.keyword === 'HEALTHCHECK');
  const lastExpose = exposes[exposes.length - 1];
  if (lastExpose !== undefined && healthchecks.length === 0) {
    out.push(
      finding(
        'missing-healthcheck',
        lastExpose.startLine,
        `The final stage serves port ${lastExpose.args.trim()} but declares no HEALTHCHECK.`,
        'Add HEALTHCHECK CMD <a command that exits 0 when the service answers>, e.g. a request to a /healthz endpoint.',
      ),
    );
  }
}

function lintAdd(dockerfile: ParsedDockerfile, out: LintFinding[]): void {
  for (const stage of dockerfile.stages) {
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== 'ADD') continue;
      const words = instruction.json ?? splitWords(instruction.args);
      const sources = words.slice(0, -1);
      if (sources.length === 0) continue;
      if (sources.some((source) => REMOTE.test(source) || ARCHIVE.test(source))) continue;
      out.push(
        finding(
          'add-instead-of-copy',
          instruction.startLine,
          `ADD ${sources.join(' ')} copies local files that need none of ADD's extra behaviour.`,
          `Write COPY instead of ADD on this line.`,
        ),
      );
    }
  }
}

function lintSecrets(dockerfile: ParsedDockerfile, out: LintFinding[]): void {
  const instructions = [
    ...dockerfile.globalInstructions,
    ...dockerfile.stages.flatMap((stage) => stage.instructions),
  ];
  for (const instruction of instructions) {
    if (instruction.keyword === 'ENV') {
      for (const [name, value] of parseKeyValuePairs(instruction.args, true) ?? []) {
        if (!SECRET_NAME.test(name) || value.trim() === '') continue;
        out.push(
          finding(
            'secret-in-env-or-arg',
            instruction.startLine,
            `ENV ${name} stores what looks like a secret in the image config.`,
            'Pass it at run time (docker run -e, or an orchestrator secret); for build steps use RUN --mount=type=secret,id=… instead.',
          ),
        );
      }
    } else if (instruction.keyword === 'ARG') {
      for (const decl of parseArgDeclarations(instruction.args)) {
        if (!SECRET_NAME.test(decl.name)) continue;
        out.push(
          finding(
            'secret-in-env-or-arg',
            instruction.startLine,
            `ARG ${decl.name} would pass a secret as a build argument, which docker history shows.`,
            'Use a build secret: RUN --mount=type=secret,id=' +
              decl.name.toLowerCase() +
              ' … and docker build --secret id=' +
              decl.name.toLowerCase() +
              ',env=' +
              decl.name +
              '.',
          ),
        );
      }
    }
  }
}

function lintContext(dockerfile: ParsedDockerfile, options: LintOptions, out: LintFinding[]): void {
  const context = options.context;
  if (context === undefined || context.hasDockerignore) return;
  const large =
    context.fileCount >= (options.largeContextFiles ?? 1000) ||
    context.totalBytes >= (options.largeContextBytes ?? 50 * 1024 * 1024);
  if (!large) return;
  const readsContext = dockerfile.stages
    .flatMap((stage) => stage.instructions)
    .find(
      (instruction) =>
        (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') &&
        !instruction.flags.some((flag) => flag.name === 'from'),
    );
  const megabytes = (context.totalBytes / (1024 * 1024)).toFixed(1);
  out.push(
    finding(
      'missing-dockerignore',
      readsContext?.startLine ?? dockerfile.stages[0]?.instructions[0]?.startLine ?? 1,
      `The build context holds ${context.fileCount} files (${megabytes} MB) and there is no .dockerignore, so all of it is sent to the builder on every build.`,
      'Add a .dockerignore that leaves out node_modules, .git, build output and anything secret.',
    ),
  );
}

/** Runs every lint rule; findings come back sorted by line. */
export function lintDockerfile(
  dockerfile: ParsedDockerfile,
  options: LintOptions = {},
): LintFinding[] {
  const out: LintFinding[] = [];
  lintBaseImages(dockerfile, options.buildArgs ?? {}, out);
  lintCopyBeforeInstall(dockerfile, out);
  lintApt(dockerfile, out);
  lintFinalStage(dockerfile, out);
  lintAdd(dockerfile, out);
  lintSecrets(dockerfile, out);
  lintContext(dockerfile, options, out);
  return out.sort((a, b) => a.line - b.line || compareText(a.rule, b.rule));
}

/** Orders strings by UTF-16 code units: stable across locales, unlike localeCompare. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
