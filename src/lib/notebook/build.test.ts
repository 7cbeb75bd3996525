import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildNotebookArtifacts, normalizeContentPath, type ChapterInput } from './build';
import { sourceText, validateNotebook, type NotebookCell } from './nbformat';

function frontMatter(number: number, title: string): string {
  return [
    '---',
    `title: ${title}`,
    'chapter:',
    `  number: ${number}`,
    '  objectives: ["First objective here", "Second objective here"]',
    '  concept: "A concept of the chapter"',
    '  outcome: "An outcome of the chapter"',
    '  readingMinutes: 5',
    '---',
    '',
  ].join('\n');
}

const encoder = new TextEncoder();
const site = { siteUrl: 'https://owner.github.io', basePath: 'mlops-booklet' };

const chapters: ChapterInput[] = [
  {
    slug: '02-docker',
    mdx: `${frontMatter(2, 'Docker')}import df from './Dockerfile?raw';\n\n<Code code={df} lang="dockerfile" />\n`,
    companions: [{ path: 'Dockerfile', content: encoder.encode('FROM scratch\n') }],
  },
  {
    slug: '01-model-deployment',
    mdx: `${frontMatter(1, 'Model deployment')}import t from './train.py?raw';\nimport d from '../02-docker/Dockerfile?raw';\n\n<Code code={t} lang="py" />\n\n<Code code={d} lang="dockerfile" />\n`,
    companions: [
      { path: 'train.py', content: encoder.encode('print("héllo")\n') },
      { path: 'requirements.txt', content: 'numpy\n' },
    ],
  },
];

function cellsOf(json: string): NotebookCell[] {
  return (JSON.parse(json) as { cells: NotebookCell[] }).cells;
}

describe('buildNotebookArtifacts', () => {
  const result = buildNotebookArtifacts(chapters, site);
  if (!result.ok) throw new Error(result.errors.join('\n'));

  it('produces one valid notebook per chapter, in slug order', () => {
    expect(
      result.notebooks.map((notebook) => [
        notebook.fileName,
        notebook.chapterNumber,
        notebook.title,
      ]),
    ).toEqual([
      ['01-model-deployment.ipynb', 1, 'Model deployment'],
      ['02-docker.ipynb', 2, 'Docker'],
    ]);
    for (const notebook of result.notebooks) {
      expect(validateNotebook(JSON.parse(notebook.json)).errors).toEqual([]);
      expect(JSON.parse(notebook.json).metadata.title).toBe(
        `Chapter ${notebook.chapterNumber}: ${notebook.title}`,
      );
    }
    expect(result.warnings).toEqual([]);
  });

  it('decodes companions as UTF-8 and finds listings in other chapter folders', () => {
    const sources = cellsOf(result.notebooks[0]?.json ?? '{}').map((cell) =>
      sourceText(cell.source),
    );
    expect(sources).toContain('print("héllo")\n');
    expect(sources).toContain('`Dockerfile`\n\n```dockerfile\nFROM scratch\n```');
  });

  it('zips notebooks with their companions and links the live site in the README', () => {
    const files = unzipSync(result.zip);
    expect(Object.keys(files).sort()).toEqual([
      '01_Model_Deployment/01-model-deployment.ipynb',
      '01_Model_Deployment/requirements.txt',
      '01_Model_Deployment/train.py',
      '02_Docker_Containerization/02-docker.ipynb',
      '02_Docker_Containerization/Dockerfile',
      'README.md',
    ]);
    expect(strFromU8(files['README.md'] ?? new Uint8Array())).toContain(
      'Live site: https://owner.github.io/mlops-booklet/',
    );
    expect(
      strFromU8(files['01_Model_Deployment/01-model-deployment.ipynb'] ?? new Uint8Array()),
    ).toBe(result.notebooks[0]?.json);
  });

  it('is deterministic', () => {
    const again = buildNotebookArtifacts([...chapters].reverse(), site);
    if (!again.ok) throw new Error(again.errors.join('\n'));
    expect(again.zip).toEqual(result.zip);
    expect(again.notebooks).toEqual(result.notebooks);
  });
});

describe('buildNotebookArtifacts errors', () => {
  it('collects the errors of every broken chapter', () => {
    const broken = buildNotebookArtifacts(
      [
        { slug: '01-a', mdx: 'no front matter\n', companions: [] },
        { slug: '02-b', mdx: `${frontMatter(2, 'B')}<Unclosed>\n`, companions: [] },
        { slug: '03-c', mdx: `${frontMatter(3, 'C')}Fine.\n`, companions: [] },
      ],
      site,
    );
    expect(broken.ok).toBe(false);
    if (!broken.ok) {
      expect(broken.errors).toHaveLength(2);
      expect(broken.errors[0]).toBe('01-a: the chapter has no YAML front matter');
      expect(broken.errors[1]).toMatch(/^02-b: MDX does not parse/);
    }
  });

  it('rejects two chapters with the same number', () => {
    const duplicate = buildNotebookArtifacts(
      [
        { slug: '01-a', mdx: `${frontMatter(1, 'A')}A.\n`, companions: [] },
        { slug: '01-b', mdx: `${frontMatter(1, 'B')}B.\n`, companions: [] },
      ],
      site,
    );
    expect(duplicate).toEqual({
      ok: false,
      errors: ['01-b: chapter number 1 is used by another chapter'],
    });
  });
});

describe('listings outside the chapter folders', () => {
  const chapter: ChapterInput = {
    slug: '04-ci-cd',
    mdx: `${frontMatter(4, 'CI/CD')}import ci from '../../.github/workflows/ci.yml?raw';\n\n<Code code={ci} lang="yaml" title="ci.yml" />\n`,
    companions: [],
  };

  it('are read through readFile by their content-relative path', () => {
    const asked: string[] = [];
    const result = buildNotebookArtifacts([chapter], site, {
      readFile: (path) => {
        asked.push(path);
        return path === '../.github/workflows/ci.yml' ? 'on: push\n' : undefined;
      },
    });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(asked).toContain('../.github/workflows/ci.yml');
    const sources = cellsOf(result.notebooks[0]?.json ?? '{}').map((cell) =>
      sourceText(cell.source),
    );
    expect(sources).toContain('`ci.yml`\n\n```yaml\non: push\n```');
    expect(result.warnings).toEqual([]);
  });

  it('turn a throwing readFile into an error of that chapter', () => {
    const result = buildNotebookArtifacts([chapter], site, {
      readFile: () => {
        throw new Error('EISDIR');
      },
    });
    expect(result).toEqual({ ok: false, errors: ['04-ci-cd: conversion failed: EISDIR'] });
  });
});

describe('normalizeContentPath', () => {
  it('collapses dot segments and keeps the ones that climb above content/', () => {
    expect(normalizeContentPath('01-a/./train.py')).toBe('01-a/train.py');
    expect(normalizeContentPath('01-a/../02-b/Dockerfile')).toBe('02-b/Dockerfile');
    expect(normalizeContentPath('04-c/../../.github/workflows/ci.yml')).toBe(
      '../.github/workflows/ci.yml',
    );
    expect(normalizeContentPath('a//b/')).toBe('a/b');
  });
});
