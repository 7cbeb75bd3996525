import { describe, expect, it } from 'vitest';
import {
  formatHttpRequest,
  formatHttpResponse,
  isJsonMediaType,
  prettyBody,
  reasonPhrase,
} from './http-text';

describe('reasonPhrase', () => {
  it.each([
    [200, 'OK'],
    [400, 'Bad Request'],
    [413, 'Content Too Large'],
    [415, 'Unsupported Media Type'],
    [422, 'Unprocessable Content'],
    [503, 'Service Unavailable'],
    [799, ''],
  ])('gives the RFC 9110 phrases of the statuses the API uses: %i %s', (status, phrase) => {
    expect(reasonPhrase(status)).toBe(phrase);
  });
});

describe('isJsonMediaType and prettyBody', () => {
  it('recognizes JSON and +json types with parameters', () => {
    expect(isJsonMediaType('application/json; charset=utf-8')).toBe(true);
    expect(isJsonMediaType('application/problem+json')).toBe(true);
    expect(isJsonMediaType('text/plain; version=0.0.4')).toBe(false);
    expect(isJsonMediaType(null)).toBe(false);
  });

  it('indents JSON bodies and leaves other bodies alone', () => {
    expect(prettyBody('application/json', '{"a":[1,2]}')).toBe(
      '{\n  "a": [\n    1,\n    2\n  ]\n}',
    );
    expect(prettyBody('text/plain', '{"a":1}')).toBe('{"a":1}');
    expect(prettyBody('application/json', '{"a":')).toBe('{"a":');
  });
});

describe('formatHttpRequest', () => {
  it('writes the request line, Host, headers, Content-Length in bytes, and the body', () => {
    const text = formatHttpRequest({
      method: 'POST',
      url: 'http://localhost:8000/v1/predict?x=1',
      headers: [['Content-Type', 'application/json']],
      body: '{"a":"é"}',
    });
    // "é" is two bytes in UTF-8, so 9 characters are 10 bytes.
    expect(text).toBe(
      'POST /v1/predict?x=1 HTTP/1.1\nHost: localhost:8000\nContent-Type: application/json\nContent-Length: 10\n\n{"a":"é"}',
    );
  });

  it('omits Content-Length and body when there is none', () => {
    expect(
      formatHttpRequest({
        method: 'GET',
        url: 'http://localhost:8000/healthz',
        headers: [],
        body: null,
      }),
    ).toBe('GET /healthz HTTP/1.1\nHost: localhost:8000\n');
  });
});

describe('formatHttpResponse', () => {
  it('writes the status line with its reason, the headers, and a pretty JSON body', () => {
    const text = formatHttpResponse({
      status: 422,
      headers: [
        ['content-type', 'application/problem+json'],
        ['x-request-id', 'req-1'],
      ],
      body: '{"status":422}',
    });
    expect(text).toBe(
      'HTTP/1.1 422 Unprocessable Content\ncontent-type: application/problem+json\nx-request-id: req-1\n\n{\n  "status": 422\n}',
    );
  });

  it('leaves the reason empty for an unknown status', () => {
    expect(formatHttpResponse({ status: 299, headers: [], body: '' })).toBe('HTTP/1.1 299\n\n');
  });
});
