/**
 * Chapter 4's CI/CD toolkit: read and validate workflow YAML (GitHub Actions, and a GitLab CI
 * subset), draw the job graph, decide triggers, simulate runs and apply the model-quality gate.
 */
export * from './diagnostics';
export * from './yaml-source';
export * from './filter-pattern';
export * from './cron';
export * from './expression';
export * from './expression-template';
export * from './workflow-model';
export * from './job-graph';
export * from './triggers';
export * from './github-validate';
export * from './gitlab';
export * from './simulate';
export * from './quality-gate';

import { validateGitHubWorkflow, type WorkflowValidation } from './github-validate';
import { simulateRun, type RunSimulation, type SimulationOptions } from './simulate';

/** Validation plus, when the file is valid, a simulated run: what the chapter's editor shows. */
export interface WorkflowAnalysis {
  /** Diagnostics, model and graph. */
  validation: WorkflowValidation;
  /** The simulated run, or null when the workflow has errors. */
  run: RunSimulation | null;
}

/** Validates workflow text and, if it has no errors, simulates one run; never throws. */
export function analyzeWorkflow(text: string, options: SimulationOptions): WorkflowAnalysis {
  const validation = validateGitHubWorkflow(text);
  const run =
    validation.ok && validation.workflow ? simulateRun(validation.workflow, options) : null;
  return { validation, run };
}
