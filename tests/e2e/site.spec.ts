import AxeBuilder from '@axe-core/playwright';
import { chapters } from '../../src/sidebar.mjs';
import { expect, ortRequest, pages, test } from './fixtures';
import { axeViolations } from './axe';

const sidebarOrder = [
  'Start here',
  '1. Model deployment',
  '2. Docker',
  '3. Cloud deployment and APIs',
  '4. CI/CD',
  '5. Monitoring and retraining',
  'Lab 1: Model deployment',
  'Lab 2: Docker',
  'Lab 3: Cloud deployment and APIs',
  'Lab 4: CI/CD',
  'Lab 5: Monitoring and retraining',
  'Glossary',
];

for (const path of pages) {
  test.describe(`page /${path}`, () => {
    test('loads cleanly, fetches no onnxruntime, and passes axe (WCAG 2.1 AA)', async ({
      page,
    }) => {
      // axe walks every element: on the lab pages (4,000-8,000 of them) it took about 20 s on a
      // busy 2-core machine and over 60 s once the load average passed 14 (a fresh-clone CI run
      // beside a second e2e suite). A budget, not an assertion about speed: this waits on states.
      test.slow();
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await expect(page.locator('h1').first()).toBeVisible();
      await page.waitForLoadState('networkidle');
      expect(requests.filter((url) => ortRequest.test(url))).toEqual([]);
      // Each stylesheet and module script once: a repeated stylesheet adds its rules to the
      // cascade twice (Expressive Code links its own once per document it renders).
      const assets = await page
        .locator('link[rel="stylesheet"], script[type="module"][src]')
        .evaluateAll((tags) =>
          tags.map((tag) => tag.getAttribute('href') ?? tag.getAttribute('src')),
        );
      expect(assets.filter((url, i) => assets.indexOf(url) !== i)).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
    });
  });
}

test('the sidebar lists the landing page, chapters 1–5 and their labs in order, then the glossary', async ({
  page,
}) => {
  await page.goto('');
  const nav = page.getByRole('navigation', { name: 'Main' });
  const labels = await nav.getByRole('link').allInnerTexts();
  expect(labels.map((l) => l.trim())).toEqual(sidebarOrder);
});

test('prev/next links follow chapter order', async ({ page }) => {
  for (let i = 0; i < pages.length; i++) {
    await page.goto(pages[i] as string);
    const prev = page.locator('a[rel="prev"]');
    const next = page.locator('a[rel="next"]');
    if (i === 0) await expect(prev).toHaveCount(0);
    else await expect(prev).toHaveAttribute('href', new RegExp(`/mlops-booklet/${pages[i - 1]}$`));
    if (i === pages.length - 1) await expect(next).toHaveCount(0);
    else await expect(next).toHaveAttribute('href', new RegExp(`/mlops-booklet/${pages[i + 1]}$`));
  }
});

test.describe('not found', () => {
  test.use({
    allowedErrors: /HTTP 404: .*\/no-such-page\/|console error: Failed to load resource: .*404/,
  });
  test('an unknown path shows the 404 page under the base path', async ({ page }) => {
    const response = await page.goto('no-such-page/');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(/404|not found/i);
    // The header's site title leads back home, under the base path.
    await expect(page.getByRole('link', { name: 'MLOps Booklet' }).first()).toHaveAttribute(
      'href',
      '/mlops-booklet/',
    );
  });

  test('the 404 page lists the chapters in order, offers search and passes axe', async ({
    page,
  }) => {
    await page.goto('no-such-page/');
    const list = page.getByRole('navigation', { name: 'Chapters' });
    const links = list.getByRole('link');
    await expect(links).toHaveText(chapters.map(({ label }) => label.replace(/^\d+\.\s*/, '')));
    for (const [i, { slug }] of chapters.entries()) {
      await expect(links.nth(i)).toHaveAttribute('href', `/mlops-booklet/${slug}/`);
    }
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
    await page.getByRole('button', { name: 'Search the booklet' }).click();
    const dialog = page.getByRole('dialog', { name: 'Search' });
    await expect(dialog).toBeVisible();
    await dialog.getByPlaceholder('Search').fill('lockfile');
    await expect(dialog.getByRole('link', { name: /Model deployment/ }).first()).toBeVisible();
    await page.keyboard.press('Escape');
    await links.first().click();
    await expect(page).toHaveURL(/\/mlops-booklet\/01-model-deployment\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Model deployment');
  });
});
