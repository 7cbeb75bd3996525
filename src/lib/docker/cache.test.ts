import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulateLayerCache, simulateLayerCacheFromText } from './cache';
import type { ContextFile, LayerCacheOptions, LayerCacheReport } from './cache';
import { dockerfileFragment } from './dockerfile-arbitrary';
import { lintDockerfile } from './lint';
import { parseDockerfile } from './parse';
import type { ParsedDockerfile } from './parse';
import { BASIC_DOCKERIGNORE, NAIVE_DOCKERFILE, REPOSITORY_BUILD_CONTEXT } from './presets';

// Expectations below come from Docker's documented cache rules, cited by the short names:
// [invalidation]  docs.docker.com/build/cache/invalidation/ — "Once the cache is invalidated, all
//                 subsequent Dockerfile commands generate new images and the cache isn't used."
// [copy-checksum] same page — for ADD and COPY "the builder calculates a cache checksum from file
//                 metadata"; a changed file misses, unchanged files hit.
// [run-text]      same page — for RUN "the command string itself is used" (no file is inspected).
// [dockerignore]  docs.docker.com/build/concepts/context/ — ignored files never reach the builder.
// [arg-usage]     Dockerfile reference, ARG — "a cache miss occurs upon its first usage, not its definition".
// [multi-stage]   docs.docker.com/build/building/multi-stage/ — BuildKit only builds the stages the target depends on.
// [from-stage]    Dockerfile reference, FROM — a stage named in FROM is the starting point of the new stage.

const REAL_DOCKERFILE = readFileSync(new URL('../../../Dockerfile', import.meta.url), 'utf8');
const REAL_DOCKERIGNORE = readFileSync(new URL('../../../.dockerignore', import.meta.url), 'utf8');

/** Line of the first instruction with this keyword whose arguments contain `needle`. */
function lineOf(parsed: ParsedDockerfile, keyword: string, needle = ''): number {
  for (const stage of parsed.stages) {
    for (const instruction of stage.instructions) {
      if (instruction.keyword === keyword && instruction.args.includes(needle))
        return instruction.startLine;
    }
  }
  throw new Error(`test setup: no ${keyword} containing "${needle}"`);
}

function linesWith(report: LayerCacheReport, statuses: readonly string[]): number[] {
  return report.instructions
    .filter((entry) => statuses.includes(entry.status))
    .map((entry) => entry.line);
}

/** The report's entry for the instruction on `line`. */
function entryAt(report: LayerCacheReport, line: number) {
  return report.instructions.find((entry) => entry.line === line);
}

function uncached(report: LayerCacheReport): number[] {
  return report.instructions.filter((entry) => !entry.cached).map((entry) => entry.line);
}

