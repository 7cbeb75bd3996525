/**
 * The prediction API as a Hono app. The same factory runs in the booklet page (called through
 * `app.fetch`), in the Node server (`scripts/api-server.ts`) and in tests (`app.request`), so
 * what the reader pokes at in chapter 3 is the service they would deploy.
 */
import { Hono, type Context } from 'hono';
import { silentLogger, type Logger } from './logger';
import { createApiMetrics, type ApiMetrics } from './metrics';
import { API_ROUTES, buildOpenApiDocument, type OpenApiOptions } from './openapi';
import { MODEL_ID_HEADER } from './model-id';
import { FEATURE_COUNT, type Predictor, type PredictorOutput } from './predictor';
import { createProblem, problemResponse, type ProblemCode } from './problem';
import { PROMETHEUS_CONTENT_TYPE } from './prometheus';
import {
  featureRow,
  MAX_BATCH_SIZE,
  MAX_BODY_BYTES,
  parsePredictRequest,
  SPECIES,
  type FieldError,
  type PenguinFeatures,
  type Prediction,
  type PredictResponse,
} from './schemas';

/** Size limits of the API; both default to the documented constants. */
export interface ApiLimits {
  /** Largest body in bytes; larger bodies get 413 before any parsing. */
  maxBodyBytes?: number;
  /** Most instances per request, at most `MAX_BATCH_SIZE`; larger batches get 413. */
  maxBatchSize?: number;
}

/** Everything the app depends on, injected so tests and the page control it. */
export interface AppOptions {
  /** The model behind `/v1/predict`. */
  predictor: Predictor;
  /** Milliseconds from any fixed origin, for latency; inject a fake for deterministic tests. */
  clock?: () => number;
  /** Receives one structured record per request, and the details of every 500. */
  logger?: Logger;
  /** Body and batch limits. */
  limits?: ApiLimits;
  /** Generates request ids when the client sends none; inject a counter for determinism. */
  requestId?: () => string;
  /** The metrics store, injectable so a caller can read it directly. */
  metrics?: ApiMetrics;
  /** `info` and `servers` of the OpenAPI document. */
  openApi?: OpenApiOptions;
}

/** Incoming `x-request-id` values are accepted only in this shape; others are replaced. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

type AppEnv = { Variables: { requestId: string } };

const JSON_HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-store' };

/** Thrown inside the predict handler to answer with a problem document. */
class ProblemError extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly errors: readonly FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

/** Whether a Content-Type header names JSON (`application/json`, any parameters). */
export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const mediaType = header.split(';', 1)[0]?.trim().toLowerCase();
  return mediaType === 'application/json';
}

/**
 * Reads at most `limit` bytes of a body. Returns null as soon as the body is larger, without
 * reading the rest, so an oversized upload costs the server `limit` bytes of memory at most.
 */
export async function readBodyWithLimit(
  request: Request,
  limit: number,
): Promise<Uint8Array | null> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > limit) return null;
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** What every route and middleware of one app shares. */
interface AppParts {
  predictor: Predictor;
  clock: () => number;
  logger: Logger;
  metrics: ApiMetrics;
  nextRequestId: () => string;
  maxBodyBytes: number;
  maxBatchSize: number;
  openApiText: string;
  /** A problem+json response for the current request. */
  problem: (
    c: Context<AppEnv>,
    code: ProblemCode,
    detail: string,
    errors?: readonly FieldError[],
    headers?: Record<string, string>,
  ) => Response;
}

/** Request ids, the request log line and the request metrics, around every route. */
function useRequestLog(app: Hono<AppEnv>, parts: AppParts): void {
  const { clock, nextRequestId, metrics, logger } = parts;
  const routes: readonly string[] = API_ROUTES;
  app.use('*', async (c, next) => {
    const started = clock();
    const incoming = c.req.header('x-request-id');
    const requestId =
      incoming !== undefined && REQUEST_ID_PATTERN.test(incoming) ? incoming : nextRequestId();
    c.set('requestId', requestId);
    await next();
    c.res.headers.set('x-request-id', requestId);
    const durationMs = Math.max(0, clock() - started);
    const route = routes.includes(c.req.path) ? c.req.path : 'unmatched';
    metrics.observeRequest(route, c.res.status, durationMs / 1000);
    logger.log({
      level: c.res.status >= 500 ? 'error' : c.res.status >= 400 ? 'warn' : 'info',
      msg: 'request',
      request_id: requestId,
      method: c.req.method,
      path: c.req.path.slice(0, 200),
      route,
      status: c.res.status,
      duration_ms: Math.round(durationMs * 1000) / 1000,
    });
  });
}

