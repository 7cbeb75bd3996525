import { expect, test } from './fixtures';

test('Pagefind search finds a word from a chapter body', async ({ page }) => {
  await page.goto('');
  await page.getByRole('button', { name: 'Search' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByPlaceholder('Search').fill('lockfile');
  await expect(dialog.getByRole('link', { name: /Model deployment/i }).first()).toBeVisible();
});
