import { describe, expect, it } from 'vitest';
import { checkContainerPath, checkFileContent, checkLength, TEXT_LIMITS } from './input-limits';

describe('checkContainerPath', () => {
  it('accepts ordinary absolute and relative paths', () => {
    expect(checkContainerPath('/app/logs/predictions.log')).toBeNull();
    expect(checkContainerPath('  logs/out.txt ')).toBeNull();
    expect(checkContainerPath('/données/été.log')).toBeNull();
  });

  const EMPTY = 'Type a path, for example /app/logs/predictions.log.';
  const CONTROL = 'The path cannot contain control characters.';
  it.each([
    ['', EMPTY],
    [' \t ', EMPTY],
    ['/app/a\u0000b', CONTROL],
    ['/app/a\u007fb', CONTROL],
  ])('rejects empty and blank paths with an example, and control characters: %j', (path, why) => {
    expect(checkContainerPath(path)).toBe(why);
  });

  it('rejects a 10,000-character path with its length and the limit (finding 9)', () => {
    expect(checkContainerPath('/' + 'a'.repeat(9_999))).toBe(
      'The path is 10,000 characters long; this demo accepts up to 255. Shorten it to see new results.',
    );
    expect(checkContainerPath('/' + 'a'.repeat(TEXT_LIMITS.path - 1))).toBeNull();
  });

  it('rejects a name longer than 255 bytes even when the path has few characters', () => {
    // 'é' is 2 bytes in UTF-8: 128 of them make a 256-byte name in 129 characters.
    expect(checkContainerPath('/' + 'é'.repeat(128))).toBe(
      'One name in the path is 256 bytes long; Linux allows at most 255 bytes between two slashes.',
    );
  });
});

describe('checkLength and checkFileContent', () => {
  it('passes at the limit and fails one past it', () => {
    expect(checkLength('x'.repeat(5), 5, 'X')).toBeNull();
    expect(checkLength('x'.repeat(6), 5, 'X')).toBe(
      'X is 6 characters long; this demo accepts up to 5. Shorten it to see new results.',
    );
    expect(checkFileContent('x'.repeat(TEXT_LIMITS.content))).toBeNull();
    expect(checkFileContent('x'.repeat(TEXT_LIMITS.content + 1))).toMatch(/^The content is 1,001/);
  });
});
