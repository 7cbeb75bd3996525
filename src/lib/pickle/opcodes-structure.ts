/**
 * The pickle opcodes that build containers and drive the machine: lists, tuples, dicts, sets,
 * stack manipulation, the memo, the extension registry, globals and object building, machine
 * control and persistent ids, in pickletools' order. Written from the format descriptions in
 * CPython's Lib/pickletools.py, not generated from it.
 */
import { ch, type PickleOpcodeInfo } from './opcode-format';

/** Container, memo, object-building and control opcodes, pickletools' groups "Lists" onwards. */
export const STRUCTURE_OPCODES: readonly PickleOpcodeInfo[] = [
  // Lists
  { code: ch(']'), name: 'EMPTY_LIST', arg: 'none', protocol: 1, summary: 'Push an empty list.' },
  {
    code: ch('a'),
    name: 'APPEND',
    arg: 'none',
    protocol: 0,
    summary: 'Append the top item to the list below it.',
  },
  {
    code: ch('e'),
    name: 'APPENDS',
    arg: 'none',
    protocol: 1,
    summary: 'Extend the list below the last MARK with the items above it.',
  },
  {
    code: ch('l'),
    name: 'LIST',
    arg: 'none',
    protocol: 0,
    summary: 'Replace the items above the last MARK with a list of them.',
  },
  // Tuples
  { code: ch(')'), name: 'EMPTY_TUPLE', arg: 'none', protocol: 1, summary: 'Push an empty tuple.' },
  {
    code: ch('t'),
    name: 'TUPLE',
    arg: 'none',
    protocol: 0,
    summary: 'Replace the items above the last MARK with a tuple of them.',
  },
  {
    code: 0x85,
    name: 'TUPLE1',
    arg: 'none',
    protocol: 2,
    summary: 'Replace the top item with a 1-tuple.',
  },
  {
    code: 0x86,
    name: 'TUPLE2',
    arg: 'none',
    protocol: 2,
    summary: 'Replace the top two items with a 2-tuple.',
  },
  {
    code: 0x87,
    name: 'TUPLE3',
    arg: 'none',
    protocol: 2,
    summary: 'Replace the top three items with a 3-tuple.',
  },
  // Dicts
  { code: ch('}'), name: 'EMPTY_DICT', arg: 'none', protocol: 1, summary: 'Push an empty dict.' },
  {
    code: ch('d'),
    name: 'DICT',
    arg: 'none',
    protocol: 0,
    summary: 'Replace the key/value pairs above the last MARK with a dict.',
  },
  {
    code: ch('s'),
    name: 'SETITEM',
    arg: 'none',
    protocol: 0,
    summary: 'Store the top key/value pair in the dict below them.',
  },
  {
    code: ch('u'),
    name: 'SETITEMS',
    arg: 'none',
    protocol: 1,
    summary: 'Store the key/value pairs above the last MARK in the dict below it.',
  },
  // Sets
  { code: 0x8f, name: 'EMPTY_SET', arg: 'none', protocol: 4, summary: 'Push an empty set.' },
  {
    code: 0x90,
    name: 'ADDITEMS',
    arg: 'none',
    protocol: 4,
    summary: 'Add the items above the last MARK to the set below it.',
  },
  {
    code: 0x91,
    name: 'FROZENSET',
    arg: 'none',
    protocol: 4,
    summary: 'Replace the items above the last MARK with a frozenset.',
  },
  // Stack manipulation
  { code: ch('0'), name: 'POP', arg: 'none', protocol: 0, summary: 'Discard the top item.' },
  { code: ch('2'), name: 'DUP', arg: 'none', protocol: 0, summary: 'Push a copy of the top item.' },
  {
    code: ch('('),
    name: 'MARK',
    arg: 'none',
    protocol: 0,
    summary: 'Push a marker that later opcodes collect items up to.',
  },
  {
    code: ch('1'),
    name: 'POP_MARK',
    arg: 'none',
    protocol: 1,
    summary: 'Discard everything down to and including the last MARK.',
  },
  // Memo
  {
    code: ch('g'),
    name: 'GET',
    arg: 'decimalnl_short',
    protocol: 0,
    summary: 'Push the memo entry with the given index.',
  },
  {
    code: ch('h'),
    name: 'BINGET',
    arg: 'uint1',
    protocol: 1,
    summary: 'Push the memo entry with the given one-byte index.',
  },
  {
    code: ch('j'),
    name: 'LONG_BINGET',
    arg: 'uint4',
    protocol: 1,
    summary: 'Push the memo entry with the given four-byte index.',
  },
  {
    code: ch('p'),
    name: 'PUT',
    arg: 'decimalnl_short',
    protocol: 0,
    summary: 'Store the top item in the memo at the given index.',
  },
  {
    code: ch('q'),
    name: 'BINPUT',
    arg: 'uint1',
    protocol: 1,
    summary: 'Store the top item in the memo at the given one-byte index.',
  },
  {
    code: ch('r'),
    name: 'LONG_BINPUT',
    arg: 'uint4',
    protocol: 1,
    summary: 'Store the top item in the memo at the given four-byte index.',
  },
  {
    code: 0x94,
    name: 'MEMOIZE',
    arg: 'none',
    protocol: 4,
    summary: 'Store the top item in the memo at the next free index.',
  },
  // Extension registry
  {
    code: 0x82,
    name: 'EXT1',
    arg: 'uint1',
    protocol: 2,
    summary: "Push the global that copyreg's extension registry maps this code to.",
  },
  {
    code: 0x83,
    name: 'EXT2',
    arg: 'uint2',
    protocol: 2,
    summary: "Push the global that copyreg's extension registry maps this code to.",
  },
  {
    code: 0x84,
    name: 'EXT4',
    arg: 'int4',
    protocol: 2,
    summary: "Push the global that copyreg's extension registry maps this code to.",
  },
  // Globals and object building
  {
    code: ch('c'),
    name: 'GLOBAL',
    arg: 'stringnl_noescape_pair',
    protocol: 0,
    summary: 'Import a module and push one of its attributes (module and name up to newlines).',
  },
  {
    code: 0x93,
    name: 'STACK_GLOBAL',
    arg: 'none',
    protocol: 4,
    summary: 'Import a module and push one of its attributes, both names taken from the stack.',
  },
  {
    code: ch('R'),
    name: 'REDUCE',
    arg: 'none',
    protocol: 0,
    summary: 'Call the callable below the top item with the top item (a tuple) as arguments.',
  },
  {
    code: ch('b'),
    name: 'BUILD',
    arg: 'none',
    protocol: 0,
    summary:
      'Apply the top item as state to the object below it (__setstate__ or __dict__ update).',
  },
  {
    code: ch('i'),
    name: 'INST',
    arg: 'stringnl_noescape_pair',
    protocol: 0,
    summary: 'Import a class and call it with the items above the last MARK.',
  },
  {
    code: ch('o'),
    name: 'OBJ',
    arg: 'none',
    protocol: 1,
    summary: 'Call the first item above the last MARK with the rest as arguments.',
  },
  {
    code: 0x81,
    name: 'NEWOBJ',
    arg: 'none',
    protocol: 2,
    summary: 'Create an object with cls.__new__(cls, *args).',
  },
  {
    code: 0x92,
    name: 'NEWOBJ_EX',
    arg: 'none',
    protocol: 4,
    summary: 'Create an object with cls.__new__(cls, *args, **kwargs).',
  },
  // Machine control
  {
    code: 0x80,
    name: 'PROTO',
    arg: 'uint1',
    protocol: 2,
    summary: 'Declare the protocol version.',
  },
  {
    code: ch('.'),
    name: 'STOP',
    arg: 'none',
    protocol: 0,
    summary: 'End of the pickle: the top item is the result.',
  },
  {
    code: 0x95,
    name: 'FRAME',
    arg: 'uint8',
    protocol: 4,
    summary: 'Start a frame of the given byte length (a read-ahead hint).',
  },
  // Persistent ids
  {
    code: ch('P'),
    name: 'PERSID',
    arg: 'stringnl_noescape',
    protocol: 0,
    summary: "Push the object the loader's persistent_load returns for this id.",
  },
  {
    code: ch('Q'),
    name: 'BINPERSID',
    arg: 'none',
    protocol: 1,
    summary: "Replace the top item with what the loader's persistent_load returns for it.",
  },
];
