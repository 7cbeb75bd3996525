/**
 * The e2e `test`: every page a test opens is watched, and the test fails on any console error,
 * uncaught exception, failed request or HTTP error, or on a `role="alert"` still visible when the
 * test ends (a widget's error box), unless the test declares it expects one.
 */
import { test as base, expect } from '@playwright/test';
import { labPaths, pagePaths } from '../../src/sidebar.mjs';

/** Every page of the booklet in sidebar order (chapters, labs, glossary), relative to the base path. */
export const pages = pagePaths;

/** The lab pages, one per chapter (the executed notebooks), relative to the base path. */
export const labPages = labPaths;

/** Request URLs that belong to onnxruntime-web (its script chunk or its wasm). */
export const ortRequest = /ort-wasm|ort\.wasm|onnxruntime|\.wasm(\?|$)/;

/**
 * `allowedErrors`: one pattern for the problems a test provokes on purpose (a blocked download,
 * a 404). A single RegExp, because Playwright reads an array given to `test.use` as [value, options].
 */
export const test = base.extend<{
  allowedErrors: RegExp | null;
  allowedAlerts: RegExp | null;
  pageProblems: string[];
}>({
  allowedErrors: [null, { option: true }],
  /**
   * `allowedAlerts`: the text of a visible `role="alert"` a test leaves on screen on purpose (an
   * error it provokes and checks). Any other alert still visible at the end fails the test, so a
   * widget error that a test did not expect cannot pass unnoticed.
   */
  allowedAlerts: [null, { option: true }],
  pageProblems: [
    async ({ page, allowedErrors, allowedAlerts }, use) => {
      const problems: string[] = [];
      const note = (text: string) => {
        if (!allowedErrors?.test(text)) problems.push(text);
      };
      page.on('console', (message) => {
        if (message.type() === 'error') note(`console error: ${message.text()}`);
      });
      page.on('pageerror', (error) => note(`uncaught: ${error.message}`));
      page.on('requestfailed', (request) => {
        const reason = request.failure()?.errorText ?? 'unknown';
        // Leaving a page cancels its in-flight requests (net::ERR_ABORTED); that is not a fault.
        if (reason === 'net::ERR_ABORTED') return;
        note(`request failed: ${request.url()} (${reason})`);
      });
      page.on('response', (response) => {
        if (response.status() >= 400) note(`HTTP ${response.status()}: ${response.url()}`);
      });
      await use(problems);
      if (!page.isClosed()) {
        const alerts = page.getByRole('alert').filter({ visible: true });
        // textContent, not innerText: a widget scrolled out of view may skip rendering its
        // contents (content-visibility), and innerText would then read as empty.
        for (const text of await alerts.allTextContents()) {
          if (!allowedAlerts?.test(text)) problems.push(`visible alert: ${text.trim()}`);
        }
      }
      expect(problems, 'the page reported problems').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
