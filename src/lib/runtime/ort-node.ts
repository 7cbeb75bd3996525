/**
 * The runtime's wasm source for Node (tests, the API server, benchmarks): the same loader as the
 * page, with the bytes read from the installed onnxruntime-web package instead of fetched.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import {
  createOrtLoader,
  isWasmBinary,
  OrtLoadError,
  type OrtLoader,
  type WasmSource,
} from './ort';

/** Path of `ort-wasm-simd-threaded.wasm` inside the installed onnxruntime-web. */
export function nodeWasmPath(): string {
  return createRequire(import.meta.url).resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm');
}

/** A `WasmSource` that reads the wasm from disk. */
export function fileWasmSource(path: string = nodeWasmPath()): WasmSource {
  return async (onProgress) => {
    const bytes = new Uint8Array(await readFile(path));
    if (!isWasmBinary(bytes)) throw new OrtLoadError('not-wasm', `${path} is not WebAssembly.`);
    onProgress({ loaded: bytes.length, total: bytes.length });
    return bytes;
  };
}

let shared: OrtLoader | null = null;

/** The process-wide loader for Node. */
export function nodeOrtLoader(): OrtLoader {
  shared ??= createOrtLoader(fileWasmSource());
  return shared;
}
