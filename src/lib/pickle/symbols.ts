/**
 * The values of the symbolic unpickler (symbolic-machine.ts): what it knows about each stack item,
 * and how an item is shown in a finding ("posix.system('echo pwned')").
 */
import { argText } from './byte-stream';
import { pyStrRepr } from './python-repr';
import type { PickleArg } from './types';

/** What the symbolic unpickler knows about a stack item. */
export type Sym =
  | { t: 'str'; value: string }
  | { t: 'lit'; text: string }
  | { t: 'tuple'; items: Sym[]; length: number }
  | { t: 'global'; module: string; name: string }
  | { t: 'object'; text: string; fromGlobal: boolean }
  | { t: 'container'; text: string }
  | { t: 'unknown' };

export const UNKNOWN: Sym = { t: 'unknown' };
const MAX_TUPLE_ITEMS = 8;

/** A symbol as Python would write it (nested values cut at depth 3). */
export function describe(sym: Sym, depth = 0): string {
  if (depth > 3) return '…';
  switch (sym.t) {
    case 'str':
      return pyStrRepr(sym.value.length > 80 ? `${sym.value.slice(0, 80)}…` : sym.value);
    case 'lit':
      return sym.text;
    case 'tuple': {
      const parts = sym.items.map((item) => describe(item, depth + 1));
      if (sym.length > sym.items.length) parts.push('…');
      return sym.length === 1 ? `(${parts[0] ?? '…'},)` : `(${parts.join(', ')})`;
    }
    case 'global':
      return `${sym.module}.${sym.name}`;
    case 'object':
    case 'container':
      return sym.text;
    case 'unknown':
      return '…';
  }
}

/** Arguments of a call as Python would write them inside the parentheses. */
export function describeArgs(sym: Sym): string {
  if (sym.t === 'tuple') {
    const parts = sym.items.map((item) => describe(item, 1));
    if (sym.length > sym.items.length) parts.push('…');
    return parts.join(', ');
  }
  return sym.t === 'unknown' ? '…' : `*${describe(sym)}`;
}

/** The name a call shows for its callable. */
export function callableName(sym: Sym): string {
  if (sym.t === 'global') return `${sym.module}.${sym.name}`;
  if (sym.t === 'object') return `(${sym.text})`;
  return 'an unknown callable';
}

/** A tuple symbol keeping its first MAX_TUPLE_ITEMS items and its length. */
export function tupleOf(items: Sym[]): Sym {
  return { t: 'tuple', items: items.slice(0, MAX_TUPLE_ITEMS), length: items.length };
}

/** The symbol an opcode's decoded argument pushes. */
export function symFromArg(arg: PickleArg | null, name: string): Sym {
  if (!arg) return UNKNOWN;
  if (arg.kind === 'text') return { t: 'str', value: arg.value };
  if (arg.kind === 'global') return { t: 'global', module: arg.module, name: arg.name };
  if (arg.kind === 'bytes' && name === 'BYTEARRAY8')
    return { t: 'lit', text: `bytearray(${argText(arg)})` };
  return { t: 'lit', text: argText(arg) };
}
