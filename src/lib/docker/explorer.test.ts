import { describe, expect, it } from 'vitest';
import realDockerfile from '../../../Dockerfile?raw';
import realDockerignore from '../../../.dockerignore?raw';
import { analyzeBuild, baseImagesOf, instructionText } from './explorer';
import type { BuildAnalysis } from './explorer';
import { parseDockerfile } from './parse';
import { BASIC_DOCKERIGNORE, NAIVE_DOCKERFILE } from './presets';

/** Source line (1-based) of the first line of `text` that starts with `prefix`. */
function lineStarting(text: string, prefix: string, nth = 0): number {
  const lines = text.split('\n');
  const hits = lines.flatMap((line, i) => (line.startsWith(prefix) ? [i + 1] : []));
  const hit = hits[nth];
  if (hit === undefined) throw new Error(`no line starts with ${prefix}`);
  return hit;
}

function statusAt(analysis: BuildAnalysis, line: number): string | undefined {
  return analysis.rows.find((row) => row.line === line)?.status;
}

/** The real Dockerfile and .dockerignore analysed after `changedPaths` changed. */
const analyzeChange = (changedPaths: string[]) =>
  analyzeBuild({ dockerfile: realDockerfile, dockerignore: realDockerignore, changedPaths });

describe('analyzeBuild on the repository Dockerfile and .dockerignore', () => {
  const npmCi = lineStarting(realDockerfile, 'RUN --mount=type=cache,target=/root/.npm npm ci');
  const copySrc = lineStarting(realDockerfile, 'COPY src/lib/');
  const prodCi = lineStarting(realDockerfile, 'RUN --mount=type=cache,target=/root/.npm npm ci', 1);

  it('parses without errors and rebuilds nothing when nothing changed', () => {
    const analysis = analyzeChange([]);
    expect(analysis.dockerfileErrors).toEqual([]);
    expect(analysis.dockerignoreErrors).toEqual([]);
    expect(analysis.buildErrors).toEqual([]);
    expect(analysis.report.counts.rebuilt).toBe(0);
    expect(analysis.lint).toEqual([]);
    expect(analysis.graph.nodes.map((node) => node.label)).toEqual([
      'deps',
      'build',
      'prod-deps',
      'runtime',
    ]);
  });

  it('after an API source edit: npm ci is a cache hit, the COPY of src/lib and later steps rebuild', () => {
    const analysis = analyzeChange(['src/lib/api/app.ts']);
    expect(statusAt(analysis, npmCi)).toBe('hit');
    expect(statusAt(analysis, prodCi)).toBe('hit');
    expect(statusAt(analysis, copySrc)).toBe('rebuild');
    const copyRow = analysis.rows.find((row) => row.line === copySrc);
    expect(copyRow?.changedFiles).toEqual(['src/lib/api/app.ts']);
    expect(copyRow?.text).toBe('COPY src/lib/ ./src/lib/');
  });

  it('a lockfile change reinstalls in both install stages', () => {
    const analysis = analyzeChange(['package-lock.json']);
    expect(statusAt(analysis, npmCi)).toBe('rebuild');
    expect(statusAt(analysis, prodCi)).toBe('rebuild');
  });

  it('a new model file rebuilds two runtime COPYs, and nothing above them', () => {
    const analysis = analyzeChange(['artifacts/penguins.onnx']);
    expect(analysis.report.counts.rebuilt).toBe(2);
    expect(statusAt(analysis, npmCi)).toBe('hit');
    expect(statusAt(analysis, prodCi)).toBe('hit');
  });

  it('a moved base-image digest rebuilds every stage from its FROM', () => {
    const analysis = analyzeBuild({
      dockerfile: realDockerfile,
      dockerignore: realDockerignore,
      changedPaths: [],
      baseImagesMoved: true,
    });
    const fromRows = analysis.rows.filter((row) => row.keyword === 'FROM');
    expect(fromRows.map((row) => row.status)).toEqual(['rebuild', 'rebuild', 'rebuild', 'rebuild']);
    expect(analysis.report.counts.rebuilt).toBe(analysis.report.counts.layers);
  });

  it('without .dockerignore the lint rule for a large context fires', () => {
    const analysis = analyzeBuild({
      dockerfile: realDockerfile,
      dockerignore: null,
      changedPaths: [],
    });
    expect(analysis.lint.map((finding) => finding.rule)).toContain('missing-dockerignore');
  });
});

