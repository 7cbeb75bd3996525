/**
 * The self-checking exercises at the end of every chapter: a right and a wrong answer per chapter
 * with their feedback, the header's progress count across a reload and a Reset, storage that
 * throws, reading without JavaScript, and the phone layout. Expected answers come from the same
 * src/lib code the widgets run (expected-node.ts), never typed in here.
 */
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import {
  candidateAccuracy,
  defaultTestAccuracy,
  firstDriftAlertStep,
  scalingP95Ms,
} from '../../src/lib/exercises/expected-node';
import { expect, test } from './fixtures';
import { expectFitsViewport, PHONE, useTheme } from './layout';

const file = (name: string) =>
  readFile(new URL(`../../src/lib/exercises/files/${name}`, import.meta.url), 'utf8');

function exercise(page: Page, title: string): Locator {
  return page.getByRole('article', { name: new RegExp(`^${title}`) });
}

/** Types (or fills) an answer and presses Check; returns the result line next to the button. */
async function answer(box: Locator, label: string | RegExp, text: string): Promise<Locator> {
  await box.getByLabel(label).fill(text);
  await box.getByRole('button', { name: 'Check' }).click();
  return box.getByRole('status');
}

const header = (page: Page) => page.getByRole('link', { name: /^Exercises: \d+ of \d+ solved$/ });

test.describe('exercises: one right and one wrong answer per chapter', () => {
  test('chapter 1: the held-out accuracy, with lenient number parsing and a field message', async ({
    page,
  }) => {
    await page.goto('01-model-deployment/');
    const box = exercise(page, 'Read the held-out accuracy');
    let result = await answer(box, 'Your answer (a percentage)', '95');
    await expect(result).toHaveText(
      'Not yet: 95.0% is too low. Read the held-out accuracy under step 2 after Train with the default settings.',
    );
    await expect(result).toBeFocused();

    const field = box.getByLabel('Your answer (a percentage)');
    await answer(box, 'Your answer (a percentage)', 'ninety');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(box.getByText('“ninety” is not a number.')).toBeVisible();
    await expect(field).toBeFocused();
    await expect(field).toHaveValue('ninety');

    const percent = ((await defaultTestAccuracy()) * 100).toFixed(1);
    result = await answer(box, 'Your answer (a percentage)', `${percent} %`);
    await expect(result).toHaveText(
      `Correct: ${percent}% matches the widget's ${percent}% (within ±0.05 points).`,
    );
    await expect(field).toHaveAttribute('aria-invalid', 'false');
    await expect(box.getByText('Solved', { exact: true })).toBeVisible();
  });

  test('chapter 2: the broken Dockerfile is refused with its findings, the fixed one accepted', async ({
    page,
  }) => {
    await page.goto('02-docker/');
    const box = exercise(page, 'Fix a Dockerfile until the analyser accepts it');
    const field = box.getByLabel('Your Dockerfile');
    await expect(field).toHaveValue(await file('broken-api.Dockerfile'));
    await box.getByRole('button', { name: 'Check' }).click();
    const result = box.getByRole('status');
    await expect(result).toHaveText(/^6 findings left\. Line 1: /);
    // The field selects the line the first finding is on.
    await expect(field).toBeFocused();

    await answer(box, 'Your Dockerfile', await file('fixed-api.Dockerfile'));
    await expect(result).toHaveText(
      'Accepted: the analyser reports no warning and the image still builds and runs the service.',
    );
    await box.getByRole('button', { name: 'Restore the starting file' }).click();
    await expect(field).toHaveValue(await file('broken-api.Dockerfile'));
  });

  test('chapter 3: p95 off the simulator, and a wrong status prediction explained', async ({
    page,
  }) => {
    await page.goto('03-cloud-apis/');
    const p95 = exercise(page, 'Read p95 off the simulator');
    const expected = scalingP95Ms().toFixed(1);
    await expect(await answer(p95, 'Your answer (milliseconds)', `${expected} ms`)).toHaveText(
      `Correct: ${expected} ms matches the widget's ${expected} ms (within ±0.5 ms).`,
    );

    const status = exercise(page, 'Predict: a missing field');
    await status.getByLabel('400 Bad Request').check();
    await status.getByRole('button', { name: 'Check' }).click();
    await expect(status.getByRole('status')).toHaveText(
      'Not “400 Bad Request”: the body is well-formed JSON; 400 is for JSON that cannot be read.',
    );
    await status.getByLabel('422 Unprocessable Content').check();
    await status.getByRole('button', { name: 'Check' }).click();
    await expect(status.getByRole('status')).toHaveText(/^Correct\. the JSON is readable/);
  });

  test('chapter 4: the broken workflow is refused at its first error, the fixed one accepted', async ({
    page,
  }) => {
    await page.goto('04-ci-cd/');
    const box = exercise(page, 'Fix a workflow until the validator accepts it');
    await box.getByRole('button', { name: 'Check' }).click();
    const result = box.getByRole('status');
    await expect(result).toHaveText(
      '3 errors left. Line 20, column 12: Job `test` needs `lnit`, but there is no job with that id; did you mean `lint`?',
    );
    await answer(box, 'Your workflow (YAML)', await file('fixed-ci.yml'));
    await expect(result).toHaveText(
      "Accepted: GitHub's workflow parser and the chapter's checks find nothing, and every job still runs in order.",
    );

    // The candidate's accuracy, typed as the gate prints it: a fraction with four decimals.
    const candidate = exercise(page, "Read the candidate's accuracy");
    const fraction = (await candidateAccuracy()).toFixed(4);
    const percent = (Number(fraction) * 100).toFixed(1);
    await expect(await answer(candidate, 'Your answer (a percentage)', fraction)).toHaveText(
      `Correct: ${percent}% matches the widget's ${percent}% (within ±0.05 points).`,
    );
  });

  test('chapter 5: the first drift alert, too early and then right', async ({ page }) => {
    await page.goto('05-monitoring/');
    const box = exercise(page, 'Read the first drift alert');
    const step = await firstDriftAlertStep();
    const early = String((step ?? 0) - 100);
    await expect(await answer(box, 'Your answer (a whole number)', early)).toHaveText(
      `Not yet: ${early} is too low. Read the log line that starts “Data-drift alert”, in the unit-bug scenario with seed 7.`,
    );
    await expect(await answer(box, 'Your answer (a whole number)', String(step))).toHaveText(
      /^Correct: /,
    );
  });
});

