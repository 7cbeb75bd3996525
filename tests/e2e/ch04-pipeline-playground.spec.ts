/**
 * Chapter 4's pipeline playground on the built site: the main path from a push to main through an
 * approved production deployment, a failing step that skips its dependents, broken YAML that is
 * reported by line while the graph keeps its last valid state, and a quality gate that blocks a
 * weakly trained candidate.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const CHAPTER = '04-ci-cd/';

async function openPlayground(page: Page): Promise<Locator> {
  await page.goto(CHAPTER);
  const widget = page.getByRole('region', { name: 'Pipeline playground' });
  await widget.scrollIntoViewIfNeeded();
  return widget;
}

/** The sentence that sums up the last run. */
function runSummary(widget: Locator): Locator {
  return widget.locator('[data-out="run-summary"]');
}

/** The Status cell of a job's row in the run table. */
function jobStatus(widget: Locator, job: string): Locator {
  const table = widget.getByRole('table', { name: /Jobs of the run/ });
  return table
    .getByRole('row')
    .filter({ has: widget.page().getByRole('rowheader', { name: job, exact: true }) })
    .getByRole('cell')
    .nth(1);
}

async function loadPreset(widget: Locator, label: RegExp): Promise<void> {
  await widget.getByLabel('Preset').selectOption({ label: await optionLabel(widget, label) });
  await widget.getByRole('button', { name: 'Load preset' }).click();
}

async function optionLabel(widget: Locator, label: RegExp): Promise<string> {
  const labels = await widget.getByLabel('Preset').locator('option').allTextContents();
  const match = labels.find((l) => label.test(l));
  if (!match) throw new Error(`no preset matching ${label}`);
  return match;
}

// The root definition of GitHub's workflow schema: only the chunk with GitHub's parser contains it.
const PARSER_MARKER = 'workflow-root-strict';

