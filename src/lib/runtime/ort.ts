/**
 * The one place that loads onnxruntime-web. Every widget, the API's in-page predictor and the
 * Node tests go through `createOrtLoader`, so there is one copy of the runtime and one download
 * of its WebAssembly per page.
 */
import type * as OrtNamespace from 'onnxruntime-web/wasm';

/** The onnxruntime-web module, as `import('onnxruntime-web/wasm')` resolves it. */
export type Ort = typeof OrtNamespace;
/** An onnxruntime inference session. */
export type OrtSession = OrtNamespace.InferenceSession;

/** Why loading the runtime failed: the widget words its message and retry around this. */
export type OrtErrorKind = 'network' | 'not-wasm' | 'init';

/** A typed failure to load the runtime, safe to show to a reader. */
export class OrtLoadError extends Error {
  /** Which step failed. */
  readonly kind: OrtErrorKind;
  constructor(kind: OrtErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OrtLoadError';
    this.kind = kind;
  }
}

/** Bytes received so far and, when the server says, the total (`null` when unknown). */
export interface LoadProgress {
  loaded: number;
  total: number | null;
}

/** Fetches the runtime's WebAssembly bytes, reporting progress as they arrive. */
export type WasmSource = (onProgress: (progress: LoadProgress) => void) => Promise<Uint8Array>;

/** A WebAssembly module starts with the bytes `\0asm`; anything else (an HTML 404 page) is refused early. */
export function isWasmBinary(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 8 &&
    bytes[0] === 0x00 &&
    bytes[1] === 0x61 &&
    bytes[2] === 0x73 &&
    bytes[3] === 0x6d
  );
}

/**
 * A `WasmSource` that downloads `url` with a streamed body, so progress is real. The total is
 * taken from Content-Length only when the body is not content-encoded, because a compressed
 * length would not match the decoded bytes the stream yields.
 */
export function fetchWasmSource(url: string, fetchImpl: typeof fetch = fetch): WasmSource {
  return async (onProgress) => {
    let response: Response;
    try {
      response = await fetchImpl(url);
    } catch (cause) {
      throw new OrtLoadError(
        'network',
        `Could not download the runtime (${url}): the request failed.`,
        {
          cause,
        },
      );
    }
    if (!response.ok) {
      throw new OrtLoadError(
        'network',
        `Could not download the runtime (${url}): the server answered ${response.status}.`,
      );
    }
    const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
    const length = Number(response.headers.get('content-length'));
    const total = !encoded && Number.isFinite(length) && length > 0 ? length : null;
    const bytes = await readAll(response, total, onProgress);
    if (!isWasmBinary(bytes)) {
      throw new OrtLoadError(
        'not-wasm',
        `The file at ${url} is not WebAssembly (it may be an error page). Check the site's base path.`,
      );
    }
    return bytes;
  };
}

async function readAll(
  response: Response,
  total: number | null,
  onProgress: (progress: LoadProgress) => void,
): Promise<Uint8Array> {
  onProgress({ loaded: 0, total });
  if (!response.body) {
    const whole = new Uint8Array(await response.arrayBuffer());
    onProgress({ loaded: whole.length, total: whole.length });
    return whole;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.length;
      onProgress({ loaded, total });
    }
  } catch (cause) {
    throw new OrtLoadError('network', 'The runtime download was interrupted.', { cause });
  }
  const out = new Uint8Array(loaded);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  onProgress({ loaded, total: loaded });
  return out;
}

/** Loads the runtime once; later calls share the same promise until a failure allows a retry. */
export interface OrtLoader {
  /** Resolves the configured runtime, downloading it on the first call. */
  load(onProgress?: (progress: LoadProgress) => void): Promise<Ort>;
  /** Whether a load has finished successfully. */
  readonly loaded: boolean;
}

/**
 * Creates a loader. `importOrt` is the dynamic import, kept as a parameter so that nothing pulls
 * onnxruntime into a page before a demo asks for it.
 */
