/**
 * Writes an HTTP exchange out as text, the way it would cross the wire in HTTP/1.1 (RFC 9112
 * §2–3: a start line, header lines, an empty line, the body), so the request playground can show
 * what `app.fetch` received and answered. Bodies are shown as text; JSON bodies are
 * pretty-printed for reading, which changes their bytes but not their meaning.
 */
import { PROBLEM_KINDS } from './problem';

const EXTRA_REASONS: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * The RFC 9110 §15 reason phrase of a status code the API can return; an empty string for others
 * (HTTP/1.1 allows an empty reason phrase, RFC 9112 §4).
 */
export function reasonPhrase(status: number): string {
  for (const kind of Object.values(PROBLEM_KINDS)) if (kind.status === status) return kind.title;
  return EXTRA_REASONS[status] ?? '';
}

/** Whether a Content-Type names JSON: `application/json` or any `+json` suffix type (RFC 6839). */
export function isJsonMediaType(contentType: string | null | undefined): boolean {
  const mediaType = (contentType ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || /^application\/[^/]+\+json$/.test(mediaType);
}

/** A JSON body re-indented with two spaces; any other body (or JSON that does not parse) as is. */
export function prettyBody(contentType: string | null | undefined, body: string): string {
  if (!isJsonMediaType(contentType)) return body;
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** What `formatHttpRequest` prints. */
export interface HttpRequestText {
  method: string;
  /** Absolute URL; the request line carries its path and query, the Host header its authority. */
  url: string;
  /** Header name/value pairs in the order to print, after Host. */
  headers: readonly (readonly [string, string])[];
  /** The body as sent, or null for none. */
  body: string | null;
}

/** A request as HTTP/1.1 text: request line, Host, the headers, Content-Length, body. */
export function formatHttpRequest(request: HttpRequestText): string {
  const url = new URL(request.url);
  const lines = [`${request.method} ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host}`];
  for (const [name, value] of request.headers) lines.push(`${name}: ${value}`);
  if (request.body !== null) {
    lines.push(`Content-Length: ${new TextEncoder().encode(request.body).length}`);
    return `${lines.join('\n')}\n\n${request.body}`;
  }
  return `${lines.join('\n')}\n`;
}

/** What `formatHttpResponse` prints. */
export interface HttpResponseText {
  status: number;
  /** Header name/value pairs, printed in order (Fetch's `Headers` gives them lower-cased and sorted). */
  headers: readonly (readonly [string, string])[];
  body: string;
}

/** A response as HTTP/1.1 text: status line, headers, empty line, body (pretty when JSON). */
export function formatHttpResponse(response: HttpResponseText): string {
  const reason = reasonPhrase(response.status);
  const lines = [`HTTP/1.1 ${response.status}${reason ? ` ${reason}` : ''}`];
  let contentType: string | null = null;
  for (const [name, value] of response.headers) {
    if (name.toLowerCase() === 'content-type') contentType = value;
    lines.push(`${name}: ${value}`);
  }
  return `${lines.join('\n')}\n\n${prettyBody(contentType, response.body)}`;
}
