/**
 * Phase 2 of the disassembler: a *symbolic* version of the unpickler's stack machine. Strings,
 * tuples and imported globals are tracked, nothing is ever imported or called. That is enough to
 * resolve STACK_GLOBAL (its module and name are the two strings below it) and to say which
 * function a REDUCE would call with which arguments. Each opcode's effect is one entry of a
 * dispatch table; opcodes that only push their argument share one handler.
 */
import { lookupDangerousGlobal } from './dangerous-globals';
import {
  callableName,
  describe,
  describeArgs,
  type Sym,
  symFromArg,
  tupleOf,
  UNKNOWN,
} from './symbols';
import type { PickleCall, PickleFinding, PickleGlobal, PickleOp, PickleWarning } from './types';

const MAX_WARNINGS = 50;
const MAX_FINDINGS = 500;

const CALL_EXPLANATIONS: Readonly<Record<string, string>> = {
  REDUCE:
    'REDUCE calls the callable below the top of the stack with the tuple on top as its arguments. This is how pickle rebuilds objects whose class defines __reduce__, and how a malicious file runs any function it likes.',
  INST: 'INST (protocol 0) imports a class or function and calls it with the items after the last MARK.',
  OBJ: 'OBJ (protocol 1) calls the first item after the last MARK with the rest as arguments.',
  NEWOBJ:
    'NEWOBJ creates the object with cls.__new__(cls, *args), without running __init__. For an ordinary class nothing else runs, but the class must be importable and a custom __new__ would run here.',
  NEWOBJ_EX: 'NEWOBJ_EX is NEWOBJ with keyword arguments: cls.__new__(cls, *args, **kwargs).',
};

/** The symbolic unpickler: its stacks and memo, and what it has learnt so far. */
export class SymbolicMachine {
  /** Items above the last MARK (Python 3's unpickler keeps older ones in `metastack`). */
  stack: Sym[] = [];
  /** Stacks saved by MARK, with the MARK's offset. */
  readonly metastack: { items: Sym[]; markOffset: number }[] = [];
  /** Memo slots. */
  readonly memo = new Map<bigint, Sym>();
  /** Globals the unpickler would import. */
  readonly globals: PickleGlobal[] = [];
  /** What loading would do, opcode by opcode. */
  readonly findings: PickleFinding[] = [];
  /** Calls the unpickler would make. */
  readonly calls: PickleCall[] = [];
  /** Oddities that do not stop decoding. */
  readonly warnings: PickleWarning[] = [];
  /** The PROTO opcode's protocol, if any. */
  declaredProtocol: number | null = null;
  /** Offset of STOP once reached. */
  stopOffset: number | null = null;
  /** The opcode being executed, and the number of opcodes read so far. */
  op!: PickleOp;
  opCount = 0;
  /** Bytes left in the stream after the current opcode (FRAME checks its announced length). */
  remaining = 0;