describe('naive single-stage Dockerfile (COPY . . before npm ci)', () => {
  const parsed = parseDockerfile(NAIVE_DOCKERFILE);
  const copyAll = lineOf(parsed, 'COPY', '. .');
  const npmCi = lineOf(parsed, 'RUN', 'npm ci');
  const build = lineOf(parsed, 'RUN', 'build:model');
  const apt = lineOf(parsed, 'RUN', 'apt-get');
  const after =
    parsed.stages[0]?.instructions.filter((i) => i.startLine > copyAll).map((i) => i.startLine) ??
    [];

  for (const change of [
    'src/lib/api/app.ts',
    'package-lock.json',
    'artifacts/penguins.onnx',
    'README.md',
  ]) {
    it(`rebuilds COPY . . and everything after it when ${change} changes (no .dockerignore)`, () => {
      const report = simulateLayerCache(parsed, REPOSITORY_BUILD_CONTEXT, {
        changedPaths: [change],
      });
      // [copy-checksum] COPY . . reads every context file, so any change misses;
      // [invalidation] every later instruction then rebuilds, npm ci included.
      expect(uncached(report)).toEqual([copyAll, ...after]);
      expect(linesWith(report, ['rebuild'])).toEqual([copyAll, npmCi, build]);
      // [run-text] the apt-get RUN before the COPY keeps its text and parent, so it hits.
      expect(entryAt(report, apt)?.status).toBe('hit');
      const copy = entryAt(report, copyAll);
      expect(copy?.reason).toBe(`COPY rebuilds: ${change} changed.`);
      expect(copy?.changedFiles).toEqual([change]);
      expect(entryAt(report, npmCi)?.reason).toBe(
        `RUN rebuilds because an earlier layer in this stage rebuilt (line ${copyAll}).`,
      );
    });
  }

  it('keeps every layer when README.md changes and .dockerignore leaves it out', () => {
    // [dockerignore] README.md never reaches the builder, so COPY . . sees the same files.
    const report = simulateLayerCache(
      parsed,
      REPOSITORY_BUILD_CONTEXT,
      { changedPaths: ['README.md'] },
      { dockerignore: BASIC_DOCKERIGNORE },
    );
    expect(uncached(report)).toEqual([]);
    expect(report.counts).toEqual({ layers: 4, rebuilt: 0, cached: 4 });
  });

  it('copies node_modules, .git and .env into the image when there is no .dockerignore', () => {
    const report = simulateLayerCache(parsed, REPOSITORY_BUILD_CONTEXT, { changedPaths: [] });
    const paths = new Set(report.finalFiles.map((entry) => entry.path));
    expect(paths.has('/app/.env')).toBe(true);
    expect(paths.has('/app/.git/HEAD')).toBe(true);
    expect(paths.has('/app/node_modules/astro/dist/file-0.js')).toBe(true);
    expect(report.finalFiles).toHaveLength(REPOSITORY_BUILD_CONTEXT.length);
    expect(report.context.ignoredFiles).toBe(0);
    const withIgnore = simulateLayerCache(
      parsed,
      REPOSITORY_BUILD_CONTEXT,
      { changedPaths: [] },
      { dockerignore: BASIC_DOCKERIGNORE },
    );
    expect(withIgnore.finalFiles.some((entry) => entry.path.startsWith('/app/node_modules/'))).toBe(
      false,
    );
    expect(withIgnore.finalFiles.some((entry) => entry.path === '/app/.env')).toBe(false);
  });
});

