/**
 * Rendering for the pickle inspector. The first line is the verdict: for bytes Python refuses,
 * "Not a pickle: Python stops at byte N with …" and no safety words (issue 15 #3); for a pickle,
 * its risk level and what loading would do. Globals and findings follow; the opcode listing is
 * folded behind "Show details" and built when opened.
 */
import type { PickleDisassembly } from '../../lib/pickle/disassemble';
import type { PickleVerdict } from '../../lib/pickle/verdict';
import { dataTable, details, factList, h, type Tone } from '../widget/dom';

/** Opcodes listed in the table; the rest are counted (hostile files can hold 100 000). */
const MAX_ROWS = 400;

/** The risk note's tone for each level; its words say the level, the tone repeats it. */
const LEVEL_TONE: Record<Extract<PickleVerdict, { kind: 'pickle' }>['level'], Tone | undefined> = {
  'data-only': 'good',
  info: undefined,
  imports: undefined,
  'executes-code': 'warn',
  dangerous: 'bad',
};

/** The message for the file field, or null when the file decoded cleanly. */
export function pickleFieldMessage(name: string, v: PickleVerdict): string | null {
  if (v.kind === 'not-a-pickle')
    return `“${name}” is not a pickle: Python’s pickle.loads refuses it before importing or calling anything.`;
  return v.damage ? `“${name}” is not a complete pickle: ${v.damage}` : null;
}

/** The status line after an inspection. */
export function pickleStatus(name: string, d: PickleDisassembly, v: PickleVerdict): string {
  const words = v.kind === 'not-a-pickle' ? 'Not a pickle' : v.words;
  return `${name}: ${words}. ${d.ops.length} opcodes read, nothing executed.`;
}

function opcodeTable(name: string, d: PickleDisassembly): HTMLElement {
  const shown = d.ops.slice(0, MAX_ROWS);
  const more = d.ops.length > shown.length ? ` (first ${shown.length} of ${d.ops.length})` : '';
  return dataTable({
    caption: `${name}: opcodes${more}, as pickletools.dis lists them`,
    headers: ['Offset', 'Opcode', 'Argument', 'Note'],
    rows: shown.map((op) => [
      String(op.offset),
      op.name,
      op.argText.length > 120 ? `${op.argText.slice(0, 120)}…` : op.argText,
      op.note,
    ]),
    columnClasses: ['num', 'mono', 'mono', 'mono'],
  });
}

function globalsView(name: string, d: PickleDisassembly): HTMLElement {
  if (d.globals.length === 0) return h('p', null, 'Globals: none. Loading imports no module.');
  return dataTable({
    caption: `${name}: globals the unpickler would import`,
    headers: ['Offset', 'Opcode', 'Module.name', 'Known dangerous?'],
    rows: d.globals.map((g) => [
      String(g.offset),
      g.opcode,
      g.module === null ? '(computed while loading)' : `${g.module}.${g.name ?? ''}`,
      g.dangerous ? `yes: ${g.dangerous.knownAs}, ${g.dangerous.effect}` : 'no',
    ]),
    columnClasses: ['num', 'mono', 'mono', null],
  });
}

function findingsView(d: PickleDisassembly): HTMLElement[] {
  if (d.findings.length === 0) return [];
  const items = d.findings.map((f) =>
    h(
      'li',
      null,
      h('span', { class: 'ch01-severity' }, `${f.severity} · byte ${f.offset} · ${f.opcode}`),
      h('br'),
      h('strong', null, f.title),
      h('br'),
      f.explanation,
    ),
  );
  return [
    h('p', null, h('strong', null, 'What loading it would do, step by step:')),
    h('ol', { class: 'ch01-findings' }, ...items),
  ];
}

/** The whole answer for one file. */
export function pickleView(name: string, d: PickleDisassembly, v: PickleVerdict): HTMLElement[] {
  const facts = factList([
    ['Size', `${d.byteLength.toLocaleString('en-US')} bytes`],
    ['Opcodes read', String(d.ops.length)],
  ]);
  const listing = details(`Show details: the ${d.ops.length} opcodes`, () => opcodeTable(name, d));
  if (v.kind === 'not-a-pickle') {
    // No safety verdict: Python never gets far enough to import or call anything.
    return [
      h('p', { class: 'ch01-verdict', 'data-tone': 'bad' }, `${name} · ${v.headline}`),
      facts,
      listing,
    ];
  }
  const parts: HTMLElement[] = [
    h(
      'div',
      { class: 'ch01-risk mlops-callout', 'data-tone': LEVEL_TONE[v.level] },
      h('strong', null, `${name} · ${v.words}: `),
      v.headline,
    ),
  ];
  if (v.damage) parts.push(h('p', { class: 'ch01-verdict', 'data-tone': 'bad' }, v.damage));
  parts.push(
    factList([
      ['Size', `${d.byteLength.toLocaleString('en-US')} bytes`],
      [
        'Protocol',
        d.declaredProtocol === null
          ? `${d.protocol} (no PROTO opcode; inferred from the opcodes)`
          : String(d.declaredProtocol),
      ],
      ['Opcodes', String(d.ops.length)],
      ['Globals imported', String(d.globals.length)],
    ]),
    globalsView(name, d),
    ...findingsView(d),
    ...d.warnings
      .slice(0, 5)
      .map((w) => h('p', { class: 'ch01-note' }, `Note at byte ${w.offset}: ${w.message}`)),
    listing,
  );
  return parts;
}
