import { describe, expect, it } from 'vitest';
import { parseContextJson } from './context-json';

describe('parseContextJson', () => {
  it('keeps well-formed entries with their optional size and file count', () => {
    expect(
      parseContextJson(
        JSON.stringify([
          { path: 'a.ts', version: 'v1', size: 3 },
          { path: 'node_modules/x', version: 'v1', size: 9, files: 4 },
        ]),
      ),
    ).toEqual([
      { path: 'a.ts', version: 'v1', size: 3 },
      { path: 'node_modules/x', version: 'v1', size: 9, files: 4 },
    ]);
  });
  it('drops malformed entries and survives junk', () => {
    expect(
      parseContextJson('[{"path":1},{"path":"ok","version":"v1","size":-5,"files":0},null]'),
    ).toEqual([{ path: 'ok', version: 'v1' }]);
    expect(parseContextJson('not json')).toEqual([]);
    expect(parseContextJson('{"path":"a"}')).toEqual([]);
    expect(parseContextJson(undefined)).toEqual([]);
  });
});
