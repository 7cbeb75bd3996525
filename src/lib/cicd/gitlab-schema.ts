/**
 * The shape of a GitLab CI job for the subset chapter 4 shows, written from GitLab's CI/CD YAML
 * syntax reference (docs.gitlab.com/ci/yaml/): the global keywords that are not jobs, the default
 * stages, and a zod schema of a job's keys.
 */
import { z } from 'zod';

/** Top-level keywords that are not jobs (GitLab CI YAML reference, "Global keywords"). */
export const GITLAB_GLOBAL_KEYWORDS: readonly string[] = [
  'default',
  'include',
  'stages',
  'variables',
  'workflow',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
  'spec',
  'pages',
];

/** GitLab's stages when a file lists none. */
export const DEFAULT_STAGES = ['build', 'test', 'deploy'];
const Scripts = z.union([z.string(), z.array(z.union([z.string(), z.array(z.string())]))]);
const StringList = z.union([z.string(), z.array(z.string())]);
const When = z.enum(['on_success', 'on_failure', 'always', 'manual', 'delayed', 'never']);
const Image = z.union([
  z.string(),
  z.strictObject({
    name: z.string(),
    entrypoint: z.array(z.string()).optional(),
    pull_policy: StringList.optional(),
  }),
]);
const Rule = z.strictObject({
  if: z.string().optional(),
  changes: z
    .union([
      z.array(z.string()),
      z.strictObject({ paths: z.array(z.string()), compare_to: z.string().optional() }),
    ])
    .optional(),
  exists: z.array(z.string()).optional(),
  when: When.optional(),
  allow_failure: z.boolean().optional(),
  variables: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  needs: z.array(z.unknown()).optional(),
});
const CacheEntry = z.strictObject({
  key: z
    .union([
      z.string(),
      z.strictObject({ files: z.array(z.string()).min(1).max(2), prefix: z.string().optional() }),
    ])
    .optional(),
  paths: z.array(z.string()).optional(),
  policy: z.enum(['pull', 'push', 'pull-push']).optional(),
  untracked: z.boolean().optional(),
  when: z.enum(['on_success', 'on_failure', 'always']).optional(),
  unprotect: z.boolean().optional(),
  fallback_keys: z.array(z.string()).optional(),
});
const Need = z.union([
  z.string(),
  z.strictObject({
    job: z.string(),
    artifacts: z.boolean().optional(),
    optional: z.boolean().optional(),
  }),
  z.strictObject({ pipeline: z.string(), job: z.string(), artifacts: z.boolean().optional() }),
]);
/**
 * Job keys GitLab accepts whose values the playground does not look into: a job may carry them, and
 * no rule here checks what they hold.
 */
const UNCHECKED_JOB_KEYS = [
  'only',
  'except',
  'retry',
  'parallel',
  'trigger',
  'release',
  'id_tokens',
  'secrets',
  'pages',
] as const;
const uncheckedJobKeys = Object.fromEntries(
  UNCHECKED_JOB_KEYS.map((key) => [key, z.unknown().optional()]),
) as Record<(typeof UNCHECKED_JOB_KEYS)[number], z.ZodOptional<z.ZodUnknown>>;

/** A job's keys and values, for the subset the chapter shows (unknown keys are reported). */
export const Job = z.strictObject({
  ...uncheckedJobKeys,
  stage: z.string().optional(),
  script: Scripts.optional(),
  before_script: Scripts.optional(),
  after_script: Scripts.optional(),
  image: Image.optional(),
  services: z.array(z.union([z.string(), z.record(z.string(), z.unknown())])).optional(),
  needs: z.array(Need).optional(),
  dependencies: z.array(z.string()).optional(),
  rules: z.array(Rule).optional(),
  when: When.optional(),
  allow_failure: z
    .union([
      z.boolean(),
      z.strictObject({ exit_codes: z.union([z.number(), z.array(z.number())]) }),
    ])
    .optional(),
  environment: z
    .union([
      z.string(),
      z.strictObject({
        name: z.string(),
        url: z.string().optional(),
        action: z.enum(['start', 'prepare', 'stop', 'verify', 'access']).optional(),
        deployment_tier: z
          .enum(['production', 'staging', 'testing', 'development', 'other'])
          .optional(),
        on_stop: z.string().optional(),
        auto_stop_in: z.string().optional(),
      }),
    ])
    .optional(),
  cache: z.union([CacheEntry, z.array(CacheEntry)]).optional(),
  artifacts: z
    .strictObject({
      paths: z.array(z.string()).optional(),
      exclude: z.array(z.string()).optional(),
      expire_in: z.string().optional(),
      expose_as: z.string().optional(),
      name: z.string().optional(),
      public: z.boolean().optional(),
      reports: z.record(z.string(), z.unknown()).optional(),
      untracked: z.boolean().optional(),
      when: z.enum(['on_success', 'on_failure', 'always']).optional(),
    })
    .optional(),
  variables: z.record(z.string(), z.unknown()).optional(),
  extends: StringList.optional(),
  tags: z.array(z.string()).optional(),
  timeout: z.string().optional(),
  interruptible: z.boolean().optional(),
  resource_group: z.string().optional(),
  coverage: z.string().optional(),
  start_in: z.string().optional(),
});
