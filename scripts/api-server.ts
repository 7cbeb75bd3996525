/**
 * `npm run api`: serves the chapter-3 prediction API on http://$HOST:$PORT (default
 * 127.0.0.1:8000; the Docker image sets HOST=0.0.0.0 so the port can be published),
 * using the very `createApp` the booklet page runs in the browser.
 *
 * The model is `$MODEL_PATH`, else `artifacts/penguins.onnx`, else `dist/models/penguins.onnx`.
 * Without one the server still starts (liveness is about the process, not the model), `/readyz`
 * answers 503 with the reason, and the log says to run `npm run build:model`.
 *
 * The model id (`model_id` in /readyz, `x-model-id` on predictions) is `$MODEL_ID`, which the
 * image build sets to the promoted model's digest, else `sha256:<hex>` of the file loaded. A
 * `MODEL_ID` digest that does not match the file keeps the server unready (src/lib/api/model-id.ts).
 *
 * Inference uses onnxruntime-web's WebAssembly build through `src/lib/runtime` — the same runtime
 * as the page — rather than onnxruntime-node, whose install script downloads native binaries from
 * outside the npm registry (GitHub releases), which locked-down CI and offline installs refuse.
 */
import { serve } from '@hono/node-server';
import { access, readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { createApp } from '../src/lib/api/app';
import { createJsonLineLogger } from '../src/lib/api/logger';
import { ModelIdError, resolveModelId } from '../src/lib/api/model-id';
import { onnxPredictorMetadata } from '../src/lib/api/onnx-metadata';
import {
  createOnnxPredictor,
  createSwappablePredictor,
  createUnavailablePredictor,
} from '../src/lib/api/predictor';
import { createSession } from '../src/lib/runtime';
import { nodeOrtLoader } from '../src/lib/runtime/ort-node';

const HOST = process.env['HOST'] || '127.0.0.1';
// The address clients use: a wildcard bind is reached through localhost.
const PUBLIC_HOST = HOST === '0.0.0.0' || HOST === '::' ? 'localhost' : HOST;
const DEFAULT_MODEL_PATHS = ['artifacts/penguins.onnx', 'dist/models/penguins.onnx'];
const SHUTDOWN_GRACE_MS = 5_000;

const logger = createJsonLineLogger((line) => process.stdout.write(`${line}\n`));

function parsePort(text: string | undefined): number | null {
  if (text === undefined || text === '') return 8000;
  if (!/^\d+$/.test(text)) return null;
  const port = Number(text);
  return port <= 65535 ? port : null;
}

/** The first candidate model file that exists, with every path tried (for the message). */
async function findModel(): Promise<{ path: string | null; tried: string[] }> {
  const configured = process.env['MODEL_PATH'];
  const candidates = configured ? [configured] : DEFAULT_MODEL_PATHS;
  const tried = candidates.map((p) => (isAbsolute(p) ? p : resolve(process.cwd(), p)));
  for (const path of tried) {
    try {
      await access(path);
      return { path, tried };
    } catch {
      // try the next candidate
    }
  }
  return { path: null, tried };
}

const port = parsePort(process.env['PORT']);
if (port === null) {
  logger.log({
    level: 'error',
    msg: `PORT must be an integer from 0 to 65535, got "${process.env['PORT']}".`,
  });
  process.exit(1);
}

const predictor = createSwappablePredictor(createUnavailablePredictor('The model is loading.'));
const app = createApp({
  predictor,
  logger,
  openApi: { serverUrl: `http://${PUBLIC_HOST}:${port}` },
});

const server = serve({ fetch: app.fetch, hostname: HOST, port }, (info) => {
  logger.log({
    level: 'info',
    msg: `API listening on http://${PUBLIC_HOST}:${info.port} (docs: /openapi.json, health: /healthz, /readyz)`,
    url: `http://${PUBLIC_HOST}:${info.port}`,
  });
});
server.on('error', (error: NodeJS.ErrnoException) => {
  const hint =
    error.code === 'EADDRINUSE' ? ` Port ${port} is in use; set PORT to another one.` : '';
  logger.log({ level: 'error', msg: `Could not start the server.${hint}`, error });
  process.exit(1);
});

async function loadModel(): Promise<void> {
  const { path, tried } = await findModel();
  if (!path) {
    const reason = `No model file found (looked for ${tried.join(', ')}). Run \`npm run build:model\` to create artifacts/penguins.onnx, or set MODEL_PATH.`;
    predictor.swap(createUnavailablePredictor(reason));
    logger.log({ level: 'warn', msg: reason });
    return;
  }
  const started = performance.now();
  const bytes = new Uint8Array(await readFile(path));
  const metadata = onnxPredictorMetadata(bytes);
  if (!metadata.ok) {
    const reason = `The model file ${path} cannot be used: ${metadata.message} Rebuild it with \`npm run build:model\`.`;
    predictor.swap(createUnavailablePredictor(reason));
    logger.log({ level: 'error', msg: reason });
    return;
  }
  let modelId: string;
  try {
    modelId = await resolveModelId(bytes, process.env['MODEL_ID']);
  } catch (error) {
    if (!(error instanceof ModelIdError)) throw error;
    const reason = `The model file ${path} is not served: ${error.message}`;
    predictor.swap(createUnavailablePredictor(reason));
    logger.log({ level: 'error', msg: reason });
    return;
  }
  try {
    const ort = await nodeOrtLoader().load();
    const session = await createSession(ort, bytes);
    predictor.swap(createOnnxPredictor(ort, session, metadata.metadata, { modelId }));
    logger.log({
      level: 'info',
      msg: 'model loaded',
      path,
      model_version: metadata.metadata.version,
      model_id: modelId,
      load_ms: Math.round(performance.now() - started),
    });
  } catch (error) {
    const reason = `The model file ${path} could not be loaded by onnxruntime. Rebuild it with \`npm run build:model\`.`;
    predictor.swap(createUnavailablePredictor(reason));
    logger.log({ level: 'error', msg: reason, error });
  }
}

void loadModel();

let shuttingDown = false;
function shutdown(signal: string): void {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.log({ level: 'info', msg: `${signal} received; finishing open requests and stopping.` });
  // Stop accepting connections, let requests in flight finish, and drop idle keep-alive sockets.
  server.close((error) => {
    if (error) logger.log({ level: 'error', msg: 'error while closing the server', error });
    logger.log({ level: 'info', msg: 'server stopped' });
    process.exit(error ? 1 : 0);
  });
  if ('closeIdleConnections' in server) server.closeIdleConnections();
  setTimeout(() => {
    logger.log({
      level: 'error',
      msg: `requests still open after ${SHUTDOWN_GRACE_MS} ms; exiting anyway`,
    });
    process.exit(1);
  }, SHUTDOWN_GRACE_MS).unref();
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('unhandledRejection', (error) => {
  logger.log({ level: 'error', msg: 'unhandled promise rejection', error });
});
