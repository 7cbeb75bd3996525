/**
 * What COPY and ADD put in the image, for the cache simulation: the context files a source
 * matches (after `.dockerignore` and `--exclude`), heredocs, downloads, and files copied from
 * another stage or image. The context files it reads become the step's cache checksum.
 */
import { basename, hasGlob, joinPath, matchContextSource } from './cache-context';
import type { ContextFile, ImageEntry, StageBuild } from './cache-types';
import { cleanPath, matchDockerignore, parseDockerignore } from './dockerignore';
import type { ParsedDockerignore } from './dockerignore';
import { expandVariables, resolveFromReference, splitWords, stageLabel } from './parse';
import type { Instruction, ParsedDockerfile, Stage } from './parse';

/** Everything a COPY/ADD needs to know about the build so far. */
export interface CopyInput {
  instruction: Instruction;
  stage: Stage;
  dockerfile: ParsedDockerfile;
  /** Stages built before this one. */
  stages: readonly StageBuild[];
  context: readonly ContextFile[];
  vars: ReadonlyMap<string, string>;
  escape: '\\' | '`';
  workdir: string;
  /** The stage's filesystem so far; the copy adds to it. */
  files: Map<string, ImageEntry>;
}

/** What the copy read: context files (path → version), stages it depends on, sources that matched nothing. */
export interface CopyReads {
  fileMap: Map<string, string>;
  fromStages: { index: number; key: string }[];
  missingSources: string[];
}

/** Where the sources land: the destination, and whether it is a directory. */
interface Destination {
  sources: string[];
  destRoot: string;
  destIsDir: boolean;
  /** Image path of something at `rel` under the destination (the destination itself for a single file). */
  place: (rel: string, singleFile: boolean) => string;
}

function destinationOf(
  words: readonly string[],
  workdir: string,
  files: ReadonlyMap<string, ImageEntry>,
): Destination {
  const destination = words[words.length - 1] ?? '';
  const sources = words.slice(0, -1);
  const destRoot = joinPath(workdir, destination);
  // A destination is a directory when written as one, when several files go there, or when it
  // already is one (`.` is the WORKDIR, which WORKDIR created).
  const destIsDir =
    destination.endsWith('/') ||
    /(^|\/)\.\.?$/.test(destination) ||
    destRoot === workdir ||
    sources.length > 1 ||
    sources.some(hasGlob) ||
    [...files.keys()].some((path) => path.startsWith(`${destRoot}/`));
  // `rel` is built from clean context paths, so appending it keeps the path clean.
  const place = (rel: string, singleFile: boolean): string =>
    (singleFile && !destIsDir) || rel === ''
      ? destRoot
      : `${destRoot === '/' ? '' : destRoot}/${rel}`;
  return { sources, destRoot, destIsDir, place };
}

/** Files of stage `source` under `sourcePath`; true when any, and whether one is exactly that path. */
function copyStageEntries(
  input: CopyInput,
  source: StageBuild,
  sourcePath: string,
  dest: Destination,
): { found: boolean; exactFile: boolean } {
  const label = stageLabel(source.stage);
  const line = input.instruction.startLine;
  let found = false;
  let exactFile = false;
  for (const entry of source.files.values()) {
    const inside = entry.path.startsWith(`${sourcePath === '/' ? '' : sourcePath}/`);
    if (entry.path !== sourcePath && !inside) continue;
    found = true;
    exactFile ||= entry.path === sourcePath;
    const path =
      entry.path === sourcePath
        ? dest.place(basename(entry.path), true)
        : joinPath(dest.destRoot, entry.path.slice(sourcePath.length + 1));
    input.files.set(path, {
      ...entry,
      path,
      origin: 'stage-file',
      source: `${label}:${entry.path} (from ${entry.source})`,
      line,
    });
  }
  return { found, exactFile };
}

/** An entry for what a RUN in stage `source` wrote under `sourcePath`: opaque to the model. */
function opaqueStageOutput(
  input: CopyInput,
  source: StageBuild,
  sourcePath: string,
  found: boolean,
  dest: Destination,
): void {
  // A directory's contents land in the destination; a file lands at it (or inside it, when it is
  // a directory). The model cannot see which a RUN produced, so a name with an extension is a file.
  const looksLikeFile = !found && basename(sourcePath).includes('.');
  const path = looksLikeFile ? dest.place(basename(sourcePath), !dest.destIsDir) : dest.destRoot;
  const lines = source.runLines;
  const runs =
    lines.length > 0
      ? `written by RUN on line${lines.length > 1 ? 's' : ''} ${lines.join(', ')}`
      : 'from its base image';
  input.files.set(path, {
    path,
    origin: 'stage-output',
    source: `${stageLabel(source.stage)}:${sourcePath} (${runs})`,
    line: input.instruction.startLine,
    kind: looksLikeFile ? 'file' : 'directory',
  });
}

