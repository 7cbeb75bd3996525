/**
 * What a page shows for each output of a code cell. Jupyter picks the richest representation the
 * front end can display; the site does the same with a short, safe list: PNG and JPEG figures,
 * sanitized HTML tables, and plain text. Anything else falls back to its `text/plain` form.
 */
import type { NotebookOutput } from './ipynb';
import { sanitizeTableHtml } from './sanitize';
import { terminalText } from './text';

/** Plain text from a stream, a result's `text/plain`, or a traceback. */
export interface TextOutputView {
  kind: 'text';
  /** `stdout`/`stderr` for streams, `result` for `text/plain`, `error` for an exception. */
  role: 'stdout' | 'stderr' | 'result' | 'error';
  text: string;
}

/** A figure, served as its own file beside the page. */
export interface ImageOutputView {
  kind: 'image';
  mime: 'image/png' | 'image/jpeg';
  /** The image bytes, base64 as stored in the notebook (whitespace removed). */
  base64: string;
  /** Display size in CSS pixels when known (output metadata, else the PNG header). */
  width: number | undefined;
  height: number | undefined;
}

/** A table from a `text/html` output, already sanitized. */
export interface HtmlOutputView {
  kind: 'html';
  html: string;
}

/** An output with no representation the site can show. */
export interface UnsupportedOutputView {
  kind: 'unsupported';
  mimeTypes: readonly string[];
}

/** One output as the page renders it. */
export type OutputView = TextOutputView | ImageOutputView | HtmlOutputView | UnsupportedOutputView;

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes the first `count` bytes of a base64 string (RFC 4648 §4), without a DOM or Buffer. */
export function base64Prefix(base64: string, count: number): Uint8Array {
  const clean = base64.replace(/[^A-Za-z0-9+/]/g, '').slice(0, Math.ceil(count / 3) * 4);
  const bytes: number[] = [];
  for (let i = 0; i + 1 < clean.length; i += 4) {
    const quad = [...clean.slice(i, i + 4)].map((char) => BASE64_ALPHABET.indexOf(char));
    const [a = 0, b = 0, c, d] = quad;
    bytes.push(((a << 2) | (b >> 4)) & 0xff);
    if (c !== undefined) bytes.push(((b << 4) | (c >> 2)) & 0xff);
    if (c !== undefined && d !== undefined) bytes.push(((c << 6) | d) & 0xff);
  }
  return new Uint8Array(bytes.slice(0, count));
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Width and height from a PNG's IHDR chunk (PNG spec, ISO/IEC 15948 §11.2.2: the first chunk,
 * at byte 8, with width and height as big-endian 32-bit integers at bytes 16 and 20).
 */
export function pngSize(base64: string): { width: number; height: number } | undefined {
  const bytes = base64Prefix(base64, 24);
  if (bytes.length < 24 || PNG_SIGNATURE.some((value, i) => bytes[i] !== value)) return undefined;
  if (String.fromCharCode(...bytes.slice(12, 16)) !== 'IHDR') return undefined;
  const view = new DataView(bytes.buffer);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** A positive finite number from output metadata, else undefined. */
function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

/**
 * Display size of a figure. IPython records `width`/`height` in the output metadata when it
 * differs from the pixel size (retina figures); otherwise the PNG header's size is the display size.
 */
function imageSize(
  mime: string,
  base64: string,
  metadata: Readonly<Record<string, unknown>>,
): { width: number | undefined; height: number | undefined } {
  const entry = metadata[mime];
  const meta =
    typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
  const fromMeta = { width: positive(meta['width']), height: positive(meta['height']) };
  if (fromMeta.width !== undefined && fromMeta.height !== undefined) return fromMeta;
  const header = mime === 'image/png' ? pngSize(base64) : undefined;
  return { width: header?.width, height: header?.height };
}

/** The representation to show for a rich output, in Jupyter's spirit of "richest first". */
function dataView(
  data: Readonly<Record<string, unknown>>,
  metadata: Readonly<Record<string, unknown>>,
): OutputView {
  for (const mime of ['image/png', 'image/jpeg'] as const) {
    const value = data[mime];
    if (typeof value === 'string' && value.trim() !== '') {
      const base64 = value.replace(/\s+/g, '');
      return { kind: 'image', mime, base64, ...imageSize(mime, base64, metadata) };
    }
  }
  const html = data['text/html'];
  if (typeof html === 'string') {
    const table = sanitizeTableHtml(html);
    if (table !== null) return { kind: 'html', html: table };
  }
  const plain = data['text/plain'];
  if (typeof plain === 'string') return { kind: 'text', role: 'result', text: terminalText(plain) };
  return { kind: 'unsupported', mimeTypes: Object.keys(data) };
}

/**
 * The views of a cell's outputs, in order. Consecutive stream outputs to the same stream are
 * joined, as Jupyter displays them, since a kernel may split one print across messages; trailing
 * newlines are dropped.
 */
export function outputViews(outputs: readonly NotebookOutput[]): OutputView[] {
  const views: OutputView[] = [];
  // Raw text of the stream view being extended, so carriage returns apply across messages.
  let streamRaw = '';
  for (const output of outputs) {
    const last = views.at(-1);
    if (output.kind === 'stream') {
      const role = output.name === 'stderr' ? 'stderr' : 'stdout';
      if (last?.kind === 'text' && last.role === role) {
        streamRaw += output.text;
        last.text = terminalText(streamRaw);
      } else {
        streamRaw = output.text;
        views.push({ kind: 'text', role, text: terminalText(streamRaw) });
      }
    } else if (output.kind === 'error') {
      const text =
        output.traceback.length > 0
          ? output.traceback.join('\n')
          : `${output.ename}: ${output.evalue}`;
      views.push({ kind: 'text', role: 'error', text: terminalText(text) });
    } else {
      views.push(dataView(output.data, output.metadata));
    }
  }
  // A print ends in a newline; Jupyter shows no empty line after it.
  for (const view of views) if (view.kind === 'text') view.text = view.text.replace(/\n+$/, '');
  return views;
}
