import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dockerfileLines } from './dockerfile-arbitrary';
import {
  allInstructions,
  expandVariables,
  parseDockerfile,
  parseKeyValuePairs,
  resolveFromReference,
  splitWords,
} from './parse';

describe('parseDockerfile: structure', () => {
  it('reads stages, names (AS is case-insensitive) and stage references', () => {
    const parsed = parseDockerfile(
      [
        'FROM node:22 as Deps',
        'RUN npm ci',
        '',
        'FROM deps AS build',
        'RUN npm run build',
        'FROM nginx:1.27',
      ].join('\n'),
    );
    expect(parsed.errors).toEqual([]);
    expect(
      parsed.stages.map((stage) => [stage.name, stage.index, stage.baseImage, stage.baseRef]),
    ).toEqual([
      ['deps', 0, 'node:22', null],
      ['build', 1, 'deps', 'deps'],
      [null, 2, 'nginx:1.27', null],
    ]);
    // FROM is the first instruction of its stage; line numbers are 1-based.
    expect(parsed.stages[1]?.instructions.map((i) => [i.keyword, i.startLine])).toEqual([
      ['FROM', 4],
      ['RUN', 5],
    ]);
  });

  it('accepts lower-case keywords, leading whitespace and CRLF line endings', () => {
    const parsed = parseDockerfile('  from alpine:3.20\r\n\trun echo hi\r\n');
    expect(parsed.errors).toEqual([]);
    expect(parsed.stages[0]?.instructions.map((i) => [i.keyword, i.args, i.startLine])).toEqual([
      ['FROM', 'alpine:3.20', 1],
      ['RUN', 'echo hi', 2],
    ]);
  });

  it('reads --platform on FROM', () => {
    const parsed = parseDockerfile('FROM --platform=linux/amd64 debian:12 AS base');
    expect(parsed.stages[0]?.platform).toBe('linux/amd64');
    expect(parsed.stages[0]?.baseImage).toBe('debian:12');
    expect(parsed.stages[0]?.name).toBe('base');
  });
});

describe('parseDockerfile: continuations, comments and the escape directive', () => {
  it('joins backslash continuations and drops comment and blank lines inside them', () => {
    const text = [
      'FROM alpine:3.20',
      'RUN apk add --no-cache \\',
      '# the compiler',
      '    gcc \\',
      '',
      '    musl-dev',
      'CMD ["sh"]',
    ].join('\n');
    const parsed = parseDockerfile(text);
    expect(parsed.errors).toEqual([]);
    const run = parsed.stages[0]?.instructions[1];
    expect(run?.keyword).toBe('RUN');
    expect([run?.startLine, run?.endLine]).toEqual([2, 6]);
    // Docker removes the escape character and newline and keeps the rest of each line as is.
    expect(run?.args).toBe('apk add --no-cache     gcc     musl-dev');
    expect(splitWords(run?.args ?? '')).toEqual(['apk', 'add', '--no-cache', 'gcc', 'musl-dev']);
    expect(run?.raw.split('\n')).toHaveLength(5);
    expect(parsed.stages[0]?.instructions[2]?.startLine).toBe(7);
  });

  it('allows spaces after the escape character at the end of a line', () => {
    const parsed = parseDockerfile('FROM alpine:3.20\nRUN echo a \\   \n  && echo b');
    expect(parsed.stages[0]?.instructions[1]?.endLine).toBe(3);
    expect(parsed.stages[0]?.instructions[1]?.args).toBe('echo a   && echo b');
  });

  it('uses the backtick after # escape=` (the Windows example from the Dockerfile reference)', () => {
    const text = [
      '# escape=`',
      '',
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022',
      'COPY testfile.txt c:\\',
      'RUN dir c:\\ `',
      '    && echo done',
    ].join('\n');
    const parsed = parseDockerfile(text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.directives.escape).toBe('`');
    const [, copy, run] = parsed.stages[0]?.instructions ?? [];
    // With backslash as escape, `c:\` would have swallowed the next line; with backtick it does not.
    expect(copy?.args).toBe('testfile.txt c:\\');
    expect([copy?.startLine, copy?.endLine]).toEqual([4, 4]);
    expect([run?.startLine, run?.endLine]).toEqual([5, 6]);
    expect(run?.args).toBe('dir c:\\     && echo done');
  });

  it('reads directives only at the top of the file', () => {
    const parsed = parseDockerfile('# syntax=docker/dockerfile:1\n#Escape = `\nFROM alpine:3.20');
    expect(parsed.directives).toEqual({ syntax: 'docker/dockerfile:1', escape: '`', check: null });
    // After an ordinary comment, a directive-looking line is just a comment.
    const late = parseDockerfile('# build the app\n# escape=`\nFROM alpine:3.20');
    expect(late.directives.escape).toBe('\\');
    expect(late.errors).toEqual([]);
  });

  it('reports an invalid escape value and a repeated directive', () => {
    const parsed = parseDockerfile('# escape=x\n# syntax=a\n# syntax=b\nFROM alpine:3.20');
    expect(parsed.errors.map((error) => error.line)).toEqual([1, 3]);
    expect(parsed.errors[0]?.message).toMatch(/invalid escape/);
  });

  it('ends an instruction whose continuation runs into the end of the file', () => {
    const parsed = parseDockerfile('FROM alpine:3.20\nRUN echo a \\\n# trailing comment\n');
    const run = parsed.stages[0]?.instructions[1];
    expect([run?.startLine, run?.endLine]).toEqual([2, 2]);
    expect(run?.args).toBe('echo a');
  });
});

