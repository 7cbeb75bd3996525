/**
 * Chapter 4's pipeline playground on the built site: the main path from a push to main through an
 * approved production deployment, a failing step that skips its dependents, broken YAML that is
 * reported by line while the graph keeps its last valid state, a quality gate that blocks a
 * weakly trained candidate, a second push that meets the run in progress, stale and over-long
 * input, and the phone layout.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { axeViolations } from './axe';
import { expectFitsViewport, PHONE, useTheme } from './layout';

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

/** Opens the run's folded details (the table of jobs); they stay open for later runs. */
async function showRunDetails(widget: Locator): Promise<void> {
  const summary = widget.getByText('Show details: each job, and why it ran or not');
  const box = widget.locator('[data-out="run-details"] details');
  if ((await box.getAttribute('open')) === null) await summary.click();
  await expect(box).toHaveAttribute('open', '');
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
    // Focus moves to the answer, next to the button.
    await expect(runSummary(widget)).toBeFocused();
    await showRunDetails(widget);
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
    await showRunDetails(widget);
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
    await showRunDetails(widget);
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

    // Without production's card the same candidate is blocked: the gate fails closed.
    const missing = widget.getByLabel('The production model card could not be fetched');
    await missing.check();
    await expect(decision).toHaveText('Block');
    await expect(widget.locator('[data-out="gate-production"]')).toHaveText('missing');
    await expect(widget.locator('[data-out="gate-reason"]')).toContainText('fails closed');
    await missing.uncheck();
    await expect(decision).toHaveText('Deploy');

    // Training is chunked and reports its progress between chunks. A MutationObserver records
    // every value the progress bar is given (animation frames can be starved on a busy machine,
    // so counting painted frames made this check flaky, issue 15 #14).
    await epochs.fill('5000');
    await page.evaluate(() => {
      const w = window as unknown as { __seen: Set<string> };
      const bar = document.querySelector<HTMLProgressElement>(
        '#pipeline-playground [data-part="progress-bar"]',
      );
      w.__seen = new Set();
      if (bar)
        new MutationObserver(() => w.__seen.add(bar.getAttribute('value') ?? '')).observe(bar, {
          attributes: true,
          attributeFilter: ['value'],
        });
    });
    await widget.getByRole('button', { name: 'Train the candidate and apply the gate' }).click();
    await expect(widget.locator('[data-out="gate-candidate"]')).toContainText('5000 epochs');
    const seen = await page.evaluate(() =>
      [...(window as unknown as { __seen: Set<string> }).__seen].map(Number),
    );
    expect(seen.filter((v) => v > 0 && v < 100).length).toBeGreaterThanOrEqual(2);
    // The answer has focus, and the decision is current.
    await expect(widget.locator('[data-out="gate"]')).toBeFocused();
    await expect(widget.locator('[data-out="gate"]')).not.toHaveAttribute('data-stale');
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
      await showRunDetails(widget);
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
      expect(await axeViolations(page, '#pipeline-playground')).toEqual([]);
    });
  }
  test('the default run reaches the approval step; the graph wraps to fit the column', async ({
    page,
  }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const widget = await openPlayground(page);
    // Every job box lies inside the graph's box: the waves wrap instead of scrolling sideways.
    await widget.getByRole('button', { name: 'Run the workflow' }).click();
    await expect(runSummary(widget)).toHaveText(
      'The run is waiting: 6 jobs succeeded and 1 job waits for approval. Job deploy-production waits for a reviewer to approve the deployment to production.',
    );
    await expect(widget.locator('[data-job="deploy-production"]')).toHaveAttribute(
      'data-status',
      'waiting',
    );
    const inside = await widget.locator('[data-out="graph-box"]').evaluate((box) => {
      const frame = box.getBoundingClientRect();
      return [...box.querySelectorAll('.pp-job')].every((job) => {
        const r = job.getBoundingClientRect();
        return r.left >= frame.left - 0.5 && r.right <= frame.right + 0.5;
      });
    });
    expect(inside).toBe(true);
    await expect(
      widget.getByRole('button', { name: 'Approve the deployment to production' }),
    ).toBeEnabled();
  });

  test('pushing again while a run is in progress meets that run (issue 15 #8)', async ({
    page,
  }) => {
    // The replay waits between waves with setTimeout; the test pauses the page's clock and moves
    // it itself, so the run is reliably caught in progress whatever the machine's speed.
    await page.clock.install({ time: new Date('2026-01-01T00:00:00Z') });
    const widget = await openPlayground(page);
    await loadPreset(widget, /ML pipeline/);
    await widget.getByLabel('What happens').selectOption('pull_request');
    await page.clock.pauseAt(new Date('2026-01-01T01:00:00Z'));
    await widget.getByRole('button', { name: 'Run the workflow' }).click();
    const pushAgain = widget.getByRole('button', { name: 'Push again while a run is in progress' });
    await expect(widget.locator('[data-job="lint"]')).toHaveAttribute('data-status', 'running');
    await page.clock.runFor(500);
    await expect(widget.locator('[data-job="unit-tests"]')).toHaveAttribute(
      'data-status',
      'running',
    );
    await expect(pushAgain).toBeEnabled();
    await pushAgain.click();
    // On a pull request the newer run cancels this one after its first wave.
    await expect(
      widget.getByText(/so the first run is cancelled after 1 wave and the second runs\.$/),
    ).toBeVisible();
    await expect(widget.getByText(/in progress, after 1 of 7 waves:$/)).toBeVisible();
    await expect(runSummary(widget)).toHaveText(
      'The run was cancelled: 1 job succeeded and 6 jobs were cancelled.',
    );
    await expect(widget.locator('[data-job="unit-tests"]')).toHaveAttribute(
      'data-status',
      'cancelled',
    );
    await expect(widget.getByText('The newer run cancelled the older one.')).toBeFocused();
    // The cancelled replay does not resume when time goes on.
    await page.clock.runFor(5000);
    await expect(widget.locator('[data-job="unit-tests"]')).toHaveAttribute(
      'data-status',
      'cancelled',
    );

    // On a push to main the newer run queues, and the run on screen carries on to the end.
    await widget.getByLabel('What happens').selectOption('push');
    await widget.getByRole('button', { name: 'Run the workflow' }).click();
    await expect(widget.locator('[data-job="lint"]')).toHaveAttribute('data-status', 'running');
    await pushAgain.click();
    await expect(
      widget.getByText('The newer run waits until the older one finishes.'),
    ).toBeVisible();
    // A setting changed during the replay: the finished run is shown, marked out of date.
    await widget.getByLabel('Make a step fail').selectOption({ label: 'lint › npm ci' });
    await page.clock.runFor(5000);
    await expect(runSummary(widget)).toHaveText(/^The run succeeded/);
    await expect(widget.locator('[data-out="run-results"]')).toHaveAttribute('data-stale', '');
  });

  test('results that no longer match the inputs are marked out of date (issue 15 #8)', async ({
    page,
  }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const widget = await openPlayground(page);
    const results = widget.locator('[data-out="run-results"]');
    await widget.getByRole('button', { name: 'Run the workflow' }).click();
    await expect(runSummary(widget)).toHaveText(/^The run is waiting/);
    await expect(results).not.toHaveAttribute('data-stale');
    const tag = widget.getByLabel('Tag', { exact: true });
    await tag.fill('v 1');
    await expect(tag).toHaveAttribute('aria-invalid', 'true');
    await expect(results).toHaveAttribute('data-stale', '');
    await tag.fill('v1.0.0');
    await widget.getByRole('button', { name: 'Run the workflow' }).click();
    await expect(results).not.toHaveAttribute('data-stale');

    // The gate's decision is out of date when the tolerance is invalid or the settings changed.
    await widget.getByLabel('Epochs').fill('20');
    await widget.getByRole('button', { name: 'Train the candidate and apply the gate' }).click();
    const gate = widget.locator('[data-out="gate"]');
    await expect(widget.locator('[data-out="gate-decision"]')).toHaveText(/^(Deploy|Block)$/);
    await expect(gate).not.toHaveAttribute('data-stale');
    const tolerance = widget.getByLabel(/Tolerance/);
    await tolerance.fill('2');
    await expect(widget.getByText('Tolerance must be between 0 and 1')).toBeVisible();
    await expect(gate).toHaveAttribute('data-stale', '');
    await tolerance.fill('0.01');
    await expect(gate).not.toHaveAttribute('data-stale');
    await widget.getByLabel('Seed').fill('7');
    await expect(gate).toHaveAttribute('data-stale', '');
  });

  test('every text field has a maximum with a message at the field (issue 15 #9)', async ({
    page,
  }) => {
    const widget = await openPlayground(page);
    // [field, text typed, message, characters kept: the limit plus one]
    const cases: [Locator, string, RegExp, number][] = [
      [
        widget.getByLabel('Tag', { exact: true }),
        'v'.repeat(300),
        /^A tag name can be at most 200 characters here; this one has 201\.$/,
        201,
      ],
      [
        widget.getByLabel('Seed'),
        '1'.repeat(40),
        /^Seed can be at most 24 characters; this one has 25\.$/,
        25,
      ],
      [widget.getByLabel('Epochs'), '2'.repeat(40), /^Epochs can be at most 24 characters/, 25],
      [
        widget.getByLabel('Learning rate'),
        '0'.repeat(40),
        /^Learning rate can be at most 24 characters/,
        25,
      ],
      [
        widget.getByLabel(/Tolerance/),
        '0'.repeat(40),
        /^Tolerance can be at most 24 characters/,
        25,
      ],
    ];
    for (const [field, text, message, kept] of cases) {
      await field.fill(text);
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      await expect(widget.getByText(message)).toBeVisible();
      // The input is kept (cut one character past the limit), not cleared.
      await expect(field).toHaveValue(text.slice(0, kept));
    }
    const editor = widget.getByLabel('Workflow YAML');
    await editor.fill(`# ${'x'.repeat(25_000)}`);
    await expect(
      widget.getByText('The workflow can be at most 20,000 characters here; this one has 20,001.'),
    ).toBeVisible();
    await expect(
      widget.getByText(/so the graph below still shows the last valid version/),
    ).toBeVisible();
    await expect(widget.locator('[data-out="graph-box"]')).toHaveAttribute('data-stale', '');
  });

  test('a sample of bad input and rapid clicks: messages at the fields, no errors, input kept', async ({
    page,
  }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const widget = await openPlayground(page);
    // The first interaction is a double click on Train, racing the lazy import: one training.
    await widget.getByRole('button', { name: 'Train the candidate and apply the gate' }).dblclick();
    await expect(widget.locator('[data-out="gate-decision"]')).toHaveText('Deploy');
    await widget.getByLabel('What happens').selectOption('push');
    const branch = widget.getByLabel('Branch', { exact: true });
    const badBranches: [string, string][] = [
      ['', 'Type a branch name, such as “main”.'],
      ['a..b', 'A branch name cannot contain “..”.'],
      ['-x', 'A branch name cannot start with “-”.'],
      ['refs/heads/main', 'Type the short branch name (such as “main”), not the full ref.'],
    ];
    for (const [text, message] of badBranches) {
      await branch.fill(text);
      await expect(widget.locator('#pp-branch-error')).toHaveText(message);
      await expect(branch).toHaveValue(text);
      await widget.getByRole('button', { name: 'Run the workflow' }).click();
      await expect(branch).toBeFocused();
    }
    await branch.fill('分支/🙂');
    await expect(branch).toHaveAttribute('aria-invalid', 'false');
    await expect(widget.getByText('This event does not start the workflow.')).toBeVisible();
    await branch.fill('main');
    const paths = widget.getByLabel(/Changed files/);
    await paths.fill('/etc/passwd\nsrc/**');
    await expect(widget.locator('#pp-paths-error')).toHaveText(
      /^Line 1: .*starts with .*Line 2: .*is a pattern/,
    );
    await paths.fill('src/app.ts');
    const run = widget.getByRole('button', { name: 'Run the workflow' });
    for (let i = 0; i < 5; i++) await run.click();
    await expect(runSummary(widget)).toHaveText(/^The run succeeded/);
    await widget.getByLabel('Workflow YAML').fill('on: [push\n\t\u{1F600}: {');
    await expect(widget.getByLabel('Workflow YAML')).toHaveAttribute('aria-invalid', 'true');
    await expect(widget.locator('[data-out="run-results"]')).toHaveAttribute('data-stale', '');
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`fits a 360 px phone before and after a run, ${theme} theme`, async ({ page }) => {
      await page.setViewportSize(PHONE);
      await page.emulateMedia({ reducedMotion: 'reduce' });
      const widget = await openPlayground(page);
      await useTheme(page, theme);
      await expectFitsViewport(page, 'chapter 4 before a run');
      await widget.getByRole('button', { name: 'Run the workflow' }).click();
      await expect(runSummary(widget)).toHaveText(/^The run is waiting/);
      await showRunDetails(widget);
      await widget.getByRole('button', { name: 'Push again while a run is in progress' }).click();
      await expect(widget.getByRole('table', { name: 'Outcome of the two runs' })).toBeVisible();
      await expectFitsViewport(page, 'chapter 4 after a run');
    });
  }
  test('the chapter shows its pipeline figure, and long listings open from the keyboard', async ({
    page,
  }) => {
    await page.goto(CHAPTER);
    await expect(
      page.getByRole('img', { name: /The pipeline from push to deploy, with the gate/ }),
    ).toBeVisible();
    const listing = page.locator('details', { has: page.getByText('Show all 130 lines') });
    await listing.locator('summary').focus();
    await page.keyboard.press('Enter');
    await expect(listing).toHaveAttribute('open', '');
    await expect(listing.getByText('Show only the first lines')).toBeVisible();
  });
});
