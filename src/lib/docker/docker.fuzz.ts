/**
 * Fuzz pass over every input of the chapter-2 widgets (issue 15), against the library code the
 * widgets call: generated bad and extreme input gets a clear message or a correct result, and
 * nothing throws. The run counts per input are in FUZZ_RUNS and in the test names.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import realDockerfile from '../../../Dockerfile?raw';
import realDockerignore from '../../../.dockerignore?raw';
import { lifecycleCommand } from './commands';
import { parseContextJson } from './context-json';
import { parseDockerignore } from './dockerignore';
import { analyzeBuild } from './explorer';
import { buildHeadline, stageDigest } from './headline';
import { checkContainerPath, checkFileContent, checkLength, TEXT_LIMITS } from './input-limits';
import { applyLifecycleAction, createLifecycle, visibleFiles } from './lifecycle';
import type { LifecycleAction, MountSpec } from './lifecycle';
import { locateFile } from './persistence';
import { REPOSITORY_BUILD_CONTEXT } from './presets';
import { fuzzSuite, textFrom } from '../fuzz';

/** Generated inputs per widget input. */
export const FUZZ_RUNS = {
  dockerfile: 400,
  dockerignore: 300,
  contextJson: 200,
  volumePath: 300,
  volumeContent: 200,
  volumeCommands: 250,
} as const;

// Pieces that, shuffled, make plausible and broken Dockerfiles.
const DOCKERFILE_PIECES = [
  'FROM node:22 AS deps\n',
  'FROM deps AS build\n',
  'FROM scratch\n',
  'FROM ${BASE}\n',
  'ARG BASE=alpine:3.20\n',
  'FORM x\n',
  'WORKDIR /app\n',
  'COPY package.json ./\n',
  'COPY . .\n',
  'COPY --from=deps /app/node_modules ./node_modules\n',
  'COPY --from=nowhere /x /y\n',
  'COPY --from=\n',
  'COPY --chmod=755 <<EOF /run.sh\necho hi\nEOF\n',
  'RUN <<EOF\n',
  'RUN --mount=type=cache,target=/root/.npm npm ci\n',
  'RUN --mount=type=bind,from=build,target=/b ls\n',
  'RUN npm run build \\\n',
  '  && echo done\n',
  'ENV A=1 B="two words"\n',
  'USER node\n',
  'HEALTHCHECK CMD curl -f http://x/\n',
  'HEALTHCHECK NONE\n',
  'HEALTHCHECK\n',
  'CMD ["node", "a.js"\n',
  'CMD ["node", "a.js"]\n',
  'SHELL not-json\n',
  'ONBUILD ONBUILD RUN x\n',
  '# syntax=docker/dockerfile:1\n',
  '# escape=`\n',
  '# escape=x\n',
  'EXPOSE 8000\n',
  'LABEL\n',
  '\\\n',
  '\t',
  ' ',
  '\r\n',
  '\u0000',
  'é',
  '🐳',
  '\u202e',
  '"',
  '[',
];

const dockerfileText = fc.oneof(
  fc.array(fc.constantFrom(...DOCKERFILE_PIECES), { maxLength: 60 }).map((parts) => parts.join('')),
  fc.string({ unit: 'grapheme', maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.uint8Array({ maxLength: 600 }).map((bytes) => new TextDecoder('latin1').decode(bytes)),
  // Huge: the real file pasted many times, up to the editor's limit.
  fc
    .integer({ min: 1, max: Math.floor(TEXT_LIMITS.dockerfile / realDockerfile.length) })
    .map((times) => realDockerfile.repeat(times)),
  fc.constantFrom('', ' ', '\n\n\n', 'FROM', 'FROM \\', realDockerfile.slice(0, 200)),
);

const ignorePieces = textFrom(
  [
    '*',
    '!',
    '**',
    '**/*.ts',
    '[',
    ']',
    '[a-',
    '\\',
    '!src/',
    '../x',
    '/',
    '#',
    'node_modules',
    '.env',
    '\n',
    ' ',
    'é',
    '\u0000',
  ],
  { maxLength: 50 },
);

const ignoreText = fc.oneof(
  // Huge inputs are slow to analyse by nature (patterns × paths), so they are a small share.
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1, max: TEXT_LIMITS.dockerignore / 2 })
      .map((lines) => '*\n'.repeat(lines)),
  },
  { weight: 10, arbitrary: ignorePieces },
  { weight: 5, arbitrary: fc.string({ unit: 'grapheme', maxLength: 300 }) },
  { weight: 5, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
);

