import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeLong,
  disassemblePickle,
  type PickleArg,
  type PickleDisassembly,
} from './disassemble';
import { pyFloatRepr } from './python-repr';

const SAMPLES_DIR = fileURLToPath(new URL('../../../public/samples/', import.meta.url));
const SCRIPT = fileURLToPath(new URL('../../../scripts/make-sample-pickles.py', import.meta.url));
const sample = (name: string) => new Uint8Array(readFileSync(join(SAMPLES_DIR, name)));
const hasPython =
  spawnSync('python3', ['-c', 'import pickletools'], { encoding: 'utf8' }).status === 0;

/** Bytes from a string of char codes 0–255 (the way pickle streams are usually written down). */
const b = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** [offset, name, argText] triples, for comparing against sequences written out by hand. */
const listing = (d: PickleDisassembly) =>
  d.ops.map((op) => [op.offset, op.name, op.argText] as const);

// The numbers written by scripts/make-sample-pickles.py, in the order the pickles hold them:
// mean, std, weights row by row, bias.
const SAMPLE_FLOATS = [
  43.92, 17.15, 200.92, 4201.75, 5.46, 1.97, 14.06, 801.95, -2.61, 2.18, 0.43, 1.12, 0.35, -1.47,
  -0.58, -0.73, 1.31, -0.21, -0.96, 1.17, 0.42, -0.88, 0.46,
];
const floatArgs = (d: PickleDisassembly) =>
  d.ops.flatMap((op) => (op.arg?.kind === 'float' ? [op.arg.value] : []));
const textArgs = (d: PickleDisassembly) =>
  d.ops.flatMap((op) => (op.arg?.kind === 'text' ? [op.arg.value] : []));

describe('the os-system sample (protocol 4, __reduce__ returning (os.system, ("echo pwned",)))', () => {
  const bytes = sample('os-system.pkl');
  const d = disassemblePickle(bytes);

  it('decodes to the opcode sequence the pickle format prescribes', () => {
    // Worked out by hand: PROTO 4 (2 bytes), FRAME + 8-byte length (9 bytes), then each
    // SHORT_BINUNICODE is 1 + 1 + len bytes; MEMOIZE, STACK_GLOBAL, TUPLE1, REDUCE, STOP are 1 byte.
    // On Linux os.system is defined in the `posix` module, which is what pickle records.
    expect(listing(d)).toEqual([
      [0, 'PROTO', '4'],
      [2, 'FRAME', '37'],
      [11, 'SHORT_BINUNICODE', "'posix'"],
      [18, 'MEMOIZE', ''],
      [19, 'SHORT_BINUNICODE', "'system'"],
      [27, 'MEMOIZE', ''],
      [28, 'STACK_GLOBAL', ''],
      [29, 'MEMOIZE', ''],
      [30, 'SHORT_BINUNICODE', "'echo pwned'"],
      [42, 'MEMOIZE', ''],
      [43, 'TUPLE1', ''],
      [44, 'MEMOIZE', ''],
      [45, 'REDUCE', ''],
      [46, 'MEMOIZE', ''],
      [47, 'STOP', ''],
    ]);
    expect(bytes.length).toBe(48); // the frame holds everything after its header: 48 - 11 = 37
    expect(d.ops.filter((op) => op.name === 'MEMOIZE').map((op) => op.note)).toEqual([
      'as 0',
      'as 1',
      'as 2',
      'as 3',
      'as 4',
      'as 5',
    ]);
    expect(d.ok).toBe(true);
    expect(d.protocol).toBe(4);
    expect(d.declaredProtocol).toBe(4);
    expect(d.stopOffset).toBe(47);
    expect(d.trailingBytes).toBe(0);
    expect(d.warnings).toEqual([]);
  });

  it('resolves the STACK_GLOBAL and flags the call to os.system', () => {
    expect(d.globals).toEqual([
      {
        offset: 28,
        opcode: 'STACK_GLOBAL',
        module: 'posix',
        name: 'system',
        dangerous: { effect: 'runs a shell command', knownAs: 'os.system' },
      },
    ]);
    expect(d.risk.level).toBe('dangerous');
    expect(d.risk.partial).toBe(false);
    expect(d.risk.headline).toContain("Loading this file would call os.system('echo pwned')");
    expect(d.risk.headline).toContain('posix.system');
    expect(d.risk.calls).toEqual([
      {
        offset: 45,
        opcode: 'REDUCE',
        callable: 'posix.system',
        args: "'echo pwned'",
        dangerous: { effect: 'runs a shell command', knownAs: 'os.system' },
      },
    ]);
    expect(d.findings.map((f) => [f.offset, f.opcode, f.severity])).toEqual([
      [28, 'STACK_GLOBAL', 'dangerous'],
      [45, 'REDUCE', 'dangerous'],
    ]);
    expect(d.findings[1]?.explanation).toMatch(/REDUCE calls the callable/);
  });
});

