/**
 * Integration test of `npm run api`: starts the real server process on a free loopback port with
 * a small model written by the booklet's ONNX encoder, talks to it over HTTP, and stops it with
 * SIGTERM. Everything is bounded by timeouts so a hung server fails the test instead of CI.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PredictResponseSchema, ProblemSchema, ReadySchema } from '../src/lib/api/schemas';
import { handWorkedModel } from '../src/lib/model/fixtures';
import { encodeSoftmaxModel } from '../src/lib/onnx/encode';

const root = resolve(import.meta.dirname, '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

// Standardized beak length, beak depth and flipper length become the three logits.
const model = handWorkedModel(
  {
    featureNames: ['beak_length_mm', 'beak_depth_mm', 'flipper_length_mm', 'body_mass_g'],
    classes: ['Adelie', 'Chinstrap', 'Gentoo'],
    mean: [40, 18, 200, 4000],
    std: [4, 2, 10, 500],
    weights: [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
      [0, 0, 0],
    ],
    bias: [0, 0, 0],
  },
  'integration-1',
);

/** A free loopback port: listen on port 0, read the port the OS chose, release it. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

type Server = {
  child: ChildProcessByStdio<null, Readable, Readable>;
  base: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const child = spawn(tsx, ['scripts/api-server.ts'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  return { child, base: `http://127.0.0.1:${port}`, output: () => output, exited };
}

/** Polls `path` until it answers `status`, or fails after `timeoutMs`. */
async function waitFor(server: Server, path: string, status: number, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${server.base}${path}`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === status) return response;
      last = `status ${response.status}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((wait) => setTimeout(wait, 100));
  }
  throw new Error(`${path} never answered ${status} (${last}). Server output:\n${server.output()}`);
}

async function stop(server: Server, timeoutMs = 10_000) {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return server.exited;
  server.child.kill('SIGTERM');
  const timeout = new Promise<never>((_, fail) =>
    setTimeout(() => {
      server.child.kill('SIGKILL');
      fail(new Error(`server did not exit within ${timeoutMs} ms:\n${server.output()}`));
    }, timeoutMs).unref(),
  );
  return Promise.race([server.exited, timeout]);
}

const adelie = { beak_length_mm: 36, beak_depth_mm: 22, flipper_length_mm: 200, body_mass_g: 4000 };
const modelBytes = encodeSoftmaxModel(model);
// What `sha256sum model.onnx` prints, computed here by node:crypto, not by the server's code.
const fileDigest = `sha256:${createHash('sha256').update(modelBytes).digest('hex')}`;

