/**
 * Pagefind's search UI, built when the reader first reaches for search instead of at load.
 *
 * Starlight's search imports `@pagefind/default-ui` and builds its UI (a Svelte app) in an idle
 * callback on every page. With the CPU slowed 4×, that callback ran for 40–94 ms: a long task
 * shortly after load on every page, although most readers never search. `astro.config.mjs`
 * aliases that import to this module, so the idle callback only builds the small class below.
 * It builds the real UI, with Starlight's options unchanged, on the first sign the reader wants
 * search: the pointer over the Search button, focus on it, a touch, Ctrl or ⌘ pressed (the
 * keyboard shortcut's first key), or the dialog opening by any other route, including before
 * this module ran. If the dialog is open by the time the UI exists, the search field gets focus,
 * as Starlight gives it.
 */
import type { PagefindUIOptions } from '@pagefind/default-ui/npm_dist/mjs/ui-core.mjs';

const READY_SIGNS = ['pointerenter', 'focus', 'touchstart'] as const;

export class PagefindUI {
  #options: PagefindUIOptions;
  #state: 'waiting' | 'loading' | 'built' = 'waiting';
  #dialog: HTMLDialogElement | null;

  constructor(options: PagefindUIOptions) {
    this.#options = options;
    const search = document.querySelector('site-search');
    this.#dialog = search?.querySelector('dialog') ?? null;
    const build = () => void this.#build();
    const button = search?.querySelector('button[data-open-modal]');
    for (const sign of READY_SIGNS) button?.addEventListener(sign, build, { passive: true });
    addEventListener('keydown', (event) => {
      if (event.key === 'Control' || event.key === 'Meta' || event.ctrlKey || event.metaKey)
        build();
    });
    if (this.#dialog) {
      new MutationObserver(() => {
        if (this.#dialog?.open) build();
      }).observe(this.#dialog, { attributes: true, attributeFilter: ['open'] });
    }
    // The reader may have opened the dialog before Starlight's idle callback got here.
    if (this.#dialog?.open) build();
  }

  async #build(): Promise<void> {
    if (this.#state !== 'waiting') return;
    this.#state = 'loading';
    const target = document.querySelector(this.#options.element);
    try {
      const { PagefindUI: Real } = await import('@pagefind/default-ui/npm_dist/mjs/ui-core.mjs');
      // Pagefind appends its UI to the target: clear a failed attempt's message first.
      target?.replaceChildren();
      new Real(this.#options);
      this.#state = 'built';
      if (this.#dialog?.open) this.#dialog.querySelector('input')?.focus();
    } catch {
      // The module could not be fetched (the connection dropped): say so in the dialog, with a
      // button to try again (any other sign tries again too).
      this.#state = 'waiting';
      target?.replaceChildren(this.#failure());
    }
  }

  #failure(): HTMLElement {
    const note = document.createElement('p');
    note.setAttribute('role', 'alert');
    note.textContent = 'Search could not load. Check the connection, then ';
    const retry = document.createElement('button');
    retry.type = 'button';
    retry.textContent = 'try again';
    retry.addEventListener('click', () => void this.#build());
    note.append(retry, '.');
    return note;
  }
}
