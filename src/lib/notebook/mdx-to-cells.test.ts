import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  chapterHeading,
  componentNameAsWords,
  mdxToCells,
  rawImportPath,
  type MdxToCellsOptions,
} from './mdx-to-cells';
import {
  buildNotebook,
  serializeNotebook,
  sourceText,
  validateNotebook,
  type NotebookCell,
} from './nbformat';

const fixtures = new URL('./fixtures/', import.meta.url);
const SITE = 'https://owner.github.io/mlops-booklet';

/** Options that read companions from `fixtures/<slug>/`, the way the build script reads content/. */
function fixtureOptions(slug: string): MdxToCellsOptions {
  return {
    slug,
    siteUrl: 'https://owner.github.io',
    basePath: '/mlops-booklet/',
    readCompanion: (path) => {
      const file = new URL(`${slug}/${path}`, fixtures);
      return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    },
  };
}

function fixtureMdx(slug: string): string {
  return readFileSync(new URL(`${slug}/index.mdx`, fixtures), 'utf8');
}

function convertFixture(slug: string) {
  const result = mdxToCells(fixtureMdx(slug), fixtureOptions(slug));
  if (!result.ok) throw new Error(result.error);
  return result;
}

function texts(cells: readonly NotebookCell[]): string[] {
  return cells.map((cell) => sourceText(cell.source));
}

const FRONT_MATTER = `---
title: Inline fixture
chapter:
  number: 4
  objectives: ["Read a workflow as a job graph", "Gate a deploy on model quality"]
  concept: "Pipelines as code"
  outcome: "A pipeline that blocks bad models"
  readingMinutes: 5
---
`;

/** Converts an inline chapter body with in-memory companions. */
function convertInline(body: string, files: Record<string, string> = {}) {
  return mdxToCells(FRONT_MATTER + body, {
    slug: '04-ci-cd',
    siteUrl: 'https://owner.github.io',
    basePath: '/mlops-booklet/',
    readCompanion: (path) => files[path],
  });
}

