import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const EXPLORER = 'Layer-cache explorer';
const VOLUMES = 'What does a volume keep?';

/** The table row of the instruction in `stage` whose text contains `text`. */
function instructionRow(explorer: Locator, stage: string, text: string): Locator {
  return explorer
    .getByRole('table', { name: 'Cache result per instruction' })
    .getByRole('row')
    .filter({ has: explorer.page().getByRole('cell', { name: stage, exact: true }) })
    .filter({ hasText: text });
}

async function openExplorer(page: Page): Promise<Locator> {
  await page.goto('02-docker/');
  const explorer = page.getByRole('region', { name: EXPLORER });
  // The table fills in once the element has analysed the file.
  await expect(explorer.getByRole('row').nth(1)).toBeVisible();
  return explorer;
}

test.describe('chapter 2: layer-cache explorer', () => {
  test('a source edit keeps npm ci cached in the real Dockerfile but not in the naive one', async ({
    page,
  }) => {
    const explorer = await openExplorer(page);
    await explorer.getByRole('button', { name: 'Load the real multi-stage Dockerfile' }).click();
    await expect(explorer.getByText('0 of 12 layers rebuild for target runtime.')).toBeVisible();

    await explorer.getByLabel('Edit the API code (src/lib/api/app.ts)').check();
    const install = instructionRow(explorer, 'deps', 'npm ci');
    await expect(install).toHaveCount(1);
    await expect(install).toContainText('✓ cached');
    const copySource = instructionRow(explorer, 'build', 'COPY src/lib/ ./src/lib/');
    await expect(copySource).toContainText('↻ rebuilds');
    await expect(copySource).toContainText('src/lib/api/app.ts changed');
    // The runtime's node_modules come from prod-deps, which did not rebuild.
    await expect(instructionRow(explorer, 'runtime', '--from=prod-deps')).toContainText('✓ cached');
    await expect(explorer.getByText('Fix:')).toHaveCount(0);

    await explorer.getByRole('button', { name: 'Load a naive single-stage Dockerfile' }).click();
    const naiveInstall = instructionRow(explorer, 'stage 0', 'RUN npm ci');
    await expect(naiveInstall).toContainText('↻ rebuilds');
    await expect(naiveInstall).toContainText('an earlier layer in this stage rebuilt (line 4)');
    // The naive file breaks several lint rules; each finding names its rule and a fix.
    const lint = explorer.getByRole('list').filter({ hasText: 'copy-context-before-install' });
    await expect(lint).toContainText('Fix: Copy only the dependency manifests first');

    // Back to the real file: the .dockerignore is restored with it.
    await explorer.getByRole('button', { name: 'Load the real multi-stage Dockerfile' }).click();
    await expect(explorer.getByLabel('.dockerignore', { exact: true })).toHaveValue(
      /^# Build context/,
    );
  });

  test('a build target skips the stages it does not need', async ({ page }) => {
    const explorer = await openExplorer(page);
    await explorer.getByLabel('Build target (--target)').selectOption('build');
    await expect(instructionRow(explorer, 'prod-deps', 'npm ci')).toContainText('– skipped');
    await expect(explorer.getByRole('list', { name: 'Stages', exact: true })).toContainText(
      'prod-deps: skipped',
    );
  });

  test('a malformed Dockerfile shows the error at its line and keeps the text', async ({
    page,
  }) => {
    const explorer = await openExplorer(page);
    const editor = explorer.getByLabel('Dockerfile', { exact: true });
    const broken = 'FROM node:22.23.3-bookworm-slim\nFORM oops\nRUN echo hi\n';
    await editor.fill(broken);
    const error = explorer.getByRole('button', { name: 'Line 2: unknown instruction: FORM' });
    await expect(error).toBeVisible();
    await expect(editor).toHaveAttribute('aria-invalid', 'true');
    await expect(editor).toHaveValue(broken);

    // Selecting the error selects line 2 in the editor.
    await error.click();
    await expect(editor).toBeFocused();
    const selected = await editor.evaluate((el: HTMLTextAreaElement) =>
      el.value.slice(el.selectionStart, el.selectionEnd),
    );
    expect(selected).toBe('FORM oops');

    // Garbage never crashes the widget either.
    await editor.fill('\\\n["\n  --from=\nCOPY --from= \u0000\n');
    await expect(explorer.getByText(/has \d+ problems?/)).toBeVisible();
    await expect(editor).toHaveValue('\\\n["\n  --from=\nCOPY --from= \u0000\n');

    // Fixing the text clears the error.
    await editor.fill('FROM alpine:3.20\nRUN echo fine\n');
    await expect(editor).toHaveAttribute('aria-invalid', 'false');
  });

  test('a COPY of a path .dockerignore leaves out is a build error at its line', async ({
    page,
  }) => {
    const explorer = await openExplorer(page);
    const editor = explorer.getByLabel('Dockerfile', { exact: true });
    await editor.fill('FROM node:22.23.3-bookworm-slim\nWORKDIR /app\nCOPY README.md ./\n');
    await expect(
      explorer.getByRole('button', {
        name: /^line 3: nothing in the build context matches "README\.md"/,
      }),
    ).toBeVisible();
  });
});

