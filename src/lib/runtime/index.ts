/** Public surface of the runtime loader (browser-safe; Node callers also import `./ort-node`). */
export {
  createOrtLoader,
  createSession,
  identityCheckModel,
  fetchWasmSource,
  isWasmBinary,
  OrtLoadError,
  type LoadProgress,
  type Ort,
  type OrtErrorKind,
  type OrtLoader,
  type OrtSession,
  type WasmSource,
} from './ort';
