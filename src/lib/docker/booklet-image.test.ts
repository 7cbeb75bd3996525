/**
 * The site image (docker/booklet.Dockerfile) must give the site build what it reads: the build
 * lists tracked files with `git ls-files` (the labs zip, chapter 2's build context), so the build
 * stage needs a git binary and the context must carry .git. Checked with the chapter's own parser.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matchDockerignore, parseDockerignore } from './dockerignore';
import { lintDockerfile } from './lint';
import { parseDockerfile } from './parse';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const dockerfile = parseDockerfile(read('docker/booklet.Dockerfile'));
const ignore = parseDockerignore(read('docker/booklet.Dockerfile.dockerignore'));

/** The stages `name` is built on, itself first (FROM <stage> chains). */
function stageChain(name: string) {
  const chain = [];
  let stage = dockerfile.stages.find((candidate) => candidate.name === name);
  while (stage !== undefined) {
    chain.push(stage);
    const base = stage.baseRef;
    stage = base === null ? undefined : dockerfile.stages.find((c) => c.name === base);
  }
  return chain;
}

describe('docker/booklet.Dockerfile gives the site build git and .git', () => {
  it('the site build really runs git ls-files (the reason for this test)', () => {
    expect(read('src/lib/notebook/labs-node.ts')).toContain("'ls-files'");
    expect(read('src/lib/docker/git-context-node.ts')).toContain("'ls-files'");
  });

  it('installs git in a stage the build stage is built on, with apt hygiene', () => {
    expect(dockerfile.errors).toEqual([]);
    const chain = stageChain('build');
    expect(chain.map((stage) => stage.name)).toEqual(['build', 'deps']);
    const installs = chain
      .flatMap((stage) => stage.instructions)
      .filter((i) => i.keyword === 'RUN' && /apt-get\s+install\b[^&]*\bgit\b/.test(i.args));
    expect(installs).toHaveLength(1);
    const apt = lintDockerfile(dockerfile).filter((finding) => finding.rule.startsWith('apt-'));
    expect(apt).toEqual([]);
  });

  it('sends .git in the build context and copies the whole context in the build stage', () => {
    for (const path of ['.git/HEAD', '.git/index', '.git/objects/pack/pack-1.pack'])
      expect(matchDockerignore(ignore, path).ignored, path).toBe(false);
    const copies = stageChain('build')[0]?.instructions.filter((i) => i.keyword === 'COPY');
    expect(copies?.map((i) => i.args)).toContain('. .');
  });
});
