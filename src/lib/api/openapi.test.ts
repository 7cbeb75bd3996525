import { describe, expect, it } from 'vitest';
import { API_ROUTES, buildOpenApiDocument } from './openapi';
import { FEATURE_BOUNDS, FEATURE_NAMES, MAX_BATCH_SIZE } from './schemas';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function at(value: Json | undefined, ...path: string[]): Json | undefined {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = current[key];
  }
  return current;
}

function collectRefs(value: Json, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => collectRefs(item, out));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') out.push(item);
      else collectRefs(item, out);
    }
  }
  return out;
}

describe('buildOpenApiDocument', () => {
  // Round-trip through text, as a client downloading /openapi.json sees it.
  const document = JSON.parse(
    JSON.stringify(buildOpenApiDocument({ serverUrl: 'http://127.0.0.1:8000' })),
  ) as Json;

  it('is OpenAPI 3.1 with info, servers and every route', () => {
    expect(at(document, 'openapi')).toMatch(/^3\.1\.\d+$/);
    expect(typeof at(document, 'info', 'title')).toBe('string');
    expect(typeof at(document, 'info', 'version')).toBe('string');
    expect(at(document, 'servers')).toEqual([{ url: 'http://127.0.0.1:8000' }]);
    expect(Object.keys(at(document, 'paths') as object).sort()).toEqual([...API_ROUTES].sort());
    const predict = at(document, 'paths', '/v1/predict', 'post');
    expect(at(predict, 'requestBody', 'content', 'application/json', 'schema')).toEqual({
      $ref: '#/components/schemas/PredictRequest',
    });
    for (const status of ['200', '400', '413', '415', '422', '500', '503']) {
      expect(at(predict, 'responses', status), status).toBeDefined();
    }
    expect(
      at(predict, 'responses', '422', 'content', 'application/problem+json', 'schema'),
    ).toEqual({ $ref: '#/components/schemas/Problem' });
  });

  it('documents the model id: model_id in the ready body, x-model-id on predictions', () => {
    expect(
      at(document, 'paths', '/v1/predict', 'post', 'responses', '200', 'headers', 'x-model-id'),
    ).toMatchObject({ required: true, schema: { type: 'string' } });
    expect(
      at(document, 'paths', '/readyz', 'get', 'responses', '200', 'content', 'application/json'),
    ).toEqual({ schema: { $ref: '#/components/schemas/Ready' } });
    const ready = at(document, 'components', 'schemas', 'Ready');
    expect(at(ready, 'required')).toEqual(['status', 'model_version', 'model_id']);
    expect(at(ready, 'properties', 'model_id', 'type')).toBe('string');
  });

  it('resolves every $ref to a component schema', () => {
    const schemas = at(document, 'components', 'schemas') as Record<string, Json>;
    const refs = collectRefs(document);
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs) {
      const match = /^#\/components\/schemas\/(\w+)$/.exec(ref);
      expect(match, ref).not.toBeNull();
      expect(schemas[match?.[1] ?? ''], ref).toBeDefined();
    }
    // Components are plain schema objects, without the standalone-document keywords.
    for (const schema of Object.values(schemas)) {
      expect(at(schema, '$schema')).toBeUndefined();
      expect(at(schema, '$id')).toBeUndefined();
    }
  });

  it('carries the field bounds, units, strictness and batch limit in the request schemas', () => {
    const features = at(document, 'components', 'schemas', 'PenguinFeatures');
    expect(at(features, 'additionalProperties')).toBe(false);
    expect(at(features, 'required')).toEqual([...FEATURE_NAMES]);
    for (const name of FEATURE_NAMES) {
      const property = at(features, 'properties', name);
      expect(at(property, 'type')).toBe('number');
      expect(at(property, 'minimum')).toBe(FEATURE_BOUNDS[name].min);
      expect(at(property, 'maximum')).toBe(FEATURE_BOUNDS[name].max);
      expect(at(property, 'description')).toContain(`(${FEATURE_BOUNDS[name].unit})`);
    }
    expect(at(features, 'properties', 'island', 'enum')).toEqual(['Biscoe', 'Dream', 'Torgersen']);
    expect(at(features, 'properties', 'sex', 'enum')).toEqual(['female', 'male']);
    const batch = at(
      document,
      'components',
      'schemas',
      'PredictBatchRequest',
      'properties',
      'instances',
    );
    expect(at(batch, 'minItems')).toBe(1);
    expect(at(batch, 'maxItems')).toBe(MAX_BATCH_SIZE);
    const request = at(document, 'components', 'schemas', 'PredictRequest', 'oneOf');
    expect(request).toEqual([
      { $ref: '#/components/schemas/PredictSingleRequest' },
      { $ref: '#/components/schemas/PredictBatchRequest' },
    ]);
  });

  it('describes the problem document with the errors array', () => {
    const problem = at(document, 'components', 'schemas', 'Problem');
    expect(at(problem, 'required')).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'detail', 'errors', 'request_id']),
    );
    expect(at(problem, 'properties', 'errors', 'items')).toEqual({
      $ref: '#/components/schemas/FieldError',
    });
  });
});
