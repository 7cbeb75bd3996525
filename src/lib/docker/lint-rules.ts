/**
 * The catalogue of the chapter-2 Dockerfile lint rules: their identifiers, severities and
 * rationale (Docker's own guidance, docs.docker.com/build/building/best-practices/), and the
 * shape of a finding. The checks that fire them live in `lint.ts`.
 */

/** How much a finding matters. */
export type LintSeverity = 'error' | 'warning' | 'info';

/** Identifiers of the lint rules. */
export type LintRuleId =
  | 'unpinned-base-image'
  | 'copy-context-before-install'
  | 'apt-update-alone'
  | 'apt-no-install-recommends'
  | 'apt-lists-not-removed'
  | 'runs-as-root'
  | 'add-instead-of-copy'
  | 'secret-in-env-or-arg'
  | 'missing-dockerignore'
  | 'missing-healthcheck';

/** One lint finding. */
export interface LintFinding {
  /** Rule that fired. */
  rule: LintRuleId;
  /** How much it matters. */
  severity: LintSeverity;
  /** Line of the offending instruction (1-based). */
  line: number;
  /** What is wrong here, specific to this line. */
  message: string;
  /** Why it matters, in general. */
  explanation: string;
  /** What to write instead. */
  fix: string;
}

/** Description of a rule, for listing every rule in the widget. */
export interface LintRule {
  /** Rule identifier. */
  id: LintRuleId;
  /** Default severity. */
  severity: LintSeverity;
  /** Short title. */
  title: string;
  /** Why it matters. */
  explanation: string;
}

/** Facts about the build context, for the `.dockerignore` rule. */
export interface LintContextInfo {
  /** Number of files in the context directory. */
  fileCount: number;
  /** Total bytes in the context directory. */
  totalBytes: number;
  /** Whether a `.dockerignore` exists next to the context root. */
  hasDockerignore: boolean;
}

/** Options of {@link lintDockerfile}. */
export interface LintOptions {
  /** Build context facts; without them the `.dockerignore` rule stays silent. */
  context?: LintContextInfo;
  /** `--build-arg` values, used when resolving `FROM $IMAGE`. */
  buildArgs?: Readonly<Record<string, string>>;
  /** A context counts as large from this many files (default 1000). */
  largeContextFiles?: number;
  /** A context counts as large from this many bytes (default 50 MB). */
  largeContextBytes?: number;
}

/** Every rule with its default severity and rationale. */
export const LINT_RULES: readonly LintRule[] = [
  {
    id: 'unpinned-base-image',
    severity: 'warning',
    title: 'Base image without a pinned tag',
    explanation:
      'Without a tag Docker pulls :latest, and :latest moves. The same Dockerfile then builds a different image next month, and a cached build and a fresh build disagree.',
  },
  {
    id: 'copy-context-before-install',
    severity: 'warning',
    title: 'Whole context copied before installing dependencies',
    explanation:
      'A COPY layer is keyed on the files it copies. Copying everything before the install means any edit to any source file invalidates the install layer, so every build reinstalls every package.',
  },
  {
    id: 'apt-update-alone',
    severity: 'warning',
    title: 'apt-get update in a RUN of its own',
    explanation:
      'The cache key of a RUN is its text, so an update-only layer stays cached for months while later installs read its stale package lists: they install old versions, or fail once the mirror has dropped them. Docker recommends update and install in the same RUN.',
  },
  {
    id: 'apt-no-install-recommends',
    severity: 'warning',
    title: 'apt-get install pulls recommended packages',
    explanation:
      'By default apt also installs "recommended" packages, which bloats the image with software nobody asked for.',
  },
  {
    id: 'apt-lists-not-removed',
    severity: 'warning',
    title: 'apt package lists left in the layer',
    explanation:
      'apt-get update downloads package lists into /var/lib/apt/lists. Unless the same RUN deletes them, they stay in the layer forever: deleting them in a later RUN does not shrink the earlier layer.',
  },
  {
    id: 'runs-as-root',
    severity: 'warning',
    title: 'Container runs as root',
    explanation:
      'Without USER the process runs as root inside the container. A bug that lets an attacker run code then has root inside the container, one kernel bug away from the host.',
  },
  {
    id: 'add-instead-of-copy',
    severity: 'info',
    title: 'ADD where COPY fits',
    explanation:
      'ADD also downloads URLs and unpacks local tar archives. For plain local files COPY does the same with no surprises, which is why Docker recommends COPY unless you need the extra behaviour.',
  },
  {
    id: 'secret-in-env-or-arg',
    severity: 'error',
    title: 'Secret in ENV or ARG',
    explanation:
      'ENV values are stored in the image config and ARG values in the build history; anyone who can pull the image can read them with docker inspect or docker history.',
  },
  {
    id: 'missing-dockerignore',
    severity: 'warning',
    title: 'Large build context without .dockerignore',
    explanation:
      'The whole context directory is sent to the builder before the first instruction runs. Without .dockerignore that includes node_modules, .git and build output: slow uploads, and COPY . . copies them into the image.',
  },
  {
    id: 'missing-healthcheck',
    severity: 'info',
    title: 'Service without HEALTHCHECK',
    explanation:
      'A container whose process is alive but not answering still shows as "running". A HEALTHCHECK lets Docker (and orchestrators that read it) mark it unhealthy and restart or stop routing to it.',
  },
];

/** The catalogue entry of one rule. */
export function lintRule(id: LintRuleId): LintRule {
  return LINT_RULES.find((candidate) => candidate.id === id) as LintRule;
}

/** A finding of rule `id` at `line`, with the rule's severity and explanation. */
export function finding(id: LintRuleId, line: number, message: string, fix: string): LintFinding {
  const { severity, explanation } = lintRule(id);
  return { rule: id, severity, line, message, explanation, fix };
}
