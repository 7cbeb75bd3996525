import { unzipSync } from 'fflate';
import { chapterSlugs } from '../../src/sidebar.mjs';
import { expect, test } from './fixtures';

for (const [index, slug] of chapterSlugs.entries()) {
  test(`chapter ${index + 1} offers its notebook, which is nbformat 4.5 with a title cell`, async ({
    page,
    request,
  }) => {
    await page.goto(`${slug}/`);
    const title = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
    const link = page.getByRole('link', { name: 'Download as notebook' });
    const href = await link.getAttribute('href');
    expect(href).toBe(`/mlops-booklet/notebooks/${slug}.ipynb`);
    const response = await request.get(href!);
    expect(response.status()).toBe(200);
    const notebook = (await response.json()) as {
      nbformat: number;
      nbformat_minor: number;
      cells: { cell_type: string; id: string; source: string | string[] }[];
    };
    expect(notebook.nbformat).toBe(4);
    expect(notebook.nbformat_minor).toBe(5);
    const first = notebook.cells[0]!;
    expect(first.cell_type).toBe('markdown');
    const source = Array.isArray(first.source) ? first.source.join('') : first.source;
    expect(source.split('\n')[0]).toBe(`# Chapter ${index + 1}: ${title}`);
    expect(source).toContain('Learning objectives');
  });
}

test('the zip holds one folder per module with its notebook and a README', async ({ request }) => {
  const response = await request.get('notebooks/mlops-booklet-notebooks.zip');
  expect(response.status()).toBe(200);
  const files = Object.keys(unzipSync(new Uint8Array(await response.body())));
  expect(files).toContain('README.md');
  for (const folder of [
    '01_Model_Deployment/',
    '02_Docker_Containerization/',
    '03_Cloud_Deployment_and_APIs/',
    '04_CI_CD_Pipeline/',
    '05_Monitoring_and_Retraining/',
  ]) {
    expect(files.some((f) => f.startsWith(folder) && f.endsWith('.ipynb'))).toBe(true);
  }
});
