/**
 * What the pipeline playground needs once the reader reaches it: the CI/CD library, the preset
 * workflows and the candidate trainer. The playground loads this module with `import()`, so the
 * YAML parser and GitHub's workflow parser and expression evaluator (`@actions/workflow-parser`,
 * `@actions/expressions`) are not part of the JavaScript a page downloads before interaction.
 */
import mlPipeline from '../../../content/04-ci-cd/pipelines/ml-pipeline.github.yml?raw';
import ciWorkflow from '../../../.github/workflows/ci.yml?raw';
import deployWorkflow from '../../../.github/workflows/deploy.yml?raw';
import brokenWorkflow from '../../lib/cicd/broken-workflow.yml?raw';

/** The preset workflows by the value of their `<option>`. */
export const PRESETS: Readonly<Record<string, string>> = {
  ml: mlPipeline,
  ci: ciWorkflow,
  deploy: deployWorkflow,
  broken: brokenWorkflow,
};

export { validateGitHubWorkflow } from '../../lib/cicd/github-validate';
export { simulateConcurrentRuns, simulateRun } from '../../lib/cicd/simulate';
export { decideTrigger } from '../../lib/cicd/triggers';
export { evaluateQualityGate, metricFromModelCard } from '../../lib/cicd/quality-gate';
export {
  checkRefName,
  describeRun,
  fitLabel,
  layoutJobGraph,
  offsetOfPosition,
  parseChangedPaths,
  qualityGateSteps,
  stepChoices,
  DEFAULT_GRAPH_DIMENSIONS,
} from '../../lib/cicd/playground';
export { readCandidateFields, readTolerance, trainCandidate } from '../../lib/cicd/candidate';
export { parsePenguinsPayload } from '../../lib/data/payload';
