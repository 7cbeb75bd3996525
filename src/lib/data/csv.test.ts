import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';

describe('parseCsv', () => {
  it('reads a plain file with a trailing newline', () => {
    expect(parseCsv('a,b\n1,2\n3,4\n')).toEqual({
      header: ['a', 'b'],
      records: [
        { line: 2, fields: ['1', '2'] },
        { line: 3, fields: ['3', '4'] },
      ],
      problems: [],
    });
  });

  it('accepts CRLF, a missing final newline, blank lines and a byte-order mark', () => {
    const parsed = parseCsv('\uFEFFa,b\r\n1,2\r\n\r\n3,4');
    expect(parsed.header).toEqual(['a', 'b']);
    expect(parsed.records.map((r) => r.fields)).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(parsed.records[1]?.line).toBe(4);
  });

  it('handles quoted fields with commas, doubled quotes and newlines (RFC 4180 section 2)', () => {
    const parsed = parseCsv('name,note\n"Smith, J","said ""hi""\nthen left"\nx,""\n');
    expect(parsed.records.map((r) => r.fields)).toEqual([
      ['Smith, J', 'said "hi"\nthen left'],
      ['x', ''],
    ]);
    expect(parsed.records[1]?.line).toBe(4);
    expect(parsed.problems).toEqual([]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(parseCsv('a,b,c\n1,,\n').records[0]?.fields).toEqual(['1', '', '']);
  });

  it('reports malformed quoting without throwing', () => {
    const unclosed = parseCsv('a,b\n1,"open\n');
    expect(unclosed.records[0]?.fields).toEqual(['1', 'open\n']);
    expect(unclosed.problems).toEqual([{ line: 2, message: 'a quoted field is never closed' }]);

    const stray = parseCsv('a\nab"c\n"x"y\n');
    expect(stray.records.map((r) => r.fields)).toEqual([['ab"c'], ['xy']]);
    expect(stray.problems.map((p) => p.line)).toEqual([2, 3]);
  });

  it('returns an empty header for empty input', () => {
    expect(parseCsv('')).toEqual({ header: [], records: [], problems: [] });
  });
});
