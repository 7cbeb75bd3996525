import { describe, expect, it } from 'vitest';
import { createApp } from './app';
import { locateJsonPath, scanJson } from './json-locate';
import { PLAYGROUND_PRESETS } from './playground-presets';
import { createFunctionPredictor } from './predictor';
import { MAX_BATCH_SIZE } from './schemas';

const app = createApp({
  predictor: createFunctionPredictor((rows) => rows.map(() => [0.7, 0.2, 0.1]), {
    version: 'test',
    classes: ['Adelie', 'Chinstrap', 'Gentoo'],
  }),
});

async function send(id: string) {
  const preset = PLAYGROUND_PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`no preset ${id}`);
  const response = await app.request(preset.path, {
    method: preset.method,
    headers: preset.contentType ? { 'content-type': preset.contentType } : {},
    body: preset.body,
  });
  const body = (await response.json()) as {
    errors?: { path: string; message: string }[];
    predictions?: unknown[];
  };
  return { preset, response, body };
}

describe('PLAYGROUND_PRESETS', () => {
  it('covers the nine cases the chapter discusses, with distinct ids', () => {
    expect(PLAYGROUND_PRESETS.map((p) => p.id)).toEqual([
      'valid-single',
      'valid-batch',
      'missing-field',
      'wrong-type',
      'out-of-range',
      'unknown-field',
      'batch-too-large',
      'malformed-json',
      'wrong-content-type',
    ]);
  });

  it.each(PLAYGROUND_PRESETS.map((p) => [p.id, p.expectedStatus] as const))(
    '%s gets status %i from the real app',
    async (id, status) => {
      const { response, preset } = await send(id);
      expect(response.status).toBe(status);
      expect(preset.expectation.startsWith(String(status))).toBe(true);
    },
  );

  it('names the failing fields of the 422 presets, and each can be found in the body', async () => {
    const expected: Record<string, string[]> = {
      'missing-field': ['instance.body_mass_g'],
      'wrong-type': ['instance.beak_length_mm'],
      'out-of-range': ['instance.body_mass_g'],
      'unknown-field': ['instance.flipper_lenght_mm', 'instance.flipper_length_mm'],
    };
    for (const [id, paths] of Object.entries(expected)) {
      const { body, preset } = await send(id);
      const got = (body.errors ?? []).map((e) => e.path).sort();
      expect(got, id).toEqual(paths);
      const scan = scanJson(preset.body);
      if (!scan.ok) throw new Error('preset body must be JSON');
      for (const path of paths)
        expect(locateJsonPath(scan.spans, path), `${id} ${path}`).not.toBeNull();
    }
  });

  it('sends exactly one instance too many in the oversized batch', async () => {
    const { preset, body } = await send('batch-too-large');
    const parsed = JSON.parse(preset.body) as { instances: unknown[] };
    expect(parsed.instances).toHaveLength(MAX_BATCH_SIZE + 1);
    expect(body.errors?.map((e) => e.path)).toEqual(['instances']);
  });

  it('answers the valid batch with one prediction per penguin', async () => {
    const { body } = await send('valid-batch');
    expect(body.predictions).toHaveLength(3);
  });
});