describe('parseDockerfile: ARG before FROM', () => {
  it('keeps global ARGs and substitutes their defaults into FROM', () => {
    const parsed = parseDockerfile(
      'ARG VERSION=3.20\nARG BASE=alpine:${VERSION}\nFROM ${BASE} AS base\nFROM alpine:$VERSION',
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.args).toEqual([
      { name: 'VERSION', defaultValue: '3.20', line: 1 },
      { name: 'BASE', defaultValue: 'alpine:${VERSION}', line: 2 },
    ]);
    expect(parsed.stages.map((stage) => stage.resolvedBaseImage)).toEqual([
      'alpine:3.20',
      'alpine:3.20',
    ]);
    expect(parsed.globalInstructions.map((i) => i.startLine)).toEqual([1, 2]);
  });

  it('rejects any other instruction before the first FROM', () => {
    expect(parseDockerfile('RUN echo hi\nFROM alpine:3.20').errors).toEqual([
      { line: 1, message: 'RUN before the first FROM: only ARG may come before FROM' },
    ]);
  });
});

describe('parseDockerfile: exec (JSON) and shell forms', () => {
  it('tells JSON arrays of strings from shell text, falling back to shell form on bad JSON', () => {
    const parsed = parseDockerfile(
      [
        'FROM alpine:3.20',
        'CMD ["node", "server.js"]',
        'CMD node server.js',
        "CMD ['node', 'server.js']",
        'RUN [1, 2]',
        'ENTRYPOINT ["a", "b"',
        'ENV A=1',
      ].join('\n'),
    );
    const forms = parsed.stages[0]?.instructions.slice(1).map((i) => [i.keyword, i.form, i.json]);
    expect(forms).toEqual([
      ['CMD', 'json', ['node', 'server.js']],
      ['CMD', 'shell', null],
      ['CMD', 'shell', null],
      ['RUN', 'shell', null],
      ['ENTRYPOINT', 'shell', null],
      ['ENV', 'none', null],
    ]);
  });

  it('reads HEALTHCHECK options and the form of its CMD', () => {
    const parsed = parseDockerfile(
      'FROM alpine:3.20\nHEALTHCHECK --interval=5s --retries=2 CMD ["true"]\nHEALTHCHECK NONE',
    );
    const [, check, none] = parsed.stages[0]?.instructions ?? [];
    expect(check?.flags).toEqual([
      { name: 'interval', value: '5s' },
      { name: 'retries', value: '2' },
    ]);
    expect(check?.form).toBe('json');
    expect(check?.json).toEqual(['true']);
    expect(none?.form).toBe('none');
    expect(parsed.errors).toEqual([]);
  });

  it('requires SHELL in JSON form', () => {
    expect(parseDockerfile('FROM alpine:3.20\nSHELL /bin/bash -c').errors).toEqual([
      { line: 2, message: 'SHELL must be written as a JSON array' },
    ]);
  });
});

