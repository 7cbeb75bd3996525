/**
 * A tiny column-oriented view of row objects. Columns make build-time JSON small (each key is
 * written once) and give drift statistics the flat numeric arrays they work on.
 */

/** One array per chosen key, all the same length. */
export type Columns<T, K extends keyof T = keyof T> = { [P in K]: T[P][] };

/** Turns rows into columns for the given keys. */
export function toColumns<T, K extends keyof T>(
  rows: readonly T[],
  keys: readonly K[],
): Columns<T, K> {
  const columns = {} as Columns<T, K>;
  for (const key of keys) columns[key] = rows.map((row) => row[key]);
  return columns;
}

/**
 * Turns columns back into rows, or returns null when a key is missing or the columns differ in
 * length (so malformed input is reported, not half-read).
 */
export function fromColumns<K extends string>(
  columns: { readonly [key: string]: readonly unknown[] | undefined },
  keys: readonly K[],
): Record<K, unknown>[] | null {
  const arrays = keys.map((key) => columns[key]);
  if (arrays.some((a) => !Array.isArray(a))) return null;
  const length = arrays[0]?.length ?? 0;
  if (arrays.some((a) => a?.length !== length)) return null;
  return Array.from({ length }, (_, i) => {
    const row = {} as Record<K, unknown>;
    keys.forEach((key, j) => {
      row[key] = arrays[j]?.[i];
    });
    return row;
  });
}

/** One numeric column as a Float64Array, the shape drift statistics take. */
export function numericColumn<T>(rows: readonly T[], of: (row: T) => number): Float64Array {
  return Float64Array.from(rows, of);
}
