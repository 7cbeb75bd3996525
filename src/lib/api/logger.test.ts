import { describe, expect, it } from 'vitest';
import { createJsonLineLogger, createMemoryLogger, silentLogger, toJsonLine } from './logger';

describe('createJsonLineLogger', () => {
  it('writes one JSON object per line with an ISO time first', () => {
    const lines: string[] = [];
    const logger = createJsonLineLogger(
      (line) => lines.push(line),
      () => Date.UTC(2024, 0, 2, 3, 4, 5),
    );
    logger.log({ level: 'info', msg: 'request', status: 200, path: '/a\nb' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      time: '2024-01-02T03:04:05.000Z',
      level: 'info',
      msg: 'request',
      status: 200,
      path: '/a\nb',
    });
    expect(Object.keys(JSON.parse(lines[0] ?? ''))[0]).toBe('time');
  });

  it('never throws on values JSON cannot hold', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = cyclic;
    const line = toJsonLine({ big: 10n, cyclic, error: new TypeError('boom') });
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(parsed['big']).toBe('10');
    expect(parsed['cyclic']).toEqual({ a: 1, self: '[repeated]' });
    expect(parsed['error']).toMatchObject({ name: 'TypeError', message: 'boom' });
  });
});

describe('createMemoryLogger and silentLogger', () => {
  it('keeps records in order, or drops them', () => {
    const memory = createMemoryLogger();
    memory.log({ level: 'warn', msg: 'a' });
    memory.log({ level: 'error', msg: 'b', detail: 1 });
    expect(memory.records).toEqual([
      { level: 'warn', msg: 'a' },
      { level: 'error', msg: 'b', detail: 1 },
    ]);
    expect(() => silentLogger.log({ level: 'info', msg: 'x' })).not.toThrow();
  });
});
