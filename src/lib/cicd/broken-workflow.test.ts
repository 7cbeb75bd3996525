/**
 * Chapter 4's playground opens its "broken" preset from broken-workflow.yml (imported with ?raw
 * by the ch04 widget): a workflow with six mistakes people really make. The validator must find
 * each of them, at its line, or the exercise has nothing to fix.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateGitHubWorkflow } from './github-validate';

const text = readFileSync(new URL('./broken-workflow.yml', import.meta.url), 'utf8');
const lineOf = (needle: string): number =>
  text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('the broken workflow preset', () => {
  it('is rejected, with an error at each of its six mistakes', () => {
    const result = validateGitHubWorkflow(text);
    expect(result.ok).toBe(false);
    const errorLines = new Set(
      result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.line),
    );
    const mistakes = [
      lineOf("cron: '0 3 * * * 1'"), // six cron fields
      lineOf('- name: Download the data'), // a step with both uses and run
      lineOf('needs: prepare-dta'), // a misspelt need
      lineOf('    needs: evaluate'), // report needs evaluate, which needs report: a cycle
      lineOf('uses: actions/upload-artifact'), // an action without a version
      lineOf('  deploy:'), // a job without runs-on
    ];
    expect(mistakes.every((line) => line > 0)).toBe(true);
    for (const line of mistakes) expect(errorLines, `an error on line ${line}`).toContain(line);
  });
});
