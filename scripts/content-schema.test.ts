/**
 * Bad chapter frontmatter must stop the build with a message that names the file and the field.
 * Runs `astro sync` (the content-collection step of every build) on a scratch content folder.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function syncWith(chapterFrontmatter: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'booklet-content-'));
  cpSync('content/index.mdx', join(dir, 'index.mdx'));
  mkdirSync(join(dir, '09-broken'));
  writeFileSync(join(dir, '09-broken', 'index.mdx'), `---\n${chapterFrontmatter}\n---\n\nBody.\n`);
  const result = spawnSync('npx', ['astro', 'sync'], {
    env: { ...process.env, BOOKLET_CONTENT_DIR: dir },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe('chapter frontmatter validation at build time', () => {
  it('fails on an out-of-range chapter number, naming the entry and the field', () => {
    const { status, output } = syncWith(
      [
        'title: Broken chapter',
        'chapter:',
        '  number: 9',
        '  objectives: ["Read the first objective here", "Read the second objective here"]',
        '  concept: "A concept that is long enough"',
        '  outcome: "An outcome that is long enough"',
        '  readingMinutes: 10',
      ].join('\n'),
    );
    expect(status).not.toBe(0);
    expect(output).toContain('09-broken');
    expect(output).toMatch(/chapter\.number/);
  });

  it('fails on a missing field, naming it', () => {
    const { status, output } = syncWith(
      [
        'title: Broken chapter',
        'chapter:',
        '  number: 2',
        '  objectives: ["Read the first objective here", "Read the second objective here"]',
        '  outcome: "An outcome that is long enough"',
        '  readingMinutes: 10',
      ].join('\n'),
    );
    expect(status).not.toBe(0);
    expect(output).toContain('09-broken');
    expect(output).toMatch(/chapter\.concept/);
  });
}, 240_000);
