/**
 * The Python labs on the site: each executed notebook rendered as a page with its outputs, served
 * byte for byte as committed, zipped with its module folder, and linked from its chapter.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { expect, test } from './fixtures';
import { axeViolations } from './axe';
import { expectFitsViewport, PHONE, useTheme } from './layout';

/** Chapter slug → module folder under labs/, as the original booklet named them. */
const MODULES = [
  { slug: '01-model-deployment', folder: '01_Model_Deployment' },
  { slug: '02-docker', folder: '02_Docker_Containerization' },
  { slug: '03-cloud-apis', folder: '03_Cloud_Deployment_and_APIs' },
  { slug: '04-ci-cd', folder: '04_CI_CD_Pipeline' },
  { slug: '05-monitoring', folder: '05_Monitoring_and_Retraining' },
] as const;

const SKIP_TAGS = ['needs-docker', 'needs-cloud'];

interface Ipynb {
  nbformat: number;
  cells: {
    cell_type: string;
    source: string | string[];
    execution_count?: number | null;
    metadata: { tags?: string[] };
    outputs?: { output_type: string }[];
  }[];
}

/** The committed notebook of a module, parsed. */
function committed(folder: string): { bytes: Buffer; notebook: Ipynb } {
  const bytes = readFileSync(`labs/${folder}/lab.ipynb`);
  return { bytes, notebook: JSON.parse(bytes.toString('utf8')) as Ipynb };
}

