import { describe, expect, it } from 'vitest';
import { validateGitHubWorkflow } from './github-validate';
import { ML_PIPELINE_GITHUB, repoText, workflowOf } from './pipeline-fixtures-node';
import {
  PLAYGROUND_LIMITS,
  checkLength,
  checkRefName,
  describeRun,
  fitLabel,
  layoutJobGraph,
  offsetOfPosition,
  parseChangedPaths,
  qualityGateSteps,
  stepChoices,
} from './playground';
import type { JobRun, RunSimulation } from './simulate';

const mlPipeline = workflowOf(repoText(ML_PIPELINE_GITHUB));
const ciWorkflow = workflowOf(repoText('.github/workflows/ci.yml'));

/** The companion pipeline's job graph. */
function mlPipelineGraph() {
  const graph = validateGitHubWorkflow(repoText(ML_PIPELINE_GITHUB)).graph;
  if (!graph) throw new Error('no graph');
  return graph;
}

describe('input limits (issue 15 #9: every text field has a maximum and a message)', () => {
  it('answers over-long branch and tag names, change lists and workflows with a sentence', () => {
    const long = 'a'.repeat(PLAYGROUND_LIMITS.ref + 1);
    expect(checkRefName('a'.repeat(PLAYGROUND_LIMITS.ref), 'branch')).toBeNull();
    expect(checkRefName(long, 'branch')).toBe(
      'A branch name can be at most 200 characters here; this one has 201.',
    );
    expect(checkRefName(long, 'tag')).toMatch(/^A tag name can be at most 200 characters/);
    const paths = 'src/a.ts\n'.repeat(1000);
    expect(parseChangedPaths(paths)).toEqual({
      ok: false,
      problems: [
        {
          line: 1,
          message:
            'The list of changed files can be at most 5,000 characters here; this one has 9,000.',
        },
      ],
    });
    expect(checkLength('x'.repeat(20_001), PLAYGROUND_LIMITS.workflow, 'The workflow')).toBe(
      'The workflow can be at most 20,000 characters here; this one has 20,001.',
    );
    expect(checkLength('x'.repeat(20_000), PLAYGROUND_LIMITS.workflow, 'The workflow')).toBeNull();
  });
});

describe('checkRefName', () => {
  it('accepts ordinary branch and tag names', () => {
    for (const name of ['main', 'feature/quality-gate', 'release-2024.1', 'v1.0.0', 'user@home']) {
      expect(checkRefName(name, 'branch'), name).toBeNull();
    }
    expect(checkRefName('v2.3.4-rc.1', 'tag')).toBeNull();
  });

  it('asks for a name when the box is empty, with an example of the right kind', () => {
    expect(checkRefName('', 'branch')).toBe('Type a branch name, such as `main`.');
    expect(checkRefName('', 'tag')).toBe('Type a tag name, such as `v1.0.0`.');
  });

  it('rejects each character git check-ref-format forbids', () => {
    for (const name of [
      'my branch',
      'a~1',
      'a^2',
      'a:b',
      'why?',
      'v*',
      'a[0]',
      'a\\b',
      'a\tb',
      'a\u007fb',
    ]) {
      expect(checkRefName(name, 'branch'), JSON.stringify(name)).toBe(
        'A branch name cannot contain spaces, control characters or any of ~ ^ : ? * [ \\.',
      );
    }
  });

  it('rejects the structural mistakes git rejects', () => {
    expect(checkRefName('a..b', 'branch')).toBe('A branch name cannot contain `..`.');
    expect(checkRefName('a@{1}', 'branch')).toBe('A branch name cannot contain `@{`.');
    expect(checkRefName('@', 'tag')).toBe('`@` alone is not a valid tag name.');
    expect(checkRefName('v1.', 'tag')).toBe('A tag name cannot end with `.`.');
    expect(checkRefName('-x', 'branch')).toBe('A branch name cannot start with `-`.');
    for (const name of ['/main', 'main/', 'a//b']) {
      expect(checkRefName(name, 'branch'), name).toBe(
        'A branch name cannot start or end with `/` or contain `//`.',
      );
    }
    expect(checkRefName('.hidden', 'branch')).toMatch(/may start with `\.`/);
    expect(checkRefName('team/.hidden', 'branch')).toMatch(/may start with `\.`/);
    expect(checkRefName('main.lock', 'branch')).toMatch(/may end with `\.lock`/);
    expect(checkRefName('a.lock/b', 'branch')).toMatch(/may end with `\.lock`/);
  });

  it('asks for the short name instead of a full ref', () => {
    expect(checkRefName('refs/heads/main', 'branch')).toBe(
      'Type the short branch name (such as `main`), not the full ref.',
    );
  });
});

