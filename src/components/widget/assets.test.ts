import { describe, expect, it } from 'vitest';
import { BASE, fetchBytes, fetchJson } from './assets';
import { AssetLoadError } from './errors';

/** The AssetLoadError a download rejects with (fails the test if it resolves or throws something else). */
async function failure(download: Promise<unknown>): Promise<AssetLoadError> {
  const outcome = await download.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(outcome instanceof AssetLoadError))
    throw new Error(`expected an AssetLoadError, got ${String(outcome)}`);
  return outcome;
}

const respond = (body: BodyInit | null, status = 200) =>
  (async () => new Response(body, { status })) as unknown as typeof fetch;

describe('asset downloads', () => {
  it('resolves files under the base path', async () => {
    let asked = '';
    const fake = (async (url: string) => {
      asked = url;
      return new Response('{"a":1}');
    }) as typeof fetch;
    expect(await fetchJson('data/x.json', fake)).toEqual({ a: 1 });
    expect(asked).toBe(`${BASE}data/x.json`);
    expect(BASE.endsWith('/')).toBe(true);
  });

  it('names the file and the status on a 404', async () => {
    const error = await failure(fetchJson('models/model-card.json', respond('gone', 404)));
    expect(error.kind).toBe('http');
    expect(error.message).toBe(
      'Could not download models/model-card.json: the server answered 404.',
    );
  });

  it('keeps the cause of a network failure', async () => {
    const cause = new TypeError('Failed to fetch');
    const failing = (async () => {
      throw cause;
    }) as typeof fetch;
    const error = await failure(fetchBytes('models/penguins.onnx', failing));
    expect([error.kind, error.asset, error.cause]).toEqual([
      'network',
      'models/penguins.onnx',
      cause,
    ]);
  });

  it('reports corrupt JSON as a format error', async () => {
    const error = await failure(fetchJson('data/penguins.json', respond('{"trunc')));
    expect([error.kind, error.message]).toEqual([
      'format',
      'data/penguins.json is not valid JSON.',
    ]);
  });

  it('returns the bytes of a binary file', async () => {
    const bytes = await fetchBytes('m.onnx', respond(new Uint8Array([8, 7, 18])));
    expect(Array.from(bytes)).toEqual([8, 7, 18]);
  });
});