test.describe('chapter 4: pipeline playground', () => {
  test("GitHub's workflow parser is fetched only when the reader reaches the playground", async ({
    page,
  }) => {
    const parserScripts: string[] = [];
    const reads: Promise<void>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      reads.push(
        response.text().then(
          (body) => {
            if (body.includes(PARSER_MARKER)) parserScripts.push(response.url());
          },
          () => undefined,
        ),
      );
    });
    const parserFetches = async (): Promise<number> => {
      await Promise.all(reads);
      return parserScripts.length;
    };
    await page.goto(CHAPTER);
    await expect(page.locator('h1').first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(await parserFetches()).toBe(0);

    const widget = await openPlayground(page);
    await widget.getByLabel('Workflow YAML').click();
    await expect.poll(parserFetches).toBe(1);
    await expect(widget.getByText('No problems found.')).toBeVisible();
  });

  test('main path: the ML pipeline deploys to staging on main, and to production once approved', async ({
    page,
  }) => {
    const widget = await openPlayground(page);
    await loadPreset(widget, /ML pipeline/);
    await widget.getByLabel('What happens').selectOption('push');
    await widget.getByLabel('Branch', { exact: true }).fill('main');
    await expect(widget.getByText('This event starts the workflow.')).toBeVisible();

    await widget.getByRole('button', { name: 'Run the workflow' }).click();
    // The waves animate one after another; the table appears when the run has finished.
    await expect(runSummary(widget)).toHaveText(/^The run succeeded/);
    for (const job of [
      'lint',
      'unit-tests',
      'train',
      'evaluate',
      'build-and-push',
      'deploy-staging',
    ]) {
      await expect(jobStatus(widget, job)).toHaveText('✓ success');
    }
    await expect(jobStatus(widget, 'deploy-production')).toHaveText('– skipped');
    await expect(
      widget.getByRole('row').filter({ hasText: /startsWith\(github\.ref, 'refs\/tags\/v'\)/ }),
    ).toHaveCount(1);
    await expect(widget.locator('[data-job="deploy-staging"]')).toHaveAttribute(
      'data-status',
      'success',
    );
    await expect(
      widget.getByRole('listitem').filter({ hasText: 'Wave 6: deploy-staging (✓ success)' }),
    ).toBeVisible();

    // A version tag goes on to production, which waits for a reviewer.
    await widget.getByLabel('What happens').selectOption('tag');
    await widget.getByLabel('Tag', { exact: true }).fill('v1.0.0');
    await widget.getByRole('button', { name: 'Run the workflow' }).click();
    await expect(runSummary(widget)).toHaveText(/^The run is waiting/);
    await expect(jobStatus(widget, 'deploy-staging')).toHaveText('✓ success');
    await expect(jobStatus(widget, 'deploy-production')).toHaveText('… waiting for approval');
    await expect(widget.locator('[data-job="deploy-production"]')).toHaveAttribute(
      'data-status',
      'waiting',
    );

    const approve = widget.getByRole('button', { name: /^Approve the deployment/ });
    await expect(approve).toHaveText('Approve the deployment to production');
    await expect(approve).toBeEnabled();
    await approve.click();
    await expect(runSummary(widget)).toHaveText(/^The run succeeded: 7 jobs succeeded\.$/);
    await expect(jobStatus(widget, 'deploy-production')).toHaveText('✓ success');
    await expect(approve).toBeDisabled();

    // Pushing again: on a tag the ML pipeline queues (cancel-in-progress is false outside PRs).
    await widget.getByRole('button', { name: 'Push again while a run is in progress' }).click();
    await expect(
      widget.getByText(/the second run waits as pending until the first finishes/),
    ).toBeVisible();
    // On a pull request the newer run cancels the older one.
    await widget.getByLabel('What happens').selectOption('pull_request');
    await widget.getByRole('button', { name: 'Push again while a run is in progress' }).click();
    await expect(widget.getByText(/so the first run is cancelled after 3 waves/)).toBeVisible();
    await expect(widget.getByRole('table', { name: 'Outcome of the two runs' })).toContainText(
      'The run was cancelled',
    );
  });

  test('a failing step skips every job that needs it, and the run fails', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const widget = await openPlayground(page);
    await loadPreset(widget, /ML pipeline/);
    await widget.getByLabel('Make a step fail').selectOption({ label: 'unit-tests › Unit tests' });
    await widget.getByRole('button', { name: 'Run the workflow' }).click();
    await expect(runSummary(widget)).toHaveText(
      /^The run failed: 1 job succeeded, 1 job failed and 5 jobs were skipped\.$/,
    );
    await expect(jobStatus(widget, 'lint')).toHaveText('✓ success');
    await expect(jobStatus(widget, 'unit-tests')).toHaveText('✗ failure');
    for (const job of [
      'train',
      'evaluate',
      'build-and-push',
      'deploy-staging',
      'deploy-production',
    ]) {
      await expect(jobStatus(widget, job)).toHaveText('– skipped');
    }
    await expect(
      widget.getByRole('row').filter({ hasText: 'Skipped because unit-tests failed' }),
    ).toHaveCount(5);
    await expect(widget.locator('[data-job="unit-tests"]')).toHaveAttribute(
      'data-status',
      'failure',
    );
    await expect(widget.locator('[data-job="train"]')).toHaveAttribute('data-status', 'skipped');
  });

  test('broken YAML is reported by line and column, the graph keeps its last valid state', async ({
    page,
  }) => {
    const widget = await openPlayground(page);
    await loadPreset(widget, /ML pipeline/);
    const editor = widget.getByLabel('Workflow YAML');
    const valid = await editor.inputValue();
    await expect(widget.locator('.pp-job')).toHaveCount(7);

    // An unclosed flow sequence: a YAML syntax error.
    const broken = valid.replace('needs: lint', 'needs: [lint');
    await editor.fill(broken);
    const problems = widget
      .getByRole('list')
      .filter({ has: page.getByRole('button', { name: /^Line \d+, column \d+ \(error\)/ }) });
    await expect(problems.getByRole('button').first()).toBeVisible();
    await expect(editor).toHaveAttribute('aria-invalid', 'true');
    await expect(editor).toHaveValue(broken);
    await expect(
      widget.getByText(/so the graph below still shows the last valid version/),
    ).toBeVisible();
    await expect(widget.locator('.pp-job')).toHaveCount(7);
    await expect(
      widget.getByRole('listitem').filter({ hasText: 'Wave 7: deploy-production' }),
    ).toBeVisible();

    // Selecting the problem puts the caret on its line.
    const first = problems.getByRole('button').first();
    const label = (await first.textContent()) ?? '';
    const [, line] = /^Line (\d+), column (\d+)/.exec(label) ?? [];
    await first.click();
    await expect(editor).toBeFocused();
    const caretLine = await editor.evaluate(
      (el: HTMLTextAreaElement) => el.value.slice(0, el.selectionStart).split('\n').length,
    );
    expect(caretLine).toBe(Number(line));

    // Running is refused while the file has errors.
    await widget.getByRole('button', { name: 'Run the workflow' }).click();
    await expect(widget.getByRole('status')).toHaveText(/The workflow has errors/);

    // The broken preset has six mistakes, each with a sentence; the graph still shows the ML pipeline.
    await loadPreset(widget, /broken/);
    await expect(widget.getByText(/^6 errors/)).toBeVisible();
    for (const message of [
      /has 6 fields; a cron schedule has exactly five/,
      /has both `?uses`? and `?run`?/,
      /needs `?prepare-dta`?, but there is no job with that id; did you mean `?prepare-data`?\?/,
      /wait for each other in a circle/,
      /without a version/,
      /has no `?runs-on`?/,
    ]) {
      await expect(problems.getByRole('button', { name: message })).toHaveCount(1);
    }
    await expect(widget.locator('[data-job="deploy-production"]')).toHaveCount(1);

    // Fixing the text brings the graph back in line with the editor.
    await editor.fill(valid.replace(/deploy-production/g, 'release'));
    await expect(widget.getByText('No problems found.')).toBeVisible();
    await expect(widget.locator('[data-job="release"]')).toHaveCount(1);
    await expect(editor).toHaveAttribute('aria-invalid', 'false');
  });

  test('the quality gate blocks a weakly trained candidate, and the run deploys nothing', async ({
    page,
  }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const widget = await openPlayground(page);
    await loadPreset(widget, /ML pipeline/);

    // Settings outside chapter 1's bounds are refused at the field.
    const epochs = widget.getByLabel('Epochs');
    await epochs.fill('0');
    await expect(epochs).toHaveAttribute('aria-invalid', 'true');
    await expect(widget.getByText('Epochs must be between 1 and 5000.')).toBeVisible();
    await widget.getByRole('button', { name: 'Train the candidate and apply the gate' }).click();
    await expect(epochs).toBeFocused();
    await expect(widget.getByText('Candidate accuracy')).toBeHidden();

    // One epoch with a tiny step: the weights barely leave their random start.
    await epochs.fill('1');
    await widget.getByLabel('Learning rate').fill('0.001');
    await expect(epochs).toHaveAttribute('aria-invalid', 'false');
    await widget.getByRole('button', { name: 'Train the candidate and apply the gate' }).click();
    const decision = widget.locator('[data-out="gate-decision"]');
    await expect(decision).toHaveText('Block');
    await expect(widget.locator('[data-out="gate-reason"]')).toContainText(
      'so the release is blocked and production keeps its current model',
    );
    await expect(widget.locator('[data-out="gate-production"]')).toHaveText(/^0\.\d{4}$/);
    await expect(widget.locator('[data-out="gate-effect"]')).toContainText(
      'evaluate › Compare candidate with production',
    );

    await widget.getByRole('button', { name: 'Run the workflow' }).click();
    await expect(runSummary(widget)).toHaveText(/^The run failed/);
    await expect(jobStatus(widget, 'evaluate')).toHaveText('✗ failure');
    for (const job of ['build-and-push', 'deploy-staging', 'deploy-production']) {
      await expect(jobStatus(widget, job)).toHaveText('– skipped');
    }

    // A wider tolerance does not rescue a candidate this bad; production settings pass.
    await widget.getByLabel(/Tolerance/).fill('0.05');
    await expect(decision).toHaveText('Block');
    await epochs.fill('200');
    await widget.getByLabel('Learning rate').fill('1');
    await widget.getByRole('button', { name: 'Train the candidate and apply the gate' }).click();
    await expect(decision).toHaveText('Deploy');
    const production = (await widget.locator('[data-out="gate-production"]').textContent()) ?? '';
    await expect(widget.locator('[data-out="gate-candidate"]')).toHaveText(
      new RegExp(`^${production.replace('.', '\\.')} \\(67 of 69 held-out penguins`),
    );
    await expect(widget.locator('[data-out="gate-reason"]')).toContainText('matches production');

    // Training is chunked: the page keeps drawing frames between chunks, and a frame callback
    // sees the progress bar at several values strictly between 0 and 100 %.
    await epochs.fill('5000');
    await page.evaluate(() => {
      const w = window as unknown as { __seen: Set<number>; __ticking: boolean };
      const bar = document.querySelector<HTMLProgressElement>(
        '#pipeline-playground [data-part="progress-bar"]',
      );
      w.__seen = new Set();
      w.__ticking = true;
      const tick = () => {
        if (bar && !bar.closest('[hidden]')) w.__seen.add(bar.value);
        if (w.__ticking) requestAnimationFrame(tick);
      };
      tick();
    });
    await widget.getByRole('button', { name: 'Train the candidate and apply the gate' }).click();
    await expect(widget.locator('[data-out="gate-candidate"]')).toContainText('5000 epochs');
    const seen = await page.evaluate(() => {
      const w = window as unknown as { __seen: Set<number>; __ticking: boolean };
      w.__ticking = false;
      return [...w.__seen];
    });
    expect(seen.filter((v) => v > 0 && v < 100).length).toBeGreaterThanOrEqual(3);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`every state of the widget passes axe (WCAG 2.1 AA), ${colorScheme} theme`, async ({
      page,
    }) => {
      await page.emulateMedia({ reducedMotion: 'reduce', colorScheme });
      const widget = await openPlayground(page);
      await loadPreset(widget, /ML pipeline/);
      await widget.getByLabel('What happens').selectOption('tag');
      await widget.getByRole('button', { name: 'Run the workflow' }).click();
      await expect(runSummary(widget)).toHaveText(/^The run is waiting/);
      await widget.getByRole('button', { name: 'Push again while a run is in progress' }).click();
      await widget.getByLabel('Epochs').fill('1');
      await widget.getByLabel('Learning rate').fill('0.001');
      await widget.getByRole('button', { name: 'Train the candidate and apply the gate' }).click();
      await expect(widget.locator('[data-out="gate-decision"]')).toHaveText('Block');
      await widget.getByLabel('Seed').fill('x');
      await widget.getByLabel('Tag', { exact: true }).fill('v 1');
      await loadPreset(widget, /broken/);
      await expect(widget.getByText(/^6 errors/)).toBeVisible();
      // Leave no button hovered: the shared hover style is not part of this widget's states.
      await page.mouse.move(0, 0);
      const results = await new AxeBuilder({ page })
        .include('#pipeline-playground')
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      expect(
        results.violations.map(
          (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        ),
      ).toEqual([]);
    });
  }
});
