import { describe, expect, it } from 'vitest';
import { normalizeWorkflow, shortActionRef, stringList } from './workflow-model';

describe('normalizeWorkflow', () => {
  it('reads the three forms of `on`', () => {
    expect(normalizeWorkflow({ on: 'push' }).triggers.push).toEqual({});
    const list = normalizeWorkflow({
      on: ['push', 'pull_request', 'workflow_dispatch', 'release'],
    }).triggers;
    expect(list.pullRequest).toEqual({});
    expect(list.workflowDispatch).toBe(true);
    expect(list.otherEvents).toEqual(['release']);
    const map = normalizeWorkflow({
      on: {
        push: { branches: 'main', 'paths-ignore': ['docs/**'], tags: ['v*'] },
        pull_request: null,
        schedule: [{ cron: '0 3 * * 1' }, { nope: 1 }],
      },
    }).triggers;
    expect(map.push).toEqual({ branches: ['main'], pathsIgnore: ['docs/**'], tags: ['v*'] });
    expect(map.pullRequest).toEqual({});
    expect(map.schedules).toEqual(['0 3 * * 1']);
  });

  it('reads jobs, needs, environments, concurrency and step labels', () => {
    const workflow = normalizeWorkflow({
      name: 'CI',
      concurrency: { group: 'g', 'cancel-in-progress': true },
      permissions: { contents: 'read' },
      jobs: {
        build: {
          'runs-on': ['self-hosted', 'linux'],
          steps: [
            { uses: 'actions/checkout@v4' },
            { run: '\n  npm ci\n  npm test' },
            { name: 'Named', run: 'x' },
          ],
        },
        deploy: {
          needs: 'build',
          if: false,
          environment: { name: 'production', url: 'https://x' },
          concurrency: 'deploy',
          'runs-on': 'ubuntu-latest',
          steps: [],
        },
        call: { uses: './.github/workflows/reuse.yml', needs: ['build', 'deploy'] },
      },
    });
    expect(workflow.name).toBe('CI');
    expect(workflow.concurrency).toEqual({ group: 'g', cancelInProgress: true });
    expect(workflow.permissions).toEqual({ contents: 'read' });
    const [build, deploy, call] = workflow.jobs;
    expect(build?.runsOn).toBe('self-hosted, linux');
    expect(build?.steps.map((s) => s.label)).toEqual(['actions/checkout@v4', 'npm ci', 'Named']);
    expect(deploy?.needs).toEqual(['build']);
    expect(deploy?.if).toBe('false');
    expect(deploy?.environment).toEqual({ name: 'production', url: 'https://x' });
    expect(deploy?.concurrency).toEqual({ group: 'deploy', cancelInProgress: false });
    expect(call?.usesWorkflow).toBe('./.github/workflows/reuse.yml');
    expect(call?.needs).toEqual(['build', 'deploy']);
  });

  it('tolerates values of the wrong type without throwing', () => {
    for (const value of [
      null,
      42,
      'text',
      [],
      { on: 5, jobs: [] },
      { jobs: { a: 'x', b: { steps: 'no', needs: 7 } } },
    ]) {
      expect(() => normalizeWorkflow(value)).not.toThrow();
    }
    const odd = normalizeWorkflow({ jobs: { b: { steps: 'no', needs: 7 } } });
    expect(odd.jobs[0]).toMatchObject({ id: 'b', needs: [], steps: [] });
  });

  it('reads string lists', () => {
    expect(stringList('a')).toEqual(['a']);
    expect(stringList(['a', 1, null])).toEqual(['a', '1']);
    expect(stringList(3)).toBeUndefined();
  });
});

describe('shortActionRef', () => {
  it('abbreviates a full commit SHA and leaves tags and short refs alone', () => {
    expect(shortActionRef('actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1')).toBe(
      'actions/checkout@3d3c42e',
    );
    expect(shortActionRef('actions/checkout@v7')).toBe('actions/checkout@v7');
    expect(shortActionRef('actions/checkout@3d3c42e')).toBe('actions/checkout@3d3c42e');
  });
});
