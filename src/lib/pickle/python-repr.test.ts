import { describe, expect, it } from 'vitest';
import { pyBytesRepr, pyFloatRepr, pyStrRepr } from './python-repr';

describe('pyFloatRepr', () => {
  it('matches CPython repr() for values worked out from its formatting rule', () => {
    // Expected strings are what CPython 3 prints for repr(x).
    const cases: [number, string][] = [
      [1, '1.0'],
      [0.1, '0.1'],
      [-1.25, '-1.25'],
      [43.92, '43.92'],
      [4201.75, '4201.75'],
      [1e16, '1e+16'],
      [1e15, '1000000000000000.0'],
      [123456789012345.6, '123456789012345.6'],
      [0.0001, '0.0001'],
      [0.00015, '0.00015'],
      [1e-5, '1e-05'],
      [2.5e-10, '2.5e-10'],
      [1.7976931348623157e308, '1.7976931348623157e+308'],
      [5e-324, '5e-324'],
      [0, '0.0'],
      [-0, '-0.0'],
      [NaN, 'nan'],
      [Infinity, 'inf'],
      [-Infinity, '-inf'],
      [0.1 + 0.2, '0.30000000000000004'],
    ];
    for (const [x, expected] of cases) expect(pyFloatRepr(x)).toBe(expected);
  });
});

describe('pyStrRepr and pyBytesRepr', () => {
  it.each([
    ['posix', "'posix'"],
    ["it's", '"it\'s"'],
    ['both \' and "', "'both \\' and \"'"],
    ['a\nb\t\\', "'a\\nb\\t\\\\'"],
    ['\u0001é', "'\\x01é'"],
  ])('pyStrRepr quotes and escapes %j like Python: %s', (text, repr) => {
    expect(pyStrRepr(text)).toBe(repr);
  });

  it('pyBytesRepr quotes and escapes like Python', () => {
    expect(pyBytesRepr(Uint8Array.from([0x61, 0x00, 0xff, 0x27]))).toBe('b"a\\x00\\xff\'"');
    expect(pyBytesRepr(new TextEncoder().encode('ok\n'))).toBe("b'ok\\n'");
  });
});
