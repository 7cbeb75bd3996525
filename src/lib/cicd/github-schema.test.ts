import { describe, expect, it } from 'vitest';
import { KNOWN_EVENTS, KNOWN_KEYS, WorkflowSchema } from './github-schema';

describe('WorkflowSchema', () => {
  it('accepts a minimal workflow', () => {
    expect(
      WorkflowSchema.safeParse({
        on: 'push',
        jobs: { a: { 'runs-on': 'x', steps: [{ run: 'a' }] } },
      }).success,
    ).toBe(true);
  });

  it('tags custom rules so the validator can phrase them', () => {
    const result = WorkflowSchema.safeParse({
      on: 'push',
      jobs: { a: { 'runs-on': 'x', steps: [{ run: 'a', uses: 'b@v1' }] } },
    });
    expect(result.success).toBe(false);
    const issue = result.success ? undefined : result.error.issues[0];
    expect(issue?.path).toEqual(['jobs', 'a', 'steps', 0]);
    expect(issue && 'params' in issue ? issue.params : undefined).toEqual({
      rule: 'step-uses-and-run',
    });
  });

  it('reports unknown keys as unrecognized_keys', () => {
    const result = WorkflowSchema.safeParse({
      on: 'push',
      jobs: { a: { 'runs-on': 'x', steps: [{ run: 'a' }], foo: 1 } },
    });
    expect(result.success ? [] : result.error.issues.map((i) => i.code)).toEqual([
      'unrecognized_keys',
    ]);
  });

  it('lists the keys used for suggestions', () => {
    expect(KNOWN_KEYS['job']).toContain('runs-on');
    expect(KNOWN_KEYS['step']).toEqual(
      expect.arrayContaining(['uses', 'run', 'with', 'env', 'id', 'if', 'name']),
    );
    expect(KNOWN_KEYS['workflow']).toEqual(
      expect.arrayContaining(['on', 'jobs', 'permissions', 'concurrency', 'env']),
    );
    expect(KNOWN_EVENTS).toContain('workflow_dispatch');
  });
});
