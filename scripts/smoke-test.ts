/**
 * Post-deploy smoke test, run by chapter 4's pipelines against the built container and against
 * each deployment:
 *
 *   npx tsx scripts/smoke-test.ts --url https://staging.example.com --model-id sha256:<hex> \
 *     [--ready-attempts 30]
 *
 * GET /readyz must answer 200 with `model_id` equal to the promoted id, then one known penguin
 * (EXAMPLE_PENGUIN, an Adelie) sent to POST /v1/predict must come back 200 as Adelie. Exits 0 when
 * every check passes, 1 when one fails, 2 on bad arguments. The checks are `runSmokeTest` in
 * src/lib/cicd, which scripts/smoke-test.test.ts runs against the in-process API.
 */
import { parseSmokeTestArgs, runSmokeTest } from '../src/lib/cicd/smoke-test';

/** Runs the smoke test; returns the process exit code. */
export async function main(
  argv: readonly string[],
  fetcher: (url: string, init?: RequestInit) => Promise<Response> = fetch,
  wait: (attempt: number) => Promise<void> = () => new Promise((done) => setTimeout(done, 2000)),
): Promise<number> {
  const parsed = parseSmokeTestArgs(argv);
  if (!parsed.ok) {
    console.error(`smoke-test: ${parsed.message}`);
    return 2;
  }
  const { url, modelId, readyAttempts } = parsed.args;
  const result = await runSmokeTest({ baseUrl: url, modelId, fetch: fetcher, readyAttempts, wait });
  for (const check of result.checks)
    console.log(`smoke-test: ${check.ok ? 'PASS' : 'FAIL'} ${check.name}: ${check.detail}`);
  return result.ok ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`)
  process.exitCode = await main(process.argv.slice(2));
