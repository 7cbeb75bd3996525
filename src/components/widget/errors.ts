/**
 * Typed errors a widget can show to a reader, and how any failure is worded. Errors are matched
 * with `instanceof`, never by their `name` string, and the original cause is kept on `cause`.
 */
import { OrtLoadError } from '../../lib/runtime/ort';

/** What went wrong with a file the page downloads. */
export type AssetErrorKind = 'network' | 'http' | 'format';

/** A data or model file could not be downloaded or decoded. Safe to show to a reader. */
export class AssetLoadError extends Error {
  /** Which step failed. */
  readonly kind: AssetErrorKind;
  /** The path under the site's base, e.g. `data/penguins.json`. */
  readonly asset: string;
  constructor(kind: AssetErrorKind, asset: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AssetLoadError';
    this.kind = kind;
    this.asset = asset;
  }
}

/** A failure whose message was written for the reader (shown as it is). */
export class ReaderFacingError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReaderFacingError';
  }
}

/** Whether the failure is worth a Retry button (a download or runtime load, not a logic error). */
export function isRetryable(error: unknown): boolean {
  if (error instanceof AssetLoadError) return error.kind !== 'format';
  if (error instanceof OrtLoadError) return error.kind !== 'not-wasm';
  return false;
}

/** One sentence for the reader, from any thrown value. */
export function describeError(error: unknown): string {
  if (
    error instanceof AssetLoadError ||
    error instanceof OrtLoadError ||
    error instanceof ReaderFacingError
  )
    return error.message;
  if (error instanceof DOMException && error.name === 'AbortError') return 'Stopped.';
  const detail = error instanceof Error ? error.message : String(error);
  return `Something went wrong in this demo: ${detail || 'unknown error'}. Try again, or reload the page.`;
}
