import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNotebook, type NotebookOutput } from './ipynb';
import { base64Prefix, outputViews, pngSize } from './outputs';

const parsed = parseNotebook(
  readFileSync(new URL('./fixtures/labs/01_Model_Deployment/lab.ipynb', import.meta.url), 'utf8'),
);
if (!parsed.ok) throw new Error(parsed.error);
const cells = parsed.notebook.cells;

describe('base64Prefix', () => {
  it('decodes like Node’s Buffer for any bytes and prefix length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.nat(70), (bytes, count) => {
        const base64 = Buffer.from(bytes).toString('base64');
        const expected = new Uint8Array(Buffer.from(base64, 'base64').subarray(0, count));
        expect(base64Prefix(base64, count)).toEqual(expected);
      }),
    );
  });
});

describe('pngSize', () => {
  it('reads the figures’ sizes as Pillow reports them (Image.open(...).size)', () => {
    const png = (index: number) => {
      const output = cells[index]?.outputs[0];
      return output?.kind === 'data' ? String(output.data['image/png']) : '';
    };
    expect(pngSize(png(5))).toEqual({ width: 212, height: 156 });
    expect(pngSize(png(6))).toEqual({ width: 148, height: 142 });
  });
  it('gives undefined for data that is not a PNG', () => {
    expect(
      pngSize(Buffer.from('GIF89a-not-a-png-at-all-really').toString('base64')),
    ).toBeUndefined();
    expect(pngSize('')).toBeUndefined();
  });
});

describe('outputViews', () => {
  it('shows a pandas result as a sanitized table', () => {
    const [view] = outputViews(cells[2]!.outputs);
    expect(view?.kind).toBe('html');
    expect(view?.kind === 'html' && view.html).toContain('<td>Adelie</td>');
  });

  it('shows a figure as an image with its pixel size', () => {
    const [view] = outputViews(cells[5]!.outputs);
    expect(view).toMatchObject({ kind: 'image', mime: 'image/png', width: 212, height: 156 });
  });

  it('prefers the display size IPython records in the output metadata', () => {
    const output: NotebookOutput = {
      kind: 'data',
      outputType: 'display_data',
      data: { 'image/png': 'iVBORw0KGgo=' },
      metadata: { 'image/png': { width: 320, height: 240 } },
    };
    expect(outputViews([output])[0]).toMatchObject({ width: 320, height: 240 });
  });

  it('keeps stderr apart from the result, without trailing newlines', () => {
    expect(outputViews(cells[8]!.outputs)).toEqual([
      { kind: 'text', role: 'stderr', text: 'a warning on stderr' },
      { kind: 'text', role: 'result', text: 'np.float64(4241.666666666667)' },
    ]);
  });

  it('shows a traceback without its colour codes', () => {
    const [view] = outputViews(cells[11]!.outputs);
    expect(view?.kind === 'text' && view.role).toBe('error');
    const text = view?.kind === 'text' ? view.text : '';
    expect(text).not.toContain('\u001b');
    expect(text).toMatch(/ValueError: invalid literal for int\(\) with base 10: 'not a number'$/);
  });

  it('joins consecutive writes to one stream and applies carriage returns across them', () => {
    const views = outputViews([
      { kind: 'stream', name: 'stdout', text: 'epoch 1\r' },
      { kind: 'stream', name: 'stdout', text: 'epoch 2\n' },
      { kind: 'stream', name: 'stderr', text: 'warn\n' },
      { kind: 'stream', name: 'stdout', text: 'after\n' },
    ]);
    expect(views).toEqual([
      { kind: 'text', role: 'stdout', text: 'epoch 2' },
      { kind: 'text', role: 'stderr', text: 'warn' },
      { kind: 'text', role: 'stdout', text: 'after' },
    ]);
  });

  it('falls back to text/plain for HTML that is not a table, and says when nothing can be shown', () => {
    const widget: NotebookOutput = {
      kind: 'data',
      outputType: 'display_data',
      data: {
        'text/html': '<div id="report"></div><script>draw()</script>',
        'text/plain': '<Report>',
      },
      metadata: {},
    };
    const bare: NotebookOutput = {
      kind: 'data',
      outputType: 'display_data',
      data: { 'application/vnd.jupyter.widget-view+json': { model_id: 'x' } },
      metadata: {},
    };
    expect(outputViews([widget, bare])).toEqual([
      { kind: 'text', role: 'result', text: '<Report>' },
      { kind: 'unsupported', mimeTypes: ['application/vnd.jupyter.widget-view+json'] },
    ]);
  });
});
