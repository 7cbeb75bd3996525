/**
 * Build-time only (imported from component frontmatter): the repository's real build context,
 * as `docker build .` in the repository root would send it before .dockerignore applies.
 */
import { readdirSync } from 'node:fs';
import type { ContextFile } from '../../lib/docker/cache';
import { scanBuildContext } from '../../lib/docker/context-scan-node';
import { CONTEXT_CHANGE_PRESETS } from '../../lib/docker/presets';
import { defaultPenguinArtifact } from '../../lib/artifacts/penguins-node';

const root = process.cwd();
// Folders the running site build (or its test runs) is writing are not stable enough to count.
const outputs = readdirSync(root).filter(
  (name) =>
    name === 'dist' ||
    name.startsWith('dist-') ||
    ['.astro', 'test-results', 'playwright-report', 'bench-results'].includes(name),
);
const presetPaths = CONTEXT_CHANGE_PRESETS.flatMap((preset) => preset.paths);

const scanned = scanBuildContext(root, { skip: outputs, keep: presetPaths });
// `npm run build:model` writes artifacts/penguins.onnx; on a fresh clone it is not there yet, so
// the entry uses the size of the artifact this very build produces.
if (!scanned.some((file) => file.path === 'artifacts/penguins.onnx')) {
  const { onnx } = await defaultPenguinArtifact();
  scanned.push({ path: 'artifacts/penguins.onnx', version: 'v1', size: onnx.length });
}

/** The real build context, sorted by path. */
export const repositoryContext: ContextFile[] = scanned.sort((a, b) =>
  a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
);
