/**
 * Build-time only (imported from component frontmatter): the repository's build context as
 * `docker build .` in a checkout would send it before .dockerignore applies. The file list comes
 * from git's index (src/lib/docker/git-context-node.ts), so untracked and ignored local files never
 * reach the page; `node_modules` and `.git` count as one entry each, without their inner names.
 */
import type { ContextFile } from '../../lib/docker/cache';
import { trackedBuildContext } from '../../lib/docker/git-context-node';
import { CONTEXT_CHANGE_PRESETS } from '../../lib/docker/presets';
import { defaultPenguinArtifact } from '../../lib/artifacts/penguins-node';

const presetPaths = CONTEXT_CHANGE_PRESETS.flatMap((preset) => preset.paths);
const listed = trackedBuildContext(process.cwd(), {
  collapse: ['node_modules', '.git'],
  keep: presetPaths,
});

// artifacts/penguins.onnx is built, never committed: its entry has the size of the artifact this
// very build produces, so a change preset can name it on every machine.
const withModel = listed.filter((file) => file.path !== 'artifacts/penguins.onnx');
const { onnx } = await defaultPenguinArtifact();
withModel.push({ path: 'artifacts/penguins.onnx', version: 'v1', size: onnx.length });

/** The build context, sorted by path. */
export const repositoryContext: ContextFile[] = withModel.sort((a, b) =>
  a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
);
