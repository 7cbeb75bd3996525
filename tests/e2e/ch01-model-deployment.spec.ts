import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { decodeOnnx } from '../../src/lib/onnx/decode';
import { expect, ortRequest, test } from './fixtures';

const CHAPTER = '01-model-deployment/';
const TRAIN_VERIFY = 'Train → serialize → load → verify';
const ONNX_INSPECTOR = 'Inspect an ONNX file';
const PICKLE_INSPECTOR = 'Inside a pickle';

test.describe('chapter 1: train → serialize → load → verify', () => {
  test('trains, serializes, downloads a valid ONNX file and verifies parity in onnxruntime-web', async ({
    page,
  }) => {
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(CHAPTER);
    const demo = page.getByRole('region', { name: TRAIN_VERIFY });
    const status = demo.getByRole('status');

    await demo.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(status).toContainText('Trained:');
    const accuracy = await demo
      .getByRole('definition')
      .filter({ hasText: /penguins\)$/ })
      .first()
      .innerText();
    expect(Number(/^([\d.]+)%/.exec(accuracy)?.[1])).toBeGreaterThanOrEqual(95);
    await expect(
      demo.getByRole('table', { name: /Confusion matrix on the held-out penguins/ }),
    ).toBeVisible();

    await demo.getByRole('button', { name: 'Serialize to ONNX' }).click();
    await expect(status).toContainText('Serialized:');
    // Default settings: the page's bytes are the published artifact's bytes.
    await expect(
      demo.getByText(/^byte-identical to the published models\/penguins\.onnx/),
    ).toBeVisible();
    await expect(demo.getByRole('table', { name: /Your model: nodes/ })).toContainText('MatMul');
    expect(requests.filter((url) => ortRequest.test(url))).toEqual([]);

    const downloading = page.waitForEvent('download');
    await demo.getByRole('link', { name: /^Download penguins-seed42-epochs200\.onnx/ }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('penguins-seed42-epochs200.onnx');
    const bytes = new Uint8Array(await readFile(await download.path()));
    const decoded = decodeOnnx(bytes);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.summary.graph?.nodes.map((n) => n.opType)).toEqual([
      'Sub',
      'Div',
      'MatMul',
      'Add',
      'Softmax',
      'ArgMax',
    ]);
    expect(decoded.summary.metadata).toContainEqual({ key: 'seed', value: '42' });

    await demo.getByRole('button', { name: 'Load and verify' }).click();
    await expect(status).toContainText('Verified on', { timeout: 30_000 });
    const checks = demo.getByRole('table', { name: /TypeScript model against onnxruntime-web/ });
    const maxDelta = await checks
      .getByRole('row', { name: /Max \|Δprobability\|/ })
      .getByRole('cell')
      .innerText();
    expect(Number(maxDelta)).toBeLessThanOrEqual(1e-5);
    await expect(checks.getByRole('row', { name: /Label agreement/ })).toContainText('100.0%');
    await expect(demo.getByText(/^Verified: the ONNX file reproduces the model/)).toBeVisible();

    // After loading, single penguins go through onnxruntime-web.
    await demo.getByRole('button', { name: 'Predict species' }).click();
    await expect(demo.getByText(/^Computed by onnxruntime-web/)).toBeVisible();
    await expect(demo.getByText(/^Most likely: Adelie/)).toBeVisible();
  });

  test('the single-penguin form rejects bad values at the field and keeps the text', async ({
    page,
  }) => {
    await page.goto(CHAPTER);
    const demo = page.getByRole('region', { name: TRAIN_VERIFY });
    const mass = demo.getByLabel(/^Body mass/);
    const beak = demo.getByLabel(/^Beak length/);
    await mass.fill('4.2');
    await beak.fill('long');
    await demo.getByRole('button', { name: 'Predict species' }).click();
    await expect(mass).toHaveAttribute('aria-invalid', 'true');
    await expect(beak).toHaveAttribute('aria-invalid', 'true');
    await expect(demo.getByText('Must be between 2000 and 7000 g.')).toBeVisible();
    await expect(demo.getByText('Type a number in mm, for example 25.')).toBeVisible();
    await expect(mass).toHaveValue('4.2');
    await expect(beak).toHaveValue('long');

    // Fixed values are accepted; before training the page says a model is needed.
    await mass.fill('3750');
    await beak.fill('39.1');
    await demo.getByRole('button', { name: 'Predict species' }).click();
    await expect(mass).toHaveAttribute('aria-invalid', 'false');
    await expect(demo.getByRole('status')).toContainText('Train a model first');
  });

  test('bad training settings are flagged at their fields', async ({ page }) => {
    await page.goto(CHAPTER);
    const demo = page.getByRole('region', { name: TRAIN_VERIFY });
    const epochs = demo.getByLabel(/^Epochs/);
    await epochs.fill('0');
    await demo.getByLabel(/^Learning rate/).fill('-1');
    await demo.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(epochs).toHaveAttribute('aria-invalid', 'true');
    await expect(demo.getByText('Epochs must be between 1 and 5000.')).toBeVisible();
    await expect(demo.getByText('Learning rate must be greater than 0.')).toBeVisible();
    await expect(epochs).toHaveValue('0');
  });

  test('a cancelled training leaves the widget usable', async ({ page }) => {
    await page.goto(CHAPTER);
    const demo = page.getByRole('region', { name: TRAIN_VERIFY });
    const status = demo.getByRole('status');
    const epochs = demo.getByLabel(/^Epochs/);
    await epochs.fill('5000');
    // Training yields with scheduler.yield(), whose continuations run ahead of ordinary tasks.
    // The DevTools commands behind Playwright's locators and synthetic input queue behind them
    // and can stall until training ends, which made clicking Cancel from here a race. So an
    // observer in the page clicks Cancel (the same click handler a reader triggers) as soon as
    // the progress line reports the first finished epochs.
    await page.evaluate(() => {
      const label = document.querySelector('#train-verify [data-part="progress-label"]');
      const cancel = document.querySelector<HTMLButtonElement>(
        '#train-verify button[data-action="cancel"]',
      );
      const observer = new MutationObserver(() => {
        const epoch = Number(/epoch (\d+)/.exec(label?.textContent ?? '')?.[1] ?? 0);
        if (epoch > 0 && cancel && !cancel.disabled) {
          observer.disconnect();
          cancel.click();
        }
      });
      if (label) observer.observe(label, { childList: true, characterData: true, subtree: true });
    });
    await demo.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(status).toContainText(/Training cancelled after \d+ of 5000 epochs/);
    await expect(demo.getByRole('button', { name: 'Cancel training' })).toBeDisabled();
    await expect(demo.getByRole('button', { name: 'Serialize to ONNX' })).toBeDisabled();

    await epochs.fill('200');
    await demo.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(status).toContainText('Trained:');
    await demo.getByRole('button', { name: 'Serialize to ONNX' }).click();
    await expect(status).toContainText('Serialized:');
  });
});

