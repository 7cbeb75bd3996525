/**
 * The one-line answer the layer-cache explorer shows first, and its per-stage digest. The headline
 * must never contradict the details: when the build would stop (Docker rejects the file, a COPY
 * source is missing, a .dockerignore pattern is malformed), it says so instead of counting layers
 * that would never be built (issue 15, finding 8).
 */
import { formatBytes } from '../format';
import type { BuildAnalysis } from './explorer';

/** How the simulated build ends. */
export type BuildOutcome = 'builds' | 'fails' | 'rejected' | 'empty';

/** The explorer's first line. */
export interface BuildHeadline {
  outcome: BuildOutcome;
  /** One sentence for the reader. */
  text: string;
}

/** A message without its closing period, so a sentence can go on after it. */
function clause(message: string): string {
  return message.replace(/\.+$/, '');
}

function more(count: number, noun: string): string {
  return count <= 0 ? '' : ` (and ${count} more ${noun}${count === 1 ? '' : 's'})`;
}

/** The headline for one analysis: a layer count only when the build gets to the end. */
export function buildHeadline(analysis: BuildAnalysis): BuildHeadline {
  const { dockerfileErrors, dockerignoreErrors, buildErrors, report } = analysis;
  const syntax = dockerfileErrors[0];
  if (syntax !== undefined) {
    return {
      outcome: 'rejected',
      text:
        `The build stops before its first step: line ${syntax.line}: ${clause(syntax.message)}` +
        `${more(dockerfileErrors.length - 1, 'problem')}. Nothing is built until it is fixed; ` +
        'the details show what the lines that could be read would do.',
    };
  }
  if (report.target === null) return { outcome: 'empty', text: report.summary };
  const ignore = dockerignoreErrors[0];
  if (ignore !== undefined) {
    return {
      outcome: 'fails',
      text:
        `The build stops before its first step: .dockerignore line ${ignore.line}: ${clause(ignore.message)}` +
        `${more(dockerignoreErrors.length - 1, 'problem')}. No image is produced.`,
    };
  }
  const failure = buildErrors[0];
  if (failure !== undefined) {
    return {
      outcome: 'fails',
      text:
        `The build fails: ${clause(failure)}${more(buildErrors.length - 1, 'error')}. ` +
        'No image is produced; the details show which steps would be reused up to there.',
    };
  }
  return { outcome: 'builds', text: report.summary };
}

/** One stage's state in the digest under the headline. */
export interface StageDigest {
  label: string;
  state: 'cached' | 'rebuilt' | 'skipped' | 'fails';
  /** Short text, e.g. `↻ from line 22`. */
  text: string;
}

/** One entry per stage, in source order: cached, rebuilt from a line, skipped, or failing. */
export function stageDigest(analysis: BuildAnalysis): StageDigest[] {
  const failing = new Map<number, number>();
  for (const row of analysis.rows)
    if (row.status === 'error' && !failing.has(row.stageIndex))
      failing.set(row.stageIndex, row.line);
  return analysis.report.stages.map((stage) => {
    const failLine = failing.get(stage.index);
    if (!stage.needed) return { label: stage.label, state: 'skipped', text: '– skipped' };
    if (failLine !== undefined)
      return { label: stage.label, state: 'fails', text: `✗ fails at line ${failLine}` };
    if (stage.rebuilt)
      return {
        label: stage.label,
        state: 'rebuilt',
        text: `↻ from line ${stage.firstRebuildLine ?? '?'}`,
      };
    return { label: stage.label, state: 'cached', text: '✓ cached' };
  });
}

/** What the build context sends, e.g. "Build context: 120 files (1.2 MB) sent …; 30 files … left out". */
export function contextLine(analysis: BuildAnalysis): string {
  const ctx = analysis.report.context;
  const count = (n: number) => `${n.toLocaleString('en-US')} file${n === 1 ? '' : 's'}`;
  return (
    `Build context: ${count(ctx.sentFiles)} (${formatBytes(ctx.sentBytes)}) sent to the builder` +
    (ctx.ignoredFiles > 0
      ? `; ${count(ctx.ignoredFiles)} (${formatBytes(ctx.ignoredBytes)}) left out by .dockerignore.`
      : '; nothing left out.')
  );
}