describe('the real multi-stage Dockerfile with the real .dockerignore', () => {
  const parsed = parseDockerfile(REAL_DOCKERFILE);
  const options = { dockerignore: REAL_DOCKERIGNORE };
  const line = {
    depsFrom: lineOf(parsed, 'FROM', 'AS deps'),
    depsCopy: parsed.stages[0]?.instructions.find((i) => i.keyword === 'COPY')?.startLine ?? 0,
    depsInstall: parsed.stages[0]?.instructions.find((i) => i.keyword === 'RUN')?.startLine ?? 0,
    buildFrom: lineOf(parsed, 'FROM', 'AS build'),
    tsconfig: lineOf(parsed, 'COPY', 'tsconfig.json'),
    srcLib: lineOf(parsed, 'COPY', 'src/lib/'),
    scripts: lineOf(parsed, 'COPY', 'scripts/'),
    buildApi: lineOf(parsed, 'RUN', 'build:api'),
    prodFrom: lineOf(parsed, 'FROM', 'AS prod-deps'),
    prodCopy: parsed.stages[2]?.instructions.find((i) => i.keyword === 'COPY')?.startLine ?? 0,
    prodInstall: lineOf(parsed, 'RUN', '--omit=dev'),
    runtimeFrom: lineOf(parsed, 'FROM', 'AS runtime'),
    copyModules: lineOf(parsed, 'COPY', 'node_modules'),
    copyModel: lineOf(parsed, 'COPY', 'penguins.onnx'),
    copyApi: lineOf(parsed, 'COPY', 'dist-api'),
    modelIdArg: lineOf(parsed, 'ARG', 'MODEL_ID'),
    modelIdLabel: lineOf(parsed, 'LABEL', 'io.mlops-booklet.model-id=$MODEL_ID'),
  };
  const runtimeTail =
    parsed.stages[3]?.instructions
      .filter((i) => i.startLine > line.copyModules)
      .map((i) => i.startLine) ?? [];
  /** A build of `dockerfile` (the real one unless given) with the real .dockerignore. */
  const simulate = (changedPaths: string[], extra: LayerCacheOptions = {}, dockerfile = parsed) =>
    simulateLayerCache(
      dockerfile,
      REPOSITORY_BUILD_CONTEXT,
      { changedPaths },
      { ...options, ...extra },
    );
  /** Labels of the stages that rebuilt; the others (of the four above) kept their cache. */
  const rebuiltStages = (report: LayerCacheReport) =>
    report.stages.filter((stage) => stage.rebuilt).map((stage) => stage.label);

  it('has the four stages the tests rely on', () => {
    expect(parsed.errors).toEqual([]);
    expect(parsed.stages.map((stage) => stage.name)).toEqual([
      'deps',
      'build',
      'prod-deps',
      'runtime',
    ]);
    // The report labels the stages by these names; rebuiltStages() below names the rebuilt ones.
    expect(simulate([]).stages.map((stage) => stage.label)).toEqual(
      parsed.stages.map((stage) => stage.name),
    );
  });

  for (const change of ['src/lib/api/app.ts', 'src/lib/model/train.ts']) {
    it(`rebuilds only the build stage and the runtime copies from it when ${change} changes`, () => {
      const report = simulate([change]);
      // [copy-checksum] only COPY src/lib/ reads the file; [invalidation] the rest of `build` follows.
      // [from-stage]/COPY --from: runtime reads build's output, so its bundle copy rebuilds, while
      // deps, prod-deps, the node_modules copy and the model copy above it keep their cache.
      // Nothing trains: the model is a build input (Contract A).
      expect(linesWith(report, ['rebuild'])).toEqual([
        line.srcLib,
        line.scripts,
        line.buildApi,
        line.copyApi,
      ]);
      expect(uncached(report)).toEqual([
        line.srcLib,
        line.scripts,
        line.buildApi,
        ...runtimeTail.filter((l) => l > line.copyModel),
      ]);
      expect(entryAt(report, line.srcLib)?.reason).toBe(`COPY rebuilds: ${change} changed.`);
      expect(entryAt(report, line.copyApi)?.reason).toMatch(
        new RegExp(`^COPY rebuilds: stage build \\(line ${line.srcLib}\\) rebuilt`),
      );
      expect(rebuiltStages(report)).toEqual(['build', 'runtime']);
    });
  }

  it('rebuilds both installs and everything downstream when the lockfile changes', () => {
    const report = simulate(['package-lock.json']);
    // [copy-checksum] both manifest COPYs read package-lock.json; [from-stage] build starts from deps,
    // so it inherits the miss; [invalidation] runtime misses from its first COPY --from=prod-deps on.
    expect(linesWith(report, ['rebuild'])).toEqual([
      line.depsCopy,
      line.depsInstall,
      line.buildFrom,
      line.tsconfig,
      line.srcLib,
      line.scripts,
      line.buildApi,
      line.prodCopy,
      line.prodInstall,
      line.copyModules,
      line.copyModel,
      line.copyApi,
    ]);
    expect(linesWith(report, ['hit'])).toEqual([line.depsFrom, line.prodFrom, line.runtimeFrom]);
    expect(entryAt(report, line.buildFrom)?.reason).toBe(
      `FROM deps rebuilds: stage deps rebuilt (line ${line.depsCopy}).`,
    );
    expect(entryAt(report, line.buildApi)?.reason).toBe(
      `RUN rebuilds because its base stage deps rebuilt (line ${line.depsCopy}).`,
    );
  });

  for (const change of [
    'node_modules/vega-datasets/data/penguins.json',
    'README.md',
    'content/02-docker/index.mdx',
    'src/lib/model/train.test.ts',
  ]) {
    it(`reuses every layer when ${change} changes, because .dockerignore leaves it out`, () => {
      // [dockerignore] the file is not in the context, so no COPY checksum moves.
      const report = simulate([change]);
      expect(uncached(report)).toEqual([]);
      expect(report.counts.rebuilt).toBe(0);
    });
  }

  it('a new model file rebuilds the model COPY and the bundle copy after it: no install, no bundling, no training', () => {
    // [copy-checksum] the gated artifact is a context file that only the runtime's COPY reads.
    const report = simulate(['artifacts/penguins.onnx']);
    expect(linesWith(report, ['rebuild'])).toEqual([line.copyModel, line.copyApi]);
    expect(entryAt(report, line.copyModel)?.reason).toBe(
      'COPY rebuilds: artifacts/penguins.onnx changed.',
    );
    expect(rebuiltStages(report)).toEqual(['runtime']);
  });

  it('a new MODEL_ID rebuilds no layer, because the ARG is declared after the last RUN and COPY', () => {
    // [arg] a changed build argument misses at its first use: here the LABEL and ENV after it,
    // which are configuration, not layers.
    const newModel = {
      buildArgs: { MODEL_ID: `sha256:${'b'.repeat(64)}` },
      previousBuildArgs: { MODEL_ID: `sha256:${'a'.repeat(64)}` },
    };
    const report = simulate([], newModel);
    expect(report.counts.rebuilt).toBe(0);
    expect(uncached(report)[0]).toBeGreaterThan(line.copyApi);
    expect(uncached(report)).toContain(line.modelIdLabel);
    expect(line.modelIdArg).toBeGreaterThan(line.copyApi);
    // The same ARG at the top of the build stage would make its RUN rebuild on every new model.
    const early = parseDockerfile(
      REAL_DOCKERFILE.replace('FROM deps AS build\n', 'FROM deps AS build\nARG MODEL_ID\n'),
    );
    const earlyReport = simulate([], newModel, early);
    const runApi = lineOf(early, 'RUN', 'build:api');
    expect(entryAt(earlyReport, runApi)?.status).toBe('rebuild');
    expect(earlyReport.counts.rebuilt).toBeGreaterThan(0);
  });

  it('ships only node_modules, the model and the bundled server', () => {
    const report = simulate([]);
    expect(report.finalFiles.map((entry) => [entry.path, entry.origin, entry.kind])).toEqual([
      ['/app/artifacts/penguins.onnx', 'context', 'file'],
      ['/app/dist-api', 'stage-output', 'directory'],
      ['/app/node_modules', 'stage-output', 'directory'],
    ]);
    expect(report.finalLayers.map((layer) => [layer.keyword, layer.line])).toEqual([
      ['FROM', line.runtimeFrom],
      ['COPY', line.copyModules],
      ['COPY', line.copyModel],
      ['COPY', line.copyApi],
    ]);
    // The context is the 16 inputs of the build, not the 2700-file working tree.
    expect(report.context.sentFiles).toBeLessThan(30);
    expect(report.context.ignoredFiles).toBeGreaterThan(2500);
  });

  it('builds only deps when deps is the target', () => {
    const report = simulate([], { target: 'deps' });
    // [multi-stage] nothing depends on the later stages.
    expect(report.stages.map((stage) => stage.needed)).toEqual([true, false, false, false]);
    expect(
      report.instructions.filter((entry) => entry.status === 'skipped').length,
    ).toBeGreaterThan(10);
  });
});