describe('mdxToCells on the chapter-1 fixture', () => {
  const { cells, frontMatter, warnings } = convertFixture('01-model-deployment');
  const sources = texts(cells);

  it('lays out title, install cell, then one cell per section, listing and widget', () => {
    expect(cells.map((cell) => cell.cell_type)).toEqual([
      'markdown', // title
      'code', // opt-in install
      'markdown', // intro
      'markdown', // ## Train the classifier + table
      'markdown', // TrainWidget
      'markdown', // train.py caption
      'code', // train.py
      'markdown', // caution Aside
      'markdown', // ## Why pickles are dangerous + note Aside
      'code', // ```python fence
      'markdown', // ```bash fence + predict.py caption
      'code', // predict.py
      'markdown', // Dockerfile listing
      'markdown', // second ## Why pickles are dangerous
      'markdown', // PickleInspector
      'markdown', // list
    ]);
  });

  it('builds the title cell from the front matter', () => {
    expect(frontMatter.chapter.number).toBe(1);
    expect(sources[0]).toBe(
      [
        '# Chapter 1: Model deployment',
        '',
        'Train a penguin classifier, serialize it, and reload it somewhere else.',
        '',
        '**Learning objectives**',
        '',
        '- Train a species classifier on Palmer penguins',
        '- Explain why a pickle can run code when it is loaded',
        '',
        `This notebook is generated from the booklet chapter. Its interactive demos run on the live page: <${SITE}/01-model-deployment/>`,
      ].join('\n'),
    );
  });

  it('adds an install cell whose %pip line is commented out, saying so', () => {
    const install = sources[1] ?? '';
    expect(install).toContain('# %pip install -r requirements.txt');
    expect(install).toContain('commented out');
    expect(install.split('\n').every((line) => line.startsWith('#'))).toBe(true);
  });

  it('makes root-relative and relative links absolute, keeps anchors and absolute links', () => {
    const intro = sources[2] ?? '';
    expect(intro).toContain(`[glossary entry on artifacts](${SITE}/glossary/#artifact)`);
    expect(intro).toContain(`[Docker](${SITE}/02-docker/)`);
    expect(intro).toContain('[ONNX spec](https://onnx.ai/onnx/intro/)');
    expect(sources[7]).toContain(`[why](${SITE}/01-model-deployment/#why-pickles-are-dangerous)`);
    expect(sources[7]).toContain(
      '[the Python\n> docs](https://docs.python.org/3/library/pickle.html)',
    );
    // Already under the base path: not prefixed twice.
    expect(sources[8]).toContain(
      `[pickle\n> inspector](${SITE}/01-model-deployment/#pickle-inspector)`,
    );
  });

  it('escapes dollars so Jupyter does not read them as LaTeX, and drops expressions', () => {
    expect(sources[2]).toContain('counted in \\$ per hour');
    expect(sources[2]).not.toContain('{cost}');
    expect(warnings).toEqual(['dropped inline expression {cost}']);
  });

  it('drops import and export statements', () => {
    const all = sources.join('\n');
    expect(all).not.toContain('@astrojs/starlight/components');
    expect(all).not.toContain('?raw');
    expect(all).not.toContain('export const cost');
  });

  it('keeps GFM tables, and unwraps inline components to their text', () => {
    expect(sources[3]).toBe(
      [
        '## Train the classifier',
        '',
        '| feature     | unit |  used |',
        '| ----------- | ---- | :---: |',
        '| bill length | mm   |  yes  |',
        '| body mass   | g    | later |',
      ].join('\n'),
    );
  });

  it('replaces widgets with a link to the live page at the nearest heading', () => {
    expect(sources[4]).toBe(
      `▶ Interactive demo: Train widget — open the live version: <${SITE}/01-model-deployment/#train-the-classifier>`,
    );
    // The second heading with the same text gets the `-1` anchor, as on the site.
    expect(sources[14]).toBe(
      `▶ Interactive demo: Pickle inspector — open the live version: <${SITE}/01-model-deployment/#why-pickles-are-dangerous-1>`,
    );
  });

  it('turns <Code> of a *.py?raw import into a code cell with the exact file content', () => {
    const trainPy = readFileSync(new URL('01-model-deployment/train.py', fixtures), 'utf8');
    const predictPy = readFileSync(new URL('01-model-deployment/predict.py', fixtures), 'utf8');
    expect(sources[5]).toBe('`train.py`');
    expect(sources[6]).toBe(trainPy);
    expect(sources[11]).toBe(predictPy);
  });

  it('turns ```python fences into code cells and keeps other fences as Markdown', () => {
    expect(sources[9]).toBe(
      'import pickle\n\npayload = pickle.dumps({"weights": [0.5, -1.25]})\nprint(pickle.loads(payload))',
    );
    expect(sources[10]).toBe('```bash\npython train.py --seed 42\n```\n\n`predict.py`');
  });

  it('keeps a non-Python listing from another chapter as a fenced block', () => {
    expect(sources[12]).toBe(
      '`Dockerfile`\n\n```dockerfile\nFROM python:3.12-slim AS build\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n```',
    );
  });

  it('renders Aside as a blockquote headed by its title (or the default for its type)', () => {
    expect(
      sources[7]?.startsWith('> **Never unpickle untrusted files**\n>\n> Loading a pickle'),
    ).toBe(true);
    expect(sources[8]?.startsWith('## Why pickles are dangerous\n\n> **Note**\n>\n> Compare')).toBe(
      true,
    );
  });

  it('leaves relative images relative, since the zip ships them beside the notebook', () => {
    expect(sources[15]).toBe(
      '- Export with `skl2onnx` ![pipeline](./pipeline.svg)\n- Then reload in onnxruntime',
    );
  });

  it('gives every cell a unique nbformat 4.5 id and yields a valid notebook', () => {
    const ids = cells.map((cell) => cell.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^01-model-deployment-\d{3}-[0-9a-f]{8}$/);
    const notebook = JSON.parse(serializeNotebook(buildNotebook(cells)));
    expect(validateNotebook(notebook)).toEqual({ valid: true, errors: [] });
  });
});

