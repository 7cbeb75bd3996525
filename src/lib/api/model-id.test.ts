import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MODEL_ID_PATTERN, ModelIdError, modelDigest, resolveModelId } from './model-id';

// FIPS 180-2, appendix B.1: SHA-256("abc").
const ABC = new TextEncoder().encode('abc');
const ABC_ID = 'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

describe('model id', () => {
  it('is sha256:<hex> of the bytes, as the published test vector and node:crypto give it', async () => {
    expect(await modelDigest(ABC)).toBe(ABC_ID);
    const bytes = Uint8Array.from({ length: 5000 }, (_, i) => (i * 31) % 256);
    expect(await modelDigest(bytes)).toBe(
      'sha256:' + createHash('sha256').update(bytes).digest('hex'),
    );
  });

  it('uses the configured MODEL_ID when set, the digest when unset or empty', async () => {
    expect(await resolveModelId(ABC)).toBe(ABC_ID);
    expect(await resolveModelId(ABC, '')).toBe(ABC_ID);
    expect(await resolveModelId(ABC, ABC_ID)).toBe(ABC_ID);
    expect(await resolveModelId(ABC, ABC_ID.toUpperCase().replace('SHA256', 'sha256'))).toBe(
      ABC_ID.toUpperCase().replace('SHA256', 'sha256'),
    );
    expect(await resolveModelId(ABC, 'run-1234.7')).toBe('run-1234.7');
  });

  it('fails closed on a digest of other bytes and on values a header cannot carry', async () => {
    const other = 'sha256:' + '0'.repeat(64);
    await expect(resolveModelId(ABC, other)).rejects.toThrow(ModelIdError);
    await expect(resolveModelId(ABC, other)).rejects.toThrow(/not the promoted model/);
    for (const bad of ['has space', 'line\nbreak', 'x'.repeat(257), 'modèle'])
      await expect(resolveModelId(ABC, bad), bad).rejects.toThrow(/visible ASCII/);
    expect(MODEL_ID_PATTERN.test('x'.repeat(256))).toBe(true);
  });
});
