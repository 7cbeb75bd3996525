/**
 * The request playground's lazy boundary: imported when the reader first sends. It checks the
 * form (src/lib/api/request-draft), loads the in-page API once, sends through `app.fetch`, and
 * hands the exchange to request-view. Sends go through `chrome.run`: one at a time, failures
 * shown with their cause, and the answer gets focus.
 */
import { formatHttpRequest } from '../../lib/api/http-text';
import { buildDraftRequest, checkBodySize, type RequestDraft } from '../../lib/api/request-draft';
import { estimateClockResolution, formatMeasuredMs } from '../../lib/monitoring/clock';
import type { WidgetChrome } from '../widget/chrome';
import { focusResult, markStale, part } from '../widget/dom';
import { setFieldError } from '../widget/fields';
import { IN_PAGE_ORIGIN, loadInPageApi, setModelLoaded, type InPageApi } from './in-page-api';
import { renderExchange } from './request-view';

/** One playground's connection to the in-page API. */
export class RequestSession {
  readonly #root: HTMLElement;
  readonly #chrome: WidgetChrome;
  #api: InPageApi | null = null;
  /** The body of the last request sent, to check the editor still matches before selecting. */
  #sentBody: string | null = null;
  #resolution = Number.NaN;

  constructor(root: HTMLElement, chrome: WidgetChrome) {
    this.#root = root;
    this.#chrome = chrome;
  }

  #control<T extends HTMLElement>(id: string): T {
    return part<T>(this.#root, `#rp-${id}`);
  }

  #draft(): RequestDraft {
    return {
      method: this.#control<HTMLSelectElement>('method').value,
      path: this.#control<HTMLSelectElement>('path').value,
      contentType: this.#control<HTMLInputElement>('content-type').value,
      body: this.#control<HTMLTextAreaElement>('body').value,
    };
  }

  /** Applies the readiness checkbox to the running API, saying so when asked. */
  applyReadiness(announce: boolean): void {
    if (!this.#api) return;
    const unready = this.#control<HTMLInputElement>('unready').checked;
    setModelLoaded(this.#api, !unready);
    if (announce)
      this.#chrome.status(
        unready
          ? 'The model is now "loading": GET /readyz and POST /v1/predict answer 503, GET /healthz still 200.'
          : 'The model is loaded again: the replica is ready.',
      );
  }

  /** Marks the last exchange out of date once the request no longer matches it. */
  edited(): void {
    const exchange = part(this.#root, '[data-out="exchange"]');
    if (!exchange.hidden) markStale(exchange, true);
  }

  /** Sends the form's request; field problems are shown at their fields and nothing is sent. */
  send(): Promise<void> {
    const sendButton = part<HTMLButtonElement>(this.#root, '[data-action="send"]');
    return this.#chrome
      .run(() => this.#sendOnce(), {
        disable: [sendButton],
        busyStatus: this.#api ? 'Sending…' : 'Loading the API and the model…',
      })
      .then((answered) => {
        if (answered) focusResult(part(this.#root, '[data-out="status-line"]'));
      });
  }

  async #sendOnce(): Promise<boolean> {
    const draft = this.#draft();
    const checked = buildDraftRequest(draft, IN_PAGE_ORIGIN);
    const contentType = this.#control('content-type');
    const body = this.#control('body');
    setFieldError(contentType, checked.ok ? null : (checked.errors.contentType ?? null));
    const sizeNote = checked.ok && checked.hasBody ? checkBodySize(draft.body) : null;
    setFieldError(body, sizeNote);
    if (!checked.ok) {
      this.#chrome.status('Fix the marked field, then send again.');
      return false;
    }
    if (!this.#api) {
      this.#api = await loadInPageApi((label, progress) => this.#chrome.progress(label, progress));
      this.#chrome.doneProgress();
      this.applyReadiness(false);
    }
    const api = this.#api;
    if (!Number.isFinite(this.#resolution))
      this.#resolution = estimateClockResolution(() => performance.now());
    // The headers as the Request holds them: fetch adds text/plain for a string body without one.
    const sentHeaders = [...checked.request.headers.entries()];
    const t0 = performance.now();
    const response = await api.app.fetch(checked.request);
    const responseText = await response.text();
    const elapsed = performance.now() - t0;
    const url = `${IN_PAGE_ORIGIN}${draft.path}`;
    this.#sentBody = checked.hasBody ? draft.body : null;
    const requestText = formatHttpRequest({
      method: draft.method,
      url,
      headers: sentHeaders,
      body: checked.hasBody ? draft.body : null,
    });
    const rendered = renderExchange(
      this.#root,
      {
        requestText,
        // The body is the last thing in the request text.
        bodyOffset: checked.hasBody ? requestText.length - draft.body.length : -1,
        body: checked.hasBody ? draft.body : '',
        status: response.status,
        headers: [...response.headers.entries()],
        responseText,
      },
      (start, end) => this.#select(start, end),
    );
    setFieldError(body, rendered.bodyMessage ?? sizeNote);
    markStale(part(this.#root, '[data-out="exchange"]'), false);
    this.#chrome.status(
      `${response.status} in ${formatMeasuredMs(elapsed, this.#resolution)} (app.fetch in this page, measured; the model and runtime loaded in ${formatMeasuredMs(api.loadMs, this.#resolution)} before the first request).`,
    );
    return true;
  }

  #select(start: number, end: number): void {
    const body = this.#control<HTMLTextAreaElement>('body');
    if (this.#sentBody === null || body.value !== this.#sentBody) {
      this.#chrome.status(
        'The editor has changed since that request; send it again to locate the field.',
      );
      return;
    }
    body.focus();
    body.setSelectionRange(start, end);
  }
}
