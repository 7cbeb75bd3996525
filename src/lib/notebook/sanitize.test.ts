import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sanitizeTableHtml } from './sanitize';

/** The `text/html` pandas wrote for `df.head(3)` in the executed fixture notebook. */
const PANDAS_HTML = (() => {
  const nb = JSON.parse(
    readFileSync(new URL('./fixtures/labs/01_Model_Deployment/lab.ipynb', import.meta.url), 'utf8'),
  ) as { cells: { outputs?: { data?: Record<string, string[]> }[] }[] };
  return (nb.cells[2]?.outputs?.[0]?.data?.['text/html'] ?? []).join('');
})();

describe('sanitizeTableHtml', () => {
  it('keeps the cells of a pandas table and drops its style block and attributes', () => {
    expect(PANDAS_HTML).toContain('<style scoped>');
    expect(PANDAS_HTML).toContain('class="dataframe"');
    const html = sanitizeTableHtml(PANDAS_HTML)!;
    expect(html).toContain('<table>');
    expect(html).toContain('<th>flipper_length_mm</th>');
    expect(html).toContain('<td>Chinstrap</td>');
    expect(html).not.toMatch(/style|class=|border=|\.dataframe/);
  });

  it('turns the empty corner header above the index into a data cell', () => {
    const html = sanitizeTableHtml(PANDAS_HTML)!;
    expect(html).not.toMatch(/<th>\s*<\/th>/);
    expect(html).toMatch(/<tr>\s*<td><\/td>\s*<th>species<\/th>/);
  });

  it('removes scripts, handlers, links and styles from inside a table', () => {
    const hostile =
      '<table onclick="x()"><tr><th style="color:red">h</th><td><a href="javascript:alert(1)">l</a>' +
      '<img src=x onerror="alert(1)"><script>alert(2)</script><iframe src="https://x.test"></iframe></td></tr></table>';
    const html = sanitizeTableHtml(hostile)!;
    expect(html).toBe('<table><tbody><tr><th>h</th><td>l</td></tr></tbody></table>');
  });

  it('keeps row and column spans of multi-index headers', () => {
    const html = sanitizeTableHtml(
      '<table><tr><th colspan="2" rowspan="1" id="x">a</th></tr><tr><td>1</td><td>2</td></tr></table>',
    );
    expect(html).toBe(
      '<table><tbody><tr><th colspan="2" rowspan="1">a</th></tr><tr><td>1</td><td>2</td></tr></tbody></table>',
    );
  });

  it('refuses HTML that holds no table, so the plain-text form is shown instead', () => {
    expect(sanitizeTableHtml('<div><script>render()</script><b>report</b></div>')).toBeNull();
    expect(sanitizeTableHtml('<script>"<table>"</script>')).toBeNull();
  });
});