describe('mdxToCells determinism', () => {
  it('gives byte-identical notebooks for unchanged input', () => {
    const first = serializeNotebook(buildNotebook(convertFixture('01-model-deployment').cells));
    const second = serializeNotebook(buildNotebook(convertFixture('01-model-deployment').cells));
    expect(second).toBe(first);
  });

  it('changes only the id of an edited cell', () => {
    const before = convertInline('## A\n\none\n\n## B\n\ntwo\n');
    const after = convertInline('## A\n\none\n\n## B\n\ntwo, edited\n');
    if (!before.ok || !after.ok) throw new Error('conversion failed');
    const beforeIds = before.cells.map((cell) => cell.id);
    const afterIds = after.cells.map((cell) => cell.id);
    expect(afterIds.slice(0, -1)).toEqual(beforeIds.slice(0, -1));
    expect(afterIds.at(-1)).not.toBe(beforeIds.at(-1));
  });
});

describe('mdxToCells on chapters without Python', () => {
  it('converts a chapter with only a Dockerfile listing and a widget', () => {
    const { cells } = convertFixture('02-docker');
    expect(cells.every((cell) => cell.cell_type === 'markdown')).toBe(true);
    const sources = texts(cells);
    expect(sources[1]).toContain('1. Copy the lockfile first.\n2. Install dependencies.');
    expect(sources[1]).toContain('```dockerfile\nFROM python:3.12-slim AS build');
    expect(sources[2]).toBe(
      `▶ Interactive demo: Layer cache simulator — open the live version: <${SITE}/02-docker/>`,
    );
  });

  it('converts a prose-only chapter and adds no install cell without requirements.txt', () => {
    const { cells } = convertFixture('03-cloud-apis');
    expect(texts(cells)).toEqual([
      expect.stringMatching(/^# Chapter 3: Cloud deployment and APIs\n/),
      'Plain prose only: no listings in this chapter.',
      '## Requests\n\nSend a request and read the status code.',
    ]);
    expect(validateNotebook(JSON.parse(serializeNotebook(buildNotebook(cells)))).valid).toBe(true);
  });
});

describe('mdxToCells on other components', () => {
  it('keeps Tabs, TabItem, Card and LinkCard content as Markdown', () => {
    const result = convertInline(
      [
        '<Tabs>',
        '<TabItem label="pip">',
        'Run pip.',
        '</TabItem>',
        '<TabItem label="conda">',
        'Run conda.',
        '</TabItem>',
        '</Tabs>',
        '',
        '<LinkCard title="Glossary" href="/glossary/" description="All the terms" />',
        '',
        '<details>',
        '<summary>Answer</summary>',
        '',
        'Because **caching**.',
        '</details>',
        '',
      ].join('\n'),
    );
    if (!result.ok) throw new Error(result.error);
    expect(texts(result.cells).slice(1)).toEqual([
      [
        '**pip**',
        '',
        'Run pip.',
        '',
        '**conda**',
        '',
        'Run conda.',
        '',
        `[Glossary](${SITE}/glossary/) — All the terms`,
        '',
        'Answer',
        '',
        'Because **caching**.',
      ].join('\n'),
    ]);
  });

  it('turns an inline Python <Code> into a code cell and a nested one into a fence', () => {
    const result = convertInline(
      [
        "import { Code } from '@astrojs/starlight/components';",
        '',
        '<Code code="print(2 + 2)" lang="python" />',
        '',
        '<Aside type="tip">',
        '<Code code={`x = 1`} lang="py" />',
        '</Aside>',
        '',
      ].join('\n'),
    );
    if (!result.ok) throw new Error(result.error);
    expect(result.cells.map((cell) => [cell.cell_type, sourceText(cell.source)])).toEqual([
      ['markdown', expect.any(String)],
      ['code', 'print(2 + 2)'],
      ['markdown', '> **Tip**\n>\n> ```py\n> x = 1\n> ```'],
    ]);
  });

  it('converts a collapsed <Listing> like a <Code>, in full', () => {
    const result = convertInline('<Listing code="print(1)\nprint(2)" lang="python" />\n');
    if (!result.ok) throw new Error(result.error);
    expect(result.cells.map((cell) => [cell.cell_type, sourceText(cell.source)])).toEqual([
      ['markdown', expect.any(String)],
      ['code', 'print(1)\nprint(2)'],
    ]);
  });

  it('names a figure component as a figure, not as a demo', () => {
    const result = convertInline('<ImageLayersFigure />\n');
    if (!result.ok) throw new Error(result.error);
    expect(texts(result.cells).at(-1)).toMatch(
      /^▶ Figure: Image layers — see it in the live version: </,
    );
  });

  it('falls back to a link when a listing cannot be resolved, and warns', () => {
    const result = convertInline(
      'import missing from \'./missing.py?raw\';\n\n## Listing\n\n<Code code={missing} lang="py" title="missing.py" />\n',
    );
    if (!result.ok) throw new Error(result.error);
    expect(texts(result.cells)[1]).toBe(
      `## Listing\n\nCode listing missing.py: see the live chapter: <${SITE}/04-ci-cd/#listing>`,
    );
    expect(result.warnings).toEqual(['could not resolve the listing of <Code title="missing.py">']);
  });

  it('skips MDX comments silently', () => {
    const result = convertInline('Text.\n\n{/* a note to authors */}\n');
    if (!result.ok) throw new Error(result.error);
    expect(texts(result.cells).slice(1)).toEqual(['Text.']);
    expect(result.warnings).toEqual([]);
  });
});

describe('mdxToCells errors', () => {
  it('reports MDX that does not parse instead of throwing', () => {
    const result = convertInline('<Aside>\nunclosed\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^MDX does not parse: /);
  });

  it('reports missing or incomplete front matter with the field path', () => {
    const none = mdxToCells('# Hello\n', { ...fixtureOptions('x'), slug: 'x' });
    expect(none).toEqual({ ok: false, error: 'the chapter has no YAML front matter' });
    const incomplete = mdxToCells(
      '---\ntitle: T\nchapter:\n  number: 1\n---\nBody\n',
      fixtureOptions('x'),
    );
    expect(incomplete.ok).toBe(false);
    if (!incomplete.ok) expect(incomplete.error).toContain('chapter.objectives');
    const badYaml = mdxToCells('---\ntitle: [unclosed\n---\nBody\n', fixtureOptions('x'));
    expect(badYaml.ok).toBe(false);
    if (!badYaml.ok) expect(badYaml.error).toMatch(/^front matter is not valid YAML/);
  });

  it('reports a companion reader that throws', () => {
    const result = mdxToCells(
      FRONT_MATTER + 'import a from \'./a.py?raw\';\n\n<Code code={a} lang="py" />\n',
      {
        slug: '04-ci-cd',
        siteUrl: 'https://owner.github.io',
        basePath: '/',
        readCompanion: (path) => {
          if (path === 'requirements.txt') return undefined;
          throw new Error(`EACCES ${path}`);
        },
      },
    );
    expect(result).toEqual({ ok: false, error: 'conversion failed: EACCES a.py' });
  });
});

describe('rawImportPath', () => {
  it('resolves ?raw imports relative to the chapter folder', () => {
    expect(rawImportPath('./train.py?raw')).toBe('train.py');
    expect(rawImportPath('./src/app.py?raw')).toBe('src/app.py');
    expect(rawImportPath('../02-docker/./Dockerfile?raw')).toBe('../02-docker/Dockerfile');
  });

  it('ignores imports that are not raw companions', () => {
    expect(rawImportPath('./train.py')).toBeUndefined();
    expect(rawImportPath('./train.py?url')).toBeUndefined();
    expect(rawImportPath('some-package/file.py?raw')).toBeUndefined();
    expect(rawImportPath('/abs/file.py?raw')).toBeUndefined();
  });
});

describe('chapterHeading', () => {
  it('prefixes the chapter number unless the title already has it', () => {
    const meta = { number: 2, objectives: [], concept: '', outcome: '', readingMinutes: 1 };
    expect(chapterHeading({ title: 'Docker', chapter: meta })).toBe('Chapter 2: Docker');
    expect(chapterHeading({ title: 'Chapter 2', chapter: meta })).toBe('Chapter 2');
  });
});

describe('componentNameAsWords', () => {
  it('reads a component name as a sentence-case label', () => {
    expect(componentNameAsWords('LayerCacheExplorer')).toBe('Layer cache explorer');
    expect(componentNameAsWords('OnnxInspector')).toBe('ONNX inspector');
    expect(componentNameAsWords('APIPlayground')).toBe('API playground');
    expect(componentNameAsWords('TrainVerify')).toBe('Train verify');
  });
});