test.describe('chapter 1: ONNX inspector', () => {
  test('garbage, empty and truncated files get a message at the field; a real model still opens', async ({
    page,
  }) => {
    await page.goto(CHAPTER);
    const demo = page.getByRole('region', { name: ONNX_INSPECTOR });
    const input = demo.getByLabel(/^ONNX file to inspect/);

    await input.setInputFiles({
      name: 'garbage.onnx',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('this is certainly not an ONNX model, just some text'),
    });
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(demo.getByText(/“garbage\.onnx” could not be inspected/)).toBeVisible();

    await input.setInputFiles({
      name: 'empty.onnx',
      mimeType: 'application/octet-stream',
      buffer: Buffer.alloc(0),
    });
    await expect(demo.getByText(/“empty\.onnx” is empty/)).toBeVisible();

    // The first 100 bytes of the published model: a protobuf cut off mid-field.
    const response = await page.request.get('models/penguins.onnx');
    const model = await response.body();
    await input.setInputFiles({
      name: 'truncated.onnx',
      mimeType: 'application/octet-stream',
      buffer: model.subarray(0, 100),
    });
    await expect(demo.getByText(/“truncated\.onnx” could not be inspected/)).toBeVisible();

    await input.setInputFiles({
      name: 'penguins.onnx',
      mimeType: 'application/octet-stream',
      buffer: model,
    });
    await expect(input).toHaveAttribute('aria-invalid', 'false');
    await expect(demo.getByText('penguins.onnx: a valid ONNX model')).toBeVisible();
    await expect(demo.getByRole('table', { name: /penguins\.onnx: metadata/ })).toContainText(
      'data_hash',
    );
  });
});