describe('scripts/api-server.ts with a model', () => {
  let dir = '';
  let server: Server;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'api-server-test-'));
    const modelPath = join(dir, 'model.onnx');
    await writeFile(modelPath, modelBytes);
    server = await startServer({ MODEL_PATH: modelPath, MODEL_ID: '' });
    await waitFor(server, '/readyz', 200, 30_000);
  }, 40_000);

  afterAll(async () => {
    await stop(server).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  it('logs the URL at startup as one JSON line', () => {
    const lines = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'));
    const startup = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((r) => 'url' in r);
    expect(startup?.['url']).toBe(server.base);
  });

  it('predicts through onnxruntime over HTTP', async () => {
    const response = await fetch(`${server.base}/v1/predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'it-1' },
      body: JSON.stringify({
        instances: [adelie, { ...adelie, beak_length_mm: 48, beak_depth_mm: 18 }],
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('it-1');
    // Without MODEL_ID, the model id is the digest of the file the server loaded.
    expect(response.headers.get('x-model-id')).toBe(fileDigest);
    const ready = ReadySchema.parse(await (await fetch(`${server.base}/readyz`)).json());
    expect(ready).toEqual({
      status: 'ready',
      model_version: 'integration-1',
      model_id: fileDigest,
    });
    const body = PredictResponseSchema.parse(await response.json());
    expect(body.model_version).toBe('integration-1');
    // Row 1: logits (−1, 2, 0) → Chinstrap 0.843795. Row 2: logits (2, 0, 0) → Adelie e²/(e² + 2).
    expect(body.predictions[0]?.label).toBe('Chinstrap');
    expect(body.predictions[0]?.probabilities.Chinstrap).toBeCloseTo(0.843795, 5);
    expect(body.predictions[1]?.label).toBe('Adelie');
    expect(body.predictions[1]?.probabilities.Adelie).toBeCloseTo(
      Math.E ** 2 / (Math.E ** 2 + 2),
      5,
    );
  });

  it('answers invalid requests with problem+json', async () => {
    const post = (body: string, type = 'application/json') =>
      fetch(`${server.base}/v1/predict`, {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      });
    const cases: [Response, number][] = [
      [await post('{"instance":'), 400],
      [await post(JSON.stringify({ instance: adelie }), 'text/plain'), 415],
      [await post(JSON.stringify({ instance: { ...adelie, body_mass_g: 3.75 } })), 422],
      [await post(JSON.stringify({ instances: Array.from({ length: 65 }, () => adelie) })), 413],
      [await post(' '.repeat(70 * 1024)), 413],
    ];
    for (const [response, status] of cases) {
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(ProblemSchema.safeParse(await response.json()).success).toBe(true);
    }
  });

  it('serves the OpenAPI document and metrics', async () => {
    const openapi = (await (await fetch(`${server.base}/openapi.json`)).json()) as {
      openapi: string;
      servers: { url: string }[];
    };
    expect(openapi.openapi).toMatch(/^3\.1\./);
    expect(openapi.servers[0]?.url).toBe(server.base);
    const metrics = await (await fetch(`${server.base}/metrics`)).text();
    expect(metrics).toContain('model_info{version="integration-1"} 1');
    expect(metrics).toMatch(/http_requests_total\{route="\/v1\/predict",status="200"\} 1/);
  });

  it('exits cleanly on SIGTERM', async () => {
    const { code, signal } = await stop(server);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain('server stopped');
  });
});

describe('scripts/api-server.ts without a model', () => {
  it('starts, reports 503 on /readyz with the build hint, and still stops cleanly', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'api-server-test-'));
    const server = await startServer({ MODEL_PATH: join(dir, 'missing.onnx') });
    try {
      await waitFor(server, '/healthz', 200);
      // /readyz says "loading" until the server has looked for the model, then gives the hint.
      let detail = '';
      const deadline = Date.now() + 20_000;
      while (!detail.includes('build:model') && Date.now() < deadline) {
        const ready = await waitFor(server, '/readyz', 503);
        detail = ProblemSchema.parse(await ready.json()).detail;
        if (!detail.includes('build:model')) await new Promise((wait) => setTimeout(wait, 100));
      }
      expect(detail).toContain('npm run build:model');
      expect(server.output()).toContain('npm run build:model');
      const predict = await fetch(`${server.base}/v1/predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ instance: adelie }),
      });
      expect(predict.status).toBe(503);
    } finally {
      const { code } = await stop(server);
      expect(code).toBe(0);
      await rm(dir, { recursive: true, force: true });
    }
  }, 40_000);
});

describe('scripts/api-server.ts with MODEL_ID', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'api-server-test-'));
    await writeFile(join(dir, 'model.onnx'), modelBytes);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reports the promoted id, and refuses readiness when a digest does not match the file', async () => {
    const modelPath = join(dir, 'model.onnx');
    const promoted = await startServer({ MODEL_PATH: modelPath, MODEL_ID: fileDigest });
    try {
      const ready = ReadySchema.parse(await (await waitFor(promoted, '/readyz', 200)).json());
      expect(ready.model_id).toBe(fileDigest);
    } finally {
      await stop(promoted);
    }
    // A swapped file: the image says one digest, the file on disk has another.
    const swapped = await startServer({
      MODEL_PATH: modelPath,
      MODEL_ID: `sha256:${'0'.repeat(64)}`,
    });
    try {
      let detail = '';
      const deadline = Date.now() + 20_000;
      while (!detail.includes('promoted') && Date.now() < deadline) {
        detail = ProblemSchema.parse(await (await waitFor(swapped, '/readyz', 503)).json()).detail;
        if (!detail.includes('promoted')) await new Promise((wait) => setTimeout(wait, 100));
      }
      expect(detail).toContain(`the model file loaded is ${fileDigest}`);
    } finally {
      await stop(swapped);
    }
  }, 60_000);
});