describe('the class-instance sample (protocol 4 instance of __main__.SoftmaxClassifier)', () => {
  const bytes = sample('class-instance.pkl');
  const d = disassemblePickle(bytes);

  it('starts and ends as object.__reduce_ex__(4) prescribes: class, NEWOBJ, state dict, BUILD', () => {
    expect(listing(d).slice(0, 15)).toEqual([
      [0, 'PROTO', '4'],
      [2, 'FRAME', String(bytes.length - 11)],
      [11, 'SHORT_BINUNICODE', "'__main__'"],
      [21, 'MEMOIZE', ''],
      [22, 'SHORT_BINUNICODE', "'SoftmaxClassifier'"],
      [41, 'MEMOIZE', ''],
      [42, 'STACK_GLOBAL', ''],
      [43, 'MEMOIZE', ''],
      [44, 'EMPTY_TUPLE', ''],
      [45, 'NEWOBJ', ''],
      [46, 'MEMOIZE', ''],
      [47, 'EMPTY_DICT', ''],
      [48, 'MEMOIZE', ''],
      [49, 'MARK', ''],
      [50, 'SHORT_BINUNICODE', "'feature_names'"],
    ]);
    const n = bytes.length;
    expect(listing(d).slice(-7)).toEqual([
      [n - 27, 'SHORT_BINUNICODE', "'version'"],
      [n - 18, 'MEMOIZE', ''],
      [n - 17, 'SHORT_BINUNICODE', "'penguins-v1'"],
      [n - 4, 'MEMOIZE', ''],
      [n - 3, 'SETITEMS', ''],
      [n - 2, 'BUILD', ''],
      [n - 1, 'STOP', ''],
    ]);
    expect(d.ops.at(-3)?.note).toBe('MARK at 49');
    // Attributes in __init__ order; weights and bias floats in order (classes and names are strings).
    expect(
      textArgs(d).filter((t) =>
        ['feature_names', 'classes', 'weights', 'bias', 'version'].includes(t),
      ),
    ).toEqual(['feature_names', 'classes', 'weights', 'bias', 'version']);
    expect(floatArgs(d)).toEqual(SAMPLE_FLOATS.slice(8));
  });

  it('reports the import, the __new__ call and the BUILD as code that runs, but nothing dangerous', () => {
    expect(d.globals.map((g) => [g.module, g.name, g.dangerous])).toEqual([
      ['__main__', 'SoftmaxClassifier', null],
    ]);
    expect(d.findings.map((f) => [f.opcode, f.severity])).toEqual([
      ['STACK_GLOBAL', 'imports'],
      ['NEWOBJ', 'executes-code'],
      ['BUILD', 'executes-code'],
    ]);
    expect(d.findings[2]?.explanation).toMatch(/__setstate__/);
    expect(d.risk.level).toBe('executes-code');
    expect(d.risk.calls.map((c) => c.callable)).toEqual(['__main__.SoftmaxClassifier.__new__']);
    expect(d.risk.headline).toMatch(
      /^Loading this file runs code: it calls __main__\.SoftmaxClassifier\.__new__/,
    );
  });
});

