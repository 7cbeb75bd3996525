import GithubSlugger from 'github-slugger';
import { describe, expect, it } from 'vitest';
import { newMarkdownPageState, renderMarkdownCell } from './markdown';

/** Renders one cell as the first cell of a fresh page. */
const renderAlone = (markdown: string, base = '/') =>
  renderMarkdownCell(markdown, base, newMarkdownPageState());

describe('renderMarkdownCell', () => {
  it('takes the opening # heading of the first cell as the page title', () => {
    const state = newMarkdownPageState();
    const html = renderMarkdownCell('# Lab 1: *Model* deployment\n\nIntro.', '/', state);
    expect(state.title).toBe('Lab 1: Model deployment');
    expect(html).toBe('<p>Intro.</p>');
    const later = renderMarkdownCell('# Another top heading', '/', state);
    expect(later).toBe('<h2 id="another-top-heading">Another top heading</h2>');
    expect(state.title).toBe('Lab 1: Model deployment');
  });

  it('leaves a # heading in place when the first cell does not open with it', () => {
    const state = newMarkdownPageState();
    renderMarkdownCell('Some text first.\n\n# Late title', '/', state);
    expect(state.title).toBeUndefined();
    expect(state.headings).toEqual([{ depth: 2, slug: 'late-title', text: 'Late title' }]);
  });

  it('gives headings the anchors github-slugger gives, numbering repeats per page', () => {
    const state = newMarkdownPageState();
    const texts = ['Load the data', 'Load the data', 'ONNX: export & check', 'Über `pickle`?'];
    const html = texts.map((text) => renderMarkdownCell(`## ${text}`, '/', state)).join('\n');
    const reference = new GithubSlugger();
    const expected = ['Load the data', 'Load the data', 'ONNX: export & check', 'Über pickle?'].map(
      (text) => reference.slug(text),
    );
    expect(state.headings.map((h) => h.slug)).toEqual(expected);
    expect(expected).toEqual([
      'load-the-data',
      'load-the-data-1',
      'onnx-export--check',
      'über-pickle',
    ]);
    expect(html).toContain('<h2 id="load-the-data-1">Load the data</h2>');
    expect(state.headings.map((h) => h.depth)).toEqual([2, 2, 2, 2]);
  });

  it('puts the base path in front of root-relative links only', () => {
    const html = renderAlone(
      '[chapter](/01-model-deployment/#onnx) [ext](https://onnx.ai/) [anchor](#x)',
      '/mlops-booklet/',
    );
    expect(html).toContain('href="/mlops-booklet/01-model-deployment/#onnx"');
    expect(html).toContain('href="https://onnx.ai/"');
    expect(html).toContain('href="#x"');
  });

  it('sanitizes raw HTML: no scripts, handlers or javascript: URLs survive; details do', () => {
    const html = renderAlone(
      '<script>alert(1)</script><b onclick="alert(1)">Bold</b> <a href="javascript:alert(1)">x</a>\n\n' +
        '<details><summary>More</summary>Hidden</details>\n\n<img src="a.png" onerror="alert(1)">',
    );
    expect(html).not.toMatch(/script|onclick|onerror|javascript:/);
    expect(html).toContain('<b>Bold</b>');
    expect(html).toContain('<a>x</a>');
    expect(html).toContain('<details><summary>More</summary>Hidden</details>');
  });

  it('renders GFM tables and makes code blocks keyboard-scrollable', () => {
    const html = renderAlone('| a | b |\n| - | - |\n| 1 | 2 |\n\n```python\nprint(1)\n```');
    expect(html).toContain('<th>a</th>');
    expect(html).toContain(
      '<pre tabindex="0" role="region" aria-label="Code"><code class="language-python">',
    );
  });
});

describe('relative links in notebook markdown', () => {
  it('go through the resolver; what it cannot place keeps only its text, images their alt', () => {
    const state = newMarkdownPageState((href) =>
      href === '../02_Docker_Containerization/lab.ipynb' ? '/b/labs/02-docker/' : undefined,
    );
    const html = renderMarkdownCell(
      'Next: [lab 2](../02_Docker_Containerization/lab.ipynb). Data: [the CSV](data/penguins.csv). ' +
        '![a plot](figures/plot.png) [site](/glossary/) [web](https://onnx.ai/) [here](#setup)',
      '/b/',
      state,
    );
    expect(html).toBe(
      '<p>Next: <a href="/b/labs/02-docker/">lab 2</a>. Data: the CSV. a plot ' +
        '<a href="/b/glossary/">site</a> <a href="https://onnx.ai/">web</a> <a href="#setup">here</a></p>',
    );
  });
  it('are unwrapped by default', () => {
    expect(renderAlone('[x](../03_Cloud_Deployment_and_APIs/lab.ipynb)')).toBe('<p>x</p>');
  });
});
