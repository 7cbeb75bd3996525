import { expect, ortRequest, test } from './fixtures';

test.describe('the runtime check on the landing page', () => {
  test('downloads the runtime only when asked, then runs the model', async ({ page }) => {
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto('');
    const demo = page.getByRole('region', { name: 'Check that your browser can run the demos' });
    await demo.scrollIntoViewIfNeeded();
    await page.waitForLoadState('networkidle');
    expect(requests.filter((url) => ortRequest.test(url))).toEqual([]);

    await demo.getByLabel('Input value x').fill('-2.75');
    await demo.getByRole('button', { name: 'Run the model' }).click();
    await expect(demo.getByRole('status')).toContainText('The runtime works in this browser');
    await expect(demo.locator('[data-out="y"]')).toHaveText('-2.75');
    const wasm = requests.filter((url) => url.endsWith('.wasm'));
    expect(wasm).toHaveLength(1);
    expect(wasm[0]).toMatch(/\/mlops-booklet\/_astro\/ort-wasm-simd-threaded\.[\w-]+\.wasm$/);
  });

  test('rejects a value that is not a number at the field, keeping the text', async ({ page }) => {
    await page.goto('');
    const demo = page.getByRole('region', { name: 'Check that your browser can run the demos' });
    const input = demo.getByLabel('Input value x');
    await input.fill('twelve');
    await demo.getByRole('button', { name: 'Run the model' }).click();
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(demo.getByText('Type a number')).toBeVisible();
    await expect(input).toHaveValue('twelve');
  });
});

test.describe('the runtime check reads its number as float32 (issue 15 #7)', () => {
  test('3.4e38 runs, 1e39 and Infinity are out of range, 1e-50 says it becomes 0, old results go stale', async ({
    page,
  }) => {
    await page.goto('');
    const demo = page.getByRole('region', { name: 'Check that your browser can run the demos' });
    const input = demo.getByLabel('Input value x');
    const run = demo.getByRole('button', { name: 'Run the model' });
    const y = demo.locator('[data-out="y"]');
    const result = demo.locator('.runtime-check__result');

    await input.fill('3.4e38');
    await run.click();
    await expect(demo.getByRole('status')).toContainText('The runtime works in this browser');
    // float32's nearest value to 3.4e38, as the runtime returns it.
    await expect(y).toHaveText('3.3999999521443642e+38');
    await expect(result).toBeFocused();
    await expect(demo.getByText(/nearest float32, 3\.3999999521443642e\+38/)).toBeVisible();

    for (const text of ['1e39', 'Infinity']) {
      await input.fill(text);
      await run.click();
      await expect(input).toHaveAttribute('aria-invalid', 'true');
      await expect(demo.getByText(/out of range|not a finite number/)).toBeVisible();
      await expect(demo.getByText('Type a number')).toHaveCount(0);
      // The earlier answer is still there, marked as out of date, never shown as current.
      await expect(result).toHaveAttribute('data-stale', '');
      await expect(input).toHaveValue(text);
    }

    await input.fill('1e-50');
    await run.click();
    await expect(y).toHaveText('0');
    await expect(result).not.toHaveAttribute('data-stale');
    await expect(demo.getByText(/1e-50 is closer to 0 than float32's smallest/)).toBeVisible();
  });
});

test.describe('when the wasm download fails', () => {
  test.use({
    allowedErrors:
      /request failed: .*\.wasm|console error: Failed to load resource: net::ERR_FAILED/,
  });
  test('the demo shows its error and recovers after Retry', async ({ page }) => {
    await page.route('**/*.wasm', (route) => route.abort('failed'));
    await page.goto('');
    const demo = page.getByRole('region', { name: 'Check that your browser can run the demos' });
    await demo.getByRole('button', { name: 'Run the model' }).click();
    const alert = demo.getByRole('alert');
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('Could not download the runtime');
    await page.unroute('**/*.wasm');
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect(demo.getByRole('status')).toContainText('The runtime works in this browser');
    await expect(alert).toBeHidden();
  });

  test.describe('and keeps failing', () => {
    // The error box stays on screen at the end on purpose, so the test declares it to the fixture.
    test.use({ allowedAlerts: /Could not download the runtime/ });
    test('Retry shows the error again rather than a stale result', async ({ page }) => {
      let attempts = 0;
      await page.route('**/*.wasm', (route) => {
        attempts += 1;
        return route.abort('failed');
      });
      await page.goto('');
      const demo = page.getByRole('region', { name: 'Check that your browser can run the demos' });
      await demo.getByRole('button', { name: 'Run the model' }).click();
      const alert = demo.getByRole('alert');
      await expect(alert).toContainText('Could not download the runtime');
      const before = attempts;
      await alert.getByRole('button', { name: 'Retry' }).click();
      // The retry really downloads again (and fails again) before the error is judged.
      await expect.poll(() => attempts).toBeGreaterThan(before);
      await expect(alert).toBeVisible();
      await expect(alert).toContainText('Could not download the runtime');
      await expect(demo.getByRole('status')).toHaveText('');
    });
  });
});