describe('parseChangedPaths', () => {
  it('reads one path per line, trimming spaces and skipping blank lines (also with CRLF)', () => {
    expect(parseChangedPaths('src/a.ts\r\n\n  docs/readme.md  \n')).toEqual({
      ok: true,
      paths: ['src/a.ts', 'docs/readme.md'],
    });
  });

  it('gives null for an empty box: the diff is unknown', () => {
    expect(parseChangedPaths('')).toEqual({ ok: true, paths: null });
    expect(parseChangedPaths('  \n \n')).toEqual({ ok: true, paths: null });
  });

  it('reports every bad line with its 1-based line number', () => {
    const result = parseChangedPaths(
      'src/ok.ts\n/etc/passwd\n\nsrc\\win.ts\nsrc/**\n../up.ts\nsrc//x.ts',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.line)).toEqual([2, 4, 5, 6, 7]);
    expect(result.problems[0]?.message).toBe(
      'Line 2: `/etc/passwd` starts with `/`; write paths relative to the repository root, such as `src/app.ts`.',
    );
    expect(result.problems[1]?.message).toMatch(/^Line 4: .*separate folders with `\/`/);
    expect(result.problems[2]?.message).toMatch(/^Line 5: `src\/\*\*` is a pattern/);
    expect(result.problems[3]?.message).toMatch(/^Line 6: .*`\.\.` part/);
    expect(result.problems[4]?.message).toMatch(/^Line 7: .*empty/);
  });
});