test.describe('chapter 2: volumes', () => {
  test('a named volume and a bind mount keep the file across docker rm; no mount loses it', async ({
    page,
  }) => {
    await page.goto('02-docker/');
    const lab = page.getByRole('region', { name: VOLUMES });
    const click = (name: string) => lab.getByRole('button', { name, exact: true }).click();
    const none = lab.getByRole('region', { name: 'No mount' });
    const volume = lab.getByRole('region', { name: 'Named volume' });
    const bind = lab.getByRole('region', { name: 'Bind mount' });

    await click('docker run');
    await expect(volume).toContainText(
      'docker run -d --init --name c1 -v penguins-logs:/app/logs penguins-api:1.0.0',
    );
    await click('Write the file (docker exec)');
    for (const column of [none, volume, bind]) {
      await expect(column).toContainText('✓ Kept: c1 sees /app/logs/predictions.log');
    }

    await click('docker rm');
    // Docker refuses to remove a running container without -f.
    await expect(none).toContainText('✗ Refused: Cannot remove c1: it is running.');
    await click('docker stop');
    await click('docker rm');
    await expect(none).toContainText('✗ Gone: nothing holds /app/logs/predictions.log any more.');
    await expect(volume).toContainText(
      '✓ Kept in volume penguins-logs; no container uses it right now.',
    );

    await click('docker run');
    await expect(none).toContainText('✗ Gone');
    await expect(volume).toContainText(
      '✓ Kept: c2 sees /app/logs/predictions.log (stored in volume penguins-logs)',
    );
    await expect(bind).toContainText(
      '✓ Kept: c2 sees /app/logs/predictions.log (stored in host directory /home/you/penguins-logs)',
    );
    await expect(
      lab.getByRole('list', { name: 'Commands so far:' }).getByRole('listitem'),
    ).toHaveCount(6);

    // A volume in use cannot be removed; after the container goes, it can, and the file with it.
    await click('docker volume rm penguins-logs');
    await expect(volume).toContainText(
      'Cannot remove volume penguins-logs: it is in use by c2 (running)',
    );
    await click('docker stop');
    await click('docker rm');
    await click('docker volume rm penguins-logs');
    await expect(volume).toContainText('✗ Gone');
    await expect(bind).toContainText('✓ Kept in host directory /home/you/penguins-logs');

    await click('Start over');
    await expect(volume).toContainText('No file written yet.');
  });

  test('an empty path is rejected at the field', async ({ page }) => {
    await page.goto('02-docker/');
    const lab = page.getByRole('region', { name: VOLUMES });
    const path = lab.getByLabel('File to write inside the container');
    await lab.getByRole('button', { name: 'docker run', exact: true }).click();
    await path.fill('   ');
    await lab.getByRole('button', { name: 'Write the file (docker exec)' }).click();
    await expect(path).toHaveAttribute('aria-invalid', 'true');
    await expect(
      lab.getByText('Type a path, for example /app/logs/predictions.log.'),
    ).toBeVisible();
    await expect(lab.getByRole('region', { name: 'No mount' })).toContainText(
      'No file written yet.',
    );
  });
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`chapter 2 widgets pass axe after interaction (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    const explorer = await openExplorer(page);
    await explorer.getByLabel('Edit the API code (src/lib/api/app.ts)').check();
    await explorer
      .getByLabel('Dockerfile', { exact: true })
      .fill('FROM node\nFORM x\nCOPY . .\nRUN npm ci\n');
    await expect(explorer.getByRole('button', { name: /^Line 2/ })).toBeVisible();
    const lab = page.getByRole('region', { name: VOLUMES });
    for (const name of [
      'docker run',
      'Write the file (docker exec)',
      'docker rm',
      'docker stop',
      'docker rm',
      'docker run',
    ]) {
      await lab.getByRole('button', { name, exact: true }).click();
    }
    await expect(lab.getByRole('region', { name: 'No mount' })).toContainText('✗ Gone');
    // Axe checks the resting state, not the button the pointer happens to hover.
    await page.mouse.move(0, 0);
    const results = await new AxeBuilder({ page })
      .include('#layer-cache')
      .include('#volumes')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(
      results.violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      ),
    ).toEqual([]);
  });
}
