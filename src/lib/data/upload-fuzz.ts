/**
 * The over-limit property the file inspectors' fuzz modules share (tests and the fuzz bench only):
 * a file over the limit gets `uploadSizeProblem`'s "It was not read." and the inspector's own
 * reader, given the same limit, refuses it as too large.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { FuzzAssert } from '../fuzz';
import { uploadSizeProblem } from './upload';

/** The generated files: named `name`, from `maxBytes + 1` to `maxLength` bytes long. */
export interface OverLimitFiles {
  name: string;
  maxBytes: number;
  maxLength: number;
}

/**
 * `numRuns` files over the limit are refused by the size check and by `read`, which reads them
 * with the limit and returns its error kind (anything but `'too-large'` fails).
 */
export function overLimitUploads(
  assert: FuzzAssert,
  numRuns: number,
  files: OverLimitFiles,
  read: (bytes: Uint8Array, maxBytes: number) => string | undefined,
): void | Promise<void> {
  const { name, maxBytes } = files;
  return assert(
    fc.property(fc.uint8Array({ minLength: maxBytes + 1, maxLength: files.maxLength }), (bytes) => {
      expect(uploadSizeProblem(name, bytes.length, maxBytes)).toMatch(/It was not read\.$/);
      expect(read(bytes, maxBytes)).toBe('too-large');
    }),
    { numRuns },
  );
}