describe('parseDockerfile: COPY flags and --from', () => {
  const text = [
    'FROM node:22 AS build',
    'RUN make',
    'FROM nginx:1.27',
    'COPY --from=0 --chown=101:101 /app/dist /usr/share/nginx/html',
    'COPY --from=nginx:1.27 /etc/nginx/nginx.conf /tmp/',
    'COPY --link a b',
  ].join('\n');
  const parsed = parseDockerfile(text);

  it('collects flags in order, bare flags with a null value', () => {
    expect(parsed.errors).toEqual([]);
    const [, byIndex, byImage, link] = parsed.stages[1]?.instructions ?? [];
    expect(byIndex?.flags).toEqual([
      { name: 'from', value: '0' },
      { name: 'chown', value: '101:101' },
    ]);
    expect(byIndex?.args).toBe('/app/dist /usr/share/nginx/html');
    expect(byImage?.flags).toEqual([{ name: 'from', value: 'nginx:1.27' }]);
    expect(link?.flags).toEqual([{ name: 'link', value: null }]);
  });

  it('resolves --from to an earlier stage by index or name, otherwise an image', () => {
    expect(resolveFromReference(parsed, 1, '0')).toEqual({ kind: 'stage', index: 0 });
    expect(resolveFromReference(parsed, 1, 'BUILD')).toEqual({ kind: 'stage', index: 0 });
    expect(resolveFromReference(parsed, 1, 'nginx:1.27')).toEqual({
      kind: 'image',
      ref: 'nginx:1.27',
    });
  });

  it('reports --from pointing at the current or a later stage, and unknown flags', () => {
    const bad = parseDockerfile(
      'FROM alpine:3.20 AS a\nCOPY --from=0 x y\nCOPY --from=a x y\nCOPY --frm=a x y',
    );
    expect(bad.errors.map((error) => [error.line, error.message])).toEqual([
      [2, '--from=0 must name an earlier stage (this is stage 0)'],
      [3, 'a stage cannot copy from itself (--from=a)'],
      [4, 'unknown flag --frm for COPY'],
    ]);
  });
});

describe('parseDockerfile: heredocs', () => {
  it('parses RUN <<EOF … EOF as one instruction', () => {
    const parsed = parseDockerfile(
      [
        'FROM debian:12',
        'RUN <<EOF',
        'apt-get update',
        'apt-get install -y curl',
        'EOF',
        'CMD ["bash"]',
      ].join('\n'),
    );
    expect(parsed.errors).toEqual([]);
    const [, run, cmd] = parsed.stages[0]?.instructions ?? [];
    expect([run?.startLine, run?.endLine]).toEqual([2, 5]);
    expect(run?.heredocs).toEqual([
      {
        delimiter: 'EOF',
        body: 'apt-get update\napt-get install -y curl',
        stripTabs: false,
        quoted: false,
      },
    ]);
    expect(cmd?.startLine).toBe(6);
  });

  it('strips leading tabs with <<- and notes quoted delimiters', () => {
    const parsed = parseDockerfile(
      ['FROM alpine:3.20', "COPY <<-'END' /app/config.txt", '\tport=8000', '\tEND'].join('\n'),
    );
    const copy = parsed.stages[0]?.instructions[1];
    expect(copy?.heredocs).toEqual([
      { delimiter: 'END', body: 'port=8000', stripTabs: true, quoted: true },
    ]);
    expect(copy?.endLine).toBe(4);
    expect(parsed.errors).toEqual([]);
  });

  it('reads two heredocs on one line in order', () => {
    const parsed = parseDockerfile(
      ['FROM alpine:3.20', 'COPY <<A <<B /etc/', 'one', 'A', 'two', 'B'].join('\n'),
    );
    expect(parsed.stages[0]?.instructions[1]?.heredocs.map((h) => [h.delimiter, h.body])).toEqual([
      ['A', 'one'],
      ['B', 'two'],
    ]);
  });

  it('reports a heredoc that is never closed', () => {
    expect(parseDockerfile('FROM alpine:3.20\nRUN <<EOF\necho hi\n').errors).toEqual([
      { line: 2, message: 'heredoc <<EOF is never closed: add a line containing only EOF' },
    ]);
  });
});

