import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textFrom } from '../fuzz';
import {
  cleanPath,
  compileGlob,
  filterBuildContext,
  matchDockerignore,
  parseDockerignore,
} from './dockerignore';

const ignored = (text: string, path: string): boolean =>
  matchDockerignore(parseDockerignore(text), path).ignored;

describe('cleanPath', () => {
  // Input/output pairs from the Go documentation and tests of path.Clean.
  const goExamples = Object.entries({
    'a/c': 'a/c',
    'a//c': 'a/c',
    'a/c/.': 'a/c',
    'a/c/b/..': 'a/c',
    '/../a/c': '/a/c',
    '/../a/b/../././/c': '/a/c',
    '': '.',
    '../../a': '../../a',
  });
  it.each(goExamples)('matches Go path.Clean: %j → %j', (path, clean) => {
    expect(cleanPath(path)).toBe(clean);
  });
});

describe('compileGlob (Go filepath.Match plus **)', () => {
  // [what the row shows, pattern, path, whether the pattern matches the path]
  it.each([
    ['* and ? stay inside one path segment', '*.md', 'README.md', true],
    ['* and ? stay inside one path segment', '*.md', 'docs/README.md', false],
    ['* and ? stay inside one path segment', 'temp?', 'tempa', true],
    ['* and ? stay inside one path segment', 'temp?', 'temp/', false],
    ['** spans any number of directories', '**/*.go', 'main.go', true],
    ['** spans any number of directories', '**/*.go', 'cmd/app/main.go', true],
    ['** spans any number of directories', 'a/**/b', 'a/b', true],
    ['** spans any number of directories', 'a/**/b', 'a/x/y/b', true],
    ['character class range', '[a-c].txt', 'b.txt', true],
    ['character class range', '[a-c].txt', 'd.txt', false],
    ['negated class', '[^a].txt', 'a.txt', false],
    ['negated class', '[^a].txt', 'z.txt', true],
    ['escaped star', '\\*.txt', '*.txt', true],
    ['escaped star', '\\*.txt', 'a.txt', false],
    ['a dot is literal', 'a.b', 'axb', false],
  ] as const)('%s: %j against %j', (_what, pattern, path, matches) => {
    expect(compileGlob(pattern)?.test(path)).toBe(matches);
  });

  it.each(['[abc', 'abc\\', '[]', '[z-a]'])('rejects %j as Go does', (pattern) => {
    expect(compileGlob(pattern)).toBeNull();
  });
});

describe('parseDockerignore and matchDockerignore', () => {
  it('follows the examples of the Docker documentation', () => {
    // docs.docker.com/build/concepts/context/#dockerignore-files
    const rules = '# comment\n*/temp*\n*/*/temp*\ntemp?\n';
    expect(ignored(rules, 'somedir/temporary.txt')).toBe(true);
    expect(ignored(rules, 'somedir/temp/file')).toBe(true);
    expect(ignored(rules, 'somedir/subdir/temporary.txt')).toBe(true);
    expect(ignored(rules, 'tempa')).toBe(true);
    expect(ignored(rules, 'temp.txt')).toBe(false);
  });

  it('lets the last matching line win, as in the documented README example', () => {
    const first = '*.md\n!README*.md\nREADME-secret.md\n';
    expect(ignored(first, 'CHANGES.md')).toBe(true);
    expect(ignored(first, 'README.md')).toBe(false);
    expect(ignored(first, 'README-secret.md')).toBe(true);
    const second = '*.md\nREADME-secret.md\n!README*.md\n';
    expect(ignored(second, 'README-secret.md')).toBe(false);
  });

  it('excludes everything under a matched directory and drops a leading slash', () => {
    expect(ignored('node_modules', 'node_modules/astro/dist/index.js')).toBe(true);
    expect(ignored('/dist', 'dist/index.html')).toBe(true);
    expect(ignored('dist', 'src/dist/x')).toBe(false);
    expect(ignored('**/node_modules', 'packages/a/node_modules/x.js')).toBe(true);
  });

  it('re-includes a folder below an excluded parent with an exception', () => {
    const rules = '*\n!src/lib\n**/*.test.ts\n';
    expect(ignored(rules, 'src/lib/a.ts')).toBe(false);
    expect(ignored(rules, 'src/lib/a.test.ts')).toBe(true);
    expect(ignored(rules, 'src/components/A.astro')).toBe(true);
    const decision = matchDockerignore(parseDockerignore(rules), 'src/lib/a.ts');
    expect(decision.pattern?.line).toBe(2);
  });

  it('reports bad patterns with their line and keeps the rest', () => {
    const parsed = parseDockerignore('dist\n[oops\n  !keep  \n');
    expect(parsed.errors).toEqual([{ line: 2, message: 'syntax error in pattern "[oops"' }]);
    expect(parsed.patterns.map((p) => [p.pattern, p.exception, p.line])).toEqual([
      ['dist', false, 1],
      ['keep', true, 3],
    ]);
  });

  it('splits a context into sent and ignored files', () => {
    const files = [{ path: 'a.ts' }, { path: 'node_modules/x.js' }, { path: 'README.md' }];
    const { sent, ignored: left } = filterBuildContext(
      files,
      parseDockerignore('node_modules\n*.md'),
    );
    expect(sent.map((file) => file.path)).toEqual(['a.ts']);
    expect(left.map((item) => [item.file.path, item.pattern.line])).toEqual([
      ['node_modules/x.js', 1],
      ['README.md', 2],
    ]);
    expect(filterBuildContext(files, null).sent).toHaveLength(3);
  });
});

