/**
 * Phase 3 of the disassembler: the risk report. The worst finding sets the level, and one or two
 * sentences say what loading the file would do. A file Python refuses before importing or calling
 * anything gets no safety verdict at all: it is "not a pickle", with the byte and the exception
 * `pickle.loads` stops with.
 */
import type {
  PickleCall,
  PickleFinding,
  PickleGlobal,
  PickleRisk,
  PickleSeverity,
  PythonLoad,
} from './types';

const SEVERITY_ORDER: readonly PickleSeverity[] = ['info', 'imports', 'executes-code', 'dangerous'];

function rank(level: PickleSeverity): number {
  return SEVERITY_ORDER.indexOf(level);
}

function listNames(names: string[]): string {
  const unique = [...new Set(names)];
  const shown = unique.slice(0, 3).join(', ');
  return unique.length > 3 ? `${shown} and ${unique.length - 3} more` : shown;
}

/** "Not a pickle: Python stops at byte N with Exception: message." for a refused file. */
export function notAPickleHeadline(load: Extract<PythonLoad, { outcome: 'refuses' }>): string {
  const message = load.message === '' ? '' : `: ${load.message}`;
  const stop = /[.!?]$/.test(message) ? '' : '.';
  return `Not a pickle: Python stops at byte ${load.offset} with ${load.exception}${message}${stop} It imports and calls nothing before that.`;
}

/** The verdict from the findings, globals and calls, and from what pickle.loads does. */
export function assessRisk(
  findings: PickleFinding[],
  globals: PickleGlobal[],
  calls: PickleCall[],
  partial: boolean,
  load: PythonLoad,
): PickleRisk {
  if (load.outcome === 'refuses') {
    return { level: 'not-a-pickle', headline: notAPickleHeadline(load), calls: [], partial };
  }
  let level: PickleRisk['level'] = 'data-only';
  for (const f of findings) {
    if (f.severity === 'info') continue;
    if (level === 'data-only' || rank(f.severity) > rank(level)) level = f.severity;
  }
  const damaged =
    partial && load.outcome === 'runs-code'
      ? ' The file is damaged, so only the part before the error was analysed; pickle.load would still run that part before failing.'
      : '';
  const dangerousCall = calls.find((c) => c.dangerous);
  const dangerousGlobal = globals.find((g) => g.dangerous);
  const unresolved = globals.find((g) => g.module === null);
  let headline: string;
  if (dangerousCall?.dangerous) {
    const d = dangerousCall.dangerous;
    const recorded =
      d.knownAs !== dangerousCall.callable
        ? ` (pickle recorded it as ${dangerousCall.callable})`
        : '';
    const more =
      calls.length > 1
        ? ` It makes ${calls.length - 1} other call${calls.length === 2 ? '' : 's'} too.`
        : '';
    headline = `Loading this file would call ${d.knownAs}(${dangerousCall.args})${recorded}: it ${d.effect}.${more} Never unpickle a file you do not trust.`;
  } else if (dangerousGlobal?.dangerous) {
    headline = `Loading this file would import ${dangerousGlobal.dangerous.knownAs}, which ${dangerousGlobal.dangerous.effect}. Never unpickle a file you do not trust.`;
  } else if (unresolved) {
    headline =
      'Loading this file would import a global whose name is only computed while loading, so it could be anything. Never unpickle a file you do not trust.';
  } else if (calls.length > 0) {
    headline = `Loading this file runs code: it calls ${listNames(calls.map((c) => c.callable))}. That is normal for pickled class instances, and it is why a pickle is only as safe as its author.`;
  } else if (globals.length > 0) {
    headline = `Loading this file imports ${listNames(globals.map((g) => `${g.module}.${g.name}`))} but calls nothing it imports.`;
  } else {
    headline =
      'This file only rebuilds plain data (numbers, strings, lists, tuples, dicts): loading it would import no module and call no function.';
  }
  return { level, headline: headline + damaged, calls, partial };
}
