import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectFitsViewport, PHONE } from './layout';

/**
 * Long listings (Listing.astro): collapsed, they ship their first lines highlighted and the rest
 * as plain text, and highlight the whole file only when the reader opens them; without
 * JavaScript the whole file is still readable. Chapter 3's schemas.ts is the example.
 */
const CHAPTER = '03-cloud-apis/';
const FILE = 'src/lib/api/schemas.ts';
const source = readFileSync(FILE, 'utf8').replace(/\n$/, '');
const lineCount = source.split('\n').length;
const lastLine = source
  .split('\n')
  .filter((line) => line.trim() !== '')
  .at(-1)!;

function listingOf(page: Page) {
  return page
    .locator('[data-mlops-listing]')
    .filter({ has: page.locator('figcaption', { hasText: FILE }) });
}

test('a long listing shows its first lines, then highlights the whole file when opened', async ({
  page,
}) => {
  expect(lineCount).toBeGreaterThan(40);
  await page.setViewportSize(PHONE);
  await page.goto(CHAPTER);
  const listing = listingOf(page);
  const summary = listing.locator('summary');
  const more = summary.getByText(`Show all ${lineCount} lines`);
  const less = summary.getByText('Show only the first lines');
  await expect(more).toBeVisible();
  await expect(less).toBeHidden();
  // Collapsed: only the preview is highlighted; the rest of the file is one plain-text block.
  await expect(listing.locator('.ec-line')).toHaveCount(15);
  await expect(listing.locator('.mlops-listing__rest')).toHaveCount(1);
  await expect(listing.getByRole('button', { name: /copy/i })).toBeHidden();

  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(less).toBeVisible();
  await expect(more).toBeHidden();
  await expect(listing.locator('.ec-line')).toHaveCount(lineCount);
  await expect(listing.locator('.mlops-listing__rest')).toBeHidden();
  await expect(listing.locator('pre').first()).toContainText(lastLine);
  await expect(listing.getByRole('button', { name: /copy/i })).toBeVisible();
  await expectFitsViewport(page, 'chapter 3 with schemas.ts open');
  const results = await new AxeBuilder({ page })
    .include('[data-mlops-listing]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);

  await page.keyboard.press('Enter');
  await expect(more).toBeVisible();
  await expect(listing.locator('.ec-line')).toHaveCount(lineCount);
});

test('without JavaScript a long listing still holds the whole file and opens', async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    ...(baseURL ? { baseURL } : {}),
  });
  try {
    const page = await context.newPage();
    await page.setViewportSize(PHONE);
    await page.goto(CHAPTER);
    const listing = listingOf(page);
    const rest = listing.locator('.mlops-listing__rest');
    await expect(rest).toBeHidden();
    await listing.locator('summary').click();
    await expect(rest).toBeVisible();
    await expect(rest).toContainText(lastLine);
    // The preview and the plain rest together are the file, line for line.
    const preview = (await listing.locator('.ec-line').allTextContents())
      .map((line) => line.replace(/\n$/, ''))
      .join('\n');
    const text = `${preview}\n${(await rest.textContent())!.replace(/^\n/, '')}`;
    expect(text).toBe(source);
    await expectFitsViewport(page, 'chapter 3 without JavaScript, schemas.ts open');
  } finally {
    await context.close();
  }
});
