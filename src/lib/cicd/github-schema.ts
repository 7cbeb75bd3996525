/**
 * zod 4 schemas for the subset of GitHub Actions workflow syntax the booklet teaches. Objects are
 * strict so that unknown keys surface as `unrecognized_keys` issues, which the validator reports as
 * warnings. Refinements attach a `rule` parameter; the validator turns rule + path into a sentence.
 */
import { z } from 'zod';
import { checkCronExpression } from './cron';
import { checkTemplate, evaluateCondition } from './expression';
import { compileFilterPattern } from './filter-pattern';

/** A custom issue's rule name and extra data, read back by the validator. */
export interface RuleParams {
  /** Which rule fired (for example `step-uses-and-run`). */
  rule: string;
  /** `warning` for advisory findings; errors otherwise. */
  severity?: 'warning';
  /** Whether the position should point at the key rather than the value. */
  at?: 'key';
  /** Extra text for the message. */
  detail?: string;
}

function addRule(
  ctx: z.core.$RefinementCtx,
  message: string,
  params: RuleParams,
  path: PropertyKey[] = [],
): void {
  ctx.addIssue({ code: 'custom', message, params, path });
}

const Scalar = z.union([z.string(), z.number(), z.boolean()]);
const StringList = z.union([z.string(), z.array(z.string())]);

/** A branch, tag or path pattern list; each pattern must compile. */
const PatternList = StringList.superRefine((value, ctx) => {
  const patterns = typeof value === 'string' ? [value] : value;
  patterns.forEach((pattern, i) => {
    const compiled = compileFilterPattern(pattern);
    if (!compiled.ok) {
      addRule(ctx, compiled.message, { rule: 'bad-pattern' }, typeof value === 'string' ? [] : [i]);
    }
  });
  const positives = patterns.filter((p) => !p.startsWith('!'));
  if (patterns.length > 0 && positives.length === 0) {
    addRule(ctx, 'only-negative', { rule: 'only-negative-patterns' });
  }
});

const ExclusivePairs: Array<[string, string]> = [
  ['branches', 'branches-ignore'],
  ['tags', 'tags-ignore'],
  ['paths', 'paths-ignore'],
];

function exclusiveFilters(value: Record<string, unknown> | null, ctx: z.core.$RefinementCtx): void {
  if (value === null) return;
  for (const [a, b] of ExclusivePairs) {
    if (value[a] !== undefined && value[b] !== undefined) {
      addRule(ctx, `${a}|${b}`, { rule: 'exclusive-filters', at: 'key', detail: `${a}|${b}` }, [b]);
    }
  }
}

const PushFilters = z
  .strictObject({
    branches: PatternList.optional(),
    'branches-ignore': PatternList.optional(),
    tags: PatternList.optional(),
    'tags-ignore': PatternList.optional(),
    paths: PatternList.optional(),
    'paths-ignore': PatternList.optional(),
  })
  .nullable()
  .superRefine(exclusiveFilters);

const PullRequestFilters = z
  .strictObject({
    branches: PatternList.optional(),
    'branches-ignore': PatternList.optional(),
    paths: PatternList.optional(),
    'paths-ignore': PatternList.optional(),
    types: StringList.optional(),
  })
  .nullable()
  .superRefine(exclusiveFilters);

const CronEntry = z.strictObject({
  cron: z.string().superRefine((cron, ctx) => {
    const result = checkCronExpression(cron);
    if (!result.ok) addRule(ctx, result.message, { rule: 'cron' });
    else
      for (const warning of result.warnings)
        addRule(ctx, warning, { rule: 'cron-frequency', severity: 'warning' });
  }),
  // GitHub evaluates schedules in UTC unless an IANA time-zone name is given here.
  timezone: z.string().min(1).optional(),
});

const DispatchInput = z.strictObject({
  description: z.string().optional(),
  required: z.boolean().optional(),
  default: Scalar.optional(),
  type: z.enum(['boolean', 'choice', 'number', 'environment', 'string']).optional(),
  options: z.array(Scalar).optional(),
  deprecationMessage: z.string().optional(),
});