  /** Records a warning (at most MAX_WARNINGS). */
  warn(message: string, offset = this.op.offset): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push({ offset, message });
  }
  /** Records a finding (at most MAX_FINDINGS). */
  find(finding: Omit<PickleFinding, 'offset' | 'opcode'>): void {
    if (this.findings.length < MAX_FINDINGS)
      this.findings.push({ offset: this.op.offset, opcode: this.op.name, ...finding });
  }
  /** Pushes an item. */
  push(sym: Sym): void {
    this.stack.push(sym);
  }
  /** Pops an item; an empty stack gives a warning and an unknown item. */
  pop(): Sym {
    const top = this.stack.pop();
    if (top !== undefined) return top;
    this.warn(`${this.op.name} pops from an empty stack; pickle.load would fail here.`);
    return UNKNOWN;
  }
  /** The items above the last MARK, which is closed; warns when no MARK is open. */
  popMark(): Sym[] {
    const items = this.stack;
    const outer = this.metastack.pop();
    if (!outer) {
      this.warn(`${this.op.name} needs a MARK but none is open; pickle.load would fail here.`);
      this.stack = [];
      return items;
    }
    this.op.note = `MARK at ${outer.markOffset}`;
    this.stack = outer.items;
    return items;
  }
  /** The top item, without popping. */
  top(): Sym {
    return this.stack[this.stack.length - 1] ?? UNKNOWN;
  }
  /** The opcode's integer argument (booleans as 0/1; -1 when there is none). */
  intArg(): bigint {
    const arg = this.op.arg;
    return arg?.kind === 'int' ? arg.value : arg?.kind === 'bool' ? (arg.value ? 1n : 0n) : -1n;
  }

  /** Applies the current opcode's effect. */
  step(op: PickleOp, remaining: number): void {
    this.op = op;
    this.opCount += 1;
    this.remaining = remaining;
    if (PUSHES_ARGUMENT.has(op.name)) this.push(symFromArg(op.arg, op.name));
    else EFFECTS[op.name]?.(this);
  }

  /** Records a global the unpickler imports, and a finding for it. */
  recordGlobal(opcode: PickleGlobal['opcode'], module: string, name: string): void {
    const dangerous = lookupDangerousGlobal(module, name);
    this.globals.push({ offset: this.op.offset, opcode, module, name, dangerous });
    const known =
      dangerous && dangerous.knownAs !== `${module}.${name}`
        ? ` (that is ${dangerous.knownAs})`
        : '';
    this.find({
      severity: dangerous ? 'dangerous' : 'imports',
      title: `Imports ${module}.${name}${known}`,
      explanation: dangerous
        ? `Loading imports the module ${module} and fetches ${name}${known}, which ${dangerous.effect}. Importing alone runs the module's top-level code; a later REDUCE can call it.`
        : `Loading imports the module ${module} (running its top-level code if it was not imported yet) and fetches ${name}. Nothing is called until an opcode such as REDUCE or NEWOBJ uses it.`,
    });
  }

  /** Records a call the unpickler makes, and a finding for it. */
  recordCall(fn: Sym, callable: string, shownArgs: string): void {
    const opcode = this.op.name;
    const dangerous = fn.t === 'global' ? lookupDangerousGlobal(fn.module, fn.name) : null;
    if (this.calls.length < MAX_FINDINGS)
      this.calls.push({ offset: this.op.offset, opcode, callable, args: shownArgs, dangerous });
    const shown = `${callable}(${shownArgs})`;
    this.find({
      severity: dangerous ? 'dangerous' : 'executes-code',
      title: dangerous ? `Calls ${shown}, which ${dangerous.effect}` : `Calls ${shown}`,
      explanation: CALL_EXPLANATIONS[opcode] ?? '',
    });
  }
}

/** Opcodes whose only effect is to push their (decoded) argument. */
const PUSHES_ARGUMENT = new Set([
  'INT',
  'BININT',
  'BININT1',
  'BININT2',
  'LONG',
  'LONG1',
  'LONG4',
  'FLOAT',
  'BINFLOAT',
  'STRING',
  'BINSTRING',
  'SHORT_BINSTRING',
  'UNICODE',
  'SHORT_BINUNICODE',
  'BINUNICODE',
  'BINUNICODE8',
  'BINBYTES',
  'SHORT_BINBYTES',
  'BINBYTES8',
  'BYTEARRAY8',
]);

type Effect = (m: SymbolicMachine) => void;
const pushes =
  (sym: Sym): Effect =>
  (m) =>
    m.push(sym);
const popsMarkThenPushes =
  (sym: Sym): Effect =>
  (m) => {
    m.popMark();
    m.push(sym);
  };

/** The object an instantiating opcode leaves on the stack. */
const instance = (cls: Sym): Sym => ({
  t: 'object',
  text: `${callableName(cls)} instance`,
  fromGlobal: cls.t === 'global',
});

