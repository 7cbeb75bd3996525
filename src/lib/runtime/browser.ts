/**
 * The page's shared runtime loader. Vite emits the wasm as a hashed asset under the site's
 * `base`, so the same URL works locally, under `/mlops-booklet/` and on any GitHub Pages path.
 * Every widget imports `pageOrtLoader` from here, so a page downloads the wasm at most once.
 */
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import { createOrtLoader, fetchWasmSource, type OrtLoader } from './ort';

/** URL of the runtime's WebAssembly, resolved under the site's base path. */
export const ortWasmUrl: string = wasmUrl;

let shared: OrtLoader | null = null;

/** The one loader every widget on the page shares. */
export function pageOrtLoader(): OrtLoader {
  shared ??= createOrtLoader(fetchWasmSource(ortWasmUrl));
  return shared;
}
