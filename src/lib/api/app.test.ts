import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createApp, isJsonContentType, readBodyWithLimit } from './app';
import { createMemoryLogger } from './logger';
import { parsePrometheusText, readHistogram } from './prometheus';
import {
  createFunctionPredictor,
  createSwappablePredictor,
  createUnavailablePredictor,
  type Predictor,
} from './predictor';
import {
  MAX_BATCH_SIZE,
  MAX_BODY_BYTES,
  PredictResponseSchema,
  ProblemSchema,
  ReadySchema,
} from './schemas';

const classes = ['Adelie', 'Chinstrap', 'Gentoo'];
const adelie = {
  beak_length_mm: 39.1,
  beak_depth_mm: 18.7,
  flipper_length_mm: 181,
  body_mass_g: 3750,
};
const gentoo = {
  beak_length_mm: 46.1,
  beak_depth_mm: 13.2,
  flipper_length_mm: 211,
  body_mass_g: 4500,
};

/** A rule of thumb: long flippers mean Gentoo, otherwise a long beak means Chinstrap. */
const rulePredictor = (version = 'rule-1', modelId = `id-of-${version}`): Predictor =>
  createFunctionPredictor(
    (rows) =>
      rows.map(([beak = 0, , flipper = 0]) =>
        flipper > 205 ? [0.05, 0.05, 0.9] : beak > 45 ? [0.1, 0.8, 0.1] : [0.7, 0.2, 0.1],
      ),
    { version, classes, modelId },
  );

function setup(predictor: Predictor = rulePredictor(), limits?: { maxBodyBytes?: number }) {
  let ids = 0;
  let now = 1000;
  const logger = createMemoryLogger();
  const app = createApp({
    predictor,
    logger,
    // Each clock read advances 3 ms, so every request takes exactly 3 ms (start and end reads).
    clock: () => (now += 3),
    requestId: () => `req-${++ids}`,
    ...(limits ? { limits } : {}),
  });
  const post = (body: string | Uint8Array, headers: Record<string, string> = {}) =>
    app.request('/v1/predict', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : Uint8Array.from(body),
    });
  return { app, logger, post };
}

async function expectProblem(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const body: unknown = await response.json();
  const problem = ProblemSchema.parse(body);
  expect(problem.status).toBe(status);
  expect(problem.code).toBe(code);
  expect(problem.request_id).toBe(response.headers.get('x-request-id'));
  return problem;
}