/** The dispatch table: each opcode's effect on the symbolic stacks, and what it records. */
const EFFECTS: Readonly<Record<string, Effect>> = {
  ...Object.fromEntries(
    [
      ['NONE', { t: 'lit', text: 'None' }],
      ['NEWTRUE', { t: 'lit', text: 'True' }],
      ['NEWFALSE', { t: 'lit', text: 'False' }],
      ['NEXT_BUFFER', { t: 'container', text: '<out-of-band buffer>' }],
      ['EMPTY_LIST', { t: 'container', text: '[…]' }],
      ['EMPTY_DICT', { t: 'container', text: '{…}' }],
      ['EMPTY_SET', { t: 'container', text: '{…}' }],
      ['EMPTY_TUPLE', tupleOf([])],
    ].map(([name, sym]) => [name as string, pushes(sym as Sym)]),
  ),
  LIST: popsMarkThenPushes({ t: 'container', text: '[…]' }),
  DICT: popsMarkThenPushes({ t: 'container', text: '{…}' }),
  FROZENSET: popsMarkThenPushes({ t: 'container', text: 'frozenset({…})' }),
  PROTO: (m) => {
    const v = Number(m.intArg());
    if (m.opCount !== 1) m.warn('PROTO appears after the first opcode.');
    if (v > 5) m.warn(`Protocol ${v} is newer than any Python release knows (highest is 5).`);
    m.declaredProtocol ??= v;
  },
  FRAME: (m) => {
    const n = m.intArg();
    if (n > BigInt(m.remaining))
      m.warn(`FRAME announces ${n} bytes but only ${m.remaining} follow.`);
  },
  STOP: (m) => {
    m.pop();
    m.stopOffset = m.op.offset;
    if (m.metastack.length > 0) m.warn('STOP reached with a MARK still open.');
  },
  MARK: (m) => {
    m.metastack.push({ items: m.stack, markOffset: m.op.offset });
    m.stack = [];
  },
  POP: (m) => {
    if (m.stack.length > 0) m.stack.pop();
    else m.popMark();
  },
  POP_MARK: (m) => void m.popMark(),
  DUP: (m) => m.push(m.top()),
  APPEND: (m) => void m.pop(),
  APPENDS: (m) => void m.popMark(),
  SETITEMS: (m) => void m.popMark(),
  ADDITEMS: (m) => void m.popMark(),
  SETITEM: (m) => {
    m.pop();
    m.pop();
  },
  TUPLE: (m) => m.push(tupleOf(m.popMark())),
  TUPLE1: (m) => m.push(tupleOf([m.pop()])),
  TUPLE2: (m) => {
    const b = m.pop();
    m.push(tupleOf([m.pop(), b]));
  },
  TUPLE3: (m) => {
    const c = m.pop();
    const b = m.pop();
    m.push(tupleOf([m.pop(), b, c]));
  },
  GET: getMemo,
  BINGET: getMemo,
  LONG_BINGET: getMemo,
  PUT: putMemo,
  BINPUT: putMemo,
  LONG_BINPUT: putMemo,
  MEMOIZE: (m) => {
    const key = BigInt(m.memo.size);
    if (m.stack.length === 0) m.warn('MEMOIZE stores from an empty stack.');
    m.memo.set(key, m.top());
    m.op.note = `as ${key}`;
  },
  GLOBAL: (m) => {
    const g = m.op.arg?.kind === 'global' ? m.op.arg : { module: '?', name: '?' };
    m.recordGlobal('GLOBAL', g.module, g.name);
    m.push({ t: 'global', module: g.module, name: g.name });
  },
  STACK_GLOBAL: stackGlobal,
  REDUCE: (m) => {
    const args = m.pop();
    const fn = m.pop();
    m.recordCall(fn, callableName(fn), describeArgs(args));
    m.push({
      t: 'object',
      text: `result of ${callableName(fn)}(…)`,
      fromGlobal: fn.t === 'global',
    });
  },
  BUILD: build,
  INST: (m) => {
    const g = m.op.arg?.kind === 'global' ? m.op.arg : { module: '?', name: '?' };
    m.recordGlobal('INST', g.module, g.name);
    const items = m.popMark();
    const cls: Sym = { t: 'global', module: g.module, name: g.name };
    m.recordCall(cls, `${g.module}.${g.name}`, describeArgs(tupleOf(items)));
    m.push(instance(cls));
  },
  OBJ: (m) => {
    const items = m.popMark();
    const cls = items.shift() ?? UNKNOWN;
    m.recordCall(cls, callableName(cls), describeArgs(tupleOf(items)));
    m.push(instance(cls));
  },
  NEWOBJ: (m) => {
    const args = m.pop();
    const cls = m.pop();
    m.recordCall(cls, `${callableName(cls)}.__new__`, describeArgs(args));
    m.push(instance(cls));
  },
  NEWOBJ_EX: (m) => {
    const kwargs = m.pop();
    const args = m.pop();
    const cls = m.pop();
    const shown = [describeArgs(args), `**${describe(kwargs)}`].filter((s) => s !== '').join(', ');
    m.recordCall(cls, `${callableName(cls)}.__new__`, shown);
    m.push(instance(cls));
  },
  EXT1: extension,
  EXT2: extension,
  EXT4: extension,
  PERSID: persistent,
  BINPERSID: (m) => {
    m.pop();
    persistent(m);
  },
};

