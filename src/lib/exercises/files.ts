/**
 * "Fix this file" answers: a Dockerfile checked by chapter 2's parser and lint rules, and a
 * GitHub Actions workflow checked by chapter 4's validator (GitHub's own workflow parser). Both
 * analysers are imported on the first check, never at page load: the workflow parser is large.
 * A file is accepted when the analyser reports nothing left to fix and the file still does its
 * job (the exercise's required instructions, jobs and `needs` are still there).
 */
import { MAX_FILE_ANSWER, type CheckResult, type DockerfileSpec, type WorkflowSpec } from './types';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function sizeProblem(text: string): CheckResult | null {
  if (text.trim() === '')
    return {
      correct: false,
      fieldError: true,
      message: 'The file is empty: edit the file above instead of clearing it.',
    };
  if (text.length > MAX_FILE_ANSWER)
    return {
      correct: false,
      fieldError: true,
      message: `The file is longer than ${MAX_FILE_ANSWER.toLocaleString('en')} characters; this exercise needs far less.`,
    };
  return null;
}

/**
 * Checks a Dockerfile: no parse error, no lint finding of severity warning or error, and every
 * `mustKeep` pattern (a regular expression over the whole file) still matches.
 */
export async function checkDockerfileAnswer(
  spec: DockerfileSpec,
  text: string,
): Promise<CheckResult> {
  const size = sizeProblem(text);
  if (size) return size;
  const [{ parseDockerfile }, { lintDockerfile }] = await Promise.all([
    import('../docker/parse'),
    import('../docker/lint'),
  ]);
  const parsed = parseDockerfile(text);
  const parseError = parsed.errors[0];
  if (parseError)
    return {
      correct: false,
      line: parseError.line,
      message: `The analyser cannot read line ${parseError.line}: ${parseError.message}`,
    };
  for (const keep of spec.mustKeep) {
    if (!new RegExp(keep.pattern, 'im').test(text))
      return {
        correct: false,
        message: `The analyser is not the only judge: the image must still ${keep.describe}.`,
      };
  }
  const findings = lintDockerfile(parsed).filter((f) => f.severity !== 'info');
  const first = findings[0];
  if (!first)
    return {
      correct: true,
      message:
        'Accepted: the analyser reports no warning and the image still builds and runs the service.',
    };
  return {
    correct: false,
    line: first.line,
    message: `${plural(findings.length, 'finding')} left. Line ${first.line}: ${first.message} Fix: ${first.fix}`,
  };
}

/** Job ids and their `needs` lists from the validator's workflow model. */
function needsOf(jobs: readonly { id: string; needs: readonly string[] }[]): Map<string, string[]> {
  return new Map(jobs.map((job) => [job.id, [...job.needs]]));
}

/** Checks a workflow: no validator error or warning, and the exercise's jobs and `needs` kept. */
export async function checkWorkflowAnswer(spec: WorkflowSpec, text: string): Promise<CheckResult> {
  const size = sizeProblem(text);
  if (size) return size;
  const { validateGitHubWorkflow } = await import('../cicd/github-validate');
  const result = validateGitHubWorkflow(text);
  const first = result.diagnostics[0];
  if (first) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = result.diagnostics.length - errors;
    const counts = [
      errors ? plural(errors, 'error') : '',
      warnings ? plural(warnings, 'warning') : '',
    ]
      .filter(Boolean)
      .join(' and ');
    return {
      correct: false,
      line: first.line,
      message: `${counts} left. Line ${first.line}, column ${first.column}: ${first.message}`,
    };
  }
  const jobs = needsOf(result.workflow?.jobs ?? []);
  const lost = spec.jobs.find((id) => !jobs.has(id));
  if (lost)
    return {
      correct: false,
      message: `The validator is happy, but the job \`${lost}\` is gone: fix it rather than delete it.`,
    };
  for (const [job, needed] of spec.needs) {
    if (!jobs.get(job)?.includes(needed))
      return {
        correct: false,
        message: `The validator is happy, but \`${job}\` no longer needs \`${needed}\`: the order of the pipeline is part of the answer.`,
      };
  }
  return {
    correct: true,
    message:
      "Accepted: GitHub's workflow parser and the chapter's checks find nothing, and every job still runs in order.",
  };
}
