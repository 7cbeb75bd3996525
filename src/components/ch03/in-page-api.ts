/**
 * The chapter-3 API running in the page: the same `createApp` as `npm run api`, with a predictor
 * backed by the shared onnxruntime-web loader and the booklet's `penguins.onnx`. Both chapter-3
 * widgets reach it through one dynamic `import()`, so Hono, zod and the ONNX metadata reader are
 * fetched on first use, and the model is downloaded and loaded at most once per page.
 */
import { createApp } from '../../lib/api/app';
import { createMemoryLogger } from '../../lib/api/logger';
import { modelDigest } from '../../lib/api/model-id';
import { onnxPredictorMetadata } from '../../lib/api/onnx-metadata';
import {
  createOnnxPredictor,
  createSwappablePredictor,
  createUnavailablePredictor,
  type Predictor,
  type SwappablePredictor,
} from '../../lib/api/predictor';
import { pageOrtLoader } from '../../lib/runtime/browser';
import { createSession, OrtLoadError, type LoadProgress } from '../../lib/runtime/ort';
import { loadModelBytes } from '../widget/assets';
import { runtimeProgressLabel } from '../widget/chrome';
import { AssetLoadError, ReaderFacingError } from '../widget/errors';
import { nextTask } from '../widget/tasks';

export { VALID_SINGLE_BODY, PLAYGROUND_PRESETS } from '../../lib/api/playground-presets';
export { formatHttpRequest, formatHttpResponse } from '../../lib/api/http-text';
export { scanJson, locateJsonPath, lineAndColumn, segmentText } from '../../lib/api/json-locate';

/** Base URL the in-page requests are addressed to: where `npm run api` listens by default. */
export const IN_PAGE_ORIGIN = 'http://localhost:8000';

/** The running API and what the widgets need to steer it. */
export interface InPageApi {
  app: ReturnType<typeof createApp>;
  /** What `/v1/predict` calls; swap it to make the replica "not ready". */
  predictor: SwappablePredictor;
  /** The loaded ONNX model, to swap back in. */
  model: Predictor;
  /** Model version from the ONNX metadata. */
  version: string;
  /** Milliseconds spent downloading and starting the runtime and the model on first use. */
  loadMs: number;
}

/** A failure worded for the reader (shown as it is by `describeError`). */
export class InPageApiError extends ReaderFacingError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InPageApiError';
  }
}

let pending: Promise<InPageApi> | null = null;
const listeners = new Set<(label: string, progress: LoadProgress | { fraction: number }) => void>();

async function start(): Promise<InPageApi> {
  const started = performance.now();
  const report = (label: string, progress: LoadProgress | { fraction: number }) => {
    for (const listener of listeners) listener(label, progress);
  };
  report('Downloading the runtime and the model…', { fraction: 0 });
  // The model is small and the runtime large: fetch both at once rather than one after the other.
  const [bytes, ort] = await Promise.all([
    // The shared, base-aware loader: a failed download is an AssetLoadError with a Retry.
    loadModelBytes(),
    pageOrtLoader().load((p) => report(runtimeProgressLabel(p), p)),
  ]);
  const metadata = onnxPredictorMetadata(bytes);
  if (!metadata.ok) throw new InPageApiError(`The model file cannot be used: ${metadata.message}`);
  report('Starting the model…', { fraction: 1 });
  let model: Predictor;
  try {
    const session = await createSession(ort, bytes);
    // The page serves the model file it downloaded, so its id is that file's digest (WebCrypto
    // exists only in secure contexts; a page served over plain http says it cannot tell).
    const modelId = await modelDigest(bytes).catch(() => 'unknown');
    model = createOnnxPredictor(ort, session, metadata.metadata, { modelId });
  } catch (error) {
    throw new InPageApiError('onnxruntime could not load the model in this browser.', {
      cause: error,
    });
  }
  const predictor = createSwappablePredictor(model);
  let requestCount = 0;
  const app = createApp({
    predictor,
    logger: createMemoryLogger(),
    // Counted ids instead of random UUIDs: the same clicks give the same exchange.
    requestId: () => `req-${String(++requestCount).padStart(6, '0')}`,
    openApi: { serverUrl: IN_PAGE_ORIGIN },
  });
  return {
    app,
    predictor,
    model,
    version: metadata.metadata.version,
    loadMs: performance.now() - started,
  };
}

/**
 * The page's API, created on the first call; later calls share it. Progress goes to every
 * caller's `onProgress` while loading. A failed load rejects with `InPageApiError` or
 * `OrtLoadError` and is retried on the next call.
 */
export function loadInPageApi(
  onProgress: (label: string, progress: LoadProgress | { fraction: number }) => void,
): Promise<InPageApi> {
  listeners.add(onProgress);
  if (!pending) {
    pending = start().then(
      (api) => {
        listeners.clear();
        return api;
      },
      (error: unknown) => {
        pending = null;
        listeners.clear();
        throw error instanceof InPageApiError ||
          error instanceof OrtLoadError ||
          error instanceof AssetLoadError
          ? error
          : new InPageApiError('The in-page API could not start.', { cause: error });
      },
    );
  }
  return pending;
}

/** Makes the replica unready (as while its model loads) or ready again. */
export function setModelLoaded(api: InPageApi, loaded: boolean): void {
  api.predictor.swap(
    loaded
      ? api.model
      : createUnavailablePredictor('The model is loading (simulated in the playground).', {
          version: api.version,
          classes: api.model.classes,
        }),
  );
}

/** Per-request wall times (ms) and the wall time of the whole batch (ms). */
export interface MeasuredBatch {
  latencies: number[];
  totalMs: number;
}

/**
 * Sends `count` valid single-penguin requests through `app.fetch`, one after another, and
 * returns each one's wall time in milliseconds, and the batch's total (which, divided by the
 * count, is finer than the browser's coarsened clock; issue 15 #6): routing, body parsing, zod validation, the
 * onnxruntime-web inference and JSON serialization, with no network. Yields to the browser
 * every ~8 ms so the page stays responsive; stops early (returning what it has) if `cancelled`.
 */
export async function measureInPageLatencies(
  api: InPageApi,
  body: string,
  count: number,
  onProgress: (done: number) => void,
  cancelled: () => boolean = () => false,
): Promise<MeasuredBatch> {
  const latencies: number[] = [];
  let sliceStart = performance.now();
  let totalMs = 0;
  for (let i = 0; i < count && !cancelled(); i++) {
    const t0 = performance.now();
    const response = await api.app.fetch(
      new Request(`${IN_PAGE_ORIGIN}/v1/predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      }),
    );
    await response.arrayBuffer();
    const elapsed = performance.now() - t0;
    if (response.status !== 200)
      throw new InPageApiError(`A timing request failed with status ${response.status}.`);
    latencies.push(elapsed);
    const now = performance.now();
    if (now - sliceStart > 8) {
      // The batch total adds up whole slices, not single requests: one clock error per slice.
      totalMs += now - sliceStart;
      onProgress(i + 1);
      await nextTask();
      sliceStart = performance.now();
    }
  }
  totalMs += performance.now() - sliceStart;
  onProgress(latencies.length);
  return { latencies, totalMs };
}