// About as many entries as the page's real context (git's tracked files, ~380), with the paths the
// real Dockerfile copies, node_modules and the .env the lint rules look for.
const CONTEXT = REPOSITORY_BUILD_CONTEXT.filter(
  (file, i) => i % 7 === 0 || /^(package|tsconfig|src\/lib\/api|scripts\/|\.env)/.test(file.path),
);

function checkAnalysis(dockerfile: string, dockerignore: string | null, changed: string[]): void {
  const analysis = analyzeBuild({
    dockerfile,
    dockerignore,
    changedPaths: changed,
    context: CONTEXT,
  });
  const headline = buildHeadline(analysis);
  expect(headline.text.length).toBeGreaterThan(0);
  // The headline only counts layers when nothing stops the build (finding 8).
  if (headline.outcome === 'builds') {
    expect(analysis.dockerfileErrors).toEqual([]);
    expect(analysis.buildErrors).toEqual([]);
    expect(analysis.dockerignoreErrors).toEqual([]);
  } else {
    expect(headline.text).not.toMatch(/layers rebuild/);
  }
  const digest = stageDigest(analysis);
  expect(digest).toHaveLength(analysis.report.stages.length);
  for (const row of analysis.rows) expect(row.line).toBeGreaterThan(0);
  for (const error of analysis.dockerfileErrors) expect(error.message.length).toBeGreaterThan(0);
}

const { describe, it, tests } = fuzzSuite();

describe('fuzz: layer-cache explorer inputs', () => {
  it(`Dockerfile editor: ${FUZZ_RUNS.dockerfile} malformed, unicode, binary and huge files analyse without throwing`, (assert) => {
    assert(
      fc.property(dockerfileText, fc.boolean(), (text, withIgnore) => {
        checkAnalysis(text, withIgnore ? realDockerignore : null, ['src/lib/api/app.ts']);
      }),
      { numRuns: FUZZ_RUNS.dockerfile, seed: 20261202 },
    );
  });

  it(`.dockerignore editor: ${FUZZ_RUNS.dockerignore} generated files give line-numbered errors or a result`, (assert) => {
    assert(
      fc.property(ignoreText, (text) => {
        const parsed = parseDockerignore(text);
        const lines = text.split('\n').length;
        for (const error of parsed.errors) {
          expect(error.line).toBeGreaterThanOrEqual(1);
          expect(error.line).toBeLessThanOrEqual(lines);
        }
        checkAnalysis(realDockerfile, text, ['package-lock.json']);
      }),
      { numRuns: FUZZ_RUNS.dockerignore, seed: 20261203 },
    );
  });

  it(`build-context data attribute: ${FUZZ_RUNS.contextJson} malformed JSON payloads keep only well-formed entries`, (assert) => {
    const entry = fc.record({
      path: fc.oneof(fc.string(), fc.constant(''), fc.integer()),
      version: fc.oneof(fc.constant('v1'), fc.integer(), fc.constant(null)),
      size: fc.oneof(fc.double(), fc.constant(Number.NaN), fc.integer({ min: -5, max: 5 })),
    });
    const payload = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.array(entry, { maxLength: 20 }).map((entries) => JSON.stringify(entries)),
      fc.jsonValue().map((value) => JSON.stringify(value)),
    );
    assert(
      fc.property(payload, (text) => {
        const files = parseContextJson(text);
        for (const file of files) {
          expect(typeof file.path).toBe('string');
          expect(file.path).not.toBe('');
          if (file.size !== undefined)
            expect(Number.isFinite(file.size) && file.size >= 0).toBe(true);
        }
      }),
      { numRuns: FUZZ_RUNS.contextJson, seed: 20261204 },
    );
  });
});

const MOUNTS: MountSpec[] = [
  { mode: 'none' },
  { mode: 'volume', name: 'penguins-logs', target: '/app/logs' },
  { mode: 'bind', hostPath: '/home/you/penguins-logs', target: '/app/logs' },
];

