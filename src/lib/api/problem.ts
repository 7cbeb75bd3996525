/**
 * RFC 9457 problem details. Every error the API returns is one of these codes, so a client can
 * branch on `code` (or on the status) and show `errors` next to the offending fields.
 */
import type { FieldError, Problem } from './schemas';

/** Media type of a problem document (RFC 9457 §3). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Every kind of error the API reports. */
export type ProblemCode =
  | 'malformed-json'
  | 'unsupported-media-type'
  | 'body-too-large'
  | 'batch-too-large'
  | 'validation-failed'
  | 'model-not-ready'
  | 'not-found'
  | 'method-not-allowed'
  | 'internal-error';

/**
 * Status and title per code. Titles are the RFC 9110 reason phrases, because RFC 9457 §4.2.1
 * asks for exactly that when `type` is `about:blank`. A batch over the limit is 413, like an
 * oversized body: the fix is to send less per request, not to correct a field (RFC 9110 §15.5.14:
 * "content is larger than the server is willing or able to process").
 */
export const PROBLEM_KINDS: Readonly<Record<ProblemCode, { status: number; title: string }>> = {
  'malformed-json': { status: 400, title: 'Bad Request' },
  'unsupported-media-type': { status: 415, title: 'Unsupported Media Type' },
  'body-too-large': { status: 413, title: 'Content Too Large' },
  'batch-too-large': { status: 413, title: 'Content Too Large' },
  'validation-failed': { status: 422, title: 'Unprocessable Content' },
  'model-not-ready': { status: 503, title: 'Service Unavailable' },
  'not-found': { status: 404, title: 'Not Found' },
  'method-not-allowed': { status: 405, title: 'Method Not Allowed' },
  'internal-error': { status: 500, title: 'Internal Server Error' },
};

/** What `createProblem` needs besides the code and detail. */
export interface ProblemContext {
  /** Identifier of the request, echoed so a user can quote it. */
  requestId: string;
  /** Request path, reported as the problem's `instance`. */
  instance?: string;
  /** Field-level errors; empty when none apply. */
  errors?: readonly FieldError[];
}

/**
 * Builds a problem document. `type` is `about:blank` for every code: the machine-readable
 * distinction lives in the `code` extension member, which avoids minting URIs nobody can resolve.
 */
export function createProblem(code: ProblemCode, detail: string, context: ProblemContext): Problem {
  const { status, title } = PROBLEM_KINDS[code];
  const problem: Problem = {
    type: 'about:blank',
    title,
    status,
    detail,
    code,
    request_id: context.requestId,
    errors: context.errors ? [...context.errors] : [],
  };
  if (context.instance !== undefined) problem.instance = context.instance;
  return problem;
}

/** Serializes a problem as an `application/problem+json` response with its status. */
export function problemResponse(problem: Problem, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store', ...headers },
  });
}
