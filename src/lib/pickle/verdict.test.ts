import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { defaultPenguinArtifact } from '../artifacts/penguins-node';
import { disassemblePickle } from './disassemble';
import { pickleVerdict } from './verdict';

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
});