for (const [index, { slug, folder }] of MODULES.entries()) {
  const number = index + 1;

  test(`lab ${number} renders every cell of its executed notebook, with outputs`, async ({
    page,
  }) => {
    const { notebook } = committed(folder);
    await page.goto(`labs/${slug}/`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const main = page.getByRole('main');
    await expect(main.locator('[data-cell]')).toHaveCount(notebook.cells.length);
    const code = notebook.cells.filter((cell) => cell.cell_type === 'code');
    const executed = code.filter((cell) => typeof cell.execution_count === 'number');
    expect(executed.length).toBeGreaterThan(0);
    // Every executed cell shows its count, as Jupyter does.
    for (const cell of executed.slice(0, 10)) {
      await expect(main.getByText(`In [${cell.execution_count}]:`, { exact: true })).toHaveCount(1);
    }
    const withOutputs = code.filter((cell) => (cell.outputs ?? []).length > 0).length;
    expect(withOutputs).toBeGreaterThan(0);
    await expect(main.locator('.nb-outputs')).toHaveCount(withOutputs);
    // Code cells longer than 40 lines open collapsed, like the chapters' long listings.
    const lines = (cell: Ipynb['cells'][number]) =>
      [cell.source].flat().join('').replace(/\n$/, '').split('\n').length;
    const long = code.filter((cell) => lines(cell) > 40);
    await expect(main.locator('[data-mlops-listing]')).toHaveCount(long.length);
    for (const cell of long) {
      await expect(
        main
          .locator('summary')
          .getByText(`Show all ${lines(cell)} lines`)
          .first(),
      ).toBeVisible();
    }
    // Cells skipped for want of Docker or a cloud account say so.
    const skipped = code.filter(
      (cell) =>
        cell.execution_count === null &&
        (cell.metadata.tags ?? []).some((tag) => SKIP_TAGS.includes(tag)),
    ).length;
    await expect(
      main.getByRole('note').filter({ hasText: /^Not executed: this cell needs/ }),
    ).toHaveCount(skipped);
  });

  test(`lab ${number} links to its chapter and serves its notebook exactly as committed`, async ({
    page,
    request,
  }) => {
    await page.goto(`labs/${slug}/`);
    const chapterLink = page.getByRole('link', { name: new RegExp(`^Chapter ${number}: `) });
    await expect(chapterLink).toHaveAttribute('href', `/mlops-booklet/${slug}/`);
    const download = page.getByRole('link', { name: 'Download the notebook (.ipynb)' });
    await expect(download).toHaveAttribute('href', `/mlops-booklet/notebooks/${folder}.ipynb`);
    const response = await request.get(`notebooks/${folder}.ipynb`);
    expect(response.status()).toBe(200);
    const body = await response.body();
    expect(body.equals(committed(folder).bytes)).toBe(true);
    const served = JSON.parse(body.toString('utf8')) as Ipynb;
    expect(served.nbformat).toBe(4);
    expect(served.cells.some((cell) => (cell.outputs ?? []).length > 0)).toBe(true);
  });

  test(`chapter ${number} links to its lab`, async ({ page }) => {
    await page.goto(`${slug}/`);
    const link = page.getByRole('link', { name: `Hands-on lab ${number}` });
    await expect(link).toHaveAttribute('href', `/mlops-booklet/labs/${slug}/`);
    await link.click();
    await expect(page).toHaveURL(new RegExp(`/mlops-booklet/labs/${slug}/$`));
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });
}

test('lab 1 shows its figures and tables', async ({ page }) => {
  await page.goto('labs/01-model-deployment/');
  const figures = page.getByRole('main').locator('img.nb-figure');
  expect(await figures.count()).toBeGreaterThan(0);
  const first = figures.first();
  await first.scrollIntoViewIfNeeded();
  await expect(first).toHaveAttribute('alt', /\S/);
  await expect
    .poll(() => first.evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0);
  expect(await page.getByRole('main').getByRole('table').count()).toBeGreaterThan(0);
});

test('the zip holds the five module folders with notebook, requirements and data, and the README', async ({
  request,
}) => {
  const response = await request.get('notebooks/mlops-booklet-labs.zip');
  expect(response.status()).toBe(200);
  const entries = unzipSync(new Uint8Array(await response.body()));
  const paths = Object.keys(entries).sort();
  // Exactly what git tracks in the module folders, plus the README; no caches.
  const tracked = execFileSync('git', ['ls-files', '-z', '--', '.'], {
    cwd: 'labs',
    encoding: 'utf8',
  })
    .split('\0')
    .filter((path) => path === 'README.md' || /^\d\d_[^/]+\//.test(path))
    .filter(
      (path) => !/(^|\/)(__pycache__|\.ipynb_checkpoints|\.pytest_cache)\/|\.py[co]$/.test(path),
    )
    .sort();
  expect(paths).toEqual(tracked);
  expect(paths).toContain('README.md');
  for (const { folder } of MODULES) {
    expect(paths).toContain(`${folder}/lab.ipynb`);
    expect(paths).toContain(`${folder}/requirements.txt`);
    expect(Buffer.from(entries[`${folder}/lab.ipynb`]!).equals(committed(folder).bytes)).toBe(true);
    expect(Buffer.from(entries[`${folder}/requirements.txt`]!).toString('utf8')).toContain(
      '--hash=sha256:',
    );
  }
  // Every folder whose notebook reads a data file ships it: the labs run offline.
  const withData = MODULES.filter(({ folder }) =>
    paths.some((p) => p.startsWith(`${folder}/data/`)),
  );
  expect(withData.map(({ folder }) => folder)).toEqual(
    MODULES.filter(({ folder }) => committed(folder).bytes.includes('data/')).map(
      ({ folder }) => folder,
    ),
  );
  expect(paths).toContain('01_Model_Deployment/data/penguins.csv');
});

test.describe('on a phone', () => {
  test.use({ viewport: PHONE });
  for (const [index, { slug }] of MODULES.entries()) {
    test(`lab ${index + 1} fits 360 px in light and dark, and passes axe in the dark theme`, async ({
      page,
    }) => {
      await page.goto(`labs/${slug}/`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      for (const theme of ['light', 'dark'] as const) {
        await useTheme(page, theme);
        await expectFitsViewport(page, `labs/${slug}/ (${theme})`);
      }
      expect(await axeViolations(page)).toEqual([]);
    });
  }
});