describe('the weights-dict samples (protocols 4, 2 and 0)', () => {
  it('protocol 4: plain data only, every float via BINFLOAT', () => {
    const d = disassemblePickle(sample('weights-dict.pkl'));
    expect(listing(d).slice(0, 9)).toEqual([
      [0, 'PROTO', '4'],
      [2, 'FRAME', String(sample('weights-dict.pkl').length - 11)],
      [11, 'EMPTY_DICT', ''],
      [12, 'MEMOIZE', ''],
      [13, 'MARK', ''],
      [14, 'SHORT_BINUNICODE', "'feature_names'"],
      [29, 'MEMOIZE', ''],
      [30, 'EMPTY_LIST', ''],
      [31, 'MEMOIZE', ''],
    ]);
    expect(d.ops.at(-2)?.name).toBe('SETITEMS');
    expect(d.ops.filter((op) => op.name === 'BINFLOAT')).toHaveLength(SAMPLE_FLOATS.length);
    expect(floatArgs(d)).toEqual(SAMPLE_FLOATS);
    expect(d.globals).toEqual([]);
    expect(d.findings).toEqual([]);
    expect(d.risk.level).toBe('data-only');
    expect(d.risk.headline).toMatch(/only rebuilds plain data/);
  });

  it('protocol 2: PROTO 2, BINUNICODE strings, BINPUT memo, same numbers', () => {
    const d = disassemblePickle(sample('weights-dict-protocol2.pkl'));
    expect(listing(d).slice(0, 6)).toEqual([
      [0, 'PROTO', '2'],
      [2, 'EMPTY_DICT', ''],
      [3, 'BINPUT', '0'],
      [5, 'MARK', ''],
      [6, 'BINUNICODE', "'feature_names'"], // 1 + 4-byte length + 13 bytes
      [24, 'BINPUT', '1'],
    ]);
    expect(d.protocol).toBe(2);
    expect(floatArgs(d)).toEqual(SAMPLE_FLOATS);
    expect(d.risk.level).toBe('data-only');
  });

  it('protocol 0: no PROTO, newline-terminated text opcodes, same numbers', () => {
    const d = disassemblePickle(sample('weights-dict-protocol0.pkl'));
    expect(listing(d).slice(0, 8)).toEqual([
      [0, 'MARK', ''],
      [1, 'DICT', ''],
      [2, 'PUT', '0'], // "p0\n"
      [5, 'UNICODE', "'feature_names'"], // "V" + 13 chars + "\n"
      [20, 'PUT', '1'],
      [23, 'MARK', ''],
      [24, 'LIST', ''],
      [25, 'PUT', '2'],
    ]);
    expect(d.declaredProtocol).toBeNull();
    expect(d.protocol).toBe(0);
    expect(d.highestOpcodeProtocol).toBe(0);
    expect(d.ops.filter((op) => op.name === 'FLOAT')).toHaveLength(SAMPLE_FLOATS.length);
    expect(floatArgs(d)).toEqual(SAMPLE_FLOATS);
    expect(d.risk.level).toBe('data-only');
  });
});

