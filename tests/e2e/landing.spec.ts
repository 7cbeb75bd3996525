import { chapters } from '../../src/sidebar.mjs';
import { expect, test } from './fixtures';
import { axeViolations } from './axe';
import { expectFitsViewport, PHONE, useTheme } from './layout';

/** The landing page: the "Start chapter 1" call to action and the figure of the whole path. */
const FIGURE = 'The path through the booklet';
/** Each stage of the figure and the chapter (1-based) that teaches it. */
const stages = [
  ['notebook', 1],
  ['artifact', 1],
  ['image', 2],
  ['API', 3],
  ['CI/CD', 4],
  ['monitoring', 5],
  ['retraining', 5],
] as const;

/** A stage link's accessible name: the stage, then "Chapter N · what happens there". */
function stageName(name: string, n: number): RegExp {
  return new RegExp(`^${name.replace('/', '\\/')}\\s*Chapter ${n} · `);
}

for (const size of [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]) {
  test(`"Start chapter 1" is visible without scrolling at ${size.width}×${size.height}`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await page.goto('');
    const start = page.getByRole('link', { name: 'Start chapter 1' });
    await expect(start).toBeInViewport({ ratio: 1 });
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await start.click();
    await expect(page).toHaveURL(new RegExp(`/mlops-booklet/${chapters[0]!.slug}/$`));
    await expect(page.locator('h1').first()).toContainText('Model deployment');
  });
}

test('each stage of the path figure links to its chapter, and is reached by keyboard', async ({
  page,
}) => {
  await page.goto('');
  const figure = page.getByRole('group', { name: FIGURE });
  await expect(figure).toBeVisible();
  const links = figure.getByRole('link');
  await expect(links).toHaveCount(stages.length);
  for (const [i, [name, n]] of stages.entries()) {
    const link = links.nth(i);
    await expect(link).toHaveAccessibleName(stageName(name, n));
    await expect(link).toHaveAttribute('href', `/mlops-booklet/${chapters[n - 1]!.slug}/`);
  }
  // The stages are in the tab order: focus the first, then Tab walks through the rest in order.
  await links.first().focus();
  for (const i of [1, 2, 3]) {
    await page.keyboard.press('Tab');
    await expect(links.nth(i)).toBeFocused();
  }
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/mlops-booklet/${chapters[2]!.slug}/$`));
  await expect(page.locator('h1').first()).toContainText('Cloud deployment and APIs');
});

test('the figure opens every chapter from its link', async ({ page }) => {
  for (const [name, n] of stages) {
    await page.goto('');
    const figure = page.getByRole('group', { name: FIGURE });
    await figure.getByRole('link', { name: stageName(name, n) }).click();
    await expect(page).toHaveURL(new RegExp(`/mlops-booklet/${chapters[n - 1]!.slug}/$`));
  }
});

for (const theme of ['light', 'dark'] as const) {
  test(`the landing page fits 360 px and passes axe (${theme})`, async ({ page }) => {
    await page.setViewportSize(PHONE);
    await page.goto('');
    await useTheme(page, theme);
    await expect(page.getByRole('group', { name: FIGURE })).toBeVisible();
    await expectFitsViewport(page, `landing page at 360 px (${theme})`);
    expect(await axeViolations(page)).toEqual([]);
  });
}
