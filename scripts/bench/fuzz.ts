/**
 * Fuzz counts per widget input: runs every fast-check property the unit tests run (the
 * `src/lib/**\/*.fuzz.ts` files, shared with their `*.fuzz.test.ts`) and reports, per property,
 * how many generated inputs were tried and how many properties failed (an uncaught error or a
 * broken expectation in the lib function the widget calls). The counts are counted, not quoted:
 * a property that stops early or fails shows it here. Run alone with `npx tsx scripts/bench/fuzz.ts`.
 */
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import type { FuzzAssert, FuzzTest } from '../../src/lib/fuzz';

/** Every fuzz module, labelled by the widget whose inputs it fuzzes. */
const MODULES: readonly [widget: string, path: string][] = [
  ['landing runtime check', '../../src/lib/runtime/float32-input.fuzz.ts'],
  ['ch1 train and predict forms', '../../src/lib/model/form-input.fuzz.ts'],
  ['ch1 ONNX uploads', '../../src/lib/onnx/upload.fuzz.ts'],
  ['ch1 pickle uploads', '../../src/lib/pickle/verdict.fuzz.ts'],
  ['ch2 layer cache and volumes', '../../src/lib/docker/docker.fuzz.ts'],
  ['ch3 request playground', '../../src/lib/api/request-draft.fuzz.ts'],
  ['ch3 scaling simulator', '../../src/lib/sim/scenario.fuzz.ts'],
  ['ch4 workflow parsers', '../../src/lib/cicd/workflow.fuzz.ts'],
  ['ch4 pipeline playground', '../../src/lib/cicd/playground.fuzz.ts'],
  ['ch5 production simulator', '../../src/lib/production/settings.fuzz.ts'],
  ['exercises (every chapter)', '../../src/lib/exercises/answers.fuzz.ts'],
];

/**
 * The fuzz modules import listings with Vite's `?raw` (as the site does); under plain Node this
 * hook loads such a file as a default-exported string.
 */
const RAW_LOADER = `
import { readFile } from 'node:fs/promises';
export async function resolve(specifier, context, next) {
  if (!specifier.endsWith('?raw')) return next(specifier, context);
  return { url: new URL(specifier, context.parentURL).href, shortCircuit: true };
}
export async function load(url, context, next) {
  if (!url.endsWith('?raw')) return next(url, context);
  const text = await readFile(new URL(url.slice(0, -4)), 'utf8');
  return { format: 'module', source: 'export default ' + JSON.stringify(text), shortCircuit: true };
}`;

/** What one property did. */
interface FuzzCount {
  widget: string;
  input: string;
  tried: number;
  failures: number;
  firstFailure?: string;
}

async function runTest(widget: string, test: FuzzTest): Promise<FuzzCount | null> {
  let tried = 0;
  let failures = 0;
  let firstFailure: string | undefined;
  let properties = 0;
  const count = <Ts>(details: fc.RunDetails<Ts>): void => {
    tried += details.numRuns;
    if (details.failed) {
      failures += 1;
      const cause = 'errorInstance' in details ? details.errorInstance : 'failed';
      firstFailure ??= String(cause).split('\n')[0];
    }
  };
  const assert: FuzzAssert = (property, params) => {
    properties += 1;
    const details = fc.check(property, params);
    if (details instanceof Promise) return details.then(count);
    count(details);
    return undefined;
  };
  try {
    await test.run(assert);
  } catch (error) {
    // A check outside the properties (a sanity test beside them) failed.
    failures += 1;
    firstFailure ??= String(error).split('\n')[0];
  }
  if (properties === 0 && failures === 0) return null; // a plain sanity test, not a fuzzed input
  const input = test.suite ? `${test.suite} › ${test.title}` : test.title;
  return { widget, input, tried, failures, ...(firstFailure ? { firstFailure } : {}) };
}

/** Runs every fuzz property once, as the unit tests do; returns per-input counts and totals. */
export async function run(): Promise<Record<string, unknown>> {
  register(`data:text/javascript,${encodeURIComponent(RAW_LOADER)}`, import.meta.url);
  const counts: FuzzCount[] = [];
  for (const [widget, path] of MODULES) {
    const { FUZZ_TESTS } = (await import(path)) as { FUZZ_TESTS: FuzzTest[] };
    for (const test of FUZZ_TESTS) {
      const counted = await runTest(widget, test);
      if (counted) counts.push(counted);
    }
  }
  const perWidget: Record<string, { inputs: number; tried: number; failures: number }> = {};
  for (const c of counts) {
    const w = (perWidget[c.widget] ??= { inputs: 0, tried: 0, failures: 0 });
    w.inputs += 1;
    w.tried += c.tried;
    w.failures += c.failures;
  }
  return {
    'fuzz.inputs': counts.length,
    'fuzz.tried_total': counts.reduce((sum, c) => sum + c.tried, 0),
    'fuzz.failures_total': counts.reduce((sum, c) => sum + c.failures, 0),
    'fuzz.per_widget': perWidget,
    'fuzz.per_input': counts,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const report = await run();
  const rows = report['fuzz.per_input'] as FuzzCount[];
  console.table(
    rows.map(({ widget, input, tried, failures }) => ({ widget, input, tried, failures })),
  );
  console.log(JSON.stringify({ ...report, 'fuzz.per_input': undefined }, null, 2));
}