describe('hand-crafted streams', () => {
  it('protocol 0 GLOBAL + STRING + TUPLE + REDUCE: the classic os.system exploit', () => {
    const d = disassemblePickle(b("cos\nsystem\n(S'echo hi'\ntR."));
    expect(listing(d)).toEqual([
      [0, 'GLOBAL', "'os system'"],
      [11, 'MARK', ''],
      [12, 'STRING', "'echo hi'"],
      [23, 'TUPLE', ''],
      [24, 'REDUCE', ''],
      [25, 'STOP', ''],
    ]);
    expect(d.ops[0]?.arg).toEqual({ kind: 'global', module: 'os', name: 'system' });
    expect(d.ops[3]?.note).toBe('MARK at 11');
    expect(d.ops[2]?.depth).toBe(1);
    expect(d.globals[0]).toMatchObject({ opcode: 'GLOBAL', module: 'os', name: 'system' });
    expect(d.risk.headline).toMatch(
      /^Loading this file would call os\.system\('echo hi'\): it runs a shell command\./,
    );
    expect(d.protocol).toBe(0);
  });

  it('protocol 0 INT (incl. the 00/01 booleans) and LONG', () => {
    const d = disassemblePickle(b('(I42\nI01\nI-7\nL12345678901234567890L\nI00\nl.'));
    expect(d.ops.map((op) => op.arg)).toEqual([
      null,
      { kind: 'int', value: 42n },
      { kind: 'bool', value: true },
      { kind: 'int', value: -7n },
      { kind: 'int', value: 12345678901234567890n },
      { kind: 'bool', value: false },
      null,
      null,
    ]);
    expect(d.ops.map((op) => op.argText)).toEqual([
      '',
      '42',
      'True',
      '-7',
      '12345678901234567890',
      'False',
      '',
      '',
    ]);
  });

  it("LONG1/LONG4: little-endian two's complement, including negatives", () => {
    // Worked by hand: ff = -1; 00 ff = -256; 00 80 = -32768; empty = 0; ff 00 = 255; 2^64 needs 9 bytes.
    const d = disassemblePickle(
      b(
        '\x80\x02(\x8a\x01\xff\x8a\x02\x00\xff\x8a\x02\x00\x80\x8a\x00\x8a\x02\xff\x00\x8a\x09\x00\x00\x00\x00\x00\x00\x00\x00\x01\x8b\x02\x00\x00\x00\x00\x80l.',
      ),
    );
    const ints = d.ops.flatMap((op) =>
      op.arg?.kind === 'int' && op.name !== 'PROTO' ? [op.arg.value] : [],
    );
    expect(ints).toEqual([-1n, -256n, -32768n, 0n, 255n, 2n ** 64n, -32768n]);
    expect(decodeLong(Uint8Array.from([0x01, 0x80]))).toBe(-32767n);
  });

  it('BINFLOAT is big-endian; FLOAT is decimal text', () => {
    // -1.25 = 0xBFF4000000000000 and +inf = 0x7FF0000000000000 as IEEE-754 doubles.
    const d = disassemblePickle(
      b(
        '(G\xbf\xf4\x00\x00\x00\x00\x00\x00G\x7f\xf0\x00\x00\x00\x00\x00\x00F-1.25\nF1e-05\nFinf\nt.',
      ),
    );
    expect(floatArgs(d)).toEqual([-1.25, Infinity, -1.25, 1e-5, Infinity]);
    expect(d.ops.slice(1, 6).map((op) => op.argText)).toEqual([
      '-1.25',
      'inf',
      '-1.25',
      '1e-05',
      'inf',
    ]);
  });

  it('strings: escapes in STRING, raw-unicode-escape in UNICODE, counted UTF-8 and bytes', () => {
    const d = disassemblePickle(
      b(
        "(S'a\\'b\\n\\x41\\101'\nVcaf\\u00e9 \\U0001f427\nX\x06\x00\x00\x00caf\xc3\xa9!C\x03\x00\xffaU\x02hit.",
      ),
    );
    expect(d.ops.map((op) => op.arg).slice(1, 6)).toEqual([
      { kind: 'text', value: "a'b\nAA", byteLength: 6, truncated: false },
      { kind: 'text', value: 'café 🐧', byteLength: 20, truncated: false }, // 3 + 6 + 1 + 10 raw bytes
      { kind: 'text', value: 'café!', byteLength: 6, truncated: false },
      {
        kind: 'bytes',
        preview: Uint8Array.from([0x00, 0xff, 0x61]),
        byteLength: 3,
        truncated: false,
      },
      { kind: 'text', value: 'hi', byteLength: 2, truncated: false },
    ]);
    expect(d.ops[4]?.argText).toBe("b'\\x00\\xffa'");
  });

  it('INST, OBJ and NEWOBJ_EX are calls; known-dangerous callables are named', () => {
    const inst = disassemblePickle(b("(S'ls'\nisubprocess\ncheck_output\n."));
    expect(inst.risk.calls).toEqual([
      {
        offset: 7,
        opcode: 'INST',
        callable: 'subprocess.check_output',
        args: "'ls'",
        dangerous: expect.objectContaining({ effect: 'starts another program' }),
      },
    ]);
    expect(inst.globals[0]).toMatchObject({
      opcode: 'INST',
      module: 'subprocess',
      name: 'check_output',
    });

    const obj = disassemblePickle(b("(cbuiltins\neval\nS'1+1'\no."));
    expect(obj.risk.calls[0]).toMatchObject({
      opcode: 'OBJ',
      callable: 'builtins.eval',
      args: "'1+1'",
    });
    expect(obj.risk.headline).toMatch(/would call builtins\.eval\('1\+1'\): it runs Python code/);

    const newobjEx = disassemblePickle(
      b('\x80\x04\x8c\x0bcollections\x8c\x0bOrderedDict\x93)}\x92.'),
    );
    expect(newobjEx.risk.calls[0]).toMatchObject({
      opcode: 'NEWOBJ_EX',
      callable: 'collections.OrderedDict.__new__',
      dangerous: null,
    });
    expect(newobjEx.risk.level).toBe('executes-code');
  });

  it('resolves STACK_GLOBAL operands fetched from the memo', () => {
    const d = disassemblePickle(
      b('\x80\x04\x8c\x02os\x940\x8c\x06system\x940h\x00h\x01\x93\x8c\x02id\x85R.'),
    );
    expect(d.globals.map((g) => [g.module, g.name])).toEqual([['os', 'system']]);
    expect(d.risk.calls[0]).toMatchObject({ callable: 'os.system', args: "'id'" });
    expect(d.warnings).toEqual([]);
  });

  it('flags a STACK_GLOBAL whose operands are only computed while loading as unknowable', () => {
    // builtins.str(1) computes the module name, so which global is imported is not knowable.
    const d = disassemblePickle(
      b('\x80\x04\x8c\x08builtins\x8c\x03str\x93K\x01\x85R\x8c\x01x\x93.'),
    );
    expect(d.globals.at(-1)).toEqual({
      offset: 25,
      opcode: 'STACK_GLOBAL',
      module: null,
      name: null,
      dangerous: null,
    });
    expect(d.risk.level).toBe('dangerous');
    expect(d.risk.headline).toMatch(/could be anything/);
    // Two ints are not a name: CPython refuses them before importing anything.
    const ints = disassemblePickle(b('\x80\x04K\x01K\x02\x93.'));
    expect(ints.risk.level).toBe('not-a-pickle');
    expect(ints.risk.headline).toBe(
      'Not a pickle: Python stops at byte 6 with UnpicklingError: STACK_GLOBAL requires str. It imports and calls nothing before that.',
    );
  });

  it('imports without calls, extension codes and persistent ids', () => {
    const imports = disassemblePickle(b('ccollections\nOrderedDict\n.'));
    expect(imports.risk.level).toBe('imports');
    expect(imports.risk.headline).toBe(
      'Loading this file imports collections.OrderedDict but calls nothing it imports.',
    );
    const ext = disassemblePickle(b('\x80\x02\x82\x07.'));
    expect(ext.findings[0]).toMatchObject({ opcode: 'EXT1', severity: 'imports' });
    const persid = disassemblePickle(b('Pstorage0\nQ.'));
    expect(persid.ops.map((op) => op.name)).toEqual(['PERSID', 'BINPERSID', 'STOP']);
    expect(persid.findings.map((f) => f.severity)).toEqual(['info', 'info']);
    // Plain pickle.loads has no persistent_load, so CPython refuses the first persistent id.
    expect(persid.risk.level).toBe('not-a-pickle');
    expect(persid.load).toMatchObject({
      outcome: 'refuses',
      offset: 0,
      exception: 'UnpicklingError',
    });
  });

  it('covers the remaining opcodes of protocols 1–5 without complaint', () => {
    const d = disassemblePickle(
      b(
        '\x80\x05(N\x88\x89J\xff\xff\xff\xffM\x01\x01\x8e\x01\x00\x00\x00\x00\x00\x00\x00z\x96\x00\x00\x00\x00\x00\x00\x00\x00\x97\x98\x8d\x01\x00\x00\x00\x00\x00\x00\x00a\x8f(K\x01\x90(K\x02\x91\x86\x87]K\x03a2\x85\x8b\x00\x00\x00\x00T\x01\x00\x00\x00x\x8c\x01k\x8c\x01v\x86\x8c\x01k\x8c\x01vs\x83\x01\x00\x84\x01\x00\x00\x00j\x00\x00\x00\x00r\x05\x00\x00\x00g5\n01\x94u1\x8a\x00\x94q\x09.',
      ),
    );
    expect(d.error).toBeNull();
    expect(d.ops.at(-1)?.name).toBe('STOP');
    expect(d.protocol).toBe(5);
    const names = new Set(d.ops.map((op) => op.name));
    for (const name of [
      'NONE',
      'NEWTRUE',
      'NEWFALSE',
      'BININT',
      'BININT2',
      'BINBYTES8',
      'BYTEARRAY8',
      'NEXT_BUFFER',
      'READONLY_BUFFER',
      'BINUNICODE8',
      'EMPTY_SET',
      'ADDITEMS',
      'FROZENSET',
      'TUPLE2',
      'TUPLE3',
      'EMPTY_LIST',
      'APPEND',
      'DUP',
      'LONG4',
      'BINSTRING',
      'SETITEM',
      'EXT2',
      'EXT4',
      'LONG_BINGET',
      'LONG_BINPUT',
      'GET',
      'POP',
      'POP_MARK',
    ]) {
      expect(names).toContain(name);
    }
    expect(d.ops.find((op) => op.name === 'BININT')?.argText).toBe('-1');
    expect(d.ops.find((op) => op.name === 'BININT2')?.argText).toBe('257');
  });
});

