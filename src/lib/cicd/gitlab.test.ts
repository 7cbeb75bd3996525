import { describe, expect, it } from 'vitest';
import { validateGitLabPipeline } from './gitlab';
import { ML_PIPELINE_GITLAB, ML_PIPELINE_WAVES, repoText } from './pipeline-fixtures-node';

const companion = repoText(ML_PIPELINE_GITLAB);

describe('validateGitLabPipeline on the companion file', () => {
  const result = validateGitLabPipeline(companion);

  it('has no findings and the same job chain as the GitHub workflow', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.graph?.waves).toEqual(ML_PIPELINE_WAVES);
  });

  it('skips hidden templates and global keywords, and reads environments', () => {
    const ids = result.pipeline?.jobs.map((j) => j.id);
    expect(ids).not.toContain('.npm-cache');
    expect(ids).not.toContain('workflow');
    const production = result.pipeline?.jobs.find((j) => j.id === 'deploy-production');
    expect(production).toMatchObject({
      stage: 'deploy',
      environment: 'production',
      needs: ['train', 'evaluate', 'build-and-push', 'deploy-staging'],
    });
    expect(result.pipeline?.stages).toEqual([
      '.pre',
      'lint',
      'test',
      'train',
      'evaluate',
      'build',
      'deploy',
      '.post',
    ]);
  });

  it('uses a manual rule for production and a lock-file cache key', () => {
    expect(companion).toMatch(/when: manual/);
    expect(companion).toMatch(/files:\n\s+- package-lock.json/);
  });
});

describe('validateGitLabPipeline on broken files', () => {
  it('reports a stage that is not declared, at its line', () => {
    const result = validateGitLabPipeline(`stages: [build, test]
build:
  stage: build
  script: make
ship:
  stage: deploy
  script: ./ship
`);
    const error = result.diagnostics.find((d) => d.code === 'unknown-stage');
    expect(error).toMatchObject({ line: 6, severity: 'error' });
    expect(error?.message).toMatch(/`deploy`, which is not listed in `stages` \(`build`, `test`\)/);
  });

  it('puts a job without stage into test, which must exist', () => {
    const result = validateGitLabPipeline(`stages: [build]
job:
  script: x
`);
    expect(result.diagnostics.find((d) => d.code === 'unknown-stage')?.line).toBe(2);
  });

  it('reports unknown needs, cycles and needs on later stages at the needs entry', () => {
    const result = validateGitLabPipeline(`stages: [build, test]
a:
  stage: build
  script: a
  needs: [b]
b:
  stage: test
  script: b
  needs: [a, ghost]
`);
    const codes = result.diagnostics.map((d) => [d.code, d.line]);
    expect(codes).toContainEqual(['unknown-need', 9]);
    expect(codes).toContainEqual(['needs-cycle', 9]);
    expect(codes).toContainEqual(['need-later-stage', 5]);
  });

  it('reports a missing script and a bad `when`, and warns about unknown keys', () => {
    const result = validateGitLabPipeline(`build:
  stage: build
  when: sometimes
  scritp: make
`);
    expect(result.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([
      ['error', 'no-script', 1],
      ['error', 'invalid', 3],
      ['warning', 'unknown-key', 4],
    ]);
  });

  it('accepts the keys it does not look into, whatever they hold, and still flags a misspelt one', () => {
    const result = validateGitLabPipeline(`test:
  script: npm test
  only: [main]
  except: { variables: ['$SKIP'] }
  retry: { max: 2, when: runner_system_failure }
  parallel: 3
  release: { tag_name: v1, description: notes }
  id_tokens: { ID_TOKEN: { aud: https://example.com } }
  secrets: { DB: { vault: db/password@ops } }
  pages: true
  retyr: 2
bridge:
  trigger: { project: group/other }
`);
    expect(result.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([
      ['warning', 'unknown-key', 11],
    ]);
  });

  it('orders jobs without needs by stage', () => {
    const result = validateGitLabPipeline(`a:
  stage: build
  script: a
b:
  stage: build
  script: b
c:
  stage: test
  script: c
d:
  stage: deploy
  script: d
  needs: []
`);
    expect(result.graph?.waves).toEqual([['a', 'b', 'd'], ['c']]);
  });

  it('returns YAML syntax errors and rejects non-map files', () => {
    expect(validateGitLabPipeline('a: [1\n').ok).toBe(false);
    expect(validateGitLabPipeline('- a\n').diagnostics[0]?.message).toMatch(/must be a map/);
    expect(validateGitLabPipeline('stages: [a]\n').diagnostics[0]?.code).toBe('no-jobs');
  });
});
