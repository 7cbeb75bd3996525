/**
 * Fuzz of chapter 3's request playground (issue 15): generated methods, paths, Content-Types and
 * bodies (malformed, huge, unicode, deeply nested) through `buildDraftRequest` and the in-page
 * Hono app, as the widget sends them. Every input gets a message at its field or an answer that
 * is never a 5xx; an over-limit body is a 413 problem document.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { fuzzSuite } from '../fuzz';
import { createApp } from './app';
import { createMemoryLogger } from './logger';
import { API_ROUTES } from './openapi';
import { VALID_SINGLE_BODY } from './playground-presets';
import { createFunctionPredictor } from './predictor';
import {
  buildDraftRequest,
  checkContentType,
  checkPath,
  utf8Length,
  type RequestDraft,
} from './request-draft';
import { MAX_BODY_BYTES } from './schemas';

/** Generated inputs per field of the request playground (reported in the closing note). */
export const FUZZ_RUNS = { contentType: 300, path: 300, method: 200, body: 400 } as const;

const ORIGIN = 'http://localhost:8000';
const app = createApp({
  predictor: createFunctionPredictor((rows) => rows.map(() => [0.7, 0.2, 0.1]), {
    version: 'fuzz-1',
    classes: ['Adelie', 'Chinstrap', 'Gentoo'],
  }),
  logger: createMemoryLogger(),
});
const valid: RequestDraft = {
  method: 'POST',
  path: '/v1/predict',
  contentType: 'application/json',
  body: VALID_SINGLE_BODY,
};

/** Sends a draft as the playground does: a field message, or an answer that is never a 5xx. */
async function send(draft: RequestDraft): Promise<'field' | number> {
  const checked = buildDraftRequest(draft, ORIGIN);
  if (!checked.ok) {
    for (const message of Object.values(checked.errors)) expect(message).toMatch(/\S/);
    return 'field';
  }
  const response = await app.fetch(checked.request);
  const text = await response.text();
  expect(response.status).toBeLessThan(500);
  if (response.status >= 400) {
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(JSON.parse(text)).toMatchObject({ status: response.status });
  }
  return response.status;
}

const weird = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc.constantFrom('', ' ', '\t', 'a\r\nb: c', 'application/json\n', 'ü', '😀', 'x'.repeat(100_000)),
);

const { describe, it, tests } = fuzzSuite();

describe('request playground fuzz (no throw, no 5xx)', () => {
  it(`Content-Type (${FUZZ_RUNS.contentType} inputs)`, async (assert) => {
    await assert(
      fc.asyncProperty(weird, async (contentType) => {
        const outcome = await send({ ...valid, contentType });
        if (checkContentType(contentType) !== null) expect(outcome).toBe('field');
      }),
      { numRuns: FUZZ_RUNS.contentType },
    );
  });

  it(`path (${FUZZ_RUNS.path} inputs)`, async (assert) => {
    await assert(
      fc.asyncProperty(
        fc.oneof(weird, fc.webPath(), fc.constantFrom(...API_ROUTES)),
        async (path) => {
          const outcome = await send({ ...valid, path });
          if (checkPath(path) !== null) expect(outcome).toBe('field');
        },
      ),
      { numRuns: FUZZ_RUNS.path },
    );
  });

  it(`method with path (${FUZZ_RUNS.method} inputs)`, async (assert) => {
    await assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'), weird),
        fc.constantFrom(...API_ROUTES),
        async (method, path) => {
          const outcome = await send({ ...valid, method, path });
          if (!['GET', 'POST', 'PUT', 'DELETE'].includes(method)) expect(outcome).toBe('field');
        },
      ),
      { numRuns: FUZZ_RUNS.method },
    );
  });

  it(`body: malformed, huge, unicode, deeply nested (${FUZZ_RUNS.body} inputs)`, async (assert) => {
    const nested = fc
      .integer({ min: 1, max: 5000 })
      .map((depth) => `${'{"instance":'.repeat(depth)}1${'}'.repeat(depth)}`);
    const arrays = fc.integer({ min: 1, max: 20_000 }).map((d) => '['.repeat(d) + ']'.repeat(d));
    const huge = fc
      .integer({ min: MAX_BODY_BYTES - 10, max: MAX_BODY_BYTES + 5000 })
      .map((n) => `{"instance": "${'€'.repeat(Math.ceil(n / 3))}"}`);
    const body = fc.oneof(
      weird,
      nested,
      arrays,
      huge,
      fc.json(),
      fc.jsonValue().map((v) => JSON.stringify({ instance: v })),
      fc.string().map((s) => VALID_SINGLE_BODY.slice(0, s.length % VALID_SINGLE_BODY.length) + s),
    );
    await assert(
      fc.asyncProperty(body, async (text) => {
        const outcome = await send({ ...valid, body: text });
        if (utf8Length(text) > MAX_BODY_BYTES) expect(outcome).toBe(413);
      }),
      { numRuns: FUZZ_RUNS.body },
    );
  });

  it('the valid preset still answers 200', async () => {
    expect(await send(valid)).toBe(200);
  });
});

/** The properties above, for request-draft.fuzz.test.ts and the fuzz bench. */
export const FUZZ_TESTS = tests;
