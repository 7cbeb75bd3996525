/**
 * Rendering for the request playground: the raw HTTP exchange, the fields a 4xx names (listed,
 * and marked inside the request text), and where malformed JSON stops. Text only, never markup:
 * the reader's body is inserted as text nodes and `<mark>` elements built with the kit.
 */
import { formatHttpResponse } from '../../lib/api/http-text';
import { lineAndColumn, locateJsonPath, scanJson, segmentText } from '../../lib/api/json-locate';
import { fill, h, part } from '../widget/dom';

/** One entry of a problem+json `errors` list. */
export interface FieldErrorItem {
  path: string;
  message: string;
}

/** What was sent and what came back. */
export interface Exchange {
  requestText: string;
  /** Where the body starts in `requestText`; -1 without a body. */
  bodyOffset: number;
  body: string;
  status: number;
  headers: [string, string][];
  responseText: string;
}

/** What the view tells the session: the message for the body field, and selections per error. */
export interface RenderedExchange {
  bodyMessage: string | null;
  statusLine: string;
}

function fieldErrorsOf(exchange: Exchange): FieldErrorItem[] {
  const type = exchange.headers.find(([name]) => name === 'content-type')?.[1] ?? '';
  if (!type.startsWith('application/problem+json')) return [];
  let problem: unknown;
  try {
    problem = JSON.parse(exchange.responseText);
  } catch (error) {
    // The API always writes valid JSON; a parse failure means no field list, said as such.
    void error;
    return [];
  }
  const errors = (problem as Record<string, unknown> | null)?.['errors'];
  if (!Array.isArray(errors)) return [];
  return errors.filter(
    (item): item is FieldErrorItem =>
      typeof item === 'object' &&
      item !== null &&
      typeof (item as Record<string, unknown>)['path'] === 'string' &&
      typeof (item as Record<string, unknown>)['message'] === 'string',
  );
}

/**
 * Fills the exchange box. `select(start, end)` is called when the reader asks to select a
 * rejected field in the editor.
 */
export function renderExchange(
  root: HTMLElement,
  exchange: Exchange,
  select: (start: number, end: number) => void,
): RenderedExchange {
  const { body, bodyOffset, requestText } = exchange;
  const responseFull = formatHttpResponse({
    status: exchange.status,
    headers: exchange.headers,
    body: exchange.responseText,
  });
  const statusLine = responseFull.split('\n', 1)[0] ?? '';
  part(root, '[data-out="status-line"]').textContent = statusLine;
  part(root, '[data-out="response"]').textContent = responseFull;

  const ranges: { start: number; end: number; path: string }[] = [];
  let bodyMessage: string | null = null;
  const scan = bodyOffset >= 0 ? scanJson(body) : null;
  if (scan && !scan.ok && exchange.status === 400) {
    const { line, column } = lineAndColumn(body, scan.offset);
    ranges.push({
      start: scan.offset,
      end: Math.min(body.length, scan.offset + 1) || scan.offset,
      path: '',
    });
    bodyMessage = `Not valid JSON at line ${line}, column ${column}: ${scan.message}`;
  }
  const fieldErrors = fieldErrorsOf(exchange);
  const items = fieldErrors.map((error) => {
    const item = h(
      'li',
      null,
      h('code', null, error.path === '' ? '(the whole body)' : error.path),
      ` — ${error.message}`,
    );
    const location = scan && scan.ok ? locateJsonPath(scan.spans, error.path) : null;
    if (location) {
      // A missing field is marked at the head of the object it belongs in, not the whole object.
      const end = location.exact ? location.end : location.valueStart + 1;
      ranges.push({ start: location.start, end, path: error.path });
      if (!location.exact)
        item.append(
          ` (not in the body; marked where it belongs: ${location.markedPath === '' ? 'the top-level object' : location.markedPath})`,
        );
      const button = h(
        'button',
        { type: 'button', 'aria-label': `Select in the editor: ${error.path || 'the body'}` },
        'Select in the editor',
      );
      button.addEventListener('click', () => select(location.start, end));
      item.append(button);
    }
    return item;
  });
  const errorsBox = part(root, '[data-out="errors"]');
  fill(part(errorsBox, 'ul'), ...items);
  errorsBox.hidden = items.length === 0;
  if (items.length > 0)
    bodyMessage = `The API rejected ${items.length === 1 ? 'one field' : `${items.length} fields`}: see the list below the response.`;

  const requestPre = part(root, '[data-out="request"]');
  fill(requestPre, requestText.slice(0, bodyOffset === -1 ? requestText.length : bodyOffset));
  if (bodyOffset >= 0) {
    for (const segment of segmentText(body, ranges)) {
      if (segment.marks.length === 0) {
        requestPre.append(segment.text);
        continue;
      }
      const paths = segment.marks
        .map((i) => ranges[i]?.path)
        .filter((p) => p !== undefined && p !== '');
      requestPre.append(
        h('mark', { title: paths.length > 0 ? paths.join(', ') : undefined }, segment.text),
      );
    }
  }
  part(root, '[data-out="exchange"]').hidden = false;
  return { bodyMessage, statusLine };
}