/** Events the booklet's workflows use; other GitHub events are accepted without a schema. */
export const KNOWN_EVENTS: readonly string[] = [
  'branch_protection_rule',
  'check_run',
  'check_suite',
  'create',
  'delete',
  'deployment',
  'deployment_status',
  'discussion',
  'discussion_comment',
  'fork',
  'gollum',
  'issue_comment',
  'issues',
  'label',
  'merge_group',
  'milestone',
  'page_build',
  'public',
  'pull_request',
  'pull_request_review',
  'pull_request_review_comment',
  'pull_request_target',
  'push',
  'registry_package',
  'release',
  'repository_dispatch',
  'schedule',
  'status',
  'watch',
  'workflow_call',
  'workflow_dispatch',
  'workflow_run',
];

const OtherEvent = z.unknown().optional();
const eventShape: Record<string, z.ZodType> = {};
for (const event of KNOWN_EVENTS) eventShape[event] = OtherEvent;

const OnMap = z.strictObject({
  ...eventShape,
  push: PushFilters.optional(),
  pull_request: PullRequestFilters.optional(),
  pull_request_target: PullRequestFilters.optional(),
  schedule: z.array(CronEntry).min(1).optional(),
  workflow_dispatch: z
    .strictObject({ inputs: z.record(z.string(), DispatchInput).optional() })
    .nullable()
    .optional(),
});

const EventName = z.string().superRefine((name, ctx) => {
  if (!KNOWN_EVENTS.includes(name))
    addRule(ctx, name, { rule: 'unknown-event', severity: 'warning' });
});

const On = z.union([EventName, z.array(EventName).min(1), OnMap]);

const Access = z.enum(['read', 'write', 'none']);
const Permissions = z.union([
  z.enum(['read-all', 'write-all']),
  z.strictObject({
    actions: Access.optional(),
    attestations: Access.optional(),
    checks: Access.optional(),
    contents: Access.optional(),
    deployments: Access.optional(),
    discussions: Access.optional(),
    'id-token': Access.optional(),
    issues: Access.optional(),
    models: Access.optional(),
    packages: Access.optional(),
    pages: Access.optional(),
    'pull-requests': Access.optional(),
    'repository-projects': Access.optional(),
    'security-events': Access.optional(),
    statuses: Access.optional(),
  }),
]);

const TemplateString = z.string().superRefine((text, ctx) => {
  const problem = checkTemplate(text);
  if (problem !== null) addRule(ctx, problem, { rule: 'expression' });
});

const Concurrency = z.union([
  TemplateString,
  z.strictObject({
    group: TemplateString,
    'cancel-in-progress': z.union([z.boolean(), expressionFor('`true` or `false`')]).optional(),
  }),
]);

const Environment = z.union([
  TemplateString,
  z.strictObject({ name: TemplateString, url: TemplateString.optional() }),
]);

/** An `if:` condition; its expression must parse. */
const Condition = z.union([z.boolean(), z.number(), z.string()]).superRefine((value, ctx) => {
  if (typeof value !== 'string') return;
  const result = evaluateCondition(value, { contexts: {} });
  if (result.error !== null) addRule(ctx, result.error, { rule: 'expression' });
});

/** Text that must be a `${{ }}` expression, standing in for a value of another type. */
function expressionFor(expected: string) {
  return z.string().superRefine((text, ctx) => {
    if (!text.includes('${{')) {
      addRule(ctx, text, { rule: 'expected-expression', detail: expected });
      return;
    }
    const problem = checkTemplate(text);
    if (problem !== null) addRule(ctx, problem, { rule: 'expression' });
  });
}

const Env = z.record(z.string(), Scalar);
const ExpressionOrNumber = z.union([z.number().positive(), expressionFor('a number')]);
const ExpressionOrBoolean = z.union([z.boolean(), expressionFor('`true` or `false`')]);

const Step = z
  .strictObject({
    id: z.string().optional(),
    if: Condition.optional(),
    name: z.string().optional(),
    uses: z.string().optional(),
    run: z.string().optional(),
    'working-directory': z.string().optional(),
    shell: z.string().optional(),
    with: z.record(z.string(), Scalar.nullable()).optional(),
    env: Env.optional(),
    'continue-on-error': ExpressionOrBoolean.optional(),
    'timeout-minutes': ExpressionOrNumber.optional(),
  })
  .superRefine((step, ctx) => {
    if (step.uses !== undefined && step.run !== undefined)
      addRule(ctx, '', { rule: 'step-uses-and-run' });
    else if (step.uses === undefined && step.run === undefined)
      addRule(ctx, '', { rule: 'step-no-action' });
    const uses = step.uses;
    if (
      uses !== undefined &&
      !uses.startsWith('./') &&
      !uses.startsWith('docker://') &&
      !/@[^@\s]+$/.test(uses)
    ) {
      addRule(ctx, uses, { rule: 'uses-without-ref' }, ['uses']);
    }
  });

