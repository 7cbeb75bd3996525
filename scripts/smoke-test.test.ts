/**
 * The post-deploy smoke test against the real API: the Hono app of src/lib/api, in process, serving
 * the booklet's default model through onnxruntime, so the routes and the label the pipelines'
 * smoke test relies on are known to exist.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../src/lib/api/app';
import { onnxPredictorMetadata } from '../src/lib/api/onnx-metadata';
import { createOnnxPredictor, createUnavailablePredictor } from '../src/lib/api/predictor';
import { defaultPenguinArtifact } from '../src/lib/artifacts/penguins-node';
import { runSmokeTest } from '../src/lib/cicd/smoke-test';
import { createSession } from '../src/lib/runtime';
import { nodeOrtLoader } from '../src/lib/runtime/ort-node';
import { main } from './smoke-test';

type Fetch = (url: string, init?: RequestInit) => Promise<Response>;
const BASE = 'http://api.test';
let appFetch: Fetch;
let swappedFetch: Fetch;
let promotedId: string;
const OTHER_ID = `sha256:${'0'.repeat(64)}`;

beforeAll(async () => {
  const { onnx } = await defaultPenguinArtifact();
  promotedId = `sha256:${createHash('sha256').update(onnx).digest('hex')}`;
  const metadata = onnxPredictorMetadata(onnx);
  if (!metadata.ok) throw new Error(metadata.message);
  const ort = await nodeOrtLoader().load();
  const session = await createSession(ort, onnx);
  // The same service twice: once serving the promoted model's id (what api-server.ts derives from
  // the file), once claiming another id, as a container built from a swapped file would.
  const app = createApp({
    predictor: createOnnxPredictor(ort, session, metadata.metadata, { modelId: promotedId }),
  });
  appFetch = async (url, init) => app.request(url, init);
  const swapped = createApp({
    predictor: createOnnxPredictor(ort, session, metadata.metadata, { modelId: OTHER_ID }),
  });
  swappedFetch = async (url, init) => swapped.request(url, init);
}, 60_000);

describe('smoke test against the in-process API', () => {
  it('finds /readyz ready and the example penguin predicted as Adelie', async () => {
    const result = await runSmokeTest({ baseUrl: BASE, modelId: null, fetch: appFetch });
    expect(result.checks.map((c) => [c.name, c.ok])).toEqual([
      ['GET /readyz', true],
      ['POST /v1/predict', true],
    ]);
    expect(result.ok).toBe(true);
  });

  it('checks that the service serves the promoted model id', async () => {
    const ok = await runSmokeTest({
      baseUrl: `${BASE}/`,
      modelId: promotedId,
      fetch: appFetch,
    });
    expect(ok.ok).toBe(true);
    expect(ok.checks.map((c) => c.name)).toEqual([
      'GET /readyz',
      'promoted model',
      'POST /v1/predict',
    ]);
    const swapped = await runSmokeTest({ baseUrl: BASE, modelId: promotedId, fetch: swappedFetch });
    expect(swapped.ok).toBe(false);
    expect(swapped.checks[1]?.detail).toBe(
      `expected model_id ${promotedId}, but /readyz reports ${OTHER_ID}`,
    );
    // A service that is serving another model is not asked to predict.
    expect(swapped.checks).toHaveLength(2);
  });

  it('fails when /readyz reports no model id (an image built before model ids existed)', async () => {
    const withoutId: Fetch = async (url, init) => {
      const response = await appFetch(url, init);
      if (!url.endsWith('/readyz')) return response;
      const { model_id: _dropped, ...body } = (await response.json()) as Record<string, unknown>;
      return Response.json(body);
    };
    const result = await runSmokeTest({ baseUrl: BASE, modelId: promotedId, fetch: withoutId });
    expect(result.ok).toBe(false);
    expect(result.checks.find((c) => c.name === 'promoted model')?.ok).toBe(false);
  });

  it('retries /readyz while the model loads, then gives up', async () => {
    const app = createApp({ predictor: createUnavailablePredictor('The model is loading.') });
    const wait = vi.fn(async () => undefined);
    const result = await runSmokeTest({
      baseUrl: BASE,
      modelId: null,
      fetch: async (url, init) => app.request(url, init),
      readyAttempts: 3,
      wait,
    });
    expect(result.ok).toBe(false);
    expect(result.checks).toEqual([
      { name: 'GET /readyz', ok: false, detail: 'not ready after 3 attempt(s): status 503' },
    ]);
    expect(wait).toHaveBeenCalledTimes(2);
  });

  it('the CLI exits 0 on a healthy service, 1 on a failed check, 2 on bad arguments', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const args = ['--url', BASE, '--model-id', promotedId];
    expect(await main(args, appFetch)).toBe(0);
    expect(await main(args, swappedFetch)).toBe(1);
    expect(await main(['--url', BASE, '--model-id', 'abc'], appFetch)).toBe(2);
    expect(await main(['--url', 'ftp://x', '--model-id', promotedId], appFetch)).toBe(2);
    expect(await main([...args, '--ready-attempts', '0'], appFetch)).toBe(2);
  });
});
