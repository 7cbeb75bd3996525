import { expect, test } from './fixtures';

test('Pagefind search finds a word from a chapter body', async ({ page }) => {
  await page.goto('');
  await page.getByRole('button', { name: 'Search' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByPlaceholder('Search').fill('lockfile');
  await expect(dialog.getByRole('link', { name: /Model deployment/i }).first()).toBeVisible();
});

test('Pagefind builds its search UI only when the reader reaches for search', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  const onDemand = page.waitForRequest(/pagefind-ui-on-demand\.[\w-]+\.js$/);
  await page.goto('02-docker/');
  // Starlight's idle callback imports the small on-demand module, not Pagefind's UI.
  await onDemand;
  await page.waitForLoadState('networkidle');
  expect(
    requested.filter((path) => /\/ui-core\.[\w-]+\.js$|\/pagefind\/pagefind\.js$/.test(path)),
  ).toEqual([]);
  await expect(page.locator('#starlight__search .pagefind-ui__search-input')).toHaveCount(0);
  // The keyboard shortcut opens the dialog, builds the UI and puts focus in its search field.
  await page.keyboard.press('Control+KeyK');
  const field = page.getByRole('dialog').getByPlaceholder('Search');
  await expect(field).toBeFocused();
  await page.keyboard.type('dockerignore');
  await expect(
    page
      .getByRole('dialog')
      .getByRole('link', { name: /Docker/i })
      .first(),
  ).toBeVisible();
});