test.describe('chapter 1: pickle inspector', () => {
  test('shows the os.system risk of the os-system sample without running it', async ({ page }) => {
    await page.goto(CHAPTER);
    const demo = page.getByRole('region', { name: PICKLE_INSPECTOR });
    await demo.getByRole('button', { name: 'os-system.pkl' }).click();
    await expect(
      demo.getByText(/Loading this file would call os\.system\('echo pwned'\)/),
    ).toBeVisible();
    const globals = demo.getByRole('table', { name: /os-system\.pkl: globals/ });
    await expect(globals).toContainText('posix.system');
    await expect(demo.getByRole('table', { name: /os-system\.pkl: opcodes/ })).toContainText(
      'REDUCE',
    );

    await demo.getByRole('button', { name: 'weights-dict.pkl' }).click();
    await expect(demo.getByText(/This file only rebuilds plain data/)).toBeVisible();
  });

  test('a truncated upload gives a clear error at the field', async ({ page }) => {
    await page.goto(CHAPTER);
    const demo = page.getByRole('region', { name: PICKLE_INSPECTOR });
    const sample = await (await page.request.get('samples/os-system.pkl')).body();
    const input = demo.getByLabel(/^Or a pickle or joblib file/);
    await input.setInputFiles({
      name: 'cut.pkl',
      mimeType: 'application/octet-stream',
      buffer: sample.subarray(0, 20),
    });
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(demo.getByText(/“cut\.pkl” is not a complete pickle/)).toBeVisible();
  });

  test('a text file gets no safety verdict: Python refuses it before running anything', async ({
    page,
  }) => {
    await page.goto(CHAPTER);
    const demo = page.getByRole('region', { name: PICKLE_INSPECTOR });
    await demo.getByLabel(/^Or a pickle or joblib file/).setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('hello world\n'),
    });
    // 'h' is BINGET: CPython's pickle.loads reads 'e' (101) as a memo index and raises.
    await expect(
      demo.getByText(
        'Not a pickle: Python stops at byte 0 with UnpicklingError: Memo value not found at index 101.',
        { exact: false },
      ),
    ).toBeVisible();
    await expect(demo.getByText(/Data only/)).toHaveCount(0);
  });
});

test('the filled-in widgets still pass axe (WCAG 2.1 AA)', async ({ page }) => {
  await page.goto(CHAPTER);
  const train = page.getByRole('region', { name: TRAIN_VERIFY });
  await train.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(train.getByRole('status')).toContainText('Trained:');
  await train.getByRole('button', { name: 'Serialize to ONNX' }).click();
  await expect(train.getByRole('status')).toContainText('Serialized:');
  await train.getByRole('button', { name: 'Predict species' }).click();
  await expect(train.getByText(/^Most likely:/)).toBeVisible();
  const onnx = page.getByRole('region', { name: ONNX_INSPECTOR });
  await onnx.getByRole('button', { name: /published model/ }).click();
  await expect(onnx.getByText('penguins.onnx: a valid ONNX model')).toBeVisible();
  const pickle = page.getByRole('region', { name: PICKLE_INSPECTOR });
  await pickle.getByRole('button', { name: 'os-system.pkl' }).click();
  await expect(pickle.getByRole('table', { name: /opcodes/ })).toBeVisible();
  const results = await new AxeBuilder({ page })
    .include('#train-verify')
    .include('#onnx-inspector')
    .include('#pickle-inspector')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
});