describe('damaged and hostile input', () => {
  const error = (bytes: Uint8Array, options = {}) => disassemblePickle(bytes, options).error;

  it('reports empty, oversized, truncated, unknown-opcode and missing-STOP input with offsets', () => {
    expect(error(new Uint8Array(0))?.kind).toBe('empty');
    expect(error(sample('os-system.pkl'), { maxBytes: 10 })).toMatchObject({
      kind: 'too-large',
      offset: 0,
    });
    const frame = disassemblePickle(b('\x80\x04\x95\x01\x02\x03'));
    expect(frame.error).toMatchObject({ kind: 'truncated', offset: 2 });
    expect(frame.ops.map((op) => op.name)).toEqual(['PROTO']);
    const unknown = disassemblePickle(b('\x80\x04\xff.'));
    expect(unknown.error).toMatchObject({ kind: 'unknown-opcode', offset: 2 });
    expect(unknown.error?.message).toMatch(/0xff/);
    expect(unknown.ops).toHaveLength(1);
    const noStop = disassemblePickle(b('\x80\x04N'));
    expect(noStop.error).toMatchObject({ kind: 'missing-stop', offset: 3 });
    expect(noStop.ok).toBe(false);
    expect(error(b('I12'))).toMatchObject({ kind: 'truncated', offset: 0 });
  });

  it('refuses giant declared lengths without allocating them', () => {
    // pickletools refuses a count above sys.maxsize before reading; so does CPython.
    expect(error(b('\x80\x04\x8d\xff\xff\xff\xff\xff\xff\xff\xff'))?.message).toMatch(
      /byte count exceeds sys\.maxsize/,
    );
    expect(error(b('X\xff\xff\xff\xffab'))?.message).toMatch(
      /declares 4294967295 bytes but only 2 remain/,
    );
    expect(error(b('T\xff\xff\xff\xff'))?.kind).toBe('bad-argument');
    expect(error(b('\x8b\xfe\xff\xff\xff'))?.kind).toBe('bad-argument');
  });

  it('reports malformed text arguments', () => {
    expect(error(b('Sabc\n.'))?.kind).toBe('bad-argument');
    expect(error(b("S'abc\n."))?.kind).toBe('bad-argument');
    expect(error(b('Iabc\n.'))?.kind).toBe('bad-argument');
    expect(error(b('Fnot-a-number\n.'))?.kind).toBe('bad-argument');
    expect(error(b('V\\u12\n.'))?.kind).toBe('bad-argument');
  });

  it('keeps the risk analysis of the part before a cut, and marks it partial', () => {
    // Protocol 0 has no frames: a cut after REDUCE (offset 34) still calls os.system first.
    const full = b("cposix\nsystem\n(S'echo pwned'\ntR.");
    for (let cut = 0; cut < full.length; cut++) {
      const d = disassemblePickle(full.subarray(0, cut));
      expect(d.ok).toBe(false);
      expect(d.risk.partial).toBe(true);
      if (cut > 34) {
        expect(d.risk.calls[0]?.callable).toBe('posix.system');
        expect(d.risk.headline).toMatch(/would call os\.system.*damaged/);
      }
      // GLOBAL ends at 14: from there Python imports posix, so the safety report applies.
      expect(d.risk.level).toBe(cut >= 14 ? 'dangerous' : 'not-a-pickle');
    }
  });

  it('gives no safety verdict on a cut framed pickle: CPython checks the whole frame first', () => {
    const full = sample('os-system.pkl');
    expect(full[2]).toBe(0x95); // FRAME
    for (let cut = 11; cut < full.length; cut++) {
      const d = disassemblePickle(full.subarray(0, cut));
      expect(d.load).toEqual({
        outcome: 'refuses',
        offset: 2,
        exception: 'UnpicklingError',
        message: 'pickle data was truncated',
      });
      expect(d.risk.level).toBe('not-a-pickle');
      expect(d.risk.calls).toEqual([]);
    }
  });

  it('caps the number of opcodes and the length of displayed strings', () => {
    const capped = disassemblePickle(sample('weights-dict.pkl'), { maxOps: 10 });
    expect(capped.ops).toHaveLength(10);
    expect(capped.error?.kind).toBe('too-many-ops');
    const long = 'x'.repeat(1000);
    const d = disassemblePickle(b(`X\xe8\x03\x00\x00${long}.`), { maxTextChars: 10 });
    expect(d.ops[0]?.arg).toEqual({
      kind: 'text',
      value: 'x'.repeat(10),
      byteLength: 1000,
      truncated: true,
    });
    expect(d.ops[0]?.argText).toBe(`'${'x'.repeat(10)}'… (1000 bytes)`);
  });

  it('warns about stack underflow, unknown memo slots and bytes after STOP instead of failing', () => {
    const d = disassemblePickle(b('Rh\x07.garbage'));
    expect(d.ok).toBe(true);
    expect(d.trailingBytes).toBe(7);
    expect(d.warnings.map((w) => w.message)).toEqual([
      'REDUCE pops from an empty stack; pickle.load would fail here.',
      'REDUCE pops from an empty stack; pickle.load would fail here.',
      'BINGET reads memo slot 7, which was never stored.',
      '7 bytes follow STOP; pickle.load does not read them.',
    ]);
    expect(d.findings[0]?.title).toBe('Calls an unknown callable(…)');
    // CPython refuses the same stream at its first opcode.
    expect(d.risk.headline).toMatch(
      /^Not a pickle: Python stops at byte 0 with UnpicklingError: unpickling stack underflow\./,
    );
  });
});