describe('stage selection and cross-stage copies', () => {
  const text = [
    'FROM node:22.12.0 AS base',
    'RUN echo base',
    'FROM base AS test',
    'RUN npm test',
    'FROM node:22.12.0 AS app',
    'COPY --from=0 /etc/hosts /tmp/hosts',
    'CMD ["node"]',
  ].join('\n');

  it('skips a stage the target does not need and explains why', () => {
    const report = simulateLayerCacheFromText(text, [], { changedPaths: [] });
    // [multi-stage] app copies from stage 0 by index; nothing needs `test`.
    expect(report.stages.map((stage) => [stage.label, stage.needed])).toEqual([
      ['base', true],
      ['test', false],
      ['app', true],
    ]);
    expect(report.stages[0]?.why).toBe('stage app copies from it (line 6)');
    const skipped = entryAt(report, 4);
    expect(skipped?.status).toBe('skipped');
    expect(skipped?.reason).toBe(
      'Skipped: the target stage app does not depend on stage test, so BuildKit never builds it.',
    );
    expect(report.summary).toBe('0 of 2 layers rebuild for target app; stage test skipped.');
  });

  it('builds the base of a selected target and reports an unknown target', () => {
    const report = simulateLayerCacheFromText(text, [], { changedPaths: [] }, { target: 'test' });
    expect(report.stages.map((stage) => stage.needed)).toEqual([true, true, false]);
    expect(report.stages[0]?.why).toBe('stage test is built on it (line 3)');
    const missing = simulateLayerCacheFromText(text, [], { changedPaths: [] }, { target: 'nope' });
    expect(missing.errors).toEqual([
      'target stage "nope" does not exist; building the last stage instead',
    ]);
    expect(missing.target).toEqual({ index: 2, label: 'app' });
  });

  it('follows files copied between stages to their final path', () => {
    const context: ContextFile[] = [
      { path: 'config/app.json', version: '1' },
      { path: 'config/extra.json', version: '1' },
    ];
    const report = simulateLayerCacheFromText(
      [
        'FROM alpine:3.20 AS build',
        'WORKDIR /src',
        'COPY config/ ./conf/',
        'FROM alpine:3.20',
        'COPY --from=build /src/conf/app.json /etc/app.json',
      ].join('\n'),
      context,
      { changedPaths: ['config/extra.json'] },
    );
    expect(report.finalFiles.map((entry) => [entry.path, entry.origin])).toEqual([
      ['/etc/app.json', 'stage-file'],
    ]);
    expect(report.finalFiles[0]?.source).toBe('build:/src/conf/app.json (from config/app.json)');
    // The stage-level rule (a rebuilt stage counts as changed output) makes the copy rebuild.
    expect(entryAt(report, 5)?.status).toBe('rebuild');
  });
});

