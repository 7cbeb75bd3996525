/**
 * The OpenAPI 3.1 document, generated from the zod schemas. OpenAPI 3.1 schema objects are JSON
 * Schema draft 2020-12, which is `z.toJSONSchema`'s default target, so the components are zod's
 * output as is, minus the `$schema`/`$id` keywords a standalone schema carries.
 */
import { z } from 'zod';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { PROMETHEUS_CONTENT_TYPE } from './prometheus';
import {
  FieldErrorSchema,
  HealthSchema,
  MAX_BATCH_SIZE,
  MAX_BODY_BYTES,
  PenguinFeaturesSchema,
  PredictBatchRequestSchema,
  PredictionSchema,
  PredictRequestSchema,
  PredictResponseSchema,
  PredictSingleRequestSchema,
  ProblemSchema,
  ReadySchema,
} from './schemas';
import { MODEL_ID_HEADER } from './model-id';

/** Routes the API serves, in the order the document lists them. */
export const API_ROUTES = [
  '/v1/predict',
  '/healthz',
  '/readyz',
  '/openapi.json',
  '/metrics',
] as const;

/** A route the API serves. */
export type ApiRoute = (typeof API_ROUTES)[number];

/** Options for the document's `info` and `servers`. */
export interface OpenApiOptions {
  /** API version shown in `info.version`. */
  apiVersion?: string;
  /** Base URL of a server, for example `http://127.0.0.1:8000`. */
  serverUrl?: string;
}

/** A JSON value, as the OpenAPI document is built from. */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function componentSchemas(): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  registry.add(PenguinFeaturesSchema, { id: 'PenguinFeatures' });
  registry.add(PredictSingleRequestSchema, { id: 'PredictSingleRequest' });
  registry.add(PredictBatchRequestSchema, { id: 'PredictBatchRequest' });
  registry.add(PredictRequestSchema, { id: 'PredictRequest' });
  registry.add(PredictionSchema, { id: 'Prediction' });
  registry.add(PredictResponseSchema, { id: 'PredictResponse' });
  registry.add(FieldErrorSchema, { id: 'FieldError' });
  registry.add(ProblemSchema, { id: 'Problem' });
  registry.add(HealthSchema, { id: 'Health' });
  registry.add(ReadySchema, { id: 'Ready' });
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    // The request is documented as clients send it; `io: 'input'` keeps optional fields optional.
    io: 'input',
    uri: (id) => `#/components/schemas/${id}`,
  });
  const out: Record<string, Json> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    const json = JSON.parse(JSON.stringify(schema)) as Record<string, Json>;
    delete json['$schema'];
    delete json['$id'];
    out[id] = json;
  }
  return out;
}

const ref = (id: string): Json => ({ $ref: `#/components/schemas/${id}` });

function problemResponse(description: string): Json {
  return { description, content: { [PROBLEM_CONTENT_TYPE]: { schema: ref('Problem') } } };
}

/** A JSON response whose body follows `schema`. */
function jsonResponse(description: string, schema: Json): Json {
  return { description, content: { 'application/json': { schema } } };
}

/** A path with one GET operation. */
function getOnly(operationId: string, summary: string, responses: Record<string, Json>): Json {
  return { get: { operationId, summary, responses } };
}

/** POST /v1/predict: the request-id header, the body, and every response it can give. */
function predictOperation(): Json {
  return {
    operationId: 'predict',
    summary: 'Predict the species of one penguin or a batch.',
    parameters: [
      {
        name: 'x-request-id',
        in: 'header',
        required: false,
        description:
          'Client-chosen request identifier (1–128 characters of letters, digits, `-`, `_`, `.`, `:`); echoed back. A missing value, or one of another shape, is replaced by a generated identifier rather than rejected.',
        // No `pattern` here: the server accepts any value and replaces a malformed one
        // (REQUEST_ID_PATTERN in app.ts), so a pattern would declare valid requests invalid.
        schema: { type: 'string' },
      },
    ],
    requestBody: {
      required: true,
      content: { 'application/json': { schema: ref('PredictRequest') } },
    },
    responses: {
      '200': {
        description: 'One prediction per instance.',
        headers: {
          'x-request-id': { schema: { type: 'string' } },
          [MODEL_ID_HEADER]: {
            description:
              'Id of the model file that answered: the promoted MODEL_ID, else `sha256:<hex>` of the file.',
            required: true,
            schema: { type: 'string' },
          },
        },
        content: { 'application/json': { schema: ref('PredictResponse') } },
      },
      '400': problemResponse('The body is not valid JSON (or not UTF-8).'),
      '413': problemResponse(
        `The body is over ${MAX_BODY_BYTES} bytes, or the batch has more than ${MAX_BATCH_SIZE} instances.`,
      ),
      '415': problemResponse('The Content-Type is not application/json.'),
      '422': problemResponse('The JSON does not match the request schema; see `errors`.'),
      '500': problemResponse('Unexpected failure; quote the request id when reporting it.'),
      '503': problemResponse('The model is not loaded (yet).'),
    },
  };
}

/** Builds the OpenAPI 3.1 document for the prediction API. */
export function buildOpenApiDocument(options: OpenApiOptions = {}): Record<string, Json> {
  const document: Record<string, Json> = {
    openapi: '3.1.1',
    info: {
      title: 'Penguin species prediction API',
      version: options.apiVersion ?? '1.0.0',
      summary: 'Classifies Palmer penguins from four body measurements.',
      description:
        'The MLOps Booklet chapter 3 service. Errors are RFC 9457 problem documents ' +
        `(${PROBLEM_CONTENT_TYPE}) with field-level errors. Bodies are limited to ${MAX_BODY_BYTES} bytes ` +
        `and batches to ${MAX_BATCH_SIZE} instances.`,
    },
    paths: {
      '/v1/predict': { post: predictOperation() },
      '/healthz': getOnly('healthz', 'Liveness: the process is up and answering.', {
        '200': jsonResponse('Alive.', ref('Health')),
      }),
      '/readyz': getOnly(
        'readyz',
        'Readiness: the model is loaded and predictions can be served.',
        {
          '200': jsonResponse('Ready, with the version and id of the model served.', ref('Ready')),
          '503': problemResponse('Not ready; `detail` says why.'),
        },
      ),
      '/openapi.json': getOnly('openapi', 'This document.', {
        '200': jsonResponse('The OpenAPI 3.1 document.', { type: 'object' }),
      }),
      '/metrics': getOnly('metrics', 'Metrics in the Prometheus text exposition format 0.0.4.', {
        '200': {
          description: 'Request counts, latency histogram, prediction counts and model_info.',
          headers: {
            'content-type': { schema: { type: 'string', const: PROMETHEUS_CONTENT_TYPE } },
          },
          content: { 'text/plain': { schema: { type: 'string' } } },
        },
      }),
    },
    components: { schemas: componentSchemas() },
  };
  if (options.serverUrl) document['servers'] = [{ url: options.serverUrl }];
  return document;
}