describe('layoutJobGraph', () => {
  const dims = { boxWidth: 150, boxHeight: 52, columnGap: 36, rowGap: 16, margin: 8 };

  it('places waves as columns and jobs of a wave as rows (coordinates worked by hand)', () => {
    const layout = layoutJobGraph(
      {
        waves: [['a', 'b'], ['c']],
        edges: [
          ['a', 'c'],
          ['b', 'c'],
        ],
      },
      dims,
    );
    // Column x: 8, then 8 + 150 + 36 = 194. Row y: 8, then 8 + 52 + 16 = 76.
    expect(layout.nodes).toEqual([
      { id: 'a', wave: 0, row: 0, x: 8, y: 8 },
      { id: 'b', wave: 0, row: 1, x: 8, y: 76 },
      { id: 'c', wave: 1, row: 0, x: 194, y: 8 },
    ]);
    // Width 8 + 150 + 36 + 150 + 8 = 352; height 8 + 52 + 16 + 52 + 8 = 136.
    expect(layout.width).toBe(352);
    expect(layout.height).toBe(136);
    // From the right middle of a (158, 34) and b (158, 102) to the left middle of c (194, 34),
    // with both control points at the midpoint x = 176.
    expect(layout.edges).toEqual([
      { from: 'a', to: 'c', d: 'M158 34 C176 34 176 34 194 34' },
      { from: 'b', to: 'c', d: 'M158 102 C176 102 176 34 194 34' },
    ]);
  });

  it('draws an empty graph as just its margins and leaves out edges to unplaced jobs', () => {
    expect(layoutJobGraph({ waves: [], edges: [] }, dims)).toEqual({
      width: 16,
      height: 16,
      columns: 1,
      nodes: [],
      edges: [],
    });
    expect(layoutJobGraph({ waves: [['a']], edges: [['a', 'ghost']] }, dims).edges).toEqual([]);
  });

  it('lays the ML pipeline out as a chain of seven columns', () => {
    const graph = mlPipelineGraph();
    const layout = layoutJobGraph(graph);
    expect(layout.nodes.map((n) => n.wave)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(layout.width).toBe(2 * 8 + 7 * 150 + 6 * 36);
    expect(layout.edges).toHaveLength(6);
  });

  it('wraps the waves into bands that fit the width: 3 columns at 720 px, 1 on a phone', () => {
    const graph = mlPipelineGraph();
    // (720 − 2·8 + 36) / (150 + 36) = 3.98 → 3 columns; bands hold waves 1–3, 4–6 and 7.
    const desktop = layoutJobGraph(graph, { ...dims, bandGap: 32 }, 720);
    expect(desktop.columns).toBe(3);
    expect(desktop.width).toBe(8 + 3 * 150 + 2 * 36 + 8);
    expect(desktop.height).toBe(8 + 3 * 52 + 2 * 32 + 8);
    expect(desktop.nodes.map((n) => [n.id, n.x, n.y])).toEqual([
      ['lint', 8, 8],
      ['unit-tests', 194, 8],
      ['train', 380, 8],
      ['evaluate', 8, 92],
      ['build-and-push', 194, 92],
      ['deploy-staging', 380, 92],
      ['deploy-production', 8, 176],
    ]);
    // In a band: right middle to left middle. Across bands: bottom middle of train (455, 60) to
    // top middle of evaluate (83, 92), control points at the vertical midpoint 76.
    expect(desktop.edges[0]).toEqual({
      from: 'lint',
      to: 'unit-tests',
      d: 'M158 34 C176 34 176 34 194 34',
    });
    expect(desktop.edges[2]).toEqual({
      from: 'train',
      to: 'evaluate',
      d: 'M455 60 C455 76 83 76 83 92',
    });
    const phone = layoutJobGraph(graph, { ...dims, bandGap: 32 }, 300);
    expect(phone.columns).toBe(1);
    expect(phone.width).toBe(166);
    expect(phone.height).toBe(8 + 7 * 52 + 6 * 32 + 8);
    expect(phone.nodes.every((n) => n.x === 8)).toBe(true);
    for (const width of [0, -5, Number.NaN, 1e9]) {
      const layout = layoutJobGraph(graph, dims, width);
      expect(layout.nodes).toHaveLength(7);
      expect(Number.isFinite(layout.width) && Number.isFinite(layout.height)).toBe(true);
    }
  });

  it('keeps a wide wave in one band, its jobs stacked', () => {
    const layout = layoutJobGraph(
      { waves: [['a', 'b', 'c'], ['d']], edges: [['c', 'd']] },
      { ...dims, bandGap: 32 },
      200,
    );
    expect(layout.nodes.map((n) => [n.id, n.x, n.y])).toEqual([
      ['a', 8, 8],
      ['b', 8, 76],
      ['c', 8, 144],
      ['d', 8, 228],
    ]);
    expect(layout.height).toBe(228 + 52 + 8);
  });
});

describe('stepChoices and qualityGateSteps', () => {
  it('lists every step as job › label, in file order', () => {
    const choices = stepChoices(ciWorkflow);
    expect(choices.map((c) => c.label)).toEqual([
      'test › actions/checkout@3d3c42e',
      'test › actions/setup-node@8207627',
      'test › Install dependencies',
      'test › Type-check',
      'test › actions/setup-python@5fda3b9',
      'test › Install promtool and amtool (Debian/Ubuntu packages prometheus, prometheus-alertmanager) for the metrics, alert-rule and routing checks',
      'test › Unit tests, build, browser tests',
      'test › Keep the Playwright report when something failed',
    ]);
    expect(choices[3]).toEqual({
      value: 'test#3',
      label: 'test › Type-check',
      step: { job: 'test', step: 3 },
    });
  });

  it("finds the ML pipeline's gate step (evaluate, 6th step) and none in ci.yml", () => {
    expect(qualityGateSteps(mlPipeline)).toEqual([{ job: 'evaluate', step: 5 }]);
    const evaluate = mlPipeline.jobs.find((j) => j.id === 'evaluate');
    expect(evaluate?.steps[5]?.label).toBe('Compare candidate with production');
    expect(qualityGateSteps(ciWorkflow)).toEqual([]);
  });
});

describe('describeRun', () => {
  const job = (id: string, status: JobRun['status']): JobRun => ({
    id,
    wave: 0,
    status,
    condition: 'success()',
    environment: null,
    steps: [],
    log: [],
  });
  const run = (conclusion: RunSimulation['conclusion'], jobs: JobRun[]): RunSimulation => ({
    trigger: { runs: conclusion !== 'not-triggered', eventName: 'push', reasons: [] },
    conclusion,
    jobs,
    waves: [],
    log: [],
  });

  it('counts jobs per status with singular and plural wording', () => {
    expect(
      describeRun(
        run('failure', [
          job('a', 'success'),
          job('b', 'success'),
          job('c', 'failure'),
          job('d', 'skipped'),
          job('e', 'skipped'),
        ]),
      ),
    ).toBe('The run failed: 2 jobs succeeded, 1 job failed and 2 jobs were skipped.');
    expect(describeRun(run('success', [job('a', 'success')]))).toBe(
      'The run succeeded: 1 job succeeded.',
    );
    expect(describeRun(run('waiting', [job('a', 'success'), job('b', 'waiting')]))).toBe(
      'The run is waiting: 1 job succeeded and 1 job waits for approval.',
    );
  });

  it('says plainly when the event does not start the workflow', () => {
    expect(describeRun(run('not-triggered', []))).toBe(
      'The event does not start this workflow, so no job runs.',
    );
  });
});

describe('offsetOfPosition', () => {
  const text = 'ab\ncde\n\nf';
  it('counts the characters of earlier lines plus their newlines', () => {
    // Line 2 starts after "ab\n" (3 characters); column 3 is two further.
    expect(offsetOfPosition(text, 1, 1)).toBe(0);
    expect(offsetOfPosition(text, 2, 3)).toBe(5);
    expect(text[5]).toBe('e');
    expect(offsetOfPosition(text, 4, 1)).toBe(8);
    expect(text[8]).toBe('f');
  });

  it('clamps positions outside the text', () => {
    expect(offsetOfPosition(text, 2, 99)).toBe(6); // end of "cde"
    expect(offsetOfPosition(text, 99, 1)).toBe(8); // last line
    expect(offsetOfPosition(text, 0, 0)).toBe(0);
    expect(offsetOfPosition('', 3, 3)).toBe(0);
  });
});

describe('fitLabel', () => {
  it('keeps short labels and cuts long ones to the limit including the ellipsis', () => {
    expect(fitLabel('deploy-production', 18)).toBe('deploy-production');
    expect(fitLabel('a-very-long-job-identifier', 10)).toBe('a-very-lo…');
    expect(Array.from(fitLabel('a-very-long-job-identifier', 10))).toHaveLength(10);
  });
});
