import { describe, expect, it } from 'vitest';
import { createProblem, PROBLEM_CONTENT_TYPE, PROBLEM_KINDS, problemResponse } from './problem';
import { ProblemSchema } from './schemas';

describe('createProblem', () => {
  it('fills the RFC 9457 members and the extensions', () => {
    const problem = createProblem('validation-failed', 'Bad field.', {
      requestId: 'req-1',
      instance: '/v1/predict',
      errors: [{ path: 'instance.body_mass_g', message: 'Required.' }],
    });
    expect(problem).toEqual({
      type: 'about:blank',
      title: 'Unprocessable Content',
      status: 422,
      detail: 'Bad field.',
      instance: '/v1/predict',
      code: 'validation-failed',
      request_id: 'req-1',
      errors: [{ path: 'instance.body_mass_g', message: 'Required.' }],
    });
    expect(ProblemSchema.safeParse(problem).success).toBe(true);
  });

  it('uses the RFC 9110 reason phrase as title for every status', () => {
    // RFC 9110 §15 reason phrases.
    const phrases: Record<number, string> = {
      400: 'Bad Request',
      404: 'Not Found',
      405: 'Method Not Allowed',
      413: 'Content Too Large',
      415: 'Unsupported Media Type',
      422: 'Unprocessable Content',
      500: 'Internal Server Error',
      503: 'Service Unavailable',
    };
    for (const { status, title } of Object.values(PROBLEM_KINDS))
      expect(title).toBe(phrases[status]);
  });
});

describe('problemResponse', () => {
  it('sends problem+json with the problem status and extra headers', async () => {
    const response = problemResponse(
      createProblem('model-not-ready', 'Loading.', { requestId: 'r' }),
      {
        'retry-after': '5',
      },
    );
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toMatchObject({
      status: 503,
      code: 'model-not-ready',
      errors: [],
    });
  });
});
