import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildNotebookZip, MODULE_FOLDERS, notebooksReadme, type NotebookModule } from './zip';

function module(
  chapterNumber: number,
  slug: string,
  companions: NotebookModule['companions'] = [],
): NotebookModule {
  return {
    chapterNumber,
    title: `Title ${chapterNumber}`,
    notebookFileName: `${slug}.ipynb`,
    notebookJson: `{"slug": "${slug}"}\n`,
    companions,
  };
}

const modules: NotebookModule[] = [
  module(2, '02-docker', [
    { path: 'Dockerfile', content: 'FROM python:3.12-slim\n' },
    { path: '.dockerignore', content: '.venv\n' },
  ]),
  module(1, '01-model-deployment', [
    { path: 'requirements.txt', content: 'numpy\n' },
    { path: 'train.py', content: 'print(1)\n' },
    { path: 'data/penguins.bin', content: new Uint8Array([0, 255, 7]) },
  ]),
  module(3, '03-cloud-apis'),
  module(4, '04-ci-cd'),
  module(5, '05-monitoring'),
];

function build(input: readonly NotebookModule[]): Uint8Array {
  const result = buildNotebookZip(input, 'https://owner.github.io/mlops-booklet/');
  if (!result.ok) throw new Error(result.error);
  return result.bytes;
}

describe('buildNotebookZip', () => {
  it('lays out one folder per module with its notebook and companions, plus README.md', () => {
    const files = unzipSync(build(modules));
    expect(Object.keys(files).sort()).toEqual([
      '01_Model_Deployment/01-model-deployment.ipynb',
      '01_Model_Deployment/data/penguins.bin',
      '01_Model_Deployment/requirements.txt',
      '01_Model_Deployment/train.py',
      '02_Docker_Containerization/.dockerignore',
      '02_Docker_Containerization/02-docker.ipynb',
      '02_Docker_Containerization/Dockerfile',
      '03_Cloud_Deployment_and_APIs/03-cloud-apis.ipynb',
      '04_CI_CD_Pipeline/04-ci-cd.ipynb',
      '05_Monitoring_and_Retraining/05-monitoring.ipynb',
      'README.md',
    ]);
    expect(strFromU8(files['01_Model_Deployment/train.py'] ?? new Uint8Array())).toBe('print(1)\n');
    expect([...(files['01_Model_Deployment/data/penguins.bin'] ?? [])]).toEqual([0, 255, 7]);
    expect(strFromU8(files['02_Docker_Containerization/02-docker.ipynb'] ?? new Uint8Array())).toBe(
      '{"slug": "02-docker"}\n',
    );
  });

  it('is byte-identical for the same input, whatever the input order', () => {
    const first = build(modules);
    const second = build([...modules].reverse());
    expect(second).toEqual(first);
  });

  it('stamps every entry with the fixed 2000-01-01 12:00 DOS time', () => {
    const bytes = build(modules);
    // Local file header: signature 50 4B 03 04, then version(2) flags(2) method(2) time(2) date(2).
    expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const time = bytes[10]! | (bytes[11]! << 8);
    const date = bytes[12]! | (bytes[13]! << 8);
    // DOS time: hours<<11 | minutes<<5 | seconds/2; DOS date: (year-1980)<<9 | month<<5 | day.
    expect(time).toBe(12 << 11);
    expect(date).toBe((20 << 9) | (1 << 5) | 1);
  });

  it('rejects unknown chapter numbers, unsafe paths and collisions', () => {
    expect(buildNotebookZip([module(9, 'x')])).toEqual({
      ok: false,
      error: 'no module folder for chapter number 9',
    });
    for (const path of ['../escape.py', '/abs.py', 'a//b', 'a\\b', './x']) {
      const result = buildNotebookZip([module(1, 'a', [{ path, content: '' }])]);
      expect(result.ok).toBe(false);
    }
    const clash = buildNotebookZip([module(1, 'a', [{ path: 'a.ipynb', content: '' }])]);
    expect(clash).toEqual({
      ok: false,
      error: 'two files would be written to 01_Model_Deployment/a.ipynb',
    });
  });
});

describe('notebooksReadme', () => {
  it('says how to run the notebooks and lists them in chapter order', () => {
    const readme = notebooksReadme(modules, 'https://owner.github.io/mlops-booklet/');
    expect(readme).toContain('python -m venv .venv');
    expect(readme).toContain('pip install -r requirements.txt');
    expect(readme).toContain('jupyter notebook');
    expect(readme).toContain('Live site: https://owner.github.io/mlops-booklet/');
    const first = readme.indexOf(`${MODULE_FOLDERS[1]}/01-model-deployment.ipynb`);
    const second = readme.indexOf(`${MODULE_FOLDERS[2]}/02-docker.ipynb`);
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
  });
});
