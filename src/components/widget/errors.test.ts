import { describe, expect, it } from 'vitest';
import { OrtLoadError } from '../../lib/runtime/ort';
import { AssetLoadError, describeError, isRetryable, ReaderFacingError } from './errors';

describe('describeError', () => {
  it('shows typed errors as they are and keeps their cause', () => {
    const cause = new TypeError('Failed to fetch');
    const error = new AssetLoadError(
      'network',
      'data/penguins.json',
      'Could not download data/penguins.json.',
      {
        cause,
      },
    );
    expect(describeError(error)).toBe('Could not download data/penguins.json.');
    expect(error.cause).toBe(cause);
    expect(describeError(new ReaderFacingError('Type a number.'))).toBe('Type a number.');
    expect(describeError(new OrtLoadError('network', 'The runtime did not download.'))).toBe(
      'The runtime did not download.',
    );
  });

  it('words unexpected failures with their message', () => {
    expect(describeError(new RangeError('bad index'))).toBe(
      'Something went wrong in this demo: bad index. Try again, or reload the page.',
    );
    expect(describeError('plain')).toContain('plain');
  });

  it('offers a retry for downloads and runtime loads only', () => {
    expect(isRetryable(new AssetLoadError('http', 'x', 'm'))).toBe(true);
    expect(isRetryable(new AssetLoadError('format', 'x', 'm'))).toBe(false);
    expect(isRetryable(new OrtLoadError('network', 'm'))).toBe(true);
    expect(isRetryable(new OrtLoadError('not-wasm', 'm'))).toBe(false);
    expect(isRetryable(new Error('logic'))).toBe(false);
  });

  it('is matched by class, not by a name string', () => {
    const impostor = new Error('x');
    impostor.name = 'AssetLoadError';
    expect(impostor instanceof AssetLoadError).toBe(false);
    expect(isRetryable(impostor)).toBe(false);
  });
});