const Container = z.union([
  z.string(),
  z.strictObject({
    image: z.string(),
    credentials: z.strictObject({ username: z.string(), password: z.string() }).optional(),
    env: Env.optional(),
    ports: z.array(z.union([z.string(), z.number()])).optional(),
    volumes: z.array(z.string()).optional(),
    options: z.string().optional(),
    command: z.string().optional(),
    entrypoint: z.string().optional(),
  }),
]);

const Matrix = z.union([
  expressionFor('a map of lists'),
  z.record(z.string(), z.union([z.array(z.unknown()), expressionFor('a list')])),
]);

const Job = z
  .strictObject({
    name: z.string().optional(),
    permissions: Permissions.optional(),
    needs: StringList.optional(),
    if: Condition.optional(),
    'runs-on': z
      .union([
        z.string(),
        z.array(z.string()).min(1),
        z.strictObject({ group: z.string().optional(), labels: StringList.optional() }),
      ])
      .optional(),
    environment: Environment.optional(),
    concurrency: Concurrency.optional(),
    outputs: z.record(z.string(), z.string()).optional(),
    env: Env.optional(),
    defaults: z
      .strictObject({
        run: z.strictObject({
          shell: z.string().optional(),
          'working-directory': z.string().optional(),
        }),
      })
      .optional(),
    steps: z.array(Step).optional(),
    'timeout-minutes': ExpressionOrNumber.optional(),
    strategy: z
      .strictObject({
        matrix: Matrix,
        'fail-fast': ExpressionOrBoolean.optional(),
        'max-parallel': z
          .union([z.number().int().positive(), expressionFor('a whole number')])
          .optional(),
      })
      .optional(),
    'continue-on-error': ExpressionOrBoolean.optional(),
    container: Container.optional(),
    services: z.record(z.string(), Container).optional(),
    uses: z.string().optional(),
    with: z.record(z.string(), Scalar).optional(),
    secrets: z.union([z.literal('inherit'), z.record(z.string(), z.string())]).optional(),
  })
  .superRefine((job, ctx) => {
    if (job.uses !== undefined) {
      if (job.steps !== undefined)
        addRule(ctx, '', { rule: 'job-uses-and-steps', at: 'key' }, ['uses']);
      return;
    }
    if (job['runs-on'] === undefined) addRule(ctx, '', { rule: 'job-no-runs-on', at: 'key' });
    if (job.steps === undefined) addRule(ctx, '', { rule: 'job-no-steps', at: 'key' });
    else if (job.steps.length === 0) addRule(ctx, '', { rule: 'job-empty-steps' }, ['steps']);
  });

/** The whole workflow file. */
export const WorkflowSchema = z.strictObject({
  name: z.string().optional(),
  'run-name': z.string().optional(),
  on: On,
  permissions: Permissions.optional(),
  env: Env.optional(),
  defaults: z
    .strictObject({
      run: z.strictObject({
        shell: z.string().optional(),
        'working-directory': z.string().optional(),
      }),
    })
    .optional(),
  concurrency: Concurrency.optional(),
  jobs: z.record(z.string(), Job).refine((jobs) => Object.keys(jobs).length > 0, {
    params: { rule: 'no-jobs' } satisfies RuleParams,
  }),
});

/** Keys each kind of object accepts, for "did you mean" hints on unknown keys. */
export const KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = {
  workflow: Object.keys(WorkflowSchema.shape),
  job: Object.keys(Job.shape),
  step: Object.keys(Step.shape),
  push: ['branches', 'branches-ignore', 'tags', 'tags-ignore', 'paths', 'paths-ignore'],
  pull_request: ['branches', 'branches-ignore', 'paths', 'paths-ignore', 'types'],
  on: KNOWN_EVENTS,
  permissions: [
    'actions',
    'attestations',
    'checks',
    'contents',
    'deployments',
    'discussions',
    'id-token',
    'issues',
    'models',
    'packages',
    'pages',
    'pull-requests',
    'repository-projects',
    'security-events',
    'statuses',
  ],
};
