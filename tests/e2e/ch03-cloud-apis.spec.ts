import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const PAGE = '03-cloud-apis/';

/** Preset button, expected status line, and the error paths a 422 must list. */
const PRESETS: [string, string, string[]][] = [
  ['Valid single', '200 OK', []],
  ['Valid batch', '200 OK', []],
  ['Missing field', '422 Unprocessable Content', ['instance.body_mass_g']],
  ['Wrong type', '422 Unprocessable Content', ['instance.beak_length_mm']],
  ['Out of range', '422 Unprocessable Content', ['instance.body_mass_g']],
  [
    'Unknown field',
    '422 Unprocessable Content',
    ['instance.flipper_lenght_mm', 'instance.flipper_length_mm'],
  ],
  ['Batch too large', '413 Content Too Large', []],
  ['Malformed JSON', '400 Bad Request', []],
  ['Wrong content type', '415 Unsupported Media Type', []],
];

function playground(page: Page): Locator {
  return page.getByRole('region', { name: 'Request playground' });
}

function simulator(page: Page): Locator {
  return page.getByRole('region', { name: 'Scaling simulator' });
}

/** A duration as the widgets print it ("812.0 µs", "12.3 ms", "1.20 s"), in milliseconds. */
function toMs(text: string): number {
  const match = /([\d.]+)\s*(µs|ms|s)\b/.exec(text);
  if (!match) return NaN;
  const value = Number(match[1]);
  return match[2] === 's' ? value * 1000 : match[2] === 'µs' ? value / 1000 : value;
}

async function simulatedMs(widget: Locator, row: RegExp): Promise<number> {
  const text = await widget.getByRole('row', { name: row }).getByRole('cell').first().textContent();
  return toMs(text ?? '');
}

test.describe('request playground', () => {
  test('every preset gets its documented status, and 422s list and mark the failing fields', async ({
    page,
  }) => {
    await page.goto(PAGE);
    const widget = playground(page);
    const response = widget.getByRole('region', { name: 'Response', exact: true });
    const request = widget.getByRole('region', { name: 'Request', exact: true });
    let sent = 0;
    for (const [label, statusLine, paths] of PRESETS) {
      await widget.getByRole('button', { name: label, exact: true }).click();
      await widget.getByRole('button', { name: 'Send' }).click();
      sent++;
      // The request id counts sends, so this is the answer to this request, not the previous one.
      await expect(response).toContainText(`x-request-id: req-${String(sent).padStart(6, '0')}`, {
        timeout: 30_000,
      });
      await expect(response).toContainText(`HTTP/1.1 ${statusLine}`);
      const errors = widget.getByRole('list', { name: 'Fields the API rejected' });
      if (paths.length > 0) {
        await expect(errors.getByRole('listitem')).toHaveCount(paths.length);
        for (const path of paths) await expect(errors).toContainText(path);
        await expect(request.locator('mark')).not.toHaveCount(0);
        await expect(widget.getByLabel('Request body (JSON)')).toHaveAttribute(
          'aria-invalid',
          'true',
        );
      } else if (statusLine.startsWith('200')) {
        await expect(errors).toBeHidden();
        await expect(response).toContainText('"model_version"');
      }
    }
    // The valid single penguin is the first Adelie of the data set.
    await widget.getByRole('button', { name: 'Valid single', exact: true }).click();
    await widget.getByRole('button', { name: 'Send' }).click();
    await expect(response).toContainText('"label": "Adelie"');
  });

  test('malformed JSON is marked where parsing stops', async ({ page }) => {
    await page.goto(PAGE);
    const widget = playground(page);
    await widget.getByRole('button', { name: 'Malformed JSON', exact: true }).click();
    await widget.getByRole('button', { name: 'Send' }).click();
    await expect(widget.getByText(/Not valid JSON at line 5, column 3/)).toBeVisible({
      timeout: 30_000,
    });
  });

  test("the reader's own text survives a preset and comes back on request", async ({ page }) => {
    await page.goto(PAGE);
    const widget = playground(page);
    const body = widget.getByLabel('Request body (JSON)');
    const mine = '{"instance": {"beak_length_mm": 50}}';
    await body.fill(mine);
    await widget.getByRole('button', { name: 'Valid batch', exact: true }).click();
    await expect(body).not.toHaveValue(mine);
    await widget.getByRole('button', { name: 'Restore your last edit' }).click();
    await expect(body).toHaveValue(mine);
  });

  test('a replica whose model is loading is alive but not ready', async ({ page }) => {
    await page.goto(PAGE);
    const widget = playground(page);
    const response = widget.getByRole('region', { name: 'Response', exact: true });
    await widget.getByLabel('Pretend the model is still loading').check();
    await widget.getByLabel('Method').selectOption('GET');
    await widget.getByLabel('Path').selectOption('/readyz');
    await widget.getByRole('button', { name: 'Send' }).click();
    await expect(response).toContainText('HTTP/1.1 503 Service Unavailable', { timeout: 30_000 });
    await expect(response).toContainText('retry-after: 5');
    await widget.getByLabel('Path').selectOption('/healthz');
    await widget.getByRole('button', { name: 'Send' }).click();
    await expect(response).toContainText('HTTP/1.1 200 OK');
    await widget.getByLabel('Pretend the model is still loading').uncheck();
    await widget.getByLabel('Path').selectOption('/readyz');
    await widget.getByRole('button', { name: 'Send' }).click();
    await expect(response).toContainText('"status": "ready"');
  });
});

