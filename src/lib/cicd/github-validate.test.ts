import { describe, expect, it } from 'vitest';
import { closestName, describeLocation, validateGitHubWorkflow } from './github-validate';
import { ML_PIPELINE_GITHUB, ML_PIPELINE_WAVES, repoText } from './pipeline-fixtures-node';

const minimal = (jobs: string): string =>
  `on: push\npermissions:\n  contents: read\njobs:\n${jobs}`;

describe('validateGitHubWorkflow on the companion ML pipeline', () => {
  const result = validateGitHubWorkflow(repoText(ML_PIPELINE_GITHUB));

  it('has no errors and no warnings', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('chains the seven jobs in order', () => {
    expect(result.graph?.waves).toEqual(ML_PIPELINE_WAVES);
  });

  it('keeps least privilege: contents read at the top, each write only in the job that needs it', () => {
    expect(result.workflow?.permissions).toEqual({ contents: 'read' });
    const writers = Object.fromEntries(
      (result.workflow?.jobs ?? [])
        .filter((j) => j.permissions && JSON.stringify(j.permissions).includes('write'))
        .map((j) => [j.id, j.permissions]),
    );
    expect(writers).toEqual({
      evaluate: { contents: 'read', 'pull-requests': 'write' },
      'build-and-push': { contents: 'read', packages: 'write' },
      'deploy-staging': { contents: 'read', 'id-token': 'write' },
      'deploy-production': { contents: 'write', 'id-token': 'write' },
    });
  });

  it('listens to pushes on main with paths, version tags, pull requests and manual runs', () => {
    const triggers = result.workflow?.triggers;
    expect(triggers?.push?.branches).toEqual(['main']);
    expect(triggers?.push?.tags).toEqual(['v*']);
    expect(triggers?.push?.paths?.length).toBeGreaterThan(0);
    expect(triggers?.pullRequest?.branches).toEqual(['main']);
    expect(triggers?.workflowDispatch).toBe(true);
  });

  it('deploys to staging and production environments and pins actions to commit SHAs', () => {
    const environments = result.workflow?.jobs.flatMap((j) =>
      j.environment ? [[j.id, j.environment.name]] : [],
    );
    expect(environments).toEqual([
      ['deploy-staging', 'staging'],
      ['deploy-production', 'production'],
    ]);
    const uses =
      result.workflow?.jobs.flatMap((j) => j.steps.flatMap((s) => (s.uses ? [s.uses] : []))) ?? [];
    expect(uses).toContain('actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1');
    for (const ref of uses) expect(ref).toMatch(/@[0-9a-f]{40}$/);
  });
});

// Each broken workflow is written out in full; the expected line is counted in the text.
const broken: Array<{ name: string; yaml: string; line: number; code: string; message: RegExp }> = [
  {
    name: 'a step with both uses and run',
    yaml: minimal(`  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm ci
      - uses: actions/setup-node@v4
        run: npm test
`),
    // Line 5 is "  build:"; the third step starts on line 10.
    line: 10,
    code: 'step-uses-and-run',
    message:
      /^Step 3 of job `build` has both `uses` and `run`; a step runs an action or a shell command, not both\.$/,
  },
  {
    name: 'a step with neither uses nor run',
    yaml: minimal(`  build:
    runs-on: ubuntu-latest
    steps:
      - name: Nothing to do
`),
    line: 8,
    code: 'step-no-action',
    message: /Step 1 of job `build` has neither `uses` nor `run`/,
  },
  {
    name: 'a job without runs-on',
    yaml: minimal(`  test:
    steps:
      - run: npm test
`),
    line: 5,
    code: 'job-no-runs-on',
    message: /Job `test` has no `runs-on`/,
  },
  {
    name: 'a needs reference to a missing job',
    yaml: minimal(`  build:
    runs-on: ubuntu-latest
    steps:
      - run: make
  deploy:
    needs: [biuld]
    runs-on: ubuntu-latest
    steps:
      - run: ./deploy
`),
    line: 10,
    code: 'unknown-need',
    message: /Job `deploy` needs `biuld`, but there is no job with that id; did you mean `build`\?/,
  },
  {
    name: 'a needs cycle',
    yaml: minimal(`  a:
    needs: c
    runs-on: x
    steps: [{ run: a }]
  b:
    needs: a
    runs-on: x
    steps: [{ run: b }]
  c:
    needs: b
    runs-on: x
    steps: [{ run: c }]
`),
    line: 10,
    code: 'needs-cycle',
    message: /The jobs `a` → `b` → `c` → `a` wait for each other in a circle/,
  },
  {
    name: 'branches and branches-ignore together',
    yaml: `on:
  push:
    branches: [main]
    branches-ignore: [dev]
permissions: read-all
jobs:
  a:
    runs-on: x
    steps: [{ run: a }]
`,
    line: 4,
    code: 'exclusive-filters',
    message: /`on.push` sets both `branches` and `branches-ignore`/,
  },
  {
    name: 'only negative branch patterns',
    yaml: `on:
  pull_request:
    branches: ['!dev']
permissions: read-all
jobs:
  a:
    runs-on: x
    steps: [{ run: a }]
`,
    line: 3,
    code: 'only-negative-patterns',
    message: /only `!` patterns.*branches-ignore/,
  },
  {
    name: 'a malformed branch pattern',
    yaml: `on:
  push:
    branches:
      - main
      - 'release/v[0-9'
permissions: read-all
jobs:
  a:
    runs-on: x
    steps: [{ run: a }]
`,
    line: 5,
    code: 'bad-pattern',
    message: /never closed/,
  },
  {
    name: 'a cron with six fields',
    yaml: `on:
  schedule:
    - cron: '0 3 * * 1 2024'
permissions: read-all
jobs:
  a:
    runs-on: x
    steps: [{ run: a }]
`,
    line: 3,
    code: 'cron',
    message: /has 6 fields; a cron schedule has exactly five/,
  },
  {
    name: 'an unreadable if expression',
    yaml: minimal(`  deploy:
    if: github.ref == 'refs/heads/main' &&
    runs-on: ubuntu-latest
    steps:
      - run: ./deploy
`),
    line: 6,
    code: 'expression',
    message:
      /`if` of job `deploy` cannot be read as an expression: the expression ends where a value was expected/,
  },
  {
    name: 'a permission with an unknown access level',
    yaml: `on: push
permissions:
  contents: admin
jobs:
  a:
    runs-on: x
    steps: [{ run: a }]
`,
    line: 3,
    code: 'invalid-value',
    message: /`permissions.contents` must be `read`, `write` or `none`, but it is the text `admin`/,
  },
  {
    name: 'timeout-minutes that is neither a number nor an expression',
    yaml: minimal(`  a:
    runs-on: x
    timeout-minutes: soon
    steps: [{ run: a }]
`),
    line: 7,
    code: 'invalid-value',
    message:
      /^`timeout-minutes` of job `a` must be a number or a `\$\{\{ \}\}` expression, but it is the text `soon`\.$/,
  },
  {
    name: 'environment given as a list',
    yaml: minimal(`  a:
    runs-on: x
    environment: [staging]
    steps: [{ run: a }]
`),
    line: 7,
    code: 'invalid-type',
    message:
      /^`environment` of job `a` must be text, a map or a `\$\{\{ \}\}` expression, but it is a list\.$/,
  },
  {
    name: 'an action without a version',
    yaml: minimal(`  a:
    runs-on: x
    steps:
      - uses: actions/checkout
`),
    line: 8,
    code: 'uses-without-ref',
    message: /without a version/,
  },
  {
    name: 'a job id with a dot',
    yaml: minimal(`  build.linux:
    runs-on: x
    steps: [{ run: a }]
`),
    line: 5,
    code: 'job-id',
    message: /must start with a letter or `_`/,
  },
  {
    name: 'no on section',
    yaml: `jobs:
  a:
    runs-on: x
    steps: [{ run: a }]
`,
    line: 1,
    code: 'missing-key',
    message: /no `on` section/,
  },
  {
    name: 'an empty on section',
    yaml: `on:
permissions: read-all
jobs:
  a:
    runs-on: x
    steps: [{ run: a }]
`,
    line: 1,
    code: 'invalid-type',
    message: /^`on` must be a name GitHub Actions knows, a list or a map, but it is empty\.$/,
  },
  {
    name: 'a needs reference that only resembles the job itself',
    yaml: minimal(`  a:
    needs: b
    runs-on: x
    steps: [{ run: a }]
`),
    line: 6,
    code: 'unknown-need',
    message: /^Job `a` needs `b`, but there is no job with that id\.$/,
  },
  {
    name: 'a YAML syntax error',
    yaml: `on: push
jobs:
  build:
    runs-on: ubuntu-latest
     steps:
      - run: x
`,
    line: 5,
    code: 'yaml-bad-indent',
    message: /indent/,
  },
];

describe('validateGitHubWorkflow on broken workflows', () => {
  it.each(broken)('$name: error at line $line', ({ yaml, line, code, message }) => {
    const result = validateGitHubWorkflow(yaml);
    expect(result.ok).toBe(false);
    const hit = result.diagnostics.find((d) => d.code === code);
    expect(hit, JSON.stringify(result.diagnostics, null, 1)).toBeDefined();
    expect(hit?.severity).toBe('error');
    expect(hit?.line).toBe(line);
    expect(hit?.message).toMatch(message);
  });
});

describe('unknown keys and warnings', () => {
  it('reports unknown keys as errors with a suggestion, as GitHub rejects the file', () => {
    const result = validateGitHubWorkflow(
      minimal(`  build:
    runs-on: x
    run-on: y
    steps:
      - run: a
        nmae: typo
`),
    );
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((w) => [w.line, w.column, w.severity, w.code])).toEqual([
      [7, 5, 'error', 'unknown-key'],
      [10, 9, 'error', 'unknown-key'],
    ]);
    expect(result.diagnostics[0]?.message).toBe(
      'Job `build` has `run-on`, which is not a key GitHub Actions knows there; did you mean `runs-on`?',
    );
    expect(result.diagnostics[1]?.message).toBe(
      'Step 1 of job `build` has `nmae`, which is not a key GitHub Actions knows there; did you mean `name`?',
    );
  });

  it('warns about missing permissions and schedules under 5 minutes, and stays ok', () => {
    const result = validateGitHubWorkflow(`on:
  push:
  schedule:
    - cron: '* * * * *'
jobs:
  a:
    runs-on: x
    steps: [{ run: a }]
`);
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map((d) => [d.line, d.severity, d.code])).toEqual([
      [4, 'warning', 'cron-frequency'],
      [5, 'warning', 'no-permissions'],
    ]);
  });

  it('warns about a job without steps', () => {
    const result = validateGitHubWorkflow(minimal('  a:\n    runs-on: x\n'));
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map((d) => [d.line, d.code])).toEqual([[5, 'job-no-steps']]);
  });

  it('accepts the whole teaching subset without findings', () => {
    const result = validateGitHubWorkflow(`name: Full
on:
  push:
    branches: [main, 'releases/**']
    tags-ignore: ['v0*']
    paths-ignore: ['docs/**']
  pull_request:
    types: [opened, synchronize]
    branches-ignore: [experimental]
  workflow_dispatch:
    inputs:
      level:
        type: choice
        options: [a, b]
  schedule:
    - cron: '30 5 * * MON-FRI'
      timezone: 'Europe/Paris'
permissions: read-all
env:
  CI: true
concurrency: ci-\${{ github.ref }}
jobs:
  test:
    runs-on: [ubuntu-latest]
    timeout-minutes: 10
    strategy:
      fail-fast: false
      matrix:
        node: [20, 22]
        include:
          - node: 23
    services:
      db:
        image: postgres:16
        ports: [5432]
    container:
      image: node:22
    outputs:
      ok: \${{ steps.t.outputs.ok }}
    steps:
      - id: t
        if: \${{ matrix.node != 23 }}
        run: npm test
        env:
          NODE: \${{ matrix.node }}
      - uses: ./.github/actions/local
        with:
          flag: true
  call:
    needs: test
    uses: octo-org/repo/.github/workflows/reuse.yml@v1
    secrets: inherit
  deploy:
    needs: [test, call]
    if: \${{ !cancelled() && needs.test.result == 'success' }}
    runs-on: ubuntu-latest
    environment: production
    concurrency:
      group: deploy
      cancel-in-progress: false
    permissions:
      deployments: write
    steps:
      - run: ./deploy
`);
    expect(result.diagnostics).toEqual([]);
    expect(result.graph?.waves).toEqual([['test'], ['call'], ['deploy']]);
  });

  it('describes empty files and non-map documents', () => {
    expect(validateGitHubWorkflow('').diagnostics[0]?.message).toMatch(/empty/);
    expect(validateGitHubWorkflow('- a\n- b\n').diagnostics[0]?.message).toMatch(
      /must be a map.*a list/,
    );
  });
});

