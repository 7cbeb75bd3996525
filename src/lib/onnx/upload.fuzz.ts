/**
 * Fuzz of the ONNX inspector's upload path (issue 15): random bytes, truncated and mutated copies
 * of the published model, and over-limit files through `uploadSizeProblem` and `decodeOnnx`, the
 * functions the page calls. Every input gives a summary or a worded error; nothing throws.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { defaultPenguinArtifact } from '../artifacts/penguins-node';
import { overLimitUploads } from '../data/upload-fuzz';
import { decodeOnnx } from './decode';
import { fuzzSuite } from '../fuzz';

/** Generated uploads per kind; the report quotes these counts. */
export const FUZZ_RUNS = {
  randomBytes: 300,
  truncated: 250,
  mutated: 250,
  oversized: 200,
} as const;

function expectWorded(bytes: Uint8Array): void {
  const result = decodeOnnx(bytes);
  if (!result.ok) expect(result.error.message.length).toBeGreaterThan(0);
  else expect(result.summary.byteLength).toBe(bytes.length);
}

const { describe, it, tests } = fuzzSuite();

describe('ONNX upload fuzz', () => {
  it(`${FUZZ_RUNS.randomBytes} random byte strings`, (assert) => {
    assert(fc.property(fc.uint8Array({ maxLength: 4096 }), expectWorded), {
      numRuns: FUZZ_RUNS.randomBytes,
    });
  });
  it(`${FUZZ_RUNS.truncated} truncations of the published model are refused, never summarized wrongly`, async (assert) => {
    const { onnx } = await defaultPenguinArtifact();
    assert(
      fc.property(fc.integer({ min: 0, max: onnx.length - 1 }), (cut) => {
        const bytes = onnx.subarray(0, cut);
        expectWorded(bytes);
        if (cut === 0) expect(decodeOnnx(bytes).ok).toBe(false);
      }),
      { numRuns: FUZZ_RUNS.truncated },
    );
  });
  it(`${FUZZ_RUNS.mutated} copies of the model with random bytes overwritten`, async (assert) => {
    const { onnx } = await defaultPenguinArtifact();
    assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(onnx.length - 1), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 20,
        }),
        (edits) => {
          const bytes = onnx.slice();
          for (const [at, value] of edits) bytes[at] = value;
          expectWorded(bytes);
        },
      ),
      { numRuns: FUZZ_RUNS.mutated },
    );
  });
  it(`${FUZZ_RUNS.oversized} files over the limit are refused before parsing`, (assert) =>
    overLimitUploads(
      assert,
      FUZZ_RUNS.oversized,
      { name: 'x.onnx', maxBytes: 64, maxLength: 512 },
      (bytes, maxBytes) => {
        const result = decodeOnnx(bytes, { maxBytes });
        return result.ok ? 'read' : result.error.kind;
      },
    ));
});

/** The properties above, for the unit test beside this file and the fuzz bench. */
export const FUZZ_TESTS = tests;