describe('parseDockerfile: errors instead of exceptions', () => {
  it('reports an empty file as having no FROM', () => {
    expect(parseDockerfile('').errors).toEqual([
      { line: 1, message: 'no FROM: a Dockerfile needs at least one FROM instruction' },
    ]);
    expect(parseDockerfile('# just a comment\n\n').errors.map((error) => error.message)).toEqual([
      'no FROM: a Dockerfile needs at least one FROM instruction',
    ]);
  });

  it('reports unknown instructions with their line', () => {
    const parsed = parseDockerfile('FROM alpine:3.20\nRUNN echo hi\nhello world');
    expect(parsed.errors).toEqual([
      { line: 2, message: 'unknown instruction: RUNN' },
      { line: 3, message: 'unknown instruction: HELLO' },
    ]);
    expect(parsed.stages[0]?.instructions).toHaveLength(1);
  });

  it('reports malformed FROM lines, bad and duplicate stage names, and empty arguments', () => {
    const parsed = parseDockerfile(
      [
        'FROM',
        'FROM a AS',
        'FROM a AS 1x',
        'FROM a AS b',
        'FROM a AS b',
        'FROM a b',
        'RUN',
        'ENV ONLYNAME',
      ].join('\n'),
    );
    expect(parsed.errors.map((error) => error.line)).toEqual([1, 2, 3, 5, 6, 7, 8]);
  });

  it('never throws and keeps spans inside the file, whatever the input', () => {
    const file = fc.oneof(fc.string({ maxLength: 300 }), dockerfileLines(25, 8));
    fc.assert(
      fc.property(file, (text) => {
        const parsed = parseDockerfile(text);
        const lineCount = text.split(/\r\n|\r|\n/).length;
        for (const instruction of allInstructions(parsed)) {
          if (
            instruction.startLine < 1 ||
            instruction.endLine > lineCount ||
            instruction.endLine < instruction.startLine
          )
            return false;
        }
        return parsed.errors.every(
          (error) => error.line >= 1 && error.line <= Math.max(1, lineCount),
        );
      }),
      { numRuns: 2000, seed: 20240602 },
    );
  });
});

describe('helpers', () => {
  it('expands variables with Docker’s modifiers and escapes', () => {
    const vars = new Map([
      ['A', 'one'],
      ['EMPTY', ''],
    ]);
    expect(
      expandVariables('$A-${A}-${B:-two}-${A:+three}-${B:+four}-${EMPTY:-five}', vars, '\\'),
    ).toBe('one-one-two-three--five');
    expect(expandVariables('\\$A costs $5', vars, '\\')).toBe('$A costs $5');
    expect(expandVariables('`$A', vars, '`')).toBe('$A');
    expect(expandVariables('${unclosed', vars, '\\')).toBe('${unclosed');
  });

  it('reads ENV and LABEL pairs, including the legacy ENV form', () => {
    expect(parseKeyValuePairs('A=1 B="two words"', true)).toEqual([
      ['A', '1'],
      ['B', 'two words'],
    ]);
    expect(parseKeyValuePairs('PATH /usr/bin:/bin', true)).toEqual([['PATH', '/usr/bin:/bin']]);
    expect(parseKeyValuePairs('PATH /usr/bin', false)).toBeNull();
  });
});
