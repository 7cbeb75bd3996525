import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { uploadSizeProblem } from './upload';

describe('uploadSizeProblem', () => {
  it('refuses empty and over-limit files with the name, accepts the rest', () => {
    expect(uploadSizeProblem('a.onnx', 0, 100)).toBe(
      '“a.onnx” is empty (0 bytes): there is nothing to inspect.',
    );
    expect(uploadSizeProblem('big.pkl', 200 * 1024 * 1024, 64 * 1024 * 1024)).toBe(
      '“big.pkl” is 200.0 MB; this inspector reads files up to 64.0 MB. It was not read.',
    );
    expect(uploadSizeProblem('ok.pkl', 100, 100)).toBeNull();
    expect(uploadSizeProblem('x', Number.NaN, 100)).toBe('“x” has no readable size.');
  });
  it('shortens a very long file name', () => {
    const message = uploadSizeProblem('n'.repeat(10_000), 0, 1) ?? '';
    expect(message.length).toBeLessThan(140);
  });
  it('fuzz: 300 names and sizes give a message or null, never a throw', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        fc.oneof(fc.double(), fc.nat(), fc.maxSafeNat()),
        (name, size) => {
          const problem = uploadSizeProblem(name, size, 1024);
          const acceptable = Number.isFinite(size) && size > 0 && size <= 1024;
          expect(problem === null).toBe(acceptable);
        },
      ),
      { numRuns: 300 },
    );
  });
});