/** Normalizes an argument to what the Python side prints (see CROSS_CHECK_SCRIPT). */
function normalized(arg: PickleArg | null): unknown {
  if (!arg) return null;
  switch (arg.kind) {
    case 'int':
      return ['int', arg.value.toString()];
    case 'huge-int':
      return ['huge', arg.byteLength];
    case 'bool':
      return ['bool', arg.value];
    case 'float':
      return ['float', pyFloatRepr(arg.value)];
    case 'text':
      return ['str', arg.value];
    case 'bytes':
      return ['bytes', [...arg.preview].map((x) => x.toString(16).padStart(2, '0')).join('')];
    case 'global':
      return ['str', `${arg.module} ${arg.name}`];
  }
}

// pickletools.genops is CPython's own, independent opcode reader; it never unpickles.
const CROSS_CHECK_SCRIPT = `
import json, pickletools, sys
def norm(a):
    if a is None: return None
    if isinstance(a, bool): return ['bool', a]
    if isinstance(a, int): return ['int', str(a)]
    if isinstance(a, float): return ['float', repr(a)]
    if isinstance(a, str): return ['str', a]
    if isinstance(a, (bytes, bytearray)): return ['bytes', bytes(a).hex()]
    return ['other', repr(a)]
out = []
for path in sys.argv[1:]:
    ops = [[pos, op.name, norm(arg)] for op, arg, pos in pickletools.genops(open(path, 'rb').read())]
    out.append(ops)
print(json.dumps(out))
`;