describe('COPY destinations', () => {
  const context: ContextFile[] = [
    { path: 'a.txt', version: '1' },
    { path: 'dir/one.txt', version: '1' },
    { path: 'dir/sub/two.txt', version: '1' },
    { path: 'img/x.png', version: '1' },
    { path: 'img/y.png', version: '1' },
  ];
  const files = (body: string): string[] =>
    simulateLayerCacheFromText(`FROM alpine:3.20\n${body}`, context, {
      changedPaths: [],
    }).finalFiles.map((entry) => entry.path);

  it('resolves relative destinations against WORKDIR, as the COPY reference describes', () => {
    expect(files('WORKDIR /srv\nCOPY a.txt b/')).toEqual(['/srv/b/a.txt']);
    expect(files('WORKDIR /srv\nCOPY a.txt renamed.txt')).toEqual(['/srv/renamed.txt']);
    expect(files('WORKDIR /srv\nWORKDIR app\nCOPY a.txt .')).toEqual(['/srv/app/a.txt']);
  });

  it('copies the contents of a directory source, not the directory itself', () => {
    expect(files('COPY dir /opt/')).toEqual(['/opt/one.txt', '/opt/sub/two.txt']);
  });

  it('puts each wildcard match into the destination directory', () => {
    expect(files('COPY img/*.png a.txt /static/')).toEqual([
      '/static/a.txt',
      '/static/x.png',
      '/static/y.png',
    ]);
  });

  it('expands ENV variables in destinations', () => {
    expect(files('ENV DEST=/opt/data\nCOPY a.txt $DEST/')).toEqual(['/opt/data/a.txt']);
  });
});

