import { describe, expect, it } from 'vitest';
import { compileFilterPattern, matchFilterList, patternMatches } from './filter-pattern';

// Rows from the tables "Patterns to match branches and tags" and "Patterns to match file paths"
// in GitHub's "Workflow syntax for GitHub Actions" (filter pattern cheat sheet).
const cheatSheet: Array<[string, string[], string[]]> = [
  ['feature/*', ['feature/my-branch', 'feature/your-branch'], ['feature/beta-a/my-branch']],
  [
    'feature/**',
    ['feature/beta-a/my-branch', 'feature/your-branch', 'feature/mona/the/octocat'],
    ['feature'],
  ],
  ['main', ['main'], ['main2', 'xmain']],
  ['*', ['main', 'releases', 'README.md', 'server.rb'], ['releases/10', 'all/the/files.md']],
  ['**', ['all/the/branches', 'every/tag'], []],
  ['*feature', ['mona-feature', 'feature', 'ver-10-feature'], ['a/feature']],
  ['v2*', ['v2', 'v2.0', 'v2.9'], ['v3', 'v2/x']],
  ['v[12].[0-9]+.[0-9]+', ['v1.10.1', 'v2.0.0'], ['v3.0.0', 'v1.a.0', 'v1x0.0']],
  ['*.jsx?', ['page.js', 'page.jsx'], ['page.jsxx', 'a/page.js']],
  ['*.js', ['app.js', 'index.js'], ['js/index.js']],
  ['**.js', ['index.js', 'js/index.js', 'src/js/app.js'], ['index.ts']],
  ['docs/*', ['docs/README.md', 'docs/file.txt'], ['docs/mona/octocat.txt']],
  ['docs/**', ['docs/README.md', 'docs/mona/octocat.txt'], ['README.md']],
  [
    'docs/**/*.md',
    ['docs/README.md', 'docs/mona/hello-world.md', 'docs/a/markdown/file.md'],
    ['docs/a.txt'],
  ],
  [
    '**/docs/**',
    ['docs/hello.md', 'dir/docs/my-file.txt', 'space/docs/plan/space.doc'],
    ['mydocs/x'],
  ],
  ['**/README.md', ['README.md', 'js/README.md'], ['README.mdx']],
  ['**/*src/**', ['a/src/app.js', 'my-src/code/js/app.js'], ['src.js']],
  ['**/*-post.md', ['my-post.md', 'path/their-post.md'], ['post.md']],
  [
    '**/migrate-*.sql',
    ['migrate-10909.sql', 'db/migrate-v1.0.sql', 'db/sept/migrate-v1.sql'],
    ['migrate.sql'],
  ],
];

describe('GitHub filter patterns', () => {
  it.each(cheatSheet)('%s matches the cheat sheet examples', (pattern, matches, nonMatches) => {
    for (const value of matches)
      expect(patternMatches(pattern, value), `${pattern} ~ ${value}`).toBe(true);
    for (const value of nonMatches)
      expect(patternMatches(pattern, value), `${pattern} !~ ${value}`).toBe(false);
  });

  it('applies `!` in order: a later negative excludes, a later positive re-includes (cheat sheet rows)', () => {
    const twoPatterns = ['*.md', '!README.md'];
    expect(matchFilterList(twoPatterns, 'hello.md').matched).toBe(true);
    expect(matchFilterList(twoPatterns, 'README.md')).toEqual({
      matched: false,
      decidedBy: '!README.md',
    });
    expect(matchFilterList(twoPatterns, 'docs/hello.md').matched).toBe(false);
    const three = ['*.md', '!README.md', 'README*'];
    for (const file of ['hello.md', 'README.md', 'README.doc'])
      expect(matchFilterList(three, file).matched).toBe(true);
  });

  it('follows the docs example releases/** minus releases/**-alpha', () => {
    const patterns = ['releases/**', '!releases/**-alpha'];
    expect(matchFilterList(patterns, 'releases/10').matched).toBe(true);
    expect(matchFilterList(patterns, 'releases/beta/mona').matched).toBe(true);
    expect(matchFilterList(patterns, 'releases/10-alpha').matched).toBe(false);
    expect(matchFilterList(patterns, 'releases/beta/3-alpha').matched).toBe(false);
  });

  it('treats escaped and regex-special characters literally', () => {
    expect(patternMatches('fix\\+1', 'fix+1')).toBe(true);
    expect(patternMatches('fix\\+1', 'fixx1')).toBe(false);
    expect(patternMatches('a.b', 'axb')).toBe(false);
    expect(patternMatches('(x)|y', '(x)|y')).toBe(true);
    expect(patternMatches('a+', 'aaa')).toBe(true);
  });

  it('rejects malformed patterns with a reason', () => {
    const unclosed = compileFilterPattern('v[0-9');
    expect(unclosed.ok).toBe(false);
    if (!unclosed.ok) expect(unclosed.message).toMatch(/never closed/);
    expect(compileFilterPattern('[a-Z]').ok).toBe(false);
    expect(compileFilterPattern('[9-0]').ok).toBe(false);
    expect(compileFilterPattern('+x').ok).toBe(false);
    expect(compileFilterPattern('!').ok).toBe(false);
    expect(compileFilterPattern('x\\').ok).toBe(false);
    expect(patternMatches('v[0-9', 'v[0-9')).toBe(false);
  });
});