function getMemo(m: SymbolicMachine): void {
  const key = m.intArg();
  const hit = m.memo.get(key);
  if (!hit) m.warn(`${m.op.name} reads memo slot ${key}, which was never stored.`);
  m.push(hit ?? UNKNOWN);
}

function putMemo(m: SymbolicMachine): void {
  if (m.stack.length === 0) m.warn(`${m.op.name} stores from an empty stack.`);
  m.memo.set(m.intArg(), m.top());
}

function stackGlobal(m: SymbolicMachine): void {
  const name = m.pop();
  const module = m.pop();
  if (module.t === 'str' && name.t === 'str') {
    m.recordGlobal('STACK_GLOBAL', module.value, name.value);
    m.push({ t: 'global', module: module.value, name: name.value });
    return;
  }
  m.globals.push({
    offset: m.op.offset,
    opcode: 'STACK_GLOBAL',
    module: null,
    name: null,
    dangerous: null,
  });
  m.find({
    severity: 'dangerous',
    title: 'Imports a global whose name is computed while loading',
    explanation:
      'STACK_GLOBAL imports the module and attribute named by the two strings below it on the stack. Here they are not plain strings, so the import cannot be known without running the file; it could be anything.',
  });
  m.push(UNKNOWN);
}

function build(m: SymbolicMachine): void {
  m.pop();
  const target = m.top();
  if (target.t !== 'object' || !target.fromGlobal) return;
  m.find({
    severity: 'executes-code',
    title: `Sets the state of the ${target.text.replace(/^result of /, 'object from ')}`,
    explanation:
      "BUILD hands the state below it to the object: if the object's class defines __setstate__, that method runs with the state; otherwise the state just updates the object's attributes (__dict__). A class imported by this file can make __setstate__ do anything.",
  });
}

function extension(m: SymbolicMachine): void {
  m.find({
    severity: 'imports',
    title: `Imports the global registered as extension code ${m.intArg()}`,
    explanation:
      "Extension codes are short numbers that copyreg.add_extension maps to a module and a name. Loading looks the code up and imports that global; which one depends on the loading program's registry.",
  });
  m.push({ t: 'object', text: `extension ${m.intArg()}`, fromGlobal: true });
}

function persistent(m: SymbolicMachine): void {
  m.find({
    severity: 'info',
    title: 'Asks the loader for a persistent object',
    explanation:
      "Persistent ids are resolved by the loading program's persistent_load method, not by the file. Plain pickle.load refuses them; frameworks such as PyTorch use them to fetch tensor storage.",
  });
  m.push({ t: 'object', text: 'persistent object', fromGlobal: false });
}