/** Problems thrown by routes become problem+json; anything else is a logged 500; unknown paths 404. */
function useErrors(app: Hono<AppEnv>, { problem, logger }: AppParts): void {
  app.onError((error, c) => {
    if (error instanceof ProblemError)
      return problem(c, error.code, error.detail, error.errors, error.headers);
    logger.log({
      level: 'error',
      msg: 'unhandled error',
      request_id: c.get('requestId'),
      path: c.req.path.slice(0, 200),
      error,
    });
    return problem(
      c,
      'internal-error',
      `Something went wrong on our side. Quote request id ${c.get('requestId')} when reporting it.`,
    );
  });
  app.notFound((c) =>
    problem(c, 'not-found', `There is no route ${c.req.method} ${c.req.path.slice(0, 200)}.`),
  );
}

/** /healthz, /readyz, /openapi.json and /metrics. */
function addServiceRoutes(
  app: Hono<AppEnv>,
  { predictor, problem, openApiText, metrics }: AppParts,
): void {
  app.get(
    '/healthz',
    () => new Response(JSON.stringify({ status: 'ok' }), { headers: JSON_HEADERS }),
  );
  app.get('/readyz', (c) => {
    if (!predictor.isReady()) {
      const reason = predictor.notReadyReason() || 'The model is not loaded yet.';
      return problem(c, 'model-not-ready', reason, [], { 'retry-after': '5' });
    }
    const body = { status: 'ready', model_version: predictor.version, model_id: predictor.modelId };
    return new Response(JSON.stringify(body), { headers: JSON_HEADERS });
  });
  app.get(
    '/openapi.json',
    () => new Response(openApiText, { headers: { 'content-type': 'application/json' } }),
  );
  app.get(
    '/metrics',
    () =>
      new Response(metrics.render({ version: predictor.version, ready: predictor.isReady() }), {
        headers: { 'content-type': PROMETHEUS_CONTENT_TYPE, 'cache-control': 'no-store' },
      }),
  );
}

/** POST /v1/predict: validate, predict in one batch, count the labels. */
function addPredictRoute(app: Hono<AppEnv>, parts: AppParts): void {
  const { predictor, metrics, maxBodyBytes, maxBatchSize } = parts;
  app.post('/v1/predict', async (c) => {
    const requestId = c.get('requestId');
    const instances = await readPredictRequest(c.req.raw, maxBodyBytes, maxBatchSize);
    if (!predictor.isReady()) {
      const reason = predictor.notReadyReason() || 'The model is not loaded yet.';
      throw new ProblemError('model-not-ready', reason, [], { 'retry-after': '5' });
    }
    const rows = new Float32Array(instances.length * FEATURE_COUNT);
    instances.forEach((instance, i) => rows.set(featureRow(instance), i * FEATURE_COUNT));
    const output = await predictor.predict(rows, instances.length);
    const predictions = toPredictions(output, instances.length);
    for (const prediction of predictions) metrics.countPrediction(prediction.label);
    const body: PredictResponse = {
      predictions,
      model_version: output.version,
      request_id: requestId,
    };
    // The id of the model that answered this request, even if a swap happened since.
    return new Response(JSON.stringify(body), {
      headers: { ...JSON_HEADERS, [MODEL_ID_HEADER]: output.modelId },
    });
  });
}

