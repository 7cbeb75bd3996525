/**
 * The post-deploy smoke test of chapter 4's pipelines (run by `scripts/smoke-test.ts`): is the
 * service ready, is it serving the model the pipeline promoted, and does one known penguin get its
 * known label? The `fetch` is injected, so tests run it against the in-process Hono app and CI runs
 * it against a container or a deployed URL.
 */
import { EXAMPLE_PENGUIN } from '../data/penguins';

/** The label the booklet's example penguin (an Adelie, the first record of the data) must get. */
export const EXAMPLE_PENGUIN_LABEL = 'Adelie';

/** What the smoke test needs. */
export interface SmokeTestOptions {
  /** Base URL of the service, for example `https://staging.example.com`. */
  baseUrl: string;
  /** The promoted model id (`sha256:<hex>`) the service must report; null skips that check. */
  modelId: string | null;
  /** The fetch to use (global `fetch` in the CLI, `app.request` in tests). */
  fetch: (url: string, init?: RequestInit) => Promise<Response>;
  /** How many times to ask /readyz before giving up (a freshly started service loads its model). */
  readyAttempts?: number;
  /** Waits between readiness attempts; injected so tests do not sleep. */
  wait?: (attempt: number) => Promise<void>;
}

/** One check's outcome, in the order the checks ran. */
export interface SmokeCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/** The smoke test's outcome: `ok` only if every check passed. */
export interface SmokeTestResult {
  ok: boolean;
  checks: SmokeCheck[];
}

function join(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

async function readJson(response: Response): Promise<Record<string, unknown> | null> {
  try {
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** GET /readyz until 200 (or attempts run out), then compare its `model_id`. */
async function checkReady(options: SmokeTestOptions): Promise<SmokeCheck[]> {
  const attempts = Math.max(1, options.readyAttempts ?? 1);
  let last = 'no answer';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const response = await options.fetch(join(options.baseUrl, '/readyz'));
      if (response.status === 200) {
        const body = await readJson(response);
        const checks: SmokeCheck[] = [
          { name: 'GET /readyz', ok: true, detail: `200 after ${attempt} attempt(s)` },
        ];
        if (options.modelId !== null) {
          const served = body?.['model_id'];
          checks.push({
            name: 'promoted model',
            ok: served === options.modelId,
            detail:
              served === options.modelId
                ? `serves ${options.modelId}`
                : `expected model_id ${options.modelId}, but /readyz reports ${typeof served === 'string' ? served : 'no model_id'}`,
          });
        }
        return checks;
      }
      last = `status ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (attempt < attempts) await options.wait?.(attempt);
  }
  return [
    { name: 'GET /readyz', ok: false, detail: `not ready after ${attempts} attempt(s): ${last}` },
  ];
}

/** POST the example penguin to /v1/predict and expect 200 with its known label. */
async function checkPrediction(options: SmokeTestOptions): Promise<SmokeCheck> {
  const name = 'POST /v1/predict';
  try {
    const response = await options.fetch(join(options.baseUrl, '/v1/predict'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ instance: EXAMPLE_PENGUIN }),
    });
    if (response.status !== 200) return { name, ok: false, detail: `status ${response.status}` };
    const body = await readJson(response);
    const predictions = body?.['predictions'];
    const first: unknown = Array.isArray(predictions) ? predictions[0] : undefined;
    const label =
      typeof first === 'object' && first !== null
        ? (first as Record<string, unknown>)['label']
        : undefined;
    if (label === EXAMPLE_PENGUIN_LABEL)
      return { name, ok: true, detail: `the example penguin is ${EXAMPLE_PENGUIN_LABEL}` };
    return {
      name,
      ok: false,
      detail: `expected label ${EXAMPLE_PENGUIN_LABEL}, got ${typeof label === 'string' ? label : 'no label'}`,
    };
  } catch (error) {
    return { name, ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

/** Runs the checks in order; a service that is not ready or serves another model is not asked to predict. */
export async function runSmokeTest(options: SmokeTestOptions): Promise<SmokeTestResult> {
  const checks = await checkReady(options);
  if (checks.every((c) => c.ok)) checks.push(await checkPrediction(options));
  return { ok: checks.every((c) => c.ok), checks };
}

/** Command-line settings of `scripts/smoke-test.ts`. */
export interface SmokeTestArgs {
  url: string;
  modelId: string;
  readyAttempts: number;
}

/** Parses `--url <base> --model-id sha256:<hex> [--ready-attempts 30]`; never throws. */
export function parseSmokeTestArgs(
  argv: readonly string[],
): { ok: true; args: SmokeTestArgs } | { ok: false; message: string } {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i] as string;
    const value = argv[i + 1];
    if (!['--url', '--model-id', '--ready-attempts'].includes(flag))
      return { ok: false, message: `Unknown option \`${flag}\`.` };
    if (value === undefined || value.startsWith('--'))
      return { ok: false, message: `\`${flag}\` needs a value.` };
    values.set(flag, value);
  }
  const url = values.get('--url');
  if (url === undefined || !/^https?:\/\/[^\s]+$/.test(url))
    return { ok: false, message: '`--url` must be an http(s) URL.' };
  const modelId = values.get('--model-id');
  if (modelId === undefined || !/^sha256:[0-9a-f]{64}$/.test(modelId))
    return { ok: false, message: '`--model-id` must be sha256:<64 hex digits>.' };
  const attemptsText = values.get('--ready-attempts') ?? '1';
  const readyAttempts = Number(attemptsText);
  if (!Number.isInteger(readyAttempts) || readyAttempts < 1 || readyAttempts > 600)
    return { ok: false, message: '`--ready-attempts` must be an integer from 1 to 600.' };
  return { ok: true, args: { url, modelId, readyAttempts } };
}