describe('other cache keys', () => {
  it('misses RUN, not ARG, when a build argument changes', () => {
    const text = 'FROM alpine:3.20\nARG VERSION=1\nRUN echo building\nRUN echo done';
    const report = simulateLayerCacheFromText(
      text,
      [],
      { changedPaths: [] },
      { buildArgs: { VERSION: '2' }, previousBuildArgs: { VERSION: '1' } },
    );
    // [arg-usage] the ARG line itself hits; the first RUN (which sees VERSION) misses.
    expect(report.instructions.map((entry) => [entry.line, entry.cached])).toEqual([
      [1, true],
      [2, true],
      [3, false],
      [4, false],
    ]);
    expect(report.instructions[2]?.reason).toBe(
      'RUN rebuilds: build argument VERSION (1 → 2) changed, and RUN sees every ARG in scope.',
    );
  });

  it('misses a RUN whose text changed in the Dockerfile', () => {
    const before = parseDockerfile('FROM node:22.12.0\nRUN npm ci\nRUN npm test');
    const report = simulateLayerCacheFromText(
      'FROM node:22.12.0\nRUN npm ci --omit=dev\nRUN npm test',
      [],
      { changedPaths: [] },
      { previousDockerfile: before },
    );
    // [run-text]
    expect(report.instructions.map((entry) => entry.status)).toEqual(['hit', 'rebuild', 'rebuild']);
    expect(report.instructions[1]?.reason).toBe('RUN rebuilds: its instruction text changed.');
  });

  it('misses everything after FROM when the base image moved to a new digest or changed', () => {
    const text = 'FROM node:22.12.0\nRUN npm ci';
    const pulled = simulateLayerCacheFromText(
      text,
      [],
      { changedPaths: [] },
      { updatedBaseImages: ['node:22.12.0'] },
    );
    expect(pulled.instructions.map((entry) => entry.status)).toEqual(['rebuild', 'rebuild']);
    expect(pulled.instructions[0]?.reason).toBe(
      'FROM pulls a new base image: node:22.12.0 now points to a new digest in the registry.',
    );
    const bumped = simulateLayerCacheFromText(
      'FROM node:22.13.0\nRUN npm ci',
      [],
      { changedPaths: [] },
      { previousDockerfile: parseDockerfile(text) },
    );
    expect(bumped.instructions[0]?.reason).toBe(
      'FROM pulls a different base image: node:22.12.0 → node:22.13.0.',
    );
  });

  it('uses a FROM ARG default, overridden by --build-arg', () => {
    const text = 'ARG BASE=node:22.12.0\nFROM ${BASE}\nRUN npm ci';
    const report = simulateLayerCacheFromText(
      text,
      [],
      { changedPaths: [] },
      { buildArgs: { BASE: 'node:22.13.0' }, previousBuildArgs: {} },
    );
    expect(entryAt(report, 2)?.reason).toBe(
      'FROM pulls a different base image: node:22.12.0 → node:22.13.0.',
    );
  });

  it('rebuilds everything without a previous build', () => {
    const report = simulateLayerCacheFromText(
      'FROM node:22.12.0\nENV A=1\nRUN npm ci',
      [],
      { changedPaths: [] },
      { noCache: true },
    );
    expect(report.instructions.map((entry) => [entry.status, entry.cached])).toEqual([
      ['rebuild', false],
      ['no-layer', false],
      ['rebuild', false],
    ]);
    expect(report.instructions[0]?.reason).toBe(
      'FROM runs: there is no earlier build to reuse (first build or --no-cache).',
    );
  });

  it('names added and removed files when given the previous context', () => {
    const report = simulateLayerCacheFromText(
      'FROM alpine:3.20\nCOPY src/ /src/',
      [
        { path: 'src/a.ts', version: '1' },
        { path: 'src/new.ts', version: '1' },
      ],
      {
        previousContext: [
          { path: 'src/a.ts', version: '1' },
          { path: 'src/old.ts', version: '1' },
        ],
      },
    );
    expect(report.instructions[1]?.reason).toBe(
      'COPY rebuilds: src/new.ts was added; src/old.ts was removed.',
    );
  });

  it('keys RUN --mount=type=bind on the files it mounts', () => {
    const context: ContextFile[] = [
      { path: 'requirements.txt', version: '1' },
      { path: 'app.py', version: '1' },
    ];
    const text =
      'FROM python:3.12.4-slim\nRUN --mount=type=bind,source=requirements.txt,target=/tmp/r.txt pip install -r /tmp/r.txt';
    // [invalidation] "RUN instructions with bind mounts" are checksummed like COPY.
    expect(
      simulateLayerCacheFromText(text, context, { changedPaths: ['requirements.txt'] })
        .instructions[1]?.status,
    ).toBe('rebuild');
    expect(
      simulateLayerCacheFromText(text, context, { changedPaths: ['app.py'] }).instructions[1]
        ?.status,
    ).toBe('hit');
  });

  it('reports a COPY source that .dockerignore removed, naming the line', () => {
    const report = simulateLayerCacheFromText(
      'FROM alpine:3.20\nCOPY README.md /docs/',
      [{ path: 'README.md', version: '1' }],
      { changedPaths: [] },
      { dockerignore: 'dist\n*.md' },
    );
    expect(report.instructions[1]?.status).toBe('error');
    expect(report.errors).toEqual([
      'line 2: nothing in the build context matches "README.md": .dockerignore line 2 (*.md) leaves it out.',
    ]);
  });

  it('marks metadata instructions as creating no layer', () => {
    const report = simulateLayerCacheFromText(
      'FROM alpine:3.20\nENV A=1\nWORKDIR /app\nUSER nobody\nEXPOSE 80\nLABEL a=b\nCMD ["sh"]',
      [],
      { changedPaths: [] },
    );
    expect(
      report.instructions.slice(1).every((entry) => entry.status === 'no-layer' && entry.cached),
    ).toBe(true);
    expect(report.counts.layers).toBe(0);
  });

  it('never throws on an empty Dockerfile', () => {
    const report = simulateLayerCacheFromText('', [], { changedPaths: ['x'] });
    expect(report.target).toBeNull();
    expect(report.summary).toBe('Nothing to build: the Dockerfile has no FROM.');
  });
});

