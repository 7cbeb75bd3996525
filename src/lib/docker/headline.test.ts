import { describe, expect, it } from 'vitest';
import realDockerfile from '../../../Dockerfile?raw';
import realDockerignore from '../../../.dockerignore?raw';
import { analyzeBuild } from './explorer';
import { buildHeadline, contextLine, stageDigest } from './headline';

const analyze = (
  dockerfile: string,
  dockerignore: string | null = realDockerignore,
  changed: string[] = [],
) => analyzeBuild({ dockerfile, dockerignore, changedPaths: changed });

describe('buildHeadline', () => {
  it('counts layers when the build reaches the end', () => {
    const headline = buildHeadline(analyze(realDockerfile));
    expect(headline).toEqual({
      outcome: 'builds',
      text: '0 of 11 layers rebuild for target runtime.',
    });
  });

  it('says the build fails, not how many layers rebuild, when a COPY source is missing (finding 8)', () => {
    const analysis = analyze(
      'FROM node:22.23.3-bookworm-slim\nWORKDIR /app\nCOPY README.md ./\nRUN echo hi\n',
    );
    // The simulation's own summary still counts layers: exactly the contradiction the page showed.
    expect(analysis.report.summary).toMatch(/layers rebuild/);
    const headline = buildHeadline(analysis);
    expect(headline.outcome).toBe('fails');
    expect(headline.text).not.toMatch(/layers rebuild/);
    expect(headline.text).toMatch(
      /^The build fails: line 3: nothing in the build context matches "README\.md"/,
    );
    expect(headline.text).toContain('leaves it out. No image is produced');
    expect(headline.text).not.toContain('..');
  });

  it('says the build stops before its first step on a syntax error, with the first line and a count', () => {
    const headline = buildHeadline(analyze('FROM node:22\nFORM oops\nRUN echo hi\nCOPY --chmod\n'));
    expect(headline.outcome).toBe('rejected');
    expect(headline.text).toMatch(
      /^The build stops before its first step: line 2: unknown instruction: FORM/,
    );
    expect(headline.text).not.toMatch(/layers rebuild/);
  });

  it('stops on a malformed .dockerignore pattern', () => {
    const headline = buildHeadline(analyze(realDockerfile, '[\n'));
    expect(headline.outcome).toBe('fails');
    expect(headline.text).toContain('.dockerignore line 1: syntax error in pattern "["');
  });

  it('names an empty file as such', () => {
    const headline = buildHeadline(analyze(''));
    expect(headline.outcome).toBe('rejected');
    expect(headline.text).toContain('no FROM');
  });
});

describe('stageDigest', () => {
  it('marks the stages an API edit rebuilds, from their first rebuilt line', () => {
    const lines = realDockerfile.split('\n');
    const copySrc = lines.findIndex((line) => line.startsWith('COPY src/lib/')) + 1;
    const digest = stageDigest(analyze(realDockerfile, realDockerignore, ['src/lib/api/app.ts']));
    expect(digest.map((stage) => `${stage.label} ${stage.text}`)).toEqual([
      'deps ✓ cached',
      `build ↻ from line ${copySrc}`,
      'prod-deps ✓ cached',
      expect.stringMatching(/^runtime ↻ from line \d+$/),
    ]);
  });

  it('marks the failing stage', () => {
    const digest = stageDigest(analyze('FROM alpine:3.20 AS one\nCOPY nope.txt /\n'));
    expect(digest).toEqual([{ label: 'one', state: 'fails', text: '✗ fails at line 2' }]);
  });
});

describe('contextLine', () => {
  it('counts sent and ignored files and bytes of the context', () => {
    const context = [
      { path: 'a.ts', version: 'v1', size: 2_048 },
      { path: 'node_modules', version: 'v1', size: 3 * 1_048_576, files: 1_500 },
    ];
    const analysis = analyzeBuild({
      dockerfile: 'FROM alpine:3.20\n',
      dockerignore: 'node_modules\n',
      changedPaths: [],
      context,
    });
    expect(contextLine(analysis)).toBe(
      'Build context: 1 file (2.0 KB) sent to the builder; 1,500 files (3.0 MB) left out by .dockerignore.',
    );
    const none = analyzeBuild({
      dockerfile: 'FROM alpine:3.20\n',
      dockerignore: null,
      changedPaths: [],
      context,
    });
    expect(contextLine(none)).toMatch(
      /^Build context: 1,501 files .* sent to the builder; nothing left out\.$/,
    );
  });
});
