/**
 * Faults (issue 15): the network and the browser misbehave, and every widget says so clearly,
 * offers Retry where retrying can help, and leaves the rest of the page working.
 * - the runtime's wasm download fails, or crawls at 1 Mbit/s;
 * - data files (vega-datasets JSON the site serves) and model files (.onnx, model card) answer
 *   404 or corrupt bytes;
 * - localStorage and sessionStorage throw on access (Safari private mode, blocked site data).
 * Every wait is on a state (text, attribute, a value that changed), never on a duration.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, pages, test } from './fixtures';

const RUNTIME_CHECK = 'Check that your browser can run the demos';
const CH01 = '01-model-deployment/';
const TRAIN_VERIFY = 'Train → serialize → load → verify';
const ONNX_INSPECTOR = 'Inspect an ONNX file';
const PICKLE_INSPECTOR = 'Inside a pickle';
const CH04 = '04-ci-cd/';
const PIPELINE = 'Pipeline playground';

/** 1 Mbit/s in bytes per second, as DevTools' throttling takes it. */
const ONE_MBIT = 125_000;

/** Throttles the page's downloads to `bytesPerSecond` (DevTools' network emulation); returns a
 * function that lifts the throttle on the same DevTools session. */
async function throttle(page: Page, bytesPerSecond: number): Promise<() => Promise<void>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const conditions = (rate: number) =>
    cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: rate,
      uploadThroughput: rate,
    });
  await conditions(bytesPerSecond);
  return async () => {
    await conditions(-1);
  };
}

/** The pickle inspector still works: its sample is read and judged. */
async function pickleInspectorWorks(page: Page): Promise<void> {
  const pickle = page.getByRole('region', { name: PICKLE_INSPECTOR });
  await pickle.getByRole('button', { name: 'os-system.pkl' }).click();
  await expect(pickle.getByText(/Loading this file would call os\.system/)).toBeVisible();
}

/** Text of the widget's alert, once it shows. */
async function alertOf(demo: Locator): Promise<Locator> {
  const alert = demo.getByRole('alert');
  await expect(alert).toBeVisible();
  return alert;
}

test.describe('the runtime download', () => {
  test.describe('fails', () => {
    test.use({
      allowedErrors:
        /request failed: .*\.wasm|console error: Failed to load resource: net::ERR_FAILED/,
    });
    test('chapter 1 says it could not download the runtime, and Retry loads it', async ({
      page,
    }) => {
      await page.route('**/*.wasm', (route) => route.abort('failed'));
      await page.goto(CH01);
      const demo = page.getByRole('region', { name: TRAIN_VERIFY });
      await demo.getByRole('button', { name: 'Train', exact: true }).click();
      await expect(demo.getByRole('status')).toContainText('Trained:');
      await demo.getByRole('button', { name: 'Serialize to ONNX' }).click();
      await expect(demo.getByRole('status')).toContainText('Serialized:');
      await demo.getByRole('button', { name: 'Load and verify' }).click();
      const alert = await alertOf(demo);
      await expect(alert).toContainText('Could not download the runtime');
      await page.unroute('**/*.wasm');
      await alert.getByRole('button', { name: 'Retry' }).click();
      await expect(demo.getByRole('status')).toContainText('Verified on', { timeout: 30_000 });
      await expect(alert).toBeHidden();
    });
  });

  test('at 1 Mbit/s shows progress that advances ("X of Y"), then the result', async ({ page }) => {
    await page.goto('');
    const demo = page.getByRole('region', { name: RUNTIME_CHECK });
    const unthrottle = await throttle(page, ONE_MBIT);
    await demo.getByRole('button', { name: 'Run the model' }).click();
    const label = demo.getByText(/^Downloading the runtime: [\d.]+ [kMG]?B of [\d.]+ [kMG]?B$/);
    await expect(label).toBeVisible();
    const bar = demo.getByRole('progressbar');
    await expect(bar).toBeVisible();
    const first = await label.innerText();
    // The count moves on as bytes arrive (a frozen label would fail here).
    await expect.poll(() => label.innerText()).not.toBe(first);
    await expect.poll(async () => Number(await bar.getAttribute('value'))).toBeGreaterThan(0);
    // Lift the throttle so the rest of the 14 MB does not take two minutes.
    await unthrottle();
    await expect(demo.getByRole('status')).toContainText('The runtime works in this browser');
    await expect(bar).toBeHidden();
  });
});