describe.runIf(hasPython)('cross-check against python3 pickletools.genops', () => {
  it('gives the same offsets, names and arguments for every sample and for hand-crafted streams', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pickle-xcheck-'));
    try {
      const crafted = [
        "cos\nsystem\n(S'echo hi'\ntR.",
        '(I42\nI01\nI-7\nL12345678901234567890L\nI00\nl.',
        '\x80\x02(\x8a\x01\xff\x8a\x02\x00\xff\x8a\x02\x00\x80\x8a\x00\x8b\x02\x00\x00\x00\x00\x80l.',
        '(G\xbf\xf4\x00\x00\x00\x00\x00\x00F-1.25\nF1e-05\nt.',
        "(S'a\\'b\\n\\x41\\101'\nVcaf\\u00e9 \\U0001f427\nX\x06\x00\x00\x00caf\xc3\xa9!C\x03\x00\xffaU\x02hit.",
        '\x80\x05\x96\x02\x00\x00\x00\x00\x00\x00\x00ab\x8e\x01\x00\x00\x00\x00\x00\x00\x00z\x97\x98\x8f\x91\x83\x01\x02\x84\x01\x00\x00\x00.',
      ];
      const paths = readdirSync(SAMPLES_DIR)
        .filter((f) => f.endsWith('.pkl'))
        .map((f) => join(SAMPLES_DIR, f));
      crafted.forEach((text, i) => {
        const path = join(dir, `crafted-${i}.pkl`);
        writeFileSync(path, b(text));
        paths.push(path);
      });
      const out = spawnSync('python3', ['-c', CROSS_CHECK_SCRIPT, ...paths], { encoding: 'utf8' });
      expect(out.stderr).toBe('');
      const python = JSON.parse(out.stdout) as unknown[][];
      paths.forEach((path, i) => {
        const d = disassemblePickle(new Uint8Array(readFileSync(path)), { maxTextChars: 100_000 });
        const ours = d.ops.map((op) => [op.offset, op.name, normalized(op.arg)]);
        expect(ours, path).toEqual(python[i]);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(hasPython)('scripts/make-sample-pickles.py', () => {
  it('is deterministic: a fresh run writes the committed bytes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pickle-samples-'));
    try {
      const run = spawnSync('python3', [SCRIPT, dir], { encoding: 'utf8' });
      expect(run.status).toBe(0);
      const written = readdirSync(dir).sort();
      expect(written).toEqual([
        'class-instance.pkl',
        'os-system.pkl',
        'weights-dict-protocol0.pkl',
        'weights-dict-protocol2.pkl',
        'weights-dict.pkl',
      ]);
      for (const name of written) {
        expect(new Uint8Array(readFileSync(join(dir, name))), name).toEqual(sample(name));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Structural invariants a widget relies on. */
function expectWellFormed(d: PickleDisassembly, length: number): void {
  expect(d.ok).toBe(d.error === null);
  expect(d.byteLength).toBe(length);
  let end = 0;
  for (const op of d.ops) {
    expect(op.offset).toBe(end); // opcodes tile the stream with no gaps
    expect(op.byteLength).toBeGreaterThanOrEqual(1);
    end = op.offset + op.byteLength;
  }
  expect(end).toBeLessThanOrEqual(length);
  if (d.ok) {
    expect(d.ops.at(-1)?.name).toBe('STOP');
    expect(d.stopOffset).toBe(d.ops.at(-1)?.offset);
  }
  expect(['not-a-pickle', 'data-only', 'info', 'imports', 'executes-code', 'dangerous']).toContain(
    d.risk.level,
  );
  expect(d.risk.level === 'not-a-pickle').toBe(d.load.outcome === 'refuses');
  if (d.load.outcome === 'refuses') {
    expect(d.risk.headline).toMatch(/^Not a pickle: Python stops at byte \d+ with \w+/);
  }
  expect(d.load.offset).toBeLessThanOrEqual(length);
  expect(d.risk.headline.length).toBeGreaterThan(0);
}

describe('disassemblePickle never throws (fast-check)', () => {
  it('on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expectWellFormed(disassemblePickle(bytes), bytes.length);
      }),
      { numRuns: 3000, seed: 1 },
    );
  });

  it('on streams of real opcodes with random operand bytes', () => {
    const codes = [
      0x28, 0x2e, 0x4e, 0x52, 0x62, 0x63, 0x69, 0x6f, 0x74, 0x81, 0x85, 0x86, 0x87, 0x8c, 0x92,
      0x93, 0x94, 0x95, 0x71, 0x68, 0x4b, 0x8a, 0x58, 0x5d, 0x65, 0x7d, 0x75, 0x30, 0x31, 0x32,
      0x0a,
    ];
    const piece = fc.oneof(
      fc.constantFrom(...codes).map((c) => [c]),
      fc.uint8Array({ maxLength: 4 }).map((a) => [...a]),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const bytes = Uint8Array.from([0x80, 0x04, ...pieces.flat()]);
        expectWellFormed(disassemblePickle(bytes), bytes.length);
      }),
      { numRuns: 3000, seed: 2 },
    );
  });

  it('on single-byte mutations and truncations of every sample', () => {
    const samples = readdirSync(SAMPLES_DIR)
      .filter((f) => f.endsWith('.pkl'))
      .map(sample);
    fc.assert(
      fc.property(
        fc.nat({ max: samples.length - 1 }),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        fc.nat(),
        (which, index, value, cut) => {
          const original = samples[which]!;
          const bytes = original.slice(0, 1 + (cut % original.length));
          bytes[index % bytes.length] = value;
          expectWellFormed(disassemblePickle(bytes), bytes.length);
        },
      ),
      { numRuns: 1500, seed: 3 },
    );
  });
});