/** COPY --from=stage or --from=image. */
function copyFrom(input: CopyInput, fromValue: string, dest: Destination, reads: CopyReads): void {
  const { dockerfile, stage, stages, vars, escape } = input;
  const reference = resolveFromReference(
    dockerfile,
    stage.index,
    expandVariables(fromValue, vars, escape),
  );
  const source = reference.kind === 'stage' ? stages[reference.index] : undefined;
  if (source !== undefined) reads.fromStages.push({ index: source.stage.index, key: source.key });
  for (const word of dest.sources) {
    const sourcePath = cleanPath(`/${word}`);
    if (reference.kind === 'image') {
      const path = dest.place(basename(sourcePath), !dest.destIsDir);
      const entry: ImageEntry = {
        path,
        origin: 'image',
        source: `${reference.ref}:${sourcePath}`,
        line: input.instruction.startLine,
        kind: 'directory',
      };
      input.files.set(path, entry);
      continue;
    }
    if (source === undefined) continue;
    const { found, exactFile } = copyStageEntries(input, source, sourcePath, dest);
    // Known files are listed; whatever a RUN in that stage wrote under the path is opaque to the model.
    if (!found || (!exactFile && source.runLines.length > 0))
      opaqueStageOutput(input, source, sourcePath, found, dest);
  }
}

/** COPY/ADD from the build context (and ADD's heredocs and downloads). */
function copyFromContext(input: CopyInput, dest: Destination, reads: CopyReads): void {
  const { instruction, files } = input;
  const line = instruction.startLine;
  const heredocNames = new Set(instruction.heredocs.map((heredoc) => heredoc.delimiter));
  const parents = instruction.flags.some((flag) => flag.name === 'parents');
  const excludes = instruction.flags
    .filter((flag) => flag.name === 'exclude' && flag.value !== null)
    .map((flag) => flag.value ?? '');
  const exclude: ParsedDockerignore | null =
    excludes.length > 0 ? parseDockerignore(excludes.join('\n')) : null;
  for (const word of dest.sources) {
    const heredoc = /^<<-?["']?([A-Za-z_][A-Za-z0-9_]*)["']?$/.exec(word);
    if (heredoc !== null && heredocNames.has(heredoc[1] ?? '')) {
      const name = heredoc[1] ?? '';
      const path = dest.place(name, !dest.destIsDir);
      files.set(path, { path, origin: 'heredoc', source: `heredoc <<${name}`, line, kind: 'file' });
      continue;
    }
    if (instruction.keyword === 'ADD' && /^(https?:\/\/|git@|[a-z0-9.-]+\.git(#|$))/i.test(word)) {
      const path = dest.place(basename(word), !dest.destIsDir);
      files.set(path, { path, origin: 'image', source: `download ${word}`, line, kind: 'file' });
      continue;
    }
    let matches = matchContextSource(word, input.context, parents);
    if (exclude !== null)
      matches = matches.filter(({ file }) => !matchDockerignore(exclude, file.path).ignored);
    if (matches.length === 0) {
      reads.missingSources.push(word);
      continue;
    }
    const singleFile =
      matches.length === 1 && matches[0]?.file.path === cleanPath(`/${word}`).slice(1);
    for (const { file, rel } of matches) {
      reads.fileMap.set(file.path, file.version);
      const path = dest.place(rel, singleFile);
      files.set(path, { path, origin: 'context', source: file.path, line, kind: 'file' });
    }
  }
}

/** Applies a COPY or ADD to the stage's files and returns what it read. */
export function copyStep(input: CopyInput): CopyReads {
  const reads: CopyReads = { fileMap: new Map(), fromStages: [], missingSources: [] };
  const { instruction, vars, escape } = input;
  const words = (instruction.json ?? splitWords(instruction.args)).map((word) =>
    expandVariables(word, vars, escape),
  );
  if (words.length < 1) return reads;
  const dest = destinationOf(words, input.workdir, input.files);
  const fromValue = instruction.flags.find((flag) => flag.name === 'from')?.value ?? null;
  if (fromValue !== null && fromValue !== '') copyFrom(input, fromValue, dest, reads);
  else copyFromContext(input, dest, reads);
  return reads;
}
