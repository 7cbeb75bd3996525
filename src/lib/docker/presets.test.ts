import { describe, expect, it } from 'vitest';
import { filterBuildContext, parseDockerignore } from './dockerignore';
import { lintDockerfile } from './lint';
import { parseDockerfile } from './parse';
import {
  BASIC_DOCKERIGNORE,
  CONTEXT_CHANGE_PRESETS,
  NAIVE_DOCKERFILE,
  REPOSITORY_BUILD_CONTEXT,
} from './presets';

describe('presets', () => {
  it('the naive Dockerfile parses and shows the mistakes the chapter discusses', () => {
    const parsed = parseDockerfile(NAIVE_DOCKERFILE);
    expect(parsed.errors).toEqual([]);
    const context = {
      fileCount: REPOSITORY_BUILD_CONTEXT.length,
      totalBytes: REPOSITORY_BUILD_CONTEXT.reduce((sum, file) => sum + (file.size ?? 0), 0),
      hasDockerignore: false,
    };
    const rules = new Set(lintDockerfile(parsed, { context }).map((finding) => finding.rule));
    expect([...rules].sort()).toEqual([
      'apt-lists-not-removed',
      'apt-no-install-recommends',
      'copy-context-before-install',
      'missing-dockerignore',
      'missing-healthcheck',
      'runs-as-root',
      'unpinned-base-image',
    ]);
  });

  it('the repository context is heavy with node_modules, and every preset edit names a file in it', () => {
    const paths = new Set(REPOSITORY_BUILD_CONTEXT.map((file) => file.path));
    expect(paths.size).toBe(REPOSITORY_BUILD_CONTEXT.length);
    const modules = REPOSITORY_BUILD_CONTEXT.filter((file) =>
      file.path.startsWith('node_modules/'),
    );
    expect(modules.length).toBeGreaterThan(2000);
    for (const preset of CONTEXT_CHANGE_PRESETS)
      for (const path of preset.paths) expect(paths.has(path), path).toBe(true);
  });

  it('the basic .dockerignore leaves out node_modules, .git, .env and markdown', () => {
    const { sent } = filterBuildContext(
      REPOSITORY_BUILD_CONTEXT,
      parseDockerignore(BASIC_DOCKERIGNORE),
    );
    const kept = sent.map((file) => file.path);
    expect(
      kept.some(
        (path) =>
          /^(node_modules|\.git|dist|artifacts)\//.test(path) ||
          path === '.env' ||
          path.endsWith('.md'),
      ),
    ).toBe(false);
    expect(kept).toContain('src/lib/api/app.ts');
  });
});
