import { describe, expect, it } from 'vitest';
import * as cicd from './index';

describe('cicd index', () => {
  it('re-exports the public API', () => {
    for (const name of [
      'validateGitHubWorkflow',
      'validateGitLabPipeline',
      'buildJobGraph',
      'decideTrigger',
      'simulateRun',
      'simulateConcurrentRuns',
      'evaluateQualityGate',
      'evaluateCondition',
      'readYaml',
      'matchFilterList',
    ]) {
      expect(typeof (cicd as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it('analyzes a valid workflow end to end and stops at errors', () => {
    const good = cicd.analyzeWorkflow(
      'on: push\npermissions: read-all\njobs:\n  a: { runs-on: x, steps: [{ run: a }] }\n',
      { event: { kind: 'push', branch: 'main' } },
    );
    expect(good.validation.ok).toBe(true);
    expect(good.run?.conclusion).toBe('success');
    const bad = cicd.analyzeWorkflow('on: push\njobs:\n  a: { steps: [{ run: a }] }\n', {
      event: { kind: 'push' },
    });
    expect(bad.validation.ok).toBe(false);
    expect(bad.run).toBeNull();
  });
});
