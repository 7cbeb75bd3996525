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

test('search opened before the on-demand module ran still builds and takes focus', async ({
  page,
}) => {
  // Hold the module back, as a slow phone might, so the reader opens the dialog first.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/pagefind-ui-on-demand\.[\w-]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  const requested = page.waitForRequest(/pagefind-ui-on-demand\.[\w-]+\.js$/);
  await page.goto('03-cloud-apis/');
  await requested;
  await page.getByRole('button', { name: /^Search/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  release();
  await expect(dialog.getByPlaceholder('Search')).toBeFocused();
});

test.describe("when Pagefind's UI cannot be fetched", () => {
  // The aborted request is the fault this test provokes.
  test.use({ allowedErrors: /ui-core\.[\w-]+\.js|Failed to load resource: net::ERR_FAILED/ });

  test('search that cannot load says so in the dialog and tries again on request', async ({
    page,
  }) => {
    let offline = true;
    await page.route(/\/ui-core\.[\w-]+\.js$/, (route) =>
      offline ? route.abort() : route.continue(),
    );
    await page.goto('04-ci-cd/');
    await page.getByRole('button', { name: /^Search/ }).click();
    const dialog = page.getByRole('dialog');
    const alert = dialog.getByRole('alert');
    await expect(alert).toHaveText('Search could not load. Check the connection, then try again.');
    offline = false;
    await alert.getByRole('button', { name: 'try again' }).click();
    await expect(dialog.getByPlaceholder('Search')).toBeFocused();
    await expect(dialog.getByRole('alert')).toHaveCount(0);
    await page.keyboard.type('workflow');
    await expect(dialog.getByRole('link', { name: /CI\/CD/ }).first()).toBeVisible();
  });
});