test.describe('scaling simulator', () => {
  test('raising λ raises p99, and adding a replica lowers it', async ({ page }) => {
    await page.goto(PAGE);
    const widget = simulator(page);
    await widget.scrollIntoViewIfNeeded();
    await expect(widget.getByRole('status')).toContainText('Simulated', { timeout: 20_000 });
    const atDefault = await simulatedMs(widget, /^p99 latency/);
    expect(atDefault).toBeGreaterThan(0);
    // The default is M/M/1 with ρ = 0.8, so the theory column is filled.
    await expect(
      widget
        .getByRole('row', { name: /^p99 latency/ })
        .getByRole('cell')
        .nth(1),
    ).not.toHaveText('—');

    await widget.getByLabel(/^Arrival rate λ/).fill('95');
    await expect.poll(() => simulatedMs(widget, /^p99 latency/)).toBeGreaterThan(atDefault);
    const busier = await simulatedMs(widget, /^p99 latency/);

    await widget.getByLabel(/^Replicas c/).fill('2');
    await expect.poll(() => simulatedMs(widget, /^p99 latency/)).toBeLessThan(busier / 2);
  });

  test('bad input is reported at the field and the last results stay', async ({ page }) => {
    await page.goto(PAGE);
    const widget = simulator(page);
    await widget.scrollIntoViewIfNeeded();
    await expect(widget.getByRole('status')).toContainText('Simulated', { timeout: 20_000 });
    const replicas = widget.getByLabel(/^Replicas c/);
    await replicas.fill('two');
    await expect(replicas).toHaveAttribute('aria-invalid', 'true');
    await expect(widget.getByText('Not a number. Type a whole number from 1 to 32.')).toBeVisible();
    await expect(replicas).toHaveValue('two');
    expect(await simulatedMs(widget, /^p99 latency/)).toBeGreaterThan(0);
  });

  test('the λ sweep finds saturation and the policy comparison ranks the policies', async ({
    page,
  }) => {
    await page.goto(PAGE);
    const widget = simulator(page);
    await widget.scrollIntoViewIfNeeded();
    await widget.getByRole('button', { name: 'Sweep λ for one replica' }).click();
    const sweep = widget.getByRole('table', { name: /^One replica/ });
    await expect(sweep.getByRole('row')).toHaveCount(13, { timeout: 30_000 });
    const firstP99 = toMs(
      (await sweep.getByRole('row').nth(1).getByRole('cell').nth(2).textContent()) ?? '',
    );
    const lastP99 = toMs(
      (await sweep.getByRole('row').nth(12).getByRole('cell').nth(2).textContent()) ?? '',
    );
    expect(lastP99).toBeGreaterThan(10 * firstP99);

    await widget.getByLabel(/^Replicas c/).fill('4');
    await widget.getByLabel(/^Arrival rate λ/).fill('320');
    await widget.getByRole('button', { name: 'Compare the policies' }).click();
    const table = widget.getByRole('table', { name: /^Policies compared/ });
    await expect(table.getByRole('row')).toHaveCount(6, { timeout: 30_000 });
    const p99 = async (policy: string) =>
      toMs(
        (await table
          .getByRole('row', { name: new RegExp(`^${policy}`) })
          .getByRole('cell')
          .nth(2)
          .textContent()) ?? '',
      );
    expect(await p99('Least outstanding')).toBeLessThan(await p99('Round-robin'));
    expect(await p99('Power of two')).toBeLessThan(await p99('Random'));
  });

  test('service times measured from in-page requests drive the simulation', async ({ page }) => {
    await page.goto(PAGE);
    const widget = simulator(page);
    await widget.scrollIntoViewIfNeeded();
    await widget.getByRole('button', { name: 'Measure 300 in-page requests' }).click();
    await expect(widget.getByText(/^Measured 300 in-page requests/)).toBeVisible({
      timeout: 60_000,
    });
    await expect(widget.getByLabel('Latencies measured in this page')).toBeChecked();
    await expect(
      widget.getByText(
        /^Measured 300 in-page requests after 20 warm-up ones: median [\d.]+ (µs|ms)/,
      ),
    ).toBeVisible();
    // Timings vary with the machine, so the check is a property, not a figure: with a fixed 5 ms
    // overhead added to every measured service time, no request can take less than 5 ms.
    await widget.getByLabel('Fixed overhead per request (ms)').fill('5');
    await expect
      .poll(() => simulatedMs(widget, /^p50 latency/), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(5);
    await expect(widget.getByText(/No theory column: Measured service times/)).toBeVisible();
  });
});

test('both widgets pass axe (WCAG 2.1 AA) after they have shown results', async ({ page }) => {
  await page.goto(PAGE);
  const widget = playground(page);
  await widget.getByRole('button', { name: 'Unknown field', exact: true }).click();
  await widget.getByRole('button', { name: 'Send' }).click();
  await expect(widget.getByRole('list', { name: 'Fields the API rejected' })).toBeVisible({
    timeout: 30_000,
  });
  const sim = simulator(page);
  await sim.scrollIntoViewIfNeeded();
  await sim.getByLabel('Scale replicas to a target utilization').check();
  await sim.getByLabel(/^Replicas c/).fill('2');
  await sim.getByLabel(/^λ multiplier/).fill('2');
  await expect(sim.getByRole('img', { name: /^Replicas taking traffic over time/ })).toBeVisible({
    timeout: 20_000,
  });
  await sim.getByRole('button', { name: 'Compare the policies' }).click();
  await expect(sim.getByRole('table', { name: /^Policies compared/ })).toBeVisible({
    timeout: 30_000,
  });
  await sim.getByLabel(/^Max replicas/).fill('x');
  await expect(sim.getByLabel(/^Max replicas/)).toHaveAttribute('aria-invalid', 'true');
  const results = await new AxeBuilder({ page })
    .include('#request-playground')
    .include('#scaling-simulator')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
});