const pathText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc
    .array(fc.constantFrom('/', '..', '.', 'app', 'logs', '//', ' ', 'é', '\u0000', '~'), {
      maxLength: 40,
    })
    .map((p) => p.join('')),
  fc.integer({ min: 0, max: 100_000 }).map((n) => '/app/logs/' + 'a'.repeat(n)),
  fc.constantFrom('', '   ', '/', '/app/logs', '/app/logs/', 'relative.txt', '/etc/passwd'),
);

const action = fc.oneof(
  fc.constantFrom(...MOUNTS).map((mount): LifecycleAction => ({ type: 'run', mount })),
  pathText.map((path): LifecycleAction => ({ type: 'writeFile', path, content: 'x' })),
  fc.constantFrom<LifecycleAction>(
    { type: 'stop' },
    { type: 'start' },
    { type: 'rm' },
    { type: 'rm', force: true },
    { type: 'volumeRm', name: 'penguins-logs' },
    { type: 'stop', containerId: 'c9' },
  ),
);

describe('fuzz: volumes lab inputs', () => {
  const image = { '/app/dist-api/server.mjs': 'bundle' };

  it(`path field: ${FUZZ_RUNS.volumePath} generated paths get a field message or a correct write`, (assert) => {
    assert(
      fc.property(pathText, fc.constantFrom(...MOUNTS), (path, mount) => {
        const message = checkContainerPath(path);
        if (message !== null) {
          expect(message.length).toBeGreaterThan(0);
          return;
        }
        expect(path.trim().length).toBeLessThanOrEqual(TEXT_LIMITS.path);
        const started = applyLifecycleAction(createLifecycle('img', image, '/app'), {
          type: 'run',
          mount,
        });
        expect(started.ok).toBe(true);
        const written = applyLifecycleAction(started.state, {
          type: 'writeFile',
          path,
          content: 'x',
        });
        if (!written.ok) {
          expect(written.error).toMatch(/^Cannot write/);
          return;
        }
        // A successful write is seen by the container that wrote it.
        const where = locateFile(written.state, path, mount);
        expect(where.seenByNewest).not.toBeNull();
      }),
      { numRuns: FUZZ_RUNS.volumePath, seed: 20261205 },
    );
  });

  it(`content field: ${FUZZ_RUNS.volumeContent} generated contents are accepted up to the limit and refused past it`, (assert) => {
    const content = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 1_200 }),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.integer({ min: 0, max: 100_000 }).map((n) => 'x'.repeat(n)),
    );
    assert(
      fc.property(content, (text) => {
        const message = checkFileContent(text);
        expect(message === null).toBe(text.length <= TEXT_LIMITS.content);
        expect(checkLength(text, TEXT_LIMITS.content, 'The content')).toBe(message);
      }),
      { numRuns: FUZZ_RUNS.volumeContent, seed: 20261206 },
    );
  });

  it(`command buttons: ${FUZZ_RUNS.volumeCommands} random command sequences in all three columns never throw`, (assert) => {
    assert(
      fc.property(fc.array(action, { maxLength: 30 }), (actions) => {
        for (const mount of MOUNTS) {
          let state = createLifecycle('penguins-api:1.0.0', image, '/app');
          for (const raw of actions) {
            const step = raw.type === 'run' ? { type: 'run' as const, mount } : raw;
            expect(lifecycleCommand(state, step)).toMatch(
              /\bdocker (run|exec|stop|start|rm|volume rm) /,
            );
            const result = applyLifecycleAction(state, step);
            if (!result.ok) expect(result.state).toBe(state);
            state = result.state;
            const ids = state.containers.map((c) => c.id);
            expect(new Set(ids).size).toBe(ids.length);
            for (const id of ids) visibleFiles(state, id);
            locateFile(state, '/app/logs/predictions.log', mount);
          }
        }
      }),
      { numRuns: FUZZ_RUNS.volumeCommands, seed: 20261207 },
    );
  });
});

describe('fuzz sanity', () => {
  it('the fuzzed context is page-sized and the real files still build in it', () => {
    expect(CONTEXT.length).toBeGreaterThan(300);
    expect(CONTEXT.length).toBeLessThan(800);
    const analysis = analyzeBuild({
      dockerfile: realDockerfile,
      dockerignore: realDockerignore,
      changedPaths: [],
      context: CONTEXT,
    });
    expect(buildHeadline(analysis).outcome).toBe('builds');
  });
});

/** The properties above, for the unit test beside this file and the fuzz bench. */
export const FUZZ_TESTS = tests;
