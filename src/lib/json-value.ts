/** Reading parsed JSON of unknown shape without casts at every step. */

/** `value[key]` when `value` is an object (or array), else undefined. */
export function propertyOf(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined;
}
