/**
 * simulatePythonLoad against what CPython 3.11.7's `pickle.loads` raised for the same bytes (each
 * expectation was produced by running the C unpickler, with imports disabled, on these inputs;
 * reference/test_pickle.py repeats the comparison on about 2,000 generated files in CI).
 */
import { describe, expect, it } from 'vitest';
import { handMadePenguinModel } from '../model/fixtures';
import { encodeSoftmaxModel } from '../onnx/encode';
import { simulatePythonLoad } from './python-load';

const b = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const refuses = (offset: number, exception: string, message: string) => ({
  outcome: 'refuses',
  offset,
  exception,
  message,
});

describe('simulatePythonLoad: files that are not pickles', () => {
  it('refuses an empty file, a text file and an ONNX model at byte 0, as pickle.loads does', () => {
    expect(simulatePythonLoad(new Uint8Array(0))).toEqual(
      refuses(0, 'EOFError', 'Ran out of input'),
    );
    // 'h' is BINGET: it reads 'e' (101) as a memo index.
    expect(simulatePythonLoad(b('hello world\n'))).toEqual(
      refuses(0, 'UnpicklingError', 'Memo value not found at index 101'),
    );
    // 's' is SETITEM, which needs three items on the stack.
    expect(simulatePythonLoad(b('species,island\nAdelie,Torgersen\n'))).toEqual(
      refuses(0, 'UnpicklingError', 'unpickling stack underflow'),
    );
    expect(simulatePythonLoad(b('{"a": 1}'))).toEqual(
      refuses(0, 'UnpicklingError', "invalid load key, '{'."),
    );
    // An ONNX ModelProto starts with field 1 (ir_version) as a varint: the byte 0x08.
    const onnx = encodeSoftmaxModel(handMadePenguinModel({ version: 'test' }));
    expect(simulatePythonLoad(onnx)).toEqual(
      refuses(0, 'UnpicklingError', "invalid load key, '\\x08'."),
    );
  });

  // [pickle bytes, the offset CPython stops at, its exception, its message]
  it.each([
    ['K\x01', 2, 'EOFError', 'Ran out of input'],
    ['K\x01K\x02a.', 4, 'AttributeError', "'int' object has no attribute 'append'"],
    ['K\x01)R.', 3, 'TypeError', "'int' object is not callable"],
    ['X\x05\x00\x00\x00ab', 0, 'UnpicklingError', 'pickle data was truncated'],
    ['\x80\x09K\x01.', 0, 'ValueError', 'unsupported pickle protocol: 9'],
    ['(2.', 1, 'UnpicklingError', 'unexpected MARK found'],
    [']K\x01K\x02s.', 5, 'IndexError', 'list assignment index out of range'],
    ['Lxyz\n.', 0, 'ValueError', "invalid literal for int() with base 10: 'xyz\\n'"],
    ['F 2.5 \n.', 0, 'ValueError', "could not convert string to float: ' 2.5 \n'"],
    [
      "S'\xe9'\n.",
      0,
      'UnicodeDecodeError',
      "'ascii' codec can't decode byte 0xe9 in position 0: ordinal not in range(128)",
    ],
  ] as const)(
    'stops at the byte of the failing opcode, or at the end when the input runs out: %j',
    (text, offset, exception, message) => {
      expect(simulatePythonLoad(b(text))).toEqual(refuses(offset, exception, message));
    },
  );

  it('a bytes object too large to allocate ends in MemoryError before the data is read', () => {
    // pickle.loads(b'\x8e' + (2_400_000_000_000_000_000).to_bytes(8, 'little') + b'abc') raises
    // MemoryError: load_counted_binbytes allocates first. A small declared size reads and is cut.
    const huge = new Uint8Array([0x8e, 0, 0, 0xf0, 0xc4, 0x48, 0x83, 0x4e, 0x21, 0x61, 0x62, 0x63]);
    expect(simulatePythonLoad(huge)).toEqual(refuses(0, 'MemoryError', ''));
    const small = new Uint8Array([0x8e, 10, 0, 0, 0, 0, 0, 0, 0, 0x61, 0x62, 0x63]);
    expect(simulatePythonLoad(small)).toEqual(
      refuses(0, 'UnpicklingError', 'pickle data was truncated'),
    );
  });

  it('a complete frame is checked before anything in it runs', () => {
    // FRAME announces 16 bytes but 3 follow: CPython stops at the FRAME (byte 2).
    expect(simulatePythonLoad(b('\x80\x04\x95\x10\x00\x00\x00\x00\x00\x00\x00K\x01.'))).toEqual(
      refuses(2, 'UnpicklingError', 'pickle data was truncated'),
    );
  });
});

describe('simulatePythonLoad: pickles', () => {
  it('loads plain data, with C-only literal forms such as INT 0x10 and 010', () => {
    expect(simulatePythonLoad(b('I0x10\nI010\nI 12 \n\x87.'))).toEqual({
      outcome: 'loads',
      offset: 18,
    });
    expect(simulatePythonLoad(b('}K\x01]s.'))).toEqual({ outcome: 'loads', offset: 5 });
  });

  it('reports the first import: from there the file can run code', () => {
    expect(simulatePythonLoad(b("(S'echo pwned'\nios\nsystem\n."))).toEqual({
      outcome: 'runs-code',
      offset: 15,
      opcode: 'INST',
    });
    expect(
      simulatePythonLoad(b('\x80\x04\x8c\x05posix\x8c\x06system\x93\x8c\x02id\x85R.')),
    ).toEqual({ outcome: 'runs-code', offset: 17, opcode: 'STACK_GLOBAL' });
  });
});
