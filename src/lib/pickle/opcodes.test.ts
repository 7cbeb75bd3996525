import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HIGHEST_PICKLE_PROTOCOL, PICKLE_OPCODE_BY_CODE, PICKLE_OPCODES } from './opcodes';

const hasPython =
  spawnSync('python3', ['-c', 'import pickletools'], { encoding: 'utf8' }).status === 0;

describe('PICKLE_OPCODES', () => {
  it('has the 68 opcodes of protocols 0–5 with unique bytes and names', () => {
    expect(PICKLE_OPCODES).toHaveLength(68);
    expect(new Set(PICKLE_OPCODES.map((o) => o.code)).size).toBe(68);
    expect(new Set(PICKLE_OPCODES.map((o) => o.name)).size).toBe(68);
    expect(PICKLE_OPCODE_BY_CODE.size).toBe(68);
    expect(Math.max(...PICKLE_OPCODES.map((o) => o.protocol))).toBe(HIGHEST_PICKLE_PROTOCOL);
  });

  it('uses the documented opcode bytes and argument formats', () => {
    // From the pickle format: protocol 0/1 opcodes are printable ASCII, protocol 2+ are 0x80 and up.
    const spot: [string, number, string, number][] = [
      ['MARK', 0x28, 'none', 0],
      ['STOP', 0x2e, 'none', 0],
      ['INT', 0x49, 'decimalnl_short', 0],
      ['GLOBAL', 0x63, 'stringnl_noescape_pair', 0],
      ['REDUCE', 0x52, 'none', 0],
      ['BUILD', 0x62, 'none', 0],
      ['BININT', 0x4a, 'int4', 1],
      ['BINFLOAT', 0x47, 'float8', 1],
      ['PROTO', 0x80, 'uint1', 2],
      ['LONG1', 0x8a, 'long1', 2],
      ['SHORT_BINUNICODE', 0x8c, 'unicodestring1', 4],
      ['STACK_GLOBAL', 0x93, 'none', 4],
      ['MEMOIZE', 0x94, 'none', 4],
      ['FRAME', 0x95, 'uint8', 4],
      ['READONLY_BUFFER', 0x98, 'none', 5],
    ];
    for (const [name, code, arg, protocol] of spot) {
      expect(PICKLE_OPCODE_BY_CODE.get(code)).toMatchObject({ name, arg, protocol });
    }
  });

  it.runIf(hasPython)(
    'agrees with python3 pickletools.opcodes on names, bytes, protocols and argument formats',
    () => {
      const script = [
        'import json, pickletools',
        'print(json.dumps([[op.name, ord(op.code), op.proto, op.arg.name if op.arg else "none"] for op in pickletools.opcodes]))',
      ].join('\n');
      const out = spawnSync('python3', ['-c', script], { encoding: 'utf8' });
      expect(out.status).toBe(0);
      const python = JSON.parse(out.stdout) as [string, number, number, string][];
      const ours = PICKLE_OPCODES.map((o) => [o.name, o.code, o.protocol, o.arg]);
      const byName = (rows: unknown[][]) =>
        [...rows].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
      expect(byName(ours)).toEqual(byName(python));
    },
  );
});