describe('POST /v1/predict', () => {
  it('answers one instance with a schema-valid response and the request id', async () => {
    const { post } = setup();
    const response = await post(JSON.stringify({ instance: gentoo }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-request-id')).toBe('req-1');
    expect(response.headers.get('x-model-id')).toBe('id-of-rule-1');
    const body = PredictResponseSchema.parse(await response.json());
    expect(body).toEqual({
      predictions: [
        {
          label: 'Gentoo',
          probabilities: {
            Adelie: Math.fround(0.05),
            Chinstrap: Math.fround(0.05),
            Gentoo: Math.fround(0.9),
          },
        },
      ],
      model_version: 'rule-1',
      request_id: 'req-1',
    });
  });

  it('answers a batch in request order', async () => {
    const { post } = setup();
    const chinstrap = { ...adelie, beak_length_mm: 50 };
    const response = await post(JSON.stringify({ instances: [gentoo, adelie, chinstrap] }));
    const body = PredictResponseSchema.parse(await response.json());
    expect(body.predictions.map((p) => p.label)).toEqual(['Gentoo', 'Adelie', 'Chinstrap']);
  });

  it('accepts island and sex, and a JSON content type with parameters', async () => {
    const { post } = setup();
    const response = await post(
      JSON.stringify({ instance: { ...adelie, island: 'Dream', sex: 'female' } }),
      {
        'content-type': 'Application/JSON; charset=utf-8',
      },
    );
    expect(response.status).toBe(200);
  });

  it('echoes a well-formed incoming request id and replaces a malformed one', async () => {
    const { post } = setup();
    const echoed = await post(JSON.stringify({ instance: adelie }), {
      'x-request-id': 'client-abc.123',
    });
    expect(echoed.headers.get('x-request-id')).toBe('client-abc.123');
    expect(((await echoed.json()) as { request_id: string }).request_id).toBe('client-abc.123');
    const replaced = await post(JSON.stringify({ instance: adelie }), {
      'x-request-id': '<script>',
    });
    expect(replaced.headers.get('x-request-id')).toBe('req-1'); // the echoed id consumed no generated one
  });

  it('400 for malformed JSON, invalid UTF-8 and an empty body', async () => {
    const { post } = setup();
    const malformed = await expectProblem(await post('{"instance": {'), 400, 'malformed-json');
    expect(malformed.detail).toMatch(/not valid JSON/);
    expect(malformed.instance).toBe('/v1/predict');
    await expectProblem(await post(Uint8Array.from([0x7b, 0xff, 0x7d])), 400, 'malformed-json');
    await expectProblem(await post(''), 400, 'malformed-json');
  });

  it('415 without a JSON content type', async () => {
    const { app, post } = setup();
    await expectProblem(
      await post(JSON.stringify({ instance: adelie }), { 'content-type': 'text/plain' }),
      415,
      'unsupported-media-type',
    );
    const noType = await app.request('/v1/predict', {
      method: 'POST',
      body: new Blob([JSON.stringify({ instance: adelie })]),
    });
    await expectProblem(noType, 415, 'unsupported-media-type');
    await expectProblem(
      await post('{}', { 'content-type': 'application/jsonx' }),
      415,
      'unsupported-media-type',
    );
  });

  it('413 for a body over the byte limit, whether or not Content-Length is declared', async () => {
    const { app, post } = setup();
    const padding = ' '.repeat(MAX_BODY_BYTES);
    const declared = await post(`${JSON.stringify({ instance: adelie })}${padding}`);
    await expectProblem(declared, 413, 'body-too-large');
    // A streamed body has no Content-Length; the limit is enforced while reading.
    const chunk = new TextEncoder().encode(' '.repeat(16 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 10) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await app.request('/v1/predict', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await expectProblem(streamed, 413, 'body-too-large');
    expect(sent).toBeLessThan(10); // it stopped reading early
  });

  it('accepts a body exactly at the byte limit', async () => {
    const { post } = setup(rulePredictor(), { maxBodyBytes: 200 });
    const json = JSON.stringify({ instance: adelie });
    const exact = json + ' '.repeat(200 - new TextEncoder().encode(json).length);
    expect((await post(exact)).status).toBe(200);
    await expectProblem(await post(`${exact} `), 413, 'body-too-large');
  });

  it('413 for a batch over the bound, before validating its items', async () => {
    const { post } = setup();
    const problem = await expectProblem(
      await post(
        JSON.stringify({ instances: Array.from({ length: MAX_BATCH_SIZE + 1 }, () => ({})) }),
      ),
      413,
      'batch-too-large',
    );
    expect(problem.errors).toEqual([
      { path: 'instances', message: `At most ${MAX_BATCH_SIZE} instances per request.` },
    ]);
    const full = await post(
      JSON.stringify({ instances: Array.from({ length: MAX_BATCH_SIZE }, () => adelie) }),
    );
    expect(full.status).toBe(200);
  });

  it('422 with field-level errors', async () => {
    const { post } = setup();
    const problem = await expectProblem(
      await post(
        JSON.stringify({ instances: [adelie, { ...adelie, body_mass_g: 3.75, colour: 'black' }] }),
      ),
      422,
      'validation-failed',
    );
    expect(problem.errors).toEqual([
      { path: 'instances.1.body_mass_g', message: 'Must be at least 2000 g.' },
      { path: 'instances.1.colour', message: 'Unknown field.' },
    ]);
    await expectProblem(await post('[]'), 422, 'validation-failed');
    await expectProblem(await post('null'), 422, 'validation-failed');
  });

  it('503 while the model is not ready, after validating the request', async () => {
    const { post } = setup(
      createUnavailablePredictor('Model file dist/models/penguins.onnx is missing.'),
    );
    const problem = await expectProblem(
      await post(JSON.stringify({ instance: adelie })),
      503,
      'model-not-ready',
    );
    expect(problem.detail).toBe('Model file dist/models/penguins.onnx is missing.');
    await expectProblem(await post('{'), 400, 'malformed-json');
  });

  it('500 without internals when the predictor fails; the log has the details', async () => {
    const failing = createFunctionPredictor(
      () => {
        throw new Error('secret stack detail /srv/model.onnx');
      },
      { version: 'x', classes },
    );
    const { post, logger } = setup(failing);
    const response = await post(JSON.stringify({ instance: adelie }));
    const problem = await expectProblem(response, 500, 'internal-error');
    const text = JSON.stringify(problem);
    expect(text).not.toContain('secret');
    expect(text).not.toContain('/srv');
    expect(problem.detail).toContain('req-1');
    const logged = logger.records.find((r) => r.msg === 'unhandled error');
    expect(logged?.request_id).toBe('req-1');
    expect(String((logged?.['error'] as Error).message)).toContain('secret stack detail');
  });

  it('500 when the model classes do not match the API species', async () => {
    const wrong = createFunctionPredictor((rows) => rows.map(() => [1, 0, 0]), {
      version: 'x',
      classes: ['cat', 'dog', 'bird'],
    });
    await expectProblem(
      await setup(wrong).post(JSON.stringify({ instance: adelie })),
      500,
      'internal-error',
    );
  });

  it('405 with Allow for other methods', async () => {
    const { app } = setup();
    const response = await app.request('/v1/predict', { method: 'GET' });
    await expectProblem(response, 405, 'method-not-allowed');
    expect(response.headers.get('allow')).toBe('POST');
  });
});

describe('other routes', () => {
  it('/healthz is always 200; /readyz follows the predictor', async () => {
    const swappable = createSwappablePredictor(createUnavailablePredictor('Loading the model.'));
    const { app } = setup(swappable);
    expect((await app.request('/healthz')).status).toBe(200);
    expect(await (await app.request('/healthz')).json()).toEqual({ status: 'ok' });
    const notReady = await expectProblem(await app.request('/readyz'), 503, 'model-not-ready');
    expect(notReady.detail).toBe('Loading the model.');
    swappable.swap(rulePredictor('rule-7'));
    const ready = await app.request('/readyz');
    expect(ready.status).toBe(200);
    expect(ReadySchema.parse(await ready.json())).toEqual({
      status: 'ready',
      model_version: 'rule-7',
      model_id: 'id-of-rule-7',
    });
  });

  it('names the model that answered: /readyz and x-model-id follow a swap', async () => {
    const swappable = createSwappablePredictor(rulePredictor('rule-1', 'sha256:' + '1'.repeat(64)));
    const { app, post } = setup(swappable);
    const before = await post(JSON.stringify({ instance: gentoo }));
    expect(before.headers.get('x-model-id')).toBe('sha256:' + '1'.repeat(64));
    swappable.swap(rulePredictor('rule-2', 'sha256:' + '2'.repeat(64)));
    const after = await post(JSON.stringify({ instance: gentoo }));
    expect(after.headers.get('x-model-id')).toBe('sha256:' + '2'.repeat(64));
    expect(((await (await app.request('/readyz')).json()) as { model_id: string }).model_id).toBe(
      'sha256:' + '2'.repeat(64),
    );
    // Problems carry no model answer, so they carry no model id either.
    const invalid = await post('{"instance": {}}');
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get('x-model-id')).toBeNull();
  });

  it('/openapi.json is the OpenAPI document', async () => {
    const response = await setup().app.request('/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(document.paths)).toContain('/v1/predict');
  });

  it('404 is a problem document too', async () => {
    await expectProblem(await setup().app.request('/v2/predict'), 404, 'not-found');
  });
});

describe('/metrics and logs', () => {
  it('counts requests by route and status with a consistent latency histogram', async () => {
    const { app, post, logger } = setup();
    await post(JSON.stringify({ instance: adelie }));
    await post(JSON.stringify({ instances: [gentoo, gentoo] }));
    await post('{');
    await app.request('/nowhere');
    const response = await app.request('/metrics');
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const parsed = parsePrometheusText(await response.text());
    if (!parsed.ok) throw new Error(parsed.message);
    const family = (name: string) => parsed.families.find((f) => f.name === name);
    expect(
      family('http_requests_total')?.samples.map((s) => [
        s.labels['route'],
        s.labels['status'],
        s.value,
      ]),
    ).toEqual([
      ['/v1/predict', '200', 2],
      ['/v1/predict', '400', 1],
      ['unmatched', '404', 1],
    ]);
    const histogram = family('http_request_duration_seconds');
    if (!histogram) throw new Error('missing histogram');
    const read = readHistogram(histogram);
    if (!read.ok) throw new Error(read.problems.join('; '));
    const predict = read.series.find((s) => s.labels['route'] === '/v1/predict');
    // Every request took exactly 3 ms by the injected clock: above 2.5 ms, within 5 ms.
    expect(predict?.buckets.find((b) => b.le === 0.0025)?.count).toBe(0);
    expect(predict?.buckets.find((b) => b.le === 0.005)?.count).toBe(3);
    expect(predict?.sum).toBeCloseTo(0.009, 12);
    expect(
      family('model_predictions_total')?.samples.map((s) => [s.labels['label'], s.value]),
    ).toEqual([
      ['Adelie', 1],
      ['Gentoo', 2],
    ]);
    expect(family('model_info')?.samples[0]?.labels).toEqual({ version: 'rule-1' });
    const requests = logger.records.filter((r) => r.msg === 'request');
    expect(
      requests.map((r) => [r['status'], r['route'], r['duration_ms'], r['request_id']]),
    ).toEqual([
      [200, '/v1/predict', 3, 'req-1'],
      [200, '/v1/predict', 3, 'req-2'],
      [400, '/v1/predict', 3, 'req-3'],
      [404, 'unmatched', 3, 'req-4'],
      [200, '/metrics', 3, 'req-5'],
    ]);
  });
});

describe('robustness', () => {
  const statuses = new Set([200, 400, 413, 415, 422]);

  it('never answers 500 to arbitrary JSON bodies, and every 4xx is problem+json', async () => {
    const { post } = setup();
    const penguinish = fc.record(
      {
        beak_length_mm: fc.oneof(fc.double(), fc.integer(), fc.string(), fc.constant(null)),
        beak_depth_mm: fc.double({ min: 5, max: 30, noNaN: true }),
        flipper_length_mm: fc.double({ min: 140, max: 250, noNaN: true }),
        body_mass_g: fc.double({ min: 1000, max: 8000, noNaN: true }),
        island: fc.string(),
        sex: fc.constantFrom('female', 'male', 'x'),
        other: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record({ instance: fc.oneof(penguinish, fc.jsonValue()) }, { requiredKeys: [] }),
      fc.record(
        { instances: fc.array(penguinish, { maxLength: 80 }), extra: fc.jsonValue() },
        { requiredKeys: ['instances'] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        // JSON.stringify turns non-finite doubles into null, exactly as a JSON client would send them.
        const response = await post(JSON.stringify(value) ?? 'null');
        expect(statuses.has(response.status), String(response.status)).toBe(true);
        if (response.status >= 400) {
          expect(response.headers.get('content-type')).toBe('application/problem+json');
          expect(ProblemSchema.safeParse(await response.json()).success).toBe(true);
        } else {
          expect(PredictResponseSchema.safeParse(await response.json()).success).toBe(true);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('never answers 500 to arbitrary strings or bytes', async () => {
    const { post } = setup();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ unit: 'binary' }), fc.uint8Array({ maxLength: 64 })),
        async (raw) => {
          const response = await post(raw);
          expect(statuses.has(response.status)).toBe(true);
          if (response.status >= 400)
            expect(response.headers.get('content-type')).toBe('application/problem+json');
        },
      ),
      { seed: 43, numRuns: 300 },
    );
  });

  it('answers deeply nested JSON with 4xx, not a stack overflow', async () => {
    const { post } = setup();
    const deep = `${'['.repeat(30000)}${']'.repeat(30000)}`;
    expect((await post(deep)).status).toBe(422);
    const deepObject = `{"instance":${'{"a":'.repeat(10000)}1${'}'.repeat(10000)}}`;
    expect((await post(deepObject)).status).toBe(422);
  });
});

describe('helpers', () => {
  it('isJsonContentType accepts application/json with parameters only', () => {
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType(' application/json ; charset=UTF-8')).toBe(true);
    expect(isJsonContentType('application/problem+json')).toBe(false);
    expect(isJsonContentType('text/json')).toBe(false);
    expect(isJsonContentType(undefined)).toBe(false);
  });

  it('readBodyWithLimit returns the bytes up to the limit and null past it', async () => {
    const request = (body: string) => new Request('http://x/', { method: 'POST', body });
    expect(
      new TextDecoder().decode((await readBodyWithLimit(request('abc'), 3)) ?? undefined),
    ).toBe('abc');
    expect(await readBodyWithLimit(request('abcd'), 3)).toBeNull();
    expect(await readBodyWithLimit(new Request('http://x/'), 3)).toEqual(new Uint8Array(0));
  });
});
