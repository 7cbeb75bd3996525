import { describe, expect, it } from 'vitest';
import { chooseFormat, NEEDS, parseNeed, parseSource, SOURCES } from './choose-format';

const PAIRS = NEEDS.flatMap((n) => SOURCES.map((s) => [n.value, s.value] as const));

describe('chooseFormat', () => {
  it('answers the two questions as scikit-learn’s persistence guide does', () => {
    const table = Object.fromEntries(
      PAIRS.map(([need, source]) => [`${need}/${source}`, chooseFormat(need, source).format]),
    );
    expect(table).toEqual({
      'predictions/trusted': 'ONNX',
      'predictions/untrusted': 'ONNX, served in a sandbox',
      'object/trusted': 'pickle with protocol 5 (or joblib)',
      'object/untrusted': 'skops.io',
      'weights/trusted': 'safetensors (or torch.load with weights_only=True)',
      'weights/untrusted': 'safetensors',
    });
  });

  it('never recommends a pickle-based format for a file from anyone else, and says why not', () => {
    for (const need of NEEDS) {
      const choice = chooseFormat(need.value, 'untrusted');
      expect(choice.format).not.toMatch(/pickle|joblib|torch\.load/);
      expect(choice.calls.join('\n')).not.toMatch(/(pickle|joblib|torch)\.load\(/);
      expect(choice.ruledOut.map((r) => r.format).join(', ')).toContain('pickle, joblib');
    }
  });

  it('keeps the answers it was given and never rules out what it recommends', () => {
    for (const [need, source] of PAIRS) {
      const choice = chooseFormat(need, source);
      expect([choice.need, choice.source]).toEqual([need, source]);
      const first = choice.format.split(/[ ,(]/)[0] ?? '';
      expect(choice.ruledOut.some((r) => r.format.split(', ').includes(first))).toBe(false);
      expect(choice.calls.length).toBeGreaterThan(0);
      expect(choice.reason.length).toBeGreaterThan(20);
      expect(choice.caveat.length).toBeGreaterThan(20);
    }
  });

  it('states the ONNX caveats: a sandbox for untrusted files, and no way back to the estimator', () => {
    expect(chooseFormat('predictions', 'untrusted').caveat).toMatch(/arbitrary computation/);
    expect(chooseFormat('predictions', 'trusted').caveat).toMatch(/cannot be rebuilt/);
    expect(chooseFormat('object', 'trusted').ruledOut).toContainEqual(
      expect.objectContaining({ format: 'ONNX' }),
    );
  });

  it('reviews skops’ untrusted types before trusting them', () => {
    const calls = chooseFormat('object', 'untrusted').calls;
    expect(calls[0]).toContain('get_untrusted_types');
    expect(calls[1]).toContain('trusted=unknown');
  });
});

describe('parseNeed and parseSource', () => {
  it('accept exactly the listed answers', () => {
    for (const n of NEEDS) expect(parseNeed(n.value)).toBe(n.value);
    for (const s of SOURCES) expect(parseSource(s.value)).toBe(s.value);
  });

  it('refuse anything else, including the other question’s answers', () => {
    for (const bad of ['', 'trusted', 'Predictions', null, undefined, 1, '__proto__']) {
      expect(parseNeed(bad)).toBeNull();
    }
    for (const bad of ['', 'object', 'Trusted', null, undefined, 0, 'toString']) {
      expect(parseSource(bad)).toBeNull();
    }
  });
});
