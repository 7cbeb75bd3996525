/**
 * Inputs for the chapter-2 widgets: a naive first-attempt Dockerfile to compare with the real one
 * (the widget loads the repository's own `Dockerfile` and `.dockerignore` with `?raw`), a build
 * context shaped like this repository's working tree, and the edits a reader can try.
 */
import type { ContextFile } from './cache';

/**
 * A first attempt that works but rebuilds everything on any edit: one stage, unpinned base,
 * the whole context copied before `npm ci`, root user, no health check.
 */
export const NAIVE_DOCKERFILE = `FROM node:latest
RUN apt-get update && apt-get install -y curl
WORKDIR /app
COPY . .
RUN npm ci
RUN npm run build:model && npm run build:api
ENV HOST=0.0.0.0 PORT=8000 MODEL_PATH=/app/artifacts/penguins.onnx
EXPOSE 8000
CMD ["node", "dist-api/server.mjs"]
`;

/** A typical hand-written `.dockerignore` (deny-list style), to pair with the naive Dockerfile. */
export const BASIC_DOCKERIGNORE = `node_modules
.git
dist
artifacts
.env
*.md
`;

/** A context edit the reader can apply. */
export interface ContextChangePreset {
  /** Stable identifier. */
  id: string;
  /** Button label. */
  label: string;
  /** Context paths whose content changes. */
  paths: string[];
}

/** Edits offered by the cache widget. */
export const CONTEXT_CHANGE_PRESETS: readonly ContextChangePreset[] = [
  {
    id: 'api-source',
    label: 'Edit the API code (src/lib/api/app.ts)',
    paths: ['src/lib/api/app.ts'],
  },
  {
    id: 'training-code',
    label: 'Edit the training code (src/lib/model/train.ts)',
    paths: ['src/lib/model/train.ts'],
  },
  {
    id: 'lockfile',
    label: 'Upgrade a dependency (package-lock.json)',
    paths: ['package-lock.json'],
  },
  {
    id: 'model-artifact',
    label: 'A new gated model (artifacts/penguins.onnx)',
    paths: ['artifacts/penguins.onnx'],
  },
  {
    id: 'training-data',
    label: 'Touch the local training data (node_modules/vega-datasets/data/penguins.json)',
    paths: ['node_modules/vega-datasets/data/penguins.json'],
  },
  { id: 'readme', label: 'Edit README.md', paths: ['README.md'] },
  {
    id: 'chapter',
    label: 'Edit a chapter (content/02-docker/index.mdx)',
    paths: ['content/02-docker/index.mdx'],
  },
];

// (package, files, bytes per file): enough weight to show why node_modules must stay out.
const NODE_MODULES: readonly [string, number, number][] = [
  ['astro', 420, 9_000],
  ['@astrojs/starlight', 260, 6_000],
  ['vite', 180, 14_000],
  ['esbuild', 12, 900_000],
  ['@esbuild/linux-x64', 3, 3_200_000],
  ['typescript', 120, 180_000],
  ['onnxruntime-web', 90, 260_000],
  ['onnxruntime-common', 40, 8_000],
  ['hono', 310, 4_000],
  ['zod', 230, 7_000],
  ['vega-datasets', 80, 120_000],
  ['playwright-core', 350, 20_000],
  ['vitest', 150, 9_000],
  ['fast-check', 240, 5_000],
  ['protobufjs', 70, 12_000],
  ['yaml', 110, 6_000],
];

function repeat(prefix: string, count: number, ext: string, size: number): ContextFile[] {
  return Array.from({ length: count }, (_, i) => ({
    path: `${prefix}${i}.${ext}`,
    version: 'v1',
    size,
  }));
}

function buildRepositoryContext(): ContextFile[] {
  const file = (path: string, size: number): ContextFile => ({ path, version: 'v1', size });
  const files: ContextFile[] = [
    file('package.json', 2_100),
    file('package-lock.json', 410_000),
    file('tsconfig.json', 300),
    file('astro.config.mjs', 1_600),
    file('vitest.config.ts', 400),
    file('playwright.config.ts', 900),
    file('README.md', 5_200),
    file('Dockerfile', 2_400),
    file('.dockerignore', 500),
    file('.gitignore', 150),
    file('.nvmrc', 3),
    file('.prettierrc.json', 200),
    // A developer's local settings: exactly the kind of file that must never reach an image.
    file('.env', 120),
    file('src/lib/api/app.ts', 9_800),
    file('src/lib/api/schemas.ts', 6_200),
    file('src/lib/api/schemas.test.ts', 5_400),
    file('src/lib/api/predictor.ts', 3_100),
    file('src/lib/api/problem.ts', 2_600),
    file('src/lib/model/train.ts', 5_900),
    file('src/lib/model/train.test.ts', 4_800),
    file('src/lib/model/predict.ts', 2_200),
    file('src/lib/data/penguins.ts', 3_300),
    file('src/lib/onnx/encode.ts', 7_700),
    file('src/lib/runtime/index.ts', 4_100),
    file('src/lib/docker/parse.ts', 21_000),
    file('src/lib/docker/parse.test.ts', 12_000),
    file('src/components/DockerLab.astro', 6_000),
    file('src/components/ApiPlayground.astro', 7_000),
    file('src/styles/booklet.css', 3_000),
    file('scripts/api-server.ts', 2_500),
    file('scripts/build-model.ts', 1_800),
    file('scripts/bench.ts', 1_500),
    file('scripts/make-sample-pickles.py', 1_400),
    file('content/index.mdx', 6_500),
    file('content/01-model-deployment/index.mdx', 18_000),
    file('content/02-docker/index.mdx', 16_000),
    file('content/03-cloud-apis/index.mdx', 17_000),
    file('content/04-ci-cd/index.mdx', 15_000),
    file('content/05-monitoring/index.mdx', 19_000),
    file('content/glossary.mdx', 7_000),
    file('public/favicon.svg', 700),
    file('tests/e2e/docker.spec.ts', 3_000),
    file('artifacts/penguins.onnx', 2_300),
    file('dist/index.html', 30_000),
    file('dist/02-docker/index.html', 60_000),
    file('dist/_astro/page.js', 45_000),
    file('.git/HEAD', 30),
    file('.git/index', 60_000),
    file('.git/objects/pack/pack-1.pack', 4_800_000),
    file('node_modules/vega-datasets/data/penguins.json', 54_000),
  ];
  for (const [name, count, size] of NODE_MODULES) {
    files.push(...repeat(`node_modules/${name}/dist/file-`, count, 'js', size));
  }
  return files;
}

/** A build context shaped like this repository's working tree, node_modules and .git included. */
export const REPOSITORY_BUILD_CONTEXT: readonly ContextFile[] = buildRepositoryContext();