describe('helpers', () => {
  it('describes locations as sentence subjects', () => {
    expect(describeLocation([])).toBe('The workflow');
    expect(describeLocation(['jobs', 'build'])).toBe('Job `build`');
    expect(describeLocation(['jobs', 'build', 'steps', 0])).toBe('Step 1 of job `build`');
    expect(describeLocation(['jobs', 'build', 'steps', 2, 'with', 'x'])).toBe(
      '`with.x` in step 3 of job `build`',
    );
    expect(describeLocation(['jobs', 'build', 'strategy', 'matrix'])).toBe(
      '`strategy.matrix` of job `build`',
    );
    expect(describeLocation(['on', 'push', 'branches', 1])).toBe('`on.push.branches[1]`');
  });

  it('suggests near names only', () => {
    expect(closestName('run-on', ['runs-on', 'steps'])).toBe('runs-on');
    expect(closestName('biuld', ['build'])).toBe('build');
    expect(closestName('deploy', ['build', 'lint'])).toBeNull();
  });
});

/** A workflow with the usual top, a job `a` with one step, and `extra` spliced in. */
const probe = (on: string, extra = '', job = ''): string =>
  `on:${on}\npermissions: read-all\n${extra}jobs:\n  a:\n    runs-on: x\n${job}    steps:\n      - run: a\n`;