test.describe('exercises: progress', () => {
  test('the header counts solved exercises live, keeps them across a reload, and Reset clears them', async ({
    page,
  }) => {
    await page.goto('05-monitoring/');
    await expect(header(page)).toHaveText('Exercises: 0 of 3 solved');
    const box = exercise(page, 'Predict: drift alerts in the label swap');
    await box.getByLabel('No: the inputs do not change').check();
    await box.getByRole('button', { name: 'Check' }).click();
    await expect(box.getByRole('status')).toHaveText(/^Correct\./);
    await expect(header(page)).toHaveText('Exercises: 1 of 3 solved');
    await expect(page.getByText('Exercises: 1 of 3 solved.', { exact: true })).toBeVisible();
    // The not-saved note belongs to browsers that block storage only.
    await expect(page.getByText(/^Progress is not saved in this browser/)).toBeHidden();

    await page.reload();
    await expect(header(page)).toHaveText('Exercises: 1 of 3 solved');
    await expect(exercise(page, 'Predict: drift alerts in the label swap')).toHaveAccessibleName(
      /Solved$/,
    );
    // Another chapter keeps its own count.
    await page.goto('04-ci-cd/');
    await expect(header(page)).toHaveText('Exercises: 0 of 4 solved');
    await page.goBack();

    // Located by place, not name: the first click renames it to ask for confirmation.
    const reset = page.locator('mlops-exercise-progress').getByRole('button');
    await expect(reset).toHaveText("Reset this chapter's exercises");
    await reset.click();
    await expect(reset).toHaveText('Really reset? Click again');
    await expect(header(page)).toHaveText('Exercises: 1 of 3 solved');
    await reset.click();
    await expect(header(page)).toHaveText('Exercises: 0 of 3 solved');
    await expect(page.getByText('Exercises: 0 of 3 solved. Progress reset.')).toBeVisible();
    await page.reload();
    await expect(header(page)).toHaveText('Exercises: 0 of 3 solved');
  });
});