/** Answers every request for `glob` with `status` and `body`. */
async function serve(page: Page, glob: string, status: number, body: string | Buffer) {
  await page.route(glob, (route) =>
    route.fulfill({ status, body, contentType: 'application/octet-stream' }),
  );
}

const CORRUPT_JSON = '{"rows": [{"species": "Adelie", "bill_length_mm": 39.1';
const CORRUPT_BYTES = Buffer.from([0x08, 0x07, 0x12, 0xff, 0xff, 0xff, 0x0f, 0x00, 0x41, 0x42]);

test.describe('a data file that fails', () => {
  for (const [what, status, body, message] of [
    ['is missing (404)', 404, 'not found', /data\/penguins\.json.*404/],
    ['is corrupt', 200, CORRUPT_JSON, /data\/penguins\.json is not valid JSON/],
  ] as const) {
    test.describe(what, () => {
      test.use({
        allowedErrors: /penguins\.json|status of 404/,
        allowedAlerts: message,
      });
      test(`chapter 1's trainer says so; the pickle inspector still runs (${what})`, async ({
        page,
      }) => {
        await serve(page, '**/data/penguins.json', status, body);
        await page.goto(CH01);
        const demo = page.getByRole('region', { name: TRAIN_VERIFY });
        await demo.getByRole('button', { name: 'Train', exact: true }).click();
        await expect(await alertOf(demo)).toContainText(message);
        await expect(demo.getByRole('status')).not.toContainText('Trained:');
        await pickleInspectorWorks(page);
      });
    });
  }
});

test.describe('a model file that fails', () => {
  for (const [what, status, body, message] of [
    ['is missing (404)', 404, 'not found', /models\/penguins\.onnx.*404/],
    ['is corrupt', 200, CORRUPT_BYTES, /could not be inspected|not a valid ONNX|damaged/i],
  ] as const) {
    test.describe(what, () => {
      test.use({ allowedErrors: /penguins\.onnx|status of 404/, allowedAlerts: message });
      test(`the ONNX inspector says so; the pickle inspector still runs (${what})`, async ({
        page,
      }) => {
        await serve(page, '**/models/penguins.onnx', status, body);
        await page.goto(CH01);
        const demo = page.getByRole('region', { name: ONNX_INSPECTOR });
        await demo.getByRole('button', { name: /published model/ }).click();
        await expect(demo.getByText(message).first()).toBeVisible();
        await expect(demo.getByText('penguins.onnx: a valid ONNX model')).toHaveCount(0);
        await pickleInspectorWorks(page);
      });
    });
  }

  for (const [what, status, body, message] of [
    ['is missing (404)', 404, 'not found', /models\/model-card\.json.*404/],
    ['is corrupt', 200, '[1, 2', /models\/model-card\.json is not valid JSON/],
  ] as const) {
    test.describe(`the model card ${what}`, () => {
      test.use({ allowedErrors: /model-card\.json|status of 404/, allowedAlerts: message });
      test(`chapter 4's gate says so; the workflow still runs (${what})`, async ({ page }) => {
        await serve(page, '**/models/model-card.json', status, body);
        await page.goto(CH04);
        const widget = page.getByRole('region', { name: PIPELINE });
        await widget
          .getByRole('button', { name: 'Train the candidate and apply the gate' })
          .click();
        await expect(await alertOf(widget)).toContainText(message);
        // The workflow simulation needs neither file: the default push runs to the end.
        await widget.getByRole('button', { name: 'Run the workflow' }).click();
        await expect(widget.locator('[data-out="run-summary"]')).toHaveText(/^The run /);
      });
    });
  }
});

test.describe('without localStorage or sessionStorage (private mode, blocked site data)', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      for (const name of ['localStorage', 'sessionStorage']) {
        Object.defineProperty(window, name, {
          configurable: true,
          get() {
            throw new DOMException('The operation is insecure.', 'SecurityError');
          },
        });
      }
    });
  });

  for (const path of pages) {
    test(`page /${path} loads without an error`, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole('main')).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('data-theme', /^(light|dark)$/);
    });
  }

  test('the theme menu still switches the theme, for this page only', async ({ page }) => {
    await page.goto(CH01);
    const menu = page.getByRole('combobox', { name: 'Select theme' }).first();
    for (const theme of ['light', 'dark'] as const) {
      await menu.selectOption(theme);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    }
  });
});
