/**
 * The 360 px check (issue 16) for the pages and widget states the chapter specs do not already
 * cover: the glossary and 404 pages, the landing page's runtime check after it ran, chapter 1's
 * verify, prediction and ONNX inspection, and every chapter's exercises after Check with their
 * hints and solutions open. Each test walks its states and checks each one in light and dark.
 * Also: the table of contents (src/components/TableOfContents.astro) follows the reader.
 */
import type { Locator, Page } from '@playwright/test';
import { chapterSlugs } from '../../src/sidebar.mjs';
import { expect, test } from './fixtures';
import { expectFitsViewport, PHONE, useTheme } from './layout';

test.use({ viewport: PHONE });

/** Checks the current state in both themes (ending in dark; callers switch back as needed). */
async function fitsInBothThemes(page: Page, where: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await useTheme(page, theme);
    await expectFitsViewport(page, `${where} (${theme})`);
  }
}

test.describe('pages without widgets', () => {
  test.use({ allowedErrors: /HTTP 404: .*\/no-such-page\/|Failed to load resource: .*404/ });
  test('the glossary and the 404 page fit 360 px, the 404 search dialog open too', async ({
    page,
  }) => {
    await page.goto('glossary/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await fitsInBothThemes(page, 'glossary');
    await page.goto('no-such-page/');
    await expect(page.getByRole('navigation', { name: 'Chapters' })).toBeVisible();
    await fitsInBothThemes(page, '404 page');
    await page.getByRole('button', { name: 'Search the booklet' }).click();
    const dialog = page.getByRole('dialog', { name: 'Search' });
    await dialog.getByPlaceholder('Search').fill('lockfile');
    await expect(dialog.getByRole('link', { name: /Model deployment/ }).first()).toBeVisible();
    await fitsInBothThemes(page, '404 page with search results');
  });
});

test('the landing page fits 360 px after the runtime check ran', async ({ page }) => {
  await page.goto('');
  const demo = page.getByRole('region', { name: 'Check that your browser can run the demos' });
  await demo.getByRole('button', { name: 'Run the model' }).click();
  await expect(demo.getByText('The runtime works in this browser')).toBeVisible({
    timeout: 60_000,
  });
  await fitsInBothThemes(page, 'landing page after the runtime check');
});

test('chapter 1 fits 360 px after verify, a prediction and the ONNX inspector', async ({
  page,
}) => {
  await page.goto('01-model-deployment/');
  const demo = page.getByRole('region', { name: 'Train → serialize → load → verify' });
  await demo.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(demo.getByRole('status')).toContainText('Trained:');
  await demo.getByRole('button', { name: 'Serialize to ONNX' }).click();
  await expect(demo.getByRole('status')).toContainText('Serialized:');
  await demo.getByRole('button', { name: 'Load and verify' }).click();
  await expect(demo.getByRole('status').filter({ hasText: 'Verified on' })).toBeVisible({
    timeout: 60_000,
  });
  await demo.getByText(/^Show details: latency per row and per batch/).click();
  await expect(
    demo.getByRole('table', { name: /Latency, measured in this browser/ }),
  ).toBeVisible();
  await demo.getByRole('button', { name: 'Predict species' }).click();
  await expect(demo.getByText(/^Most likely:/)).toBeVisible();
  await fitsInBothThemes(page, 'chapter 1 after verify and a prediction');
  const onnx = page.getByRole('region', { name: 'Inspect an ONNX file' });
  await onnx.getByRole('button', { name: /published model/ }).click();
  await expect(onnx.getByText('penguins.onnx: a valid ONNX model')).toBeVisible();
  await fitsInBothThemes(page, 'chapter 1 after inspecting the published model');
});

/** Gives an exercise some answer (the first choice, a number, or the starting file) and checks it. */
async function checkSomeAnswer(box: Locator): Promise<void> {
  const choice = box.locator('input[type="radio"], input[type="checkbox"]').first();
  const number = box.locator('input[inputmode="decimal"]');
  if (await choice.count()) await choice.check();
  else if (await number.count()) await number.fill('1');
  await box.getByRole('button', { name: 'Check' }).click();
  await expect(box.getByRole('status')).not.toBeEmpty({ timeout: 30_000 });
}

test('every chapter’s exercises fit 360 px after Check, hints and solutions open', async ({
  page,
}) => {
  for (const slug of chapterSlugs) {
    await page.goto(`${slug}/`);
    const boxes = page.locator('article.mlops-exercise');
    await expect(boxes.first()).toBeVisible();
    for (const box of await boxes.all()) {
      await checkSomeAnswer(box);
      for (const label of ['Hint', 'Worked solution']) {
        await box.locator('summary', { hasText: label }).click();
      }
    }
    await fitsInBothThemes(page, `${slug} exercises after Check`);
  }
});

test('the table of contents marks the section the reader scrolled to', async ({ page }) => {
  await page.goto('labs/05-monitoring/');
  const toc = page.locator('mobile-starlight-toc');
  await expect(toc.locator('a[aria-current="true"]')).toHaveAttribute('href', '#_top');
  // A heading from the middle of the page, scrolled to the top (the page goes on below it).
  const links = toc.locator('a');
  const link = links.nth(Math.floor((await links.count()) / 2));
  const href = (await link.getAttribute('href')) ?? '';
  await page.evaluate(
    (id) => {
      document.getElementById(id)?.scrollIntoView({ block: 'start' });
    },
    decodeURIComponent(href.slice(1)),
  );
  await expect(toc.locator('a[aria-current="true"]')).toHaveAttribute('href', href);
  await expect(toc.locator('.display-current')).toHaveText(
    ((await link.textContent()) ?? '').trim(),
  );
});
