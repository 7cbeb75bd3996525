import { describe, expect, it } from 'vitest';
import { canonicalJson, hashRows, sha256Hex } from './hash';

describe('sha256Hex', () => {
  // Test vectors from FIPS 180-2, Appendix B (and NIST's SHA examples).
  it('hashes "abc" to the published digest', async () => {
    expect(await sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('hashes the empty string and the 448-bit message to their published digests', async () => {
    expect(await sha256Hex('')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(await sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('hashes UTF-8 bytes, not UTF-16 code units', async () => {
    // "é" is the two UTF-8 bytes c3 a9; digest from `printf 'é' | sha256sum` (GNU coreutils).
    expect(await sha256Hex('é')).toBe(
      '4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c',
    );
  });
});

describe('sha256Hex of bytes', () => {
  it('hashes a Uint8Array as its bytes: the same digest as the equal string, and non-UTF-8 bytes', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    // The single byte 0xff (not valid UTF-8): `printf '\xff' | sha256sum`.
    expect(await sha256Hex(Uint8Array.of(0xff))).toBe(
      'a8100ae6aa1940d0b663bb31cd466142ebbdbd5187131b92d93818987832eb89',
    );
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: 'x' }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":"x","z":0}]},"b":1}',
    );
  });

  it('follows JSON.stringify for numbers and leaves out undefined fields', () => {
    expect(canonicalJson([0.1, 1e21, -0, Number.NaN, { u: undefined, v: 2 }])).toBe(
      '[0.1,1e+21,0,null,{"v":2}]',
    );
  });
});

describe('hashRows', () => {
  it('is the SHA-256 of the canonical JSON, independent of key order', async () => {
    const rows = [{ b: 2, a: 1 }];
    expect(await hashRows(rows)).toBe(await sha256Hex('[{"a":1,"b":2}]'));
    expect(await hashRows([{ a: 1, b: 2 }])).toBe(await hashRows(rows));
  });

  it('changes when a value or the row order changes', async () => {
    const base = await hashRows([{ x: 1 }, { x: 2 }]);
    expect(await hashRows([{ x: 2 }, { x: 1 }])).not.toBe(base);
    expect(await hashRows([{ x: 1 }, { x: 2.0001 }])).not.toBe(base);
  });
});
