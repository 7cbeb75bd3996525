import { describe, expect, it } from 'vitest';
import { fromColumns, numericColumn, toColumns } from './frame';

const rows = [
  { a: 1, b: 'x', c: true },
  { a: 2, b: 'y', c: false },
];

describe('frame', () => {
  it('turns rows into columns of the chosen keys', () => {
    expect(toColumns(rows, ['a', 'b'])).toEqual({ a: [1, 2], b: ['x', 'y'] });
  });

  it('turns columns back into the same rows', () => {
    expect(fromColumns(toColumns(rows, ['a', 'b', 'c']), ['a', 'b', 'c'])).toEqual(rows);
    expect(fromColumns({ a: [], b: [] }, ['a', 'b'])).toEqual([]);
  });

  it('returns null for a missing key or ragged columns', () => {
    expect(fromColumns({ a: [1] }, ['a', 'b'])).toBeNull();
    expect(fromColumns({ a: [1], b: [1, 2] }, ['a', 'b'])).toBeNull();
  });

  it('extracts a numeric column as a Float64Array', () => {
    const column = numericColumn(rows, (r) => r.a * 10);
    expect(column).toBeInstanceOf(Float64Array);
    expect(Array.from(column)).toEqual([10, 20]);
  });
});
