import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultPenguinArtifact } from '../artifacts/penguins-node';
import { uploadSizeProblem } from '../data/upload';
import { disassemblePickle } from './disassemble';
import { pickleVerdict } from './verdict';

/** Generated uploads per kind; the report quotes these counts. */
export const FUZZ_RUNS = { randomBytes: 400, truncatedSamples: 300, oversized: 200 } as const;

const SAMPLES = [
  'weights-dict.pkl',
  'weights-dict-protocol0.pkl',
  'weights-dict-protocol2.pkl',
  'class-instance.pkl',
  'os-system.pkl',
];
const sample = async (name: string) =>
  new Uint8Array(await readFile(new URL(`../../../public/samples/${name}`, import.meta.url)));

describe('pickleVerdict (issue 15 #3)', () => {
  it('an empty file, a text file and the ONNX model are not pickles and get no safety words', async () => {
    const { onnx } = await defaultPenguinArtifact();
    const inputs: [Uint8Array, RegExp][] = [
      [new Uint8Array(0), /^Not a pickle: Python stops at byte 0 with EOFError/],
      [
        new TextEncoder().encode('hello world\n'),
        /^Not a pickle: Python stops at byte 0 with UnpicklingError: Memo value not found at index 101\./,
      ],
      [onnx, /^Not a pickle: Python stops at byte \d+ with /],
    ];
    for (const [bytes, headline] of inputs) {
      const verdict = pickleVerdict(disassemblePickle(bytes));
      expect(verdict.kind).toBe('not-a-pickle');
      expect(verdict.headline).toMatch(headline);
      expect(verdict.headline).not.toMatch(/Data only|Runs code/);
    }
  });
  it('the samples keep their levels; a pickle cut after its call still runs code, with a damage line', async () => {
    expect(pickleVerdict(disassemblePickle(await sample('weights-dict.pkl')))).toMatchObject({
      kind: 'pickle',
      words: 'Data only',
      damage: null,
    });
    const os = await sample('os-system.pkl');
    expect(pickleVerdict(disassemblePickle(os))).toMatchObject({ level: 'dangerous' });
    // The framed sample cut short: CPython reads the whole FRAME first and stops there.
    expect(pickleVerdict(disassemblePickle(os.subarray(0, os.length - 1))).kind).toBe(
      'not-a-pickle',
    );
    // Protocol 0 has no frames: REDUCE calls os.system, then pickle.loads hits the end.
    const text = new TextEncoder().encode("cposix\nsystem\n(S'echo hi'\ntR");
    const cut = pickleVerdict(disassemblePickle(text));
    expect(cut).toMatchObject({ kind: 'pickle', level: 'dangerous' });
    if (cut.kind === 'pickle') expect(cut.damage).toMatch(/^Stopped at byte 28: /);
  });

  it(`fuzz: ${FUZZ_RUNS.randomBytes} random byte strings: a safety verdict only when Python would run them`, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
        const d = disassemblePickle(bytes);
        const verdict = pickleVerdict(d);
        expect(verdict.kind === 'not-a-pickle').toBe(d.load.outcome === 'refuses');
        expect(verdict.headline.length).toBeGreaterThan(0);
      }),
      { numRuns: FUZZ_RUNS.randomBytes },
    );
  });
  it(`fuzz: ${FUZZ_RUNS.truncatedSamples} truncations of the samples never throw`, async () => {
    const files = await Promise.all(SAMPLES.map(sample));
    fc.assert(
      fc.property(fc.nat(files.length - 1), fc.double({ min: 0, max: 1, noNaN: true }), (i, f) => {
        const file = files[i] ?? new Uint8Array(0);
        const bytes = file.subarray(0, Math.floor(f * file.length));
        const verdict = pickleVerdict(disassemblePickle(bytes));
        if (bytes.length < file.length && verdict.kind === 'pickle') {
          expect(verdict.damage).not.toBeNull();
        }
      }),
      { numRuns: FUZZ_RUNS.truncatedSamples },
    );
  });
  it(`fuzz: ${FUZZ_RUNS.oversized} files over the limit are refused before reading`, () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 33, maxLength: 400 }), (bytes) => {
        expect(uploadSizeProblem('big.pkl', bytes.length, 32)).toMatch(/It was not read\.$/);
        const d = disassemblePickle(bytes, { maxBytes: 32 });
        expect(d.ok).toBe(false);
        expect(d.error?.kind).toBe('too-large');
        expect(d.ops).toEqual([]);
      }),
      { numRuns: FUZZ_RUNS.oversized },
    );
  });
});