describe('variable substitution timing', () => {
  it('substitutes values from before the instruction, as the ENV reference example shows', () => {
    // Dockerfile reference, "Environment replacement": ENV abc=hello / ENV abc=bye def=$abc gives def=hello.
    const report = simulateLayerCacheFromText(
      'FROM alpine:3.20\nENV abc=hello\nENV abc=bye def=$abc\nCOPY a.txt /$def/',
      [{ path: 'a.txt', version: '1' }],
      { changedPaths: [] },
    );
    expect(report.finalFiles.map((entry) => entry.path)).toEqual(['/hello/a.txt']);
  });
});

describe('robustness', () => {
  it('simulates and lints any text without throwing', () => {
    const text = dockerfileFragment(40);
    const context: ContextFile[] = [
      { path: 'a', version: '1' },
      { path: 'b/c.md', version: '1' },
      { path: './d//e', version: '1' },
    ];
    fc.assert(
      fc.property(
        text,
        text,
        fc.constantFrom(null, '*\n!a', 'b', '[bad'),
        (current, previous, ignore) => {
          const report = simulateLayerCache(
            parseDockerfile(current),
            context,
            { changedPaths: ['a', 'gone'] },
            {
              dockerignore: ignore,
              previousDockerfile: parseDockerfile(previous),
              buildArgs: { A: 'z' },
            },
          );
          lintDockerfile(parseDockerfile(current), {
            context: { fileCount: 5000, totalBytes: 1, hasDockerignore: false },
          });
          return typeof report.summary === 'string';
        },
      ),
      { numRuns: 1500, seed: 11 },
    );
  });
});
