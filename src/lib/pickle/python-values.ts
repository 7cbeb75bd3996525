/**
 * The plain Python values a pickle can build without importing anything (int, str, list, dict, …),
 * as src/lib/pickle/python-load.ts tracks them: their type, and just enough content (sizes, keys,
 * tuple items, small ints, str text) to tell whether CPython 3.11's unpickler would raise on the
 * next container operation, and with which message. Nothing here runs Python code.
 */
import { PythonError } from './text-codecs';

/** Python type names, as error messages spell them. */
export type PyTypeName =
  | 'int'
  | 'bool'
  | 'float'
  | 'str'
  | 'bytes'
  | 'bytearray'
  | 'NoneType'
  | 'tuple'
  | 'list'
  | 'dict'
  | 'set'
  | 'frozenset'
  | 'memoryview';

/** A tracked value. Containers are mutable objects, so memo entries see later changes. */
export interface PyValue {
  type: PyTypeName;
  /** Value of an int or bool (when known). */
  int?: bigint;
  /** Text of a str. */
  text?: string;
  /** Items of a tuple; keys of a dict, in insertion order. */
  items?: PyValue[];
  /** Length of a list or bytearray. */
  size?: number;
}

/** A value of a type that carries nothing else worth tracking. */
export const pyValue = (type: PyTypeName, extra: Omit<PyValue, 'type'> = {}): PyValue => ({
  type,
  ...extra,
});

/** hash() works: immutable scalars, frozensets, and tuples of hashable items. */
export function isHashable(v: PyValue): boolean {
  if (v.type === 'tuple') return (v.items ?? []).every(isHashable);
  return !['list', 'dict', 'set', 'bytearray'].includes(v.type);
}

/** TypeError: unhashable type, for the first unhashable value among `values`. */
export function requireHashable(values: readonly PyValue[]): void {
  const bad = values.find((v) => !isHashable(v));
  if (bad) throw new PythonError('TypeError', `unhashable type: '${bad.type}'`);
}

const isIndex = (v: PyValue): boolean => v.type === 'int' || v.type === 'bool';

/** bytearray's _getbytevalue: an int in range(0, 256). */
function requireByte(v: PyValue): void {
  if (!isIndex(v))
    throw new PythonError('TypeError', `'${v.type}' object cannot be interpreted as an integer`);
  if (v.int !== undefined && (v.int < 0n || v.int > 255n)) {
    throw new PythonError('ValueError', 'byte must be in range(0, 256)');
  }
}

function requireIndex(target: PyValue, key: PyValue, label: string): void {
  if (!isIndex(key)) {
    throw new PythonError(
      'TypeError',
      `${target.type} indices must be integers or slices, not ${key.type}`,
    );
  }
  const size = BigInt(target.size ?? 0);
  const i = key.int ?? 0n;
  if (i < -size || i >= size) throw new PythonError('IndexError', `${label} index out of range`);
}

/** `target[key] = value` for the unpickler's SETITEM(S); throws the error Python raises. */
export function setItem(target: PyValue, key: PyValue, value: PyValue): void {
  switch (target.type) {
    case 'dict':
      requireHashable([key]);
      target.items = [...(target.items ?? []), key];
      return;
    case 'list':
      return requireIndex(target, key, 'list assignment');
    case 'bytearray':
      if (isIndex(key)) requireByte(value);
      return requireIndex(target, key, 'bytearray');
    case 'memoryview':
      throw new PythonError('TypeError', 'cannot modify read-only memory');
    default:
      throw new PythonError(
        'TypeError',
        `'${target.type}' object does not support item assignment`,
      );
  }
}

/** APPEND(S): list.extend, or bytearray.extend, or an AttributeError for anything else. */
export function extend(target: PyValue, items: readonly PyValue[]): void {
  if (target.type === 'list') {
    target.size = (target.size ?? 0) + items.length;
  } else if (target.type === 'bytearray') {
    items.forEach(requireByte);
    target.size = (target.size ?? 0) + items.length;
  } else {
    throw new PythonError('AttributeError', `'${target.type}' object has no attribute 'append'`);
  }
}

/** ADDITEMS: set.update, or the AttributeError of a missing `add`. */
export function addItems(target: PyValue, items: readonly PyValue[]): void {
  if (target.type !== 'set') {
    throw new PythonError('AttributeError', `'${target.type}' object has no attribute 'add'`);
  }
  requireHashable(items);
}

/**
 * BUILD's default __setstate__ on a built-in value (none of them defines __setstate__ in 3.11):
 * a (state, slotstate) pair is split; a state dict needs the object's __dict__, which built-ins
 * lack; slot state sets attributes, which built-ins refuse.
 */
export function build(inst: PyValue, stateValue: PyValue): void {
  let state = stateValue;
  let slots: PyValue | null = null;
  if (state.type === 'tuple' && state.items?.length === 2) {
    [state, slots] = state.items as [PyValue, PyValue];
  }
  if (state.type !== 'NoneType') {
    if (state.type !== 'dict')
      throw new PythonError('UnpicklingError', 'state is not a dictionary');
    throw new PythonError('AttributeError', `'${inst.type}' object has no attribute '__dict__'`);
  }
  if (slots === null || slots.type === 'NoneType') return;
  if (slots.type !== 'dict')
    throw new PythonError('UnpicklingError', 'slot state is not a dictionary');
  const key = slots.items?.[0];
  if (key === undefined) return;
  if (key.type !== 'str')
    throw new PythonError('TypeError', `attribute name must be string, not '${key.type}'`);
  throw new PythonError(
    'AttributeError',
    `'${inst.type}' object has no attribute '${key.text ?? ''}'`,
  );
}
