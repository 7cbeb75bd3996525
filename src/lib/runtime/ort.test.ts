import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { fileWasmSource, nodeOrtLoader, nodeWasmPath } from './ort-node';
import {
  createOrtLoader,
  createSession,
  fetchWasmSource,
  identityCheckModel,
  isWasmBinary,
  OrtLoadError,
  type LoadProgress,
  type Ort,
  type WasmSource,
} from './ort';

const realWasm = new Uint8Array(readFileSync(nodeWasmPath()));

/** A fetch stand-in that streams `body` in `chunks` pieces with the given headers. */
function fakeFetch(
  body: Uint8Array,
  init: { status?: number; headers?: Record<string, string>; chunks?: number } = {},
) {
  return vi.fn(async () => {
    const chunks = init.chunks ?? 4;
    const size = Math.ceil(body.length / chunks);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < body.length; i += size) controller.enqueue(body.slice(i, i + size));
        controller.close();
      },
    });
    return new Response(stream, { status: init.status ?? 200, headers: init.headers ?? {} });
  }) as unknown as typeof fetch;
}

describe('isWasmBinary', () => {
  it('recognises the \\0asm magic and refuses an HTML error page', () => {
    expect(isWasmBinary(realWasm)).toBe(true);
    expect(isWasmBinary(new TextEncoder().encode('<!doctype html><title>404</title>'))).toBe(false);
    expect(isWasmBinary(new Uint8Array([0, 0x61, 0x73]))).toBe(false);
  });
});

describe('fetchWasmSource', () => {
  const wasmLike = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 9, 9, 9, 9]);

  it('streams the body and reports monotone progress up to Content-Length', async () => {
    const seen: LoadProgress[] = [];
    const fetchImpl = fakeFetch(wasmLike, {
      headers: { 'content-length': String(wasmLike.length) },
      chunks: 3,
    });
    const bytes = await fetchWasmSource('/x.wasm', fetchImpl)((p) => seen.push(p));
    expect(bytes).toEqual(wasmLike);
    expect(seen[0]).toEqual({ loaded: 0, total: 12 });
    expect(seen.at(-1)).toEqual({ loaded: 12, total: 12 });
    const loaded = seen.map((p) => p.loaded);
    expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
    expect(seen.length).toBeGreaterThanOrEqual(4);
  });

  it('does not trust Content-Length of a compressed body (total unknown while streaming)', async () => {
    const seen: LoadProgress[] = [];
    const fetchImpl = fakeFetch(wasmLike, {
      headers: { 'content-length': '5', 'content-encoding': 'gzip' },
    });
    await fetchWasmSource('/x.wasm', fetchImpl)((p) => seen.push(p));
    expect(seen.slice(0, -1).every((p) => p.total === null)).toBe(true);
  });

  it('turns an HTTP error into a network error naming the status', async () => {
    const error = await fetchWasmSource(
      '/x.wasm',
      fakeFetch(wasmLike, { status: 404 }),
    )(() => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrtLoadError);
    expect((error as OrtLoadError).kind).toBe('network');
    expect((error as OrtLoadError).message).toContain('404');
  });

  it('turns a rejected fetch into a network error', async () => {
    const failing = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const error = await fetchWasmSource(
      '/x.wasm',
      failing,
    )(() => undefined).catch((e: unknown) => e);
    expect((error as OrtLoadError).kind).toBe('network');
  });

  it('refuses a body that is not WebAssembly (a base-path mistake serving HTML)', async () => {
    const html = new TextEncoder().encode('<!doctype html><html><body>Not found</body></html>');
    const error = await fetchWasmSource(
      '/x.wasm',
      fakeFetch(html),
    )(() => undefined).catch((e: unknown) => e);
    expect((error as OrtLoadError).kind).toBe('not-wasm');
  });
});

describe('createOrtLoader', () => {
  it('loads the real runtime single-threaded and runs a tiny model built here', async () => {
    const ort = await nodeOrtLoader().load();
    expect(ort.env.wasm.numThreads).toBe(1);
    const session = await createSession(ort, identityCheckModel());
    const out = await session.run({ x: new ort.Tensor('float32', Float32Array.of(-2.75), [1]) });
    expect(Array.from(out['y']!.data as Float32Array)).toEqual([-2.75]);
    await session.release();
  });

  it('shares one download between concurrent callers', async () => {
    const source = vi.fn(fileWasmSource());
    const loader = createOrtLoader(source as WasmSource);
    const [a, b] = await Promise.all([loader.load(), loader.load()]);
    expect(a).toBe(b);
    expect(source).toHaveBeenCalledTimes(1);
    expect(loader.loaded).toBe(true);
  });

  it('reports a typed failure and succeeds on retry', async () => {
    let attempt = 0;
    const flaky: WasmSource = async (onProgress) => {
      attempt += 1;
      if (attempt === 1) throw new OrtLoadError('network', 'offline');
      onProgress({ loaded: realWasm.length, total: realWasm.length });
      return realWasm;
    };
    const loader = createOrtLoader(flaky);
    await expect(loader.load()).rejects.toMatchObject({ kind: 'network' });
    expect(loader.loaded).toBe(false);
    const ort = await loader.load();
    expect(typeof ort.InferenceSession.create).toBe('function');
    expect(attempt).toBe(2);
  });

  it('reports a network failure when the runtime script cannot be imported', async () => {
    const loader = createOrtLoader(fileWasmSource(), () =>
      Promise.reject(new Error('chunk missing')),
    );
    await expect(loader.load()).rejects.toMatchObject({ kind: 'network', name: 'OrtLoadError' });
  });

  it('reports an init failure when the runtime cannot start', async () => {
    // A stand-in module whose session creation fails the way a wasm compile error does.
    const failingOrt = {
      env: { wasm: {}, logLevel: 'warning' },
      InferenceSession: { create: () => Promise.reject(new WebAssembly.CompileError('bad wasm')) },
    } as unknown as Ort;
    const loader = createOrtLoader(fileWasmSource(), async () => failingOrt);
    await expect(loader.load()).rejects.toMatchObject({ kind: 'init' });
  });
});