describe('analyzeBuild on other inputs', () => {
  it('in the naive Dockerfile a source edit reinstalls every package', () => {
    const analysis = analyzeBuild({
      dockerfile: NAIVE_DOCKERFILE,
      dockerignore: BASIC_DOCKERIGNORE,
      changedPaths: ['src/lib/api/app.ts'],
    });
    // Line 4 is COPY . ., line 5 RUN npm ci (see presets.ts).
    expect(analysis.rows.find((row) => row.line === 4)?.status).toBe('rebuild');
    expect(analysis.rows.find((row) => row.line === 5)?.status).toBe('rebuild');
    expect(analysis.lint.map((finding) => finding.rule)).toEqual(
      expect.arrayContaining([
        'unpinned-base-image',
        'copy-context-before-install',
        'runs-as-root',
      ]),
    );
  });

  it('counts the reader’s edit as a change when compared with the previous text', () => {
    const before = 'FROM alpine:3.20\nRUN echo one\nRUN echo two\n';
    const after = 'FROM alpine:3.20\nRUN echo ONE\nRUN echo two\n';
    const analysis = analyzeBuild({
      dockerfile: after,
      dockerignore: null,
      changedPaths: [],
      previous: { dockerfile: before, dockerignore: null },
      context: [],
    });
    expect(analysis.rows.map((row) => row.status)).toEqual(['hit', 'rebuild', 'rebuild']);
  });

  it('reports malformed lines by line number and still analyses the rest', () => {
    const analysis = analyzeBuild({
      dockerfile: 'FROM alpine:3.20\nFORM nothing\nRUN echo ok\n',
      dockerignore: 'dist\n[unclosed\n',
      changedPaths: [],
      context: [],
    });
    expect(analysis.dockerfileErrors).toEqual([{ line: 2, message: 'unknown instruction: FORM' }]);
    expect(analysis.dockerignoreErrors.map((error) => error.line)).toEqual([2]);
    // The .dockerignore problem is shown at its own field, not again among build errors.
    expect(analysis.buildErrors).toEqual([]);
    expect(analysis.rows.map((row) => [row.line, row.keyword])).toEqual([
      [1, 'FROM'],
      [3, 'RUN'],
    ]);
  });

  it('an empty Dockerfile gives an error, no rows and no stages', () => {
    const analysis = analyzeBuild({
      dockerfile: '',
      dockerignore: null,
      changedPaths: [],
      context: [],
    });
    expect(analysis.dockerfileErrors.length).toBe(1);
    expect(analysis.rows).toEqual([]);
    expect(analysis.graph.nodes).toEqual([]);
  });
});

describe('helpers', () => {
  it('instructionText drops comment lines inside a continuation', () => {
    const parsed = parseDockerfile(
      'FROM alpine:3.20\nRUN apk add curl \\\n# why\n  && echo done\n',
    );
    const run = parsed.stages[0]?.instructions[1];
    expect(run && instructionText(run)).toBe('RUN apk add curl \\\n  && echo done');
  });

  it('baseImagesOf lists each external base once and skips stages and scratch', () => {
    const parsed = parseDockerfile(
      'FROM node:22-slim AS a\nFROM a AS b\nFROM node:22-slim AS c\nFROM scratch\n',
    );
    expect(baseImagesOf(parsed)).toEqual(['node:22-slim']);
  });
});