/** Creates the API. */
export function createApp(options: AppOptions): Hono<AppEnv> {
  const maxBodyBytes = options.limits?.maxBodyBytes ?? MAX_BODY_BYTES;
  const maxBatchSize = Math.min(options.limits?.maxBatchSize ?? MAX_BATCH_SIZE, MAX_BATCH_SIZE);
  if (!(maxBodyBytes > 0) || !(maxBatchSize >= 1)) throw new RangeError('Limits must be positive.');
  const parts: AppParts = {
    predictor: options.predictor,
    clock: options.clock ?? (() => performance.now()),
    logger: options.logger ?? silentLogger,
    metrics: options.metrics ?? createApiMetrics(),
    nextRequestId: options.requestId ?? (() => crypto.randomUUID()),
    maxBodyBytes,
    maxBatchSize,
    openApiText: JSON.stringify(buildOpenApiDocument(options.openApi)),
    problem: (c, code, detail, errors = [], headers = {}) =>
      problemResponse(
        createProblem(code, detail, {
          requestId: c.get('requestId'),
          instance: c.req.path,
          errors,
        }),
        headers,
      ),
  };
  const app = new Hono<AppEnv>();
  useRequestLog(app, parts);
  useErrors(app, parts);
  addServiceRoutes(app, parts);
  addPredictRoute(app, parts);
  for (const [route, allow] of [
    ['/v1/predict', 'POST'],
    ['/healthz', 'GET, HEAD'],
    ['/readyz', 'GET, HEAD'],
    ['/openapi.json', 'GET, HEAD'],
    ['/metrics', 'GET, HEAD'],
  ] as const) {
    app.all(route, (c) =>
      parts.problem(c, 'method-not-allowed', `${route} accepts ${allow} only.`, [], { allow }),
    );
  }
  return app;
}

/** Turns the raw request into validated instances, or throws the matching `ProblemError`. */
async function readPredictRequest(
  request: Request,
  maxBodyBytes: number,
  maxBatchSize: number,
): Promise<PenguinFeatures[]> {
  if (!isJsonContentType(request.headers.get('content-type') ?? undefined)) {
    throw new ProblemError(
      'unsupported-media-type',
      'Send the body as JSON with the header Content-Type: application/json.',
    );
  }
  const bytes = await readBodyWithLimit(request, maxBodyBytes);
  if (bytes === null) {
    throw new ProblemError('body-too-large', `The body is larger than ${maxBodyBytes} bytes.`);
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new ProblemError('malformed-json', 'The body is not valid UTF-8 text.');
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message.slice(0, 200) : 'unreadable';
    throw new ProblemError('malformed-json', `The body is not valid JSON: ${reason}`);
  }
  const size = batchSize(body);
  if (size !== null && size > maxBatchSize) {
    throw new ProblemError(
      'batch-too-large',
      `A request may carry at most ${maxBatchSize} instances; this one has ${size}. Split it into smaller batches.`,
      [{ path: 'instances', message: `At most ${maxBatchSize} instances per request.` }],
    );
  }
  const parsed = parsePredictRequest(body);
  if (!parsed.ok) {
    throw new ProblemError(
      'validation-failed',
      'The request does not match the schema; see errors.',
      parsed.errors,
    );
  }
  return parsed.instances;
}

function batchSize(body: unknown): number | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const instances: unknown = (body as Record<string, unknown>)['instances'];
  return Array.isArray(instances) ? instances.length : null;
}

/**
 * Converts model output to response items. A model whose classes are not the API's species, or
 * whose numbers are not probabilities, is a server fault: it throws, and the client sees a 500.
 */
function toPredictions(output: PredictorOutput, n: number): Prediction[] {
  const { classes, probabilities, labels } = output;
  const width = classes.length;
  if (width !== SPECIES.length || !SPECIES.every((name) => classes.includes(name))) {
    throw new Error(`Model classes ${JSON.stringify(classes)} do not match the API species.`);
  }
  if (probabilities.length !== n * width || labels.length !== n) {
    throw new Error('Model output has the wrong shape.');
  }
  const out: Prediction[] = [];
  for (let i = 0; i < n; i++) {
    const values: Record<string, number> = {};
    for (let j = 0; j < width; j++) {
      const p = probabilities[i * width + j] ?? NaN;
      if (!(p >= 0 && p <= 1)) throw new Error(`Model returned a non-probability ${p}.`);
      values[classes[j] ?? ''] = p;
    }
    const labelName = classes[labels[i] ?? -1];
    const label = SPECIES.find((name) => name === labelName);
    if (label === undefined) throw new Error('Model returned an invalid label.');
    out.push({
      label,
      probabilities: {
        Adelie: values['Adelie'] ?? 0,
        Chinstrap: values['Chinstrap'] ?? 0,
        Gentoo: values['Gentoo'] ?? 0,
      },
    });
  }
  return out;
}
