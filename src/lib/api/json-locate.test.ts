import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  joinJsonPath,
  lineAndColumn,
  locateJsonPath,
  MAX_JSON_DEPTH,
  scanJson,
  segmentText,
  type JsonSpan,
} from './json-locate';
import { textFrom } from '../fuzz';

function spansOf(text: string): JsonSpan[] {
  const scan = scanJson(text);
  if (!scan.ok) throw new Error(`expected valid JSON: ${scan.message}`);
  return scan.spans;
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('scanJson', () => {
  it('records each value with its path and exact span', () => {
    const text = '{"a": [1, {"b": "x"}], "c": null}';
    const spans = spansOf(text);
    const byPath = new Map(spans.map((span) => [joinJsonPath(span.path), span]));
    // Offsets counted by hand: { at 0, "a" at 1, [ at 6, 1 at 7, { at 10, "b" at 11, "x" at 16.
    expect(byPath.get('')).toMatchObject({ start: 0, end: text.length });
    expect(byPath.get('a')).toMatchObject({ start: 6, end: 21, keyStart: 1 });
    expect(text.slice(6, 21)).toBe('[1, {"b": "x"}]');
    expect(byPath.get('a.0')).toMatchObject({ start: 7, end: 8 });
    expect(byPath.get('a.0')?.keyStart).toBeUndefined();
    expect(byPath.get('a.1')).toMatchObject({ start: 10, end: 20 });
    expect(byPath.get('a.1.b')).toMatchObject({ start: 16, end: 19, keyStart: 11 });
    expect(text.slice(byPath.get('c')!.start, byPath.get('c')!.end)).toBe('null');
  });

  it('decodes keys with escapes, so the path is the key JSON.parse sees', () => {
    const spans = spansOf('{"a\\u0062\\n": 1}');
    expect(spans.map((span) => span.path)).toEqual([[], ['ab\n']]);
  });

  it('reports where malformed text stops being JSON', () => {
    const cases: [string, number][] = [
      ['{"a": 1,}', 8], // trailing comma: a name was expected at the "}"
      ['{"a" 1}', 5],
      ['[1 2]', 3],
      ['{"a": tru}', 6],
      ['', 0],
      ['{"a": 1} x', 9],
      ['"abc', 0],
      ['01', 1],
      ["{'a': 1}", 1],
    ];
    for (const [text, offset] of cases) {
      const scan = scanJson(text);
      expect(scan.ok, text).toBe(false);
      if (!scan.ok) expect(scan.offset, text).toBe(offset);
    }
  });

  it('refuses nesting deeper than MAX_JSON_DEPTH without overflowing the stack', () => {
    const deep = '['.repeat(MAX_JSON_DEPTH + 5) + ']'.repeat(MAX_JSON_DEPTH + 5);
    const scan = scanJson(deep);
    expect(scan.ok).toBe(false);
    const fine = '['.repeat(50) + ']'.repeat(50);
    expect(scanJson(fine).ok).toBe(true);
  });

  it('accepts exactly what JSON.parse accepts, on arbitrary short texts', () => {
    const jsonish = textFrom(
      [...'{}[]:,"\\ \n\t0123456789-+.eEtrufalsn', 'true', 'null', '"a"', '1.5'],
      { maxLength: 16 },
    );
    fc.assert(
      fc.property(jsonish, (text) => {
        expect(scanJson(text).ok).toBe(parses(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts every JSON.stringify output and finds each value where it was written', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(0, 2), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const spans = spansOf(text);
        // Every span's text parses back to the value at its path.
        for (const span of spans) {
          let expected: unknown = JSON.parse(text);
          for (const segment of span.path)
            expected = (expected as Record<string, unknown>)[segment];
          expect(JSON.parse(text.slice(span.start, span.end))).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('locateJsonPath', () => {
  const text = '{\n  "instance": {\n    "beak_length_mm": "39.1",\n    "colour": "black"\n  }\n}';
  const spans = spansOf(text);

  it('marks a member from its key to the end of its value', () => {
    const location = locateJsonPath(spans, 'instance.beak_length_mm');
    expect(location?.exact).toBe(true);
    expect(text.slice(location!.start, location!.end)).toBe('"beak_length_mm": "39.1"');
  });

  it('marks the nearest existing ancestor for a missing field', () => {
    const location = locateJsonPath(spans, 'instance.body_mass_g');
    expect(location).toMatchObject({ exact: false, markedPath: 'instance' });
    expect(text.slice(location!.start, location!.valueStart + 1)).toBe('"instance": {');
  });

  it('marks the whole body for the empty path', () => {
    expect(locateJsonPath(spans, '')).toEqual({
      start: 0,
      end: text.length,
      valueStart: 0,
      exact: true,
      markedPath: '',
    });
  });

  it('finds array items by index', () => {
    const batch = '{"instances": [{"a": 1}, {"a": 2}]}';
    const location = locateJsonPath(spansOf(batch), 'instances.1.a');
    expect(batch.slice(location!.start, location!.end)).toBe('"a": 2');
  });

  it('takes the last of duplicate keys, as JSON.parse does', () => {
    const dup = '{"a": 1, "a": 2}';
    const location = locateJsonPath(spansOf(dup), 'a');
    expect(dup.slice(location!.start, location!.end)).toBe('"a": 2');
  });
});

describe('lineAndColumn', () => {
  it('counts lines and columns from 1', () => {
    expect(lineAndColumn('ab\ncd\nef', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn('ab\ncd\nef', 99)).toEqual({ line: 3, column: 3 });
  });
});

describe('segmentText', () => {
  it('splits at range edges and lists the ranges covering each run', () => {
    expect(
      segmentText('abcdefgh', [
        { start: 1, end: 6 },
        { start: 3, end: 4 },
      ]),
    ).toEqual([
      { text: 'a', marks: [] },
      { text: 'bc', marks: [0] },
      { text: 'd', marks: [0, 1] },
      { text: 'ef', marks: [0] },
      { text: 'gh', marks: [] },
    ]);
  });

  it('keeps the whole text for no ranges, and clips ranges outside it', () => {
    expect(segmentText('abc', [])).toEqual([{ text: 'abc', marks: [] }]);
    expect(segmentText('abc', [{ start: 2, end: 10 }])).toEqual([
      { text: 'ab', marks: [] },
      { text: 'c', marks: [0] },
    ]);
    expect(segmentText('', [{ start: 0, end: 3 }])).toEqual([]);
  });
});