// The seven probe workflows GitHub rejects and the hand-written schema accepted (issue 12),
// written out in full so the expected line and column can be counted in the text.
const rejected: Array<{
  name: string;
  yaml: string;
  at: [number, number];
  code: string;
  message: string;
}> = [
  {
    name: 'on: pushh',
    yaml: probe(' pushh'),
    at: [1, 5],
    code: 'unknown-event',
    message:
      '`pushh` is not an event GitHub Actions knows, so it cannot start this workflow; did you mean `push`?',
  },
  {
    name: '`secrets` in a job-level if',
    yaml: probe(' push', '', "    if: secrets.DEPLOY_KEY != ''\n"),
    at: [6, 9],
    code: 'expression',
    message:
      '`if` of job `a` uses `secrets`, which GitHub Actions does not make available there; it can use `github`, `inputs`, `vars` or `needs`.',
  },
  {
    name: '`matrix` in workflow-level env',
    yaml: probe(' push', 'env:\n  OS: ${{ matrix.os }}\n'),
    at: [4, 7],
    code: 'expression',
    message:
      '`env.OS` uses `matrix`, which GitHub Actions does not make available there; it can use `github`, `inputs`, `vars` or `secrets`.',
  },
  {
    name: 'a workflow_call input with type: strin',
    yaml: probe('\n  workflow_call:\n    inputs:\n      name:\n        type: strin'),
    at: [5, 15],
    code: 'invalid-value',
    message:
      '`on.workflow_call.inputs.name.type` must be `string`, `boolean` or `number`, but it is the text `strin`; did you mean `string`?',
  },
  {
    name: 'pull_request.tags',
    yaml: probe('\n  pull_request:\n    tags: [v1]'),
    at: [3, 5],
    code: 'unknown-key',
    message: '`on.pull_request` has `tags`, which is not a key GitHub Actions knows there.',
  },
  {
    name: 'push.types',
    yaml: probe('\n  push:\n    types: [opened]'),
    at: [3, 5],
    code: 'unknown-key',
    message: '`on.push` has `types`, which is not a key GitHub Actions knows there.',
  },
  {
    name: 'duplicate step ids',
    yaml: `on: push
permissions: read-all
jobs:
  build:
    runs-on: x
    steps:
      - id: test
        run: a
      - id: test
        run: b
`,
    at: [9, 13],
    code: 'duplicate-id',
    message:
      'Step 2 of job `build` has the id `test`, which an earlier step of the job already has; step ids must be unique within a job.',
  },
];

describe('workflows GitHub rejects are rejected, with a sentence, line and column', () => {
  it.each(rejected)('$name', ({ yaml, at, code, message }) => {
    const result = validateGitHubWorkflow(yaml);
    expect(result.ok).toBe(false);
    expect(
      result.diagnostics.map((d) => [d.line, d.column, d.severity, d.code, d.message]),
    ).toEqual([[...at, 'error', code, message]]);
  });
});

describe('keys GitHub accepts are accepted without a warning', () => {
  it('jobs.<id>.snapshot', () => {
    const result = validateGitHubWorkflow(probe(' push', '', '    snapshot: runner-image\n'));
    expect(result.diagnostics).toEqual([]);
  });

  it('environment.deployment', () => {
    const result = validateGitHubWorkflow(
      probe(' push', '', '    environment:\n      name: production\n      deployment: false\n'),
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.workflow?.jobs[0]?.environment?.name).toBe('production');
  });
});