describe('matchDockerignore against a direct reading of the rules', () => {
  it('agrees with "last pattern matching the path or a parent wins" on random rules and paths', () => {
    const path = textFrom(['a', 'b', 'node_modules', 'src', 'x.md', 'y.test.ts', 'README.md'], {
      minLength: 1,
      maxLength: 4,
      separator: '/',
    });
    const patternPart = fc.constantFrom(
      'a',
      'b',
      '*',
      '**',
      '*.md',
      '?',
      'node_modules',
      'src',
      '[a-b]',
      '*.test.ts',
      'README*',
    );
    const pattern = fc
      .tuple(fc.boolean(), fc.array(patternPart, { minLength: 1, maxLength: 3 }))
      .map(([exception, parts]) => `${exception ? '!' : ''}${parts.join('/')}`);
    fc.assert(
      fc.property(
        fc.array(pattern, { maxLength: 6 }),
        fc.array(path, { minLength: 1, maxLength: 8 }),
        (lines, paths) => {
          const parsed = parseDockerignore(lines.join('\n'));
          for (const candidate of paths) {
            // Reference: try every pattern on the path and each parent; the last hit decides.
            const segments = candidate.split('/');
            const prefixes = segments.map((_, i) => segments.slice(0, i + 1).join('/'));
            let expected = false;
            for (const rule of parsed.patterns)
              if (prefixes.some((prefix) => rule.regex.test(prefix))) expected = !rule.exception;
            if (matchDockerignore(parsed, candidate).ignored !== expected) return false;
            if (
              filterBuildContext([{ path: candidate }], parsed).sent.length !== (expected ? 0 : 1)
            )
              return false;
          }
          return true;
        },
      ),
      { numRuns: 500, seed: 7 },
    );
  });
});

describe("the repository's .dockerignore", () => {
  const text = readFileSync(new URL('../../../.dockerignore', import.meta.url), 'utf8');
  const parsed = parseDockerignore(text);

  it('parses without errors', () => {
    expect(parsed.errors).toEqual([]);
  });

  it('sends exactly the inputs the Dockerfile copies', () => {
    const sent = [
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'src/lib/api/app.ts',
      'src/lib/model/train.ts',
      'scripts/api-server.ts',
      // The gated model the image ships (Contract A): a build input, not a build step.
      'artifacts/penguins.onnx',
    ];
    const left = [
      'node_modules/astro/index.js',
      '.git/HEAD',
      'dist/index.html',
      'artifacts/model-card.json',
      '.env',
      'README.md',
      'content/02-docker/index.mdx',
      'src/components/DockerLab.astro',
      'src/lib/model/train.test.ts',
      'scripts/make-sample-pickles.py',
      'Dockerfile',
    ];
    for (const path of sent) expect(matchDockerignore(parsed, path).ignored, path).toBe(false);
    for (const path of left) expect(matchDockerignore(parsed, path).ignored, path).toBe(true);
  });
});

describe('the booklet image .dockerignore', () => {
  const parsed = parseDockerignore(
    readFileSync(
      new URL('../../../docker/booklet.Dockerfile.dockerignore', import.meta.url),
      'utf8',
    ),
  );

  it('keeps the site sources and leaves out dependencies, outputs and secrets', () => {
    expect(parsed.errors).toEqual([]);
    for (const path of [
      'content/index.mdx',
      'src/components/DockerLab.astro',
      'astro.config.mjs',
      'public/favicon.svg',
      'docker/nginx.conf',
    ]) {
      expect(matchDockerignore(parsed, path).ignored, path).toBe(false);
    }
    for (const path of [
      'node_modules/astro/index.js',
      'dist/index.html',
      '.env',
      '.env.local',
      'public/generated/model.json',
    ]) {
      expect(matchDockerignore(parsed, path).ignored, path).toBe(true);
    }
  });
});
