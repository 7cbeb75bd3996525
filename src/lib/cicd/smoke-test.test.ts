import { describe, expect, it } from 'vitest';
import { EXAMPLE_PENGUIN } from '../data/penguins';
import { EXAMPLE_PENGUIN_LABEL, parseSmokeTestArgs, runSmokeTest } from './smoke-test';

const id = `sha256:${'a'.repeat(64)}`;

describe('parseSmokeTestArgs', () => {
  it('parses the pipeline invocation', () => {
    expect(
      parseSmokeTestArgs([
        '--url',
        'http://127.0.0.1:8000',
        '--model-id',
        id,
        '--ready-attempts',
        '30',
      ]),
    ).toEqual({ ok: true, args: { url: 'http://127.0.0.1:8000', modelId: id, readyAttempts: 30 } });
  });

  it('requires a URL and a sha256 model id', () => {
    expect(parseSmokeTestArgs(['--model-id', id]).ok).toBe(false);
    expect(parseSmokeTestArgs(['--url', 'http://x']).ok).toBe(false);
    expect(parseSmokeTestArgs(['--url', 'http://x', '--model-id', 'sha256:ABC']).ok).toBe(false);
    expect(parseSmokeTestArgs(['--url', 'http://x', '--model-id', id, '--x', '1']).ok).toBe(false);
  });
});

describe('runSmokeTest', () => {
  it('sends the example penguin and rejects an answer that is not JSON', async () => {
    const sent: unknown[] = [];
    const result = await runSmokeTest({
      baseUrl: 'http://svc',
      modelId: id,
      fetch: async (url, init) => {
        if (url === 'http://svc/readyz') return Response.json({ status: 'ready', model_id: id });
        sent.push(JSON.parse(String(init?.body)));
        return new Response('<html>proxy error</html>', { status: 200 });
      },
    });
    expect(sent).toEqual([{ instance: { ...EXAMPLE_PENGUIN } }]);
    expect(result.ok).toBe(false);
    expect(result.checks[2]).toEqual({
      name: 'POST /v1/predict',
      ok: false,
      detail: `expected label ${EXAMPLE_PENGUIN_LABEL}, got no label`,
    });
  });

  it('reports a network error instead of throwing', async () => {
    const result = await runSmokeTest({
      baseUrl: 'http://svc',
      modelId: id,
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    expect(result).toEqual({
      ok: false,
      checks: [
        { name: 'GET /readyz', ok: false, detail: 'not ready after 1 attempt(s): fetch failed' },
      ],
    });
  });
});
