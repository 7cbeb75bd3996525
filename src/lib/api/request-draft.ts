/**
 * The request playground's form, checked before anything is sent: the Content-Type must be a
 * header value `Headers` accepts, the path one the API could route, and the body no larger than
 * the API's own limit (the API answers 413 above `MAX_BODY_BYTES`, so the field says so first).
 */
import { MAX_BODY_BYTES } from './schemas';

/** Longest Content-Type header the playground accepts (the field's `maxlength`). */
export const MAX_CONTENT_TYPE_CHARS = 200;
/** Longest path the playground accepts. */
export const MAX_PATH_CHARS = 200;
/** The body field's `maxlength` in characters: one UTF-16 unit is at least one UTF-8 byte. */
export const MAX_BODY_CHARS = MAX_BODY_BYTES;
/** The methods the playground can send. */
export const DRAFT_METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const;

/** What the reader typed. */
export interface RequestDraft {
  method: string;
  path: string;
  contentType: string;
  body: string;
}

/** A request ready for `app.fetch`, or one message per field that needs fixing. */
export type CheckedDraft =
  | { ok: true; request: Request; hasBody: boolean; bodyBytes: number }
  | { ok: false; errors: Partial<Record<keyof RequestDraft, string>> };

/**
 * A header value as RFC 9110 §5.5 allows it, restricted to printable ASCII: visible characters,
 * spaces and tabs, no line breaks (which `Headers` rejects) and nothing outside ASCII.
 */
const HEADER_VALUE = /^[\t\x20-\x7e]*$/;

/** The field's message for a Content-Type, or null when it can be sent. */
export function checkContentType(text: string): string | null {
  if (text.length > MAX_CONTENT_TYPE_CHARS)
    return `Too long: a Content-Type has at most ${MAX_CONTENT_TYPE_CHARS} characters here.`;
  if (!HEADER_VALUE.test(text)) return 'A header value must be plain ASCII text on one line.';
  return null;
}

/** The field's message for a path, or null when it can be sent. */
export function checkPath(text: string): string | null {
  if (text.length > MAX_PATH_CHARS) return `Too long: at most ${MAX_PATH_CHARS} characters.`;
  if (!/^\/[\x21-\x7e]*$/.test(text))
    return 'A path starts with "/" and has no spaces or characters outside ASCII.';
  return null;
}

/** UTF-8 length of a string in bytes, counted without allocating (RFC 3629). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * The field's note for a body over the API's limit, or null. The request is still sent, so the
 * reader sees the API's own 413; the note says why before the answer arrives.
 */
export function checkBodySize(text: string): string | null {
  const bytes = utf8Length(text);
  if (bytes <= MAX_BODY_BYTES) return null;
  return `The body is ${bytes.toLocaleString('en')} bytes; the API accepts at most ${MAX_BODY_BYTES.toLocaleString('en')} (64 KiB) and answers 413 Content Too Large.`;
}

/** Checks the draft and builds the Request `app.fetch` receives (GET is sent without a body). */
export function buildDraftRequest(draft: RequestDraft, origin: string): CheckedDraft {
  const errors: Partial<Record<keyof RequestDraft, string>> = {};
  if (!(DRAFT_METHODS as readonly string[]).includes(draft.method))
    errors.method = `Choose one of ${DRAFT_METHODS.join(', ')}.`;
  const path = checkPath(draft.path);
  if (path) errors.path = path;
  const contentType = checkContentType(draft.contentType);
  if (contentType) errors.contentType = contentType;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const hasBody = draft.method !== 'GET';
  const headers = new Headers();
  if (draft.contentType.trim() !== '') headers.set('content-type', draft.contentType.trim());
  const request = new Request(`${origin}${draft.path}`, {
    method: draft.method,
    headers,
    ...(hasBody ? { body: draft.body } : {}),
  });
  return { ok: true, request, hasBody, bodyBytes: hasBody ? utf8Length(draft.body) : 0 };
}
