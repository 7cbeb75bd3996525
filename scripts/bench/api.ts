/**
 * Bench for chapter 3's API:
 * - in process: latency (p50/p95) of `app.fetch` for one row and for a 64-row batch, with a plain
 *   function predictor (the HTTP layer alone) and with onnxruntime-web (the full path);
 * - over loopback: the Node server (`scripts/api-server.ts`) under bounded load (8 connections,
 *   about 4 s each) from autocannon in a second process, for single rows and 64-row batches:
 *   requests per second and p50/p99 latency. Needs the model artifact; says so if it is absent.
 * Run alone with `npx tsx scripts/bench/api.ts`.
 */
import { spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createApp } from '../../src/lib/api/app';
import {
  createFunctionPredictor,
  createOnnxPredictor,
  type Predictor,
} from '../../src/lib/api/predictor';
import type { SoftmaxModel } from '../../src/lib/model/types';
import { encodeSoftmaxModel } from '../../src/lib/onnx/encode';
import { createSession } from '../../src/lib/runtime';
import { nodeOrtLoader } from '../../src/lib/runtime/ort-node';
import { handMadePenguinModel } from '../../src/lib/model/fixtures';
import { EXAMPLE_PENGUIN_FEATURES } from '../../src/lib/data/penguins';
import { quantileSorted } from '../../src/lib/stats/quantile';

const root = resolve(import.meta.dirname, '..', '..');
const round = (ms: number) => Number(ms.toFixed(4));
const classes = ['Adelie', 'Chinstrap', 'Gentoo'];
const penguin = EXAMPLE_PENGUIN_FEATURES;
const singleBody = JSON.stringify({ instance: penguin });
const batchBody = JSON.stringify({ instances: Array.from({ length: 64 }, () => penguin) });

/** Plausible penguin parameters; the bench needs the shape and cost, not accuracy. */
const benchModel: SoftmaxModel = handMadePenguinModel({ version: 'bench' });

async function inProcessLatency(
  predictor: Predictor,
  body: string,
  samples: number,
): Promise<number[]> {
  const app = createApp({ predictor });
  const send = async () => {
    const response = await app.fetch(
      new Request('http://bench/v1/predict', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      }),
    );
    if (response.status !== 200) throw new Error(`bench request failed: ${response.status}`);
    await response.arrayBuffer();
  };
  for (let i = 0; i < 200; i++) await send();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    await send();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function runProcess(command: string, args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', fail);
    child.once('exit', (code) =>
      code === 0 ? done(out) : fail(new Error(`${command} exited with ${code}`)),
    );
  });
}

interface AutocannonSummary {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}

async function loadTest(url: string, body: string, seconds: number): Promise<AutocannonSummary> {
  const out = await runProcess(join(root, 'node_modules', '.bin', 'autocannon'), [
    '--json',
    '--connections',
    '8',
    '--duration',
    String(seconds),
    '--method',
    'POST',
    '--headers',
    'content-type=application/json',
    '--body',
    body,
    url,
  ]);
  return JSON.parse(out) as AutocannonSummary;
}

async function serverFigures(): Promise<Record<string, number | string>> {
  const candidates = ['artifacts/penguins.onnx', 'dist/models/penguins.onnx'].map((p) =>
    join(root, p),
  );
  let modelPath: string | null = null;
  for (const path of candidates) {
    if (
      await access(path).then(
        () => true,
        () => false,
      )
    ) {
      modelPath = path;
      break;
    }
  }
  if (!modelPath) {
    return {
      'api.server':
        'skipped: no artifacts/penguins.onnx or dist/models/penguins.onnx (run npm run build:model)',
    };
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(join(root, 'node_modules', '.bin', 'tsx'), ['scripts/api-server.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), MODEL_PATH: modelPath },
    stdio: 'ignore',
  });
  const exited = new Promise((done) => server.once('exit', done));
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const status = await fetch(`${base}/readyz`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) break;
      if (Date.now() > deadline) throw new Error('the API server did not become ready in 30 s');
      await new Promise((wait) => setTimeout(wait, 100));
    }
    // Short warm-up so JIT and the wasm session are hot before measuring.
    await loadTest(`${base}/v1/predict`, singleBody, 1);
    const single = await loadTest(`${base}/v1/predict`, singleBody, 4);
    const batch = await loadTest(`${base}/v1/predict`, batchBody, 4);
    return {
      'api.server_single_rps': Math.round(single.requests.average),
      'api.server_single_latency_ms_p50': single.latency.p50,
      'api.server_single_latency_ms_p99': single.latency.p99,
      'api.server_single_errors': single.errors + single.non2xx,
      'api.server_batch64_rps': Math.round(batch.requests.average),
      'api.server_batch64_rows_per_s': Math.round(batch.requests.average * 64),
      'api.server_batch64_latency_ms_p50': batch.latency.p50,
      'api.server_batch64_latency_ms_p99': batch.latency.p99,
      'api.server_batch64_errors': batch.errors + batch.non2xx,
      'api.server_connections': 8,
    };
  } finally {
    server.kill('SIGTERM');
    await Promise.race([exited, new Promise((wait) => setTimeout(wait, 5_000))]);
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  }
}

/** Runs the API bench; medians and percentiles in milliseconds. */
export async function run(): Promise<Record<string, number | string>> {
  const fn = createFunctionPredictor((rows) => rows.map(() => [0.8, 0.15, 0.05]), {
    version: 'fn',
    classes,
  });
  const fnSingle = await inProcessLatency(fn, singleBody, 2000);
  const fnBatch = await inProcessLatency(fn, batchBody, 1000);

  const ort = await nodeOrtLoader().load();
  const session = await createSession(ort, encodeSoftmaxModel(benchModel));
  const onnx = createOnnxPredictor(
    ort,
    session,
    { version: 'bench', classes },
    { modelId: 'bench' },
  );
  const ortSingle = await inProcessLatency(onnx, singleBody, 2000);
  const ortBatch = await inProcessLatency(onnx, batchBody, 1000);

  return {
    'api.inprocess_fn_single_ms_p50': round(quantileSorted(fnSingle, 0.5)),
    'api.inprocess_fn_single_ms_p95': round(quantileSorted(fnSingle, 0.95)),
    'api.inprocess_fn_batch64_ms_p50': round(quantileSorted(fnBatch, 0.5)),
    'api.inprocess_fn_batch64_ms_p95': round(quantileSorted(fnBatch, 0.95)),
    'api.inprocess_ort_single_ms_p50': round(quantileSorted(ortSingle, 0.5)),
    'api.inprocess_ort_single_ms_p95': round(quantileSorted(ortSingle, 0.95)),
    'api.inprocess_ort_batch64_ms_p50': round(quantileSorted(ortBatch, 0.5)),
    'api.inprocess_ort_batch64_ms_p95': round(quantileSorted(ortBatch, 0.95)),
    ...(await serverFigures()),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await run());
}
