import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectFitsViewport, PHONE, useTheme } from './layout';

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

  for (const width of [1280, 390]) {
    test(`at ${width} px the page is built with the default run, so the browser's first run moves nothing`, async ({
      page,
    }) => {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(PAGE);
      const widget = simulator(page);
      // Not reached yet, so the widget has not run: what shows is what the build printed.
      await expect(widget.getByRole('status')).not.toContainText('Simulated');
      const p99 = widget.getByRole('row', { name: /^p99 latency/ }).getByRole('cell');
      const printed = await p99.allTextContents();
      expect(toMs(printed[0] ?? '')).toBeGreaterThan(0);
      // M/M/1 at λ = 80/s, μ = 100/s: sojourn time ~ Exp(20/s), so p99 = ln(100)/20 s.
      expect(printed[1]).toBe('230.3 ms');
      const parts = [
        '[data-out="capacity"]',
        'table[data-out="results"]',
        '[data-out="theory-note"]',
        '[data-out="utilization"]',
        'svg[data-chart="latency"]',
        'button[data-action="sweep"]',
      ];
      const layout = () =>
        widget.evaluate((root, selectors) => {
          const top = root.getBoundingClientRect().top;
          return selectors.map((selector) => {
            const box = root.querySelector(selector)?.getBoundingClientRect();
            return box ? [selector, Math.round(box.top - top), Math.round(box.height)] : [selector];
          });
        }, parts);
      const before = await layout();
      // Every word the build printed (capacity line, table, theory note, utilization summary).
      const words = () =>
        widget
          .locator(
            '[data-out="capacity"], table[data-out="results"], [data-out="theory-note"], [data-out="utilization"] summary',
          )
          .allInnerTexts();
      const printedWords = await words();

      await widget.scrollIntoViewIfNeeded();
      await expect(widget.getByRole('status')).toContainText('Simulated', { timeout: 20_000 });
      await expect(
        widget.getByRole('img', { name: /^Latency over time: p99 ranges/ }),
      ).toBeVisible();
      expect(await p99.allTextContents()).toEqual(printed);
      expect(await words()).toEqual(printedWords);
      expect(await layout()).toEqual(before);
    });
  }

  test('the form opts out of input restoration, so after a reload the fields and the printed run agree', async ({
    page,
  }) => {
    await page.goto(PAGE);
    const widget = simulator(page);
    // A browser restores form input on reload or back unless told not to; restored input would
    // stand beside the results printed for the defaults.
    await expect(widget.locator('form')).toHaveAttribute('autocomplete', 'off');
    const printed = await simulatedMs(widget, /^p99 latency/);
    await widget.scrollIntoViewIfNeeded();
    await expect(widget.getByRole('status')).toContainText('Simulated', { timeout: 20_000 });
    await widget.getByLabel(/^Arrival rate λ/).fill('95');
    await expect.poll(() => simulatedMs(widget, /^p99 latency/)).toBeGreaterThan(printed);

    await page.reload();
    await expect(widget.getByLabel(/^Arrival rate λ/)).toHaveValue('80');
    expect(await simulatedMs(widget, /^p99 latency/)).toBe(printed);
  });

  test('the utilization list a reader opened stays open when the next run replaces it', async ({
    page,
  }) => {
    await page.goto(PAGE);
    const widget = simulator(page);
    await widget.scrollIntoViewIfNeeded();
    await expect(widget.getByRole('status')).toContainText('Simulated', { timeout: 20_000 });
    const before = await simulatedMs(widget, /^p99 latency/);
    await widget.getByText(/^Show utilization per replica/).click();
    await widget.getByLabel(/^Replicas c/).fill('2');
    await expect.poll(() => simulatedMs(widget, /^p99 latency/)).toBeLessThan(before);
    await expect(widget.getByText('Show utilization per replica (2)')).toBeVisible();
    await expect(widget.getByText(/^Replica 2:/)).toBeVisible();
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
    // The first run starts when the widget comes into view: start from its finished results.
    await expect(widget.getByRole('status')).toContainText('Simulated', { timeout: 20_000 });
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

/** The path vertices of a chart's series, in the svg's own units, and its viewBox size. */
async function chartGeometry(svg: Locator) {
  return svg.evaluate((node) => {
    const [, , width = 0, height = 0] = (node.getAttribute('viewBox') ?? '').split(' ').map(Number);
    const series = [...node.querySelectorAll('path.series')].map((path) =>
      [...(path.getAttribute('d') ?? '').matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => ({
        x: Number(m[1]),
        y: Number(m[2]),
      })),
    );
    const svgBox = node.getBoundingClientRect();
    const labels = [...node.querySelectorAll('text.marker-label')].map((t) => {
      const b = t.getBoundingClientRect();
      return {
        text: t.textContent ?? '',
        left: b.left,
        right: b.right,
        top: b.top,
        bottom: b.bottom,
      };
    });
    return { width, height, series, labels, svgLeft: svgBox.left, svgRight: svgBox.right };
  });
}

function overlaps(a: { left: number; right: number; top: number; bottom: number }, b: typeof a) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

test.describe('scaling simulator: issue 15 findings', () => {
  test('#4 the λ sweep chart draws all 12 runs, saturated ones too, and the capacity label inside', async ({
    page,
  }) => {
    await page.goto(PAGE);
    const widget = simulator(page);
    await widget.scrollIntoViewIfNeeded();
    // Start from the first run's finished results.
    await expect(widget.getByRole('status')).toContainText('Simulated', { timeout: 20_000 });
    await widget.getByRole('button', { name: 'Sweep λ for one replica' }).click();
    await expect(widget.getByRole('table', { name: /^One replica/ }).getByRole('row')).toHaveCount(
      13,
      { timeout: 30_000 },
    );
    const chart = await chartGeometry(widget.locator('svg[data-chart="sweep"]'));
    const simulated = chart.series[0] ?? [];
    expect(simulated).toHaveLength(12);
    for (const p of chart.series.flat()) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(chart.width);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(chart.height);
    }
    const capacity = chart.labels.find((l) => l.text === 'capacity');
    expect(capacity).toBeDefined();
    expect(capacity!.right).toBeLessThanOrEqual(chart.svgRight + 0.5);
  });

  test('#4 #5 with the autoscaler on, the lines stay on their charts and marker labels never overprint', async ({
    page,
  }) => {
    await page.goto(PAGE);
    const widget = simulator(page);
    await widget.scrollIntoViewIfNeeded();
    await widget.getByLabel('Scale replicas to a target utilization').check();
    await widget.getByLabel(/^Min replicas/).fill('1');
    await widget.getByLabel(/^λ multiplier/).fill('4');
    await widget.getByLabel(/^Cold start/).fill('0');
    await widget.getByLabel(/^Scale-up delay/).fill('0');
    await widget.getByLabel(/^Evaluate every/).fill('1');
    const replicasChart = widget.getByRole('img', { name: /^Replicas taking traffic over time/ });
    await expect(replicasChart).toBeVisible({ timeout: 20_000 });
    await expect(widget.getByRole('status')).toContainText('Simulated');
    for (const name of ['latency', 'replicas']) {
      const chart = await chartGeometry(widget.locator(`svg[data-chart="${name}"]`));
      for (const p of chart.series.flat()) {
        expect(p.y, `${name} chart`).toBeGreaterThanOrEqual(0);
        expect(p.y, `${name} chart`).toBeLessThanOrEqual(chart.height);
        expect(p.x, `${name} chart`).toBeLessThanOrEqual(chart.width);
      }
      const labels = chart.labels;
      for (let i = 0; i < labels.length; i++)
        for (let j = i + 1; j < labels.length; j++)
          expect(
            overlaps(labels[i]!, labels[j]!),
            `"${labels[i]!.text}" overprints "${labels[j]!.text}"`,
          ).toBe(false);
    }
    // Several scale-ups happened, so several "N ready" labels were laid out.
    const replicaLabels = (await chartGeometry(widget.locator('svg[data-chart="replicas"]')))
      .labels;
    expect(replicaLabels.length).toBeGreaterThanOrEqual(2);
  });

  test('#8 results after invalid input are marked out of date, and current again once fixed', async ({
    page,
  }) => {
    await page.goto(PAGE);
    const widget = simulator(page);
    await widget.scrollIntoViewIfNeeded();
    await expect(widget.getByRole('status')).toContainText('Simulated', { timeout: 20_000 });
    const results = widget.locator('[data-out="results-box"]');
    await expect(results).not.toHaveAttribute('data-stale');
    await widget.getByLabel(/^Arrival rate λ/).fill('-5');
    await expect(results).toHaveAttribute('data-stale', '');
    await expect(widget.getByRole('status')).toContainText('out of date');
    await widget.getByLabel(/^Arrival rate λ/).fill('60');
    await expect(results).not.toHaveAttribute('data-stale');
    // A sweep answered the old settings: after a change it is marked out of date too.
    await widget.getByRole('button', { name: 'Sweep λ for one replica' }).click();
    const summary = widget.locator('[data-out="sweep-summary"]');
    await expect(summary).toContainText('Swept 12 arrival rates', { timeout: 30_000 });
    await expect(summary).toBeFocused();
    await widget.getByLabel(/^Mean service time/).fill('20');
    await expect(summary).toHaveAttribute('data-stale', '');
  });

  test('#9 #11 a rapid double click starts exactly one run; bad and over-long input stays, with a message at the field', async ({
    page,
  }) => {
    await page.goto(PAGE);
    const widget = simulator(page);
    await widget.scrollIntoViewIfNeeded();
    await expect(widget.getByRole('status')).toContainText('Simulated', { timeout: 20_000 });
    await page.evaluate(() => {
      const w = window as unknown as { runsDone: string[] };
      w.runsDone = [];
      document.addEventListener('mlops-action-done', (e) =>
        w.runsDone.push(String((e as CustomEvent).detail)),
      );
    });
    // Two clicks in the same task: the second arrives before the first run has even started, so
    // only the busy flag set before the first await keeps it to one run, however fast the run is.
    const clickTwice = (name: string) =>
      widget.getByRole('button', { name }).evaluate((button: HTMLElement) => {
        button.click();
        button.click();
      });
    await clickTwice('Compare the policies');
    await expect(widget.getByRole('table', { name: /^Policies compared/ })).toBeVisible({
      timeout: 30_000,
    });
    await clickTwice('Sweep λ for one replica');
    await expect(widget.locator('[data-out="sweep-summary"]')).toContainText('Swept', {
      timeout: 30_000,
    });
    await expect(widget.getByRole('button', { name: 'Sweep λ for one replica' })).toBeEnabled();
    expect(
      await page.evaluate(() => (window as unknown as { runsDone: string[] }).runsDone),
    ).toEqual(['compare', 'sweep']);

    // A small browser sample of the fuzzed inputs: each keeps the text and shows a message.
    const seed = widget.getByLabel(/^Seed/);
    for (const bad of ['', '   ', 'NaN', '1e999', '٣', '-1', '😀😀', '0x1F']) {
      await seed.fill(bad);
      await expect(seed).toHaveValue(bad);
      await expect(seed).toHaveAttribute('aria-invalid', 'true');
    }
    await seed.fill('9'.repeat(40));
    expect((await seed.inputValue()).length).toBeLessThanOrEqual(24);
    await expect(seed).toHaveAttribute('aria-invalid', 'true');
    await seed.fill('1');
    await expect(seed).toHaveAttribute('aria-invalid', 'false');
  });

  test('#6 measured latencies show no digit finer than the browser clock', async ({ page }) => {
    await page.goto(PAGE);
    const widget = simulator(page);
    await widget.scrollIntoViewIfNeeded();
    await widget.getByRole('button', { name: 'Measure 300 in-page requests' }).click();
    const summary = widget.locator('[data-out="measure-summary"]');
    await expect(summary).toContainText('Measured 300 in-page requests', { timeout: 60_000 });
    await expect(summary).toBeFocused();
    const text = (await summary.textContent()) ?? '';
    const tick = /clock ticks every ([\d.]+) ms/.exec(text)?.[1];
    expect(tick).toBeDefined();
    const decimals = (tick!.split('.')[1] ?? '').length;
    for (const name of ['median', 'p95', 'max']) {
      const value = new RegExp(`${name} (?:< )?([\\d.]+) ms`).exec(text)?.[1];
      expect(value, name).toBeDefined();
      expect((value!.split('.')[1] ?? '').length, name).toBeLessThanOrEqual(decimals);
    }
    expect(text).not.toMatch(/µs/);
  });
});

test.describe('request playground: issue 15 findings', () => {
  test('#9 a body over the API limit is flagged at the field and answered 413; header problems stay at their field', async ({
    page,
  }) => {
    await page.goto(PAGE);
    const widget = playground(page);
    const body = widget.getByLabel('Request body (JSON)');
    await expect(body).toHaveAttribute('maxlength', '65536');
    const big = `{"instance": "${'€'.repeat(30_000)}"}`;
    await body.fill(big);
    await widget.getByRole('button', { name: 'Send' }).click();
    const response = widget.getByRole('region', { name: 'Response', exact: true });
    await expect(response).toContainText('HTTP/1.1 413 Content Too Large', { timeout: 30_000 });
    await expect(widget.getByText(/the API accepts at most 65,536/)).toBeVisible();
    await expect(body).toHaveValue(big);

    const contentType = widget.getByLabel('Content-Type header');
    await contentType.fill('application/jsön');
    await widget.getByRole('button', { name: 'Send' }).click();
    await expect(contentType).toHaveAttribute('aria-invalid', 'true');
    await expect(
      widget.getByText('A header value must be plain ASCII text on one line.'),
    ).toBeVisible();
    await expect(contentType).toHaveValue('application/jsön');
    // The exchange on screen answered an earlier request: it is marked out of date.
    await expect(widget.locator('[data-out="exchange"]')).toHaveAttribute('data-stale', '');
  });
});

test.describe('chapter 3 at 360 px', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`both widgets fit a phone in ${theme} mode, before and after their main action`, async ({
      page,
    }) => {
      await page.setViewportSize(PHONE);
      await page.goto(PAGE);
      await useTheme(page, theme);
      await expectFitsViewport(page, 'at load');
      const play = playground(page);
      await play.getByRole('button', { name: 'Unknown field', exact: true }).click();
      await play.getByRole('button', { name: 'Send' }).click();
      await expect(play.getByRole('list', { name: 'Fields the API rejected' })).toBeVisible({
        timeout: 30_000,
      });
      await expect(play.locator('[data-out="status-line"]')).toBeFocused();
      await expectFitsViewport(page, 'after Send');
      const sim = simulator(page);
      await sim.scrollIntoViewIfNeeded();
      await sim.getByLabel('Scale replicas to a target utilization').check();
      // The autoscaled run adds the replica chart above the sweep button: click once it is drawn.
      await expect(
        sim.getByRole('img', { name: /^Replicas taking traffic over time/ }),
      ).toBeVisible({
        timeout: 30_000,
      });
      await sim.getByRole('button', { name: 'Sweep λ for one replica' }).click();
      await expect(sim.locator('[data-out="sweep-summary"]')).toContainText('Swept', {
        timeout: 30_000,
      });
      await expectFitsViewport(page, 'after the sweep');
      // Each legend swatch is drawn in the colour of its tone's line (the dark theme has its own
      // palette, for charts and their legends alike).
      const swatches = await sim.evaluate((root) => {
        const lines = new Map<string, string>();
        for (const line of root.querySelectorAll('svg.mlops-chart path.series')) {
          const tone = [...line.classList].find((c) => /^tone-\d$/.test(c));
          if (tone) lines.set(tone, getComputedStyle(line).stroke);
        }
        return [...root.querySelectorAll('.widget-swatch')].flatMap((swatch) => {
          const tone = [...swatch.classList].find((c) => /^tone-\d$/.test(c)) ?? '';
          const line = lines.get(tone);
          return line ? [{ tone, swatch: getComputedStyle(swatch).borderTopColor, line }] : [];
        });
      });
      expect(swatches.length).toBeGreaterThan(0);
      for (const { tone, swatch, line } of swatches) expect(swatch, `${theme} ${tone}`).toBe(line);
    });
  }
});