test.describe('exercises: storage that throws', () => {
  // Starlight's theme scripts read localStorage unguarded; widget/storage-fallback.ts (the first
  // head script) keeps them working, so no console error is allowed here: the exercises and the
  // page must both work without storage.

  test('storage whose methods throw: answers are still checked, with the not-saved note', async ({
    page,
  }) => {
    await page.addInitScript(() => {
      const deny = () => {
        throw new DOMException('storage is blocked by this test', 'SecurityError');
      };
      Storage.prototype.getItem = deny;
      Storage.prototype.setItem = deny;
      Storage.prototype.removeItem = deny;
    });
    await page.goto('01-model-deployment/');
    await expect(page.getByText(/^Progress is not saved in this browser/)).toHaveCount(1);
    await expect(page.getByText(/^Progress is not saved in this browser/)).toBeVisible();
    const box = exercise(page, 'Which formats run code when loaded?');
    await box.getByLabel('pickle.load on a .pkl file').check();
    await box.getByRole('button', { name: 'Check' }).click();
    await expect(box.getByRole('status')).toHaveText(
      'Your choice is right, but one more option is right too.',
    );
    await box.getByLabel('joblib.load on a .joblib file').check();
    await box.getByRole('button', { name: 'Check' }).click();
    await expect(box.getByRole('status')).toHaveText(/^Correct\./);
    // Kept in memory for this page.
    await expect(header(page)).toHaveText('Exercises: 1 of 3 solved');
  });

  test('a localStorage getter that throws: answers are still checked, with the not-saved note', async ({
    page,
  }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get() {
          throw new DOMException('localStorage is blocked by this test', 'SecurityError');
        },
      });
    });
    await page.goto('03-cloud-apis/');
    await expect(page.getByText(/^Progress is not saved in this browser/)).toBeVisible();
    const box = exercise(page, 'Predict: a second replica');
    await box.getByLabel('It halves, since each replica gets half the traffic').check();
    await box.getByRole('button', { name: 'Check' }).click();
    await expect(box.getByRole('status')).toHaveText(
      /^Not “It halves, since each replica gets half the traffic”: latency is not proportional/,
    );
    await box.getByLabel('It falls to less than a quarter of its value').check();
    await box.getByRole('button', { name: 'Check' }).click();
    await expect(box.getByRole('status')).toHaveText(/^Correct\./);
    await expect(header(page)).toHaveText('Exercises: 1 of 3 solved');
  });
});

test.describe('exercises: reading and layout', () => {
  test('without JavaScript every exercise reads as a question with its hint and solution', async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('02-docker/');
    const box = exercise(page, 'Fix a Dockerfile until the analyser accepts it');
    await expect(box.getByText(/^This Dockerfile for the prediction API builds/)).toBeVisible();
    // The file to fix is printed; the field and the Check button need JavaScript.
    await expect(box.getByText('COPY . .', { exact: false }).first()).toBeVisible();
    await expect(box.getByRole('button', { name: 'Check' })).toBeHidden();
    await expect(
      page.getByRole('link', { name: '3 exercises at the end of this chapter' }),
    ).toBeVisible();

    const hint = box.getByText(/^Press Check after each change/);
    await expect(hint).toBeHidden();
    await box.getByText('Hint', { exact: true }).click();
    await expect(hint).toBeVisible();
    const solution = box.getByText(/^Pin the base image.s tag/);
    await expect(solution).toBeHidden();
    await box.getByText('Worked solution', { exact: true }).click();
    await expect(solution).toBeVisible();

    const rebuild = exercise(page, 'Predict: which steps rebuild?');
    await rebuild.getByText('Worked solution', { exact: true }).click();
    await expect(rebuild.getByText(/^Answer: COPY \. \.; RUN npm ci --omit=dev\.$/)).toBeVisible();
    await context.close();
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`at 360 px in ${theme}, nothing scrolls sideways and axe finds no violation`, async ({
      page,
    }) => {
      await page.setViewportSize(PHONE);
      await page.goto('04-ci-cd/');
      await useTheme(page, theme);
      const box = exercise(page, 'Fix a workflow until the validator accepts it');
      await box.getByRole('button', { name: 'Check' }).click();
      await expect(box.getByRole('status')).toHaveText(/^3 errors left/);
      for (const title of ['Fix a workflow', 'Predict: a failing lint step']) {
        const item = exercise(page, title);
        await item.getByText('Hint', { exact: true }).click();
        await item.getByText('Worked solution', { exact: true }).click();
      }
      const gate = exercise(page, "Predict: the gate's decision");
      await gate.getByRole('button', { name: 'Check' }).click();
      await expect(gate.getByText('Choose an answer first.')).toBeVisible();
      await expectFitsViewport(page, `exercises at 360 px, ${theme}`);
      const results = await new AxeBuilder({ page })
        .include('.mlops-exercise')
        .include('.mlops-exercise-progress')
        .include('.chapter-meta')
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      expect(
        results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`),
      ).toEqual([]);
    });
  }
});