export function createOrtLoader(
  source: WasmSource,
  importOrt: () => Promise<Ort> = () => import('onnxruntime-web/wasm'),
): OrtLoader {
  let pending: Promise<Ort> | null = null;
  let done = false;
  const listeners = new Set<(progress: LoadProgress) => void>();
  const broadcast = (progress: LoadProgress) => {
    for (const listener of listeners) listener(progress);
  };
  const start = async (): Promise<Ort> => {
    const [bytes, ort] = await Promise.all([
      source(broadcast),
      importOrt().catch((cause: unknown) => {
        throw new OrtLoadError('network', 'Could not load the runtime script.', { cause });
      }),
    ]);
    try {
      // GitHub Pages cannot send the COOP/COEP headers that SharedArrayBuffer needs, so threads are off.
      ort.env.wasm.numThreads = 1;
      ort.env.wasm.proxy = false;
      ort.env.wasm.wasmBinary = bytes;
      ort.env.logLevel = 'error';
      // Creating a throwaway session forces the wasm to compile now, so init errors surface here.
      await ort.InferenceSession.create(identityCheckModel());
    } catch (cause) {
      throw new OrtLoadError(
        'init',
        'The runtime downloaded but could not start in this browser.',
        {
          cause,
        },
      );
    }
    return ort;
  };
  return {
    get loaded() {
      return done;
    },
    load(onProgress) {
      if (onProgress && !done) listeners.add(onProgress);
      if (!pending) {
        pending = start().then(
          (ort) => {
            done = true;
            listeners.clear();
            return ort;
          },
          (error: unknown) => {
            pending = null; // a failed load can be retried
            listeners.clear();
            throw error instanceof OrtLoadError
              ? error
              : new OrtLoadError('init', 'The runtime could not start.', { cause: error });
          },
        );
      }
      return pending;
    },
  };
}

/** Creates an inference session from ONNX bytes on the CPU (wasm) backend. */
export async function createSession(ort: Ort, model: Uint8Array): Promise<OrtSession> {
  return ort.InferenceSession.create(model, {
    executionProviders: ['wasm'],
    graphOptimizationLevel: 'all',
  });
}

/**
 * A hand-encoded ONNX model with one Identity node (input `x` → output `y`, float, shape [1]),
 * ir_version 7, opset 13. It warms the runtime up and backs the landing page's browser check;
 * see onnx.proto for the field numbers.
 */
export function identityCheckModel(): Uint8Array {
  const bytes: number[] = [];
  const varint = (n: number) => {
    while (n > 0x7f) {
      bytes.push((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    bytes.push(n);
  };
  const field = (num: number, payload: number[]) => {
    varint((num << 3) | 2);
    varint(payload.length);
    bytes.push(...payload);
  };
  const nested = (build: () => void): number[] => {
    const saved = bytes.splice(0, bytes.length);
    build();
    const inner = bytes.splice(0, bytes.length);
    bytes.push(...saved);
    return inner;
  };
  const str = (s: string) => Array.from(new TextEncoder().encode(s));
  const valueInfo = (name: string) =>
    nested(() => {
      field(1, str(name)); // ValueInfoProto.name
      const tensorType = nested(() => {
        bytes.push(0x08, 0x01); // TypeProto.Tensor.elem_type = FLOAT
        const shape = nested(() => field(1, [0x08, 0x01])); // dim { dim_value: 1 }
        field(2, shape); // TypeProto.Tensor.shape
      });
      field(
        2,
        nested(() => field(1, tensorType)),
      ); // ValueInfoProto.type → TypeProto.tensor_type
    });
  const node = nested(() => {
    field(1, str('x')); // NodeProto.input
    field(2, str('y')); // NodeProto.output
    field(4, str('Identity')); // NodeProto.op_type
  });
  const graph = nested(() => {
    field(1, node); // GraphProto.node
    field(2, str('warmup')); // GraphProto.name
    field(11, valueInfo('x')); // GraphProto.input
    field(12, valueInfo('y')); // GraphProto.output
  });
  bytes.push(0x08, 0x07); // ModelProto.ir_version = 7
  field(7, graph); // ModelProto.graph
  field(8, [0x10, 0x0d]); // ModelProto.opset_import { version: 13 }
  return Uint8Array.from(bytes);
}
