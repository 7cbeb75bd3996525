/**
 * Phone-layout checks shared by the e2e specs: at 360 px nothing may scroll sideways and every
 * visible control must sit fully inside the viewport, in light and dark themes.
 */
import { expect, type Page } from '@playwright/test';

/** The phone viewport the booklet is checked at (issue 16: 360 × 740). */
export const PHONE = { width: 360, height: 740 } as const;

/** Switches the page to Starlight's light or dark theme (the setting a reader's toggle stores). */
export async function useTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  await page.evaluate((t) => {
    try {
      localStorage.setItem('starlight-theme', t);
    } catch {
      // Storage can be unavailable (private mode); the attribute below is what styles read.
    }
    document.documentElement.dataset['theme'] = t;
  }, theme);
}

/** Page-side: the controls and figures that poke out of the viewport, described for the report. */
function overflowReport(): { scrollWidth: number; width: number; outside: string[] } {
  const width = document.documentElement.clientWidth;
  const outside: string[] = [];
  const selector =
    'button, input, select, textarea, summary, [role="button"], a.sl-link-button, .mlops-widget svg, .mlops-figure svg';
  for (const element of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue; // not rendered (hidden, closed details)
    // Inside a box that scrolls sideways on purpose (tables, listings) a control may be off-screen.
    let scroller = element.parentElement;
    let inScroller = false;
    while (scroller) {
      const style = getComputedStyle(scroller);
      if (/(auto|scroll)/.test(style.overflowX) && scroller.scrollWidth > scroller.clientWidth) {
        inScroller = true;
        break;
      }
      scroller = scroller.parentElement;
    }
    if (inScroller) continue;
    if (box.left < -0.5 || box.right > width + 0.5) {
      const name =
        element.getAttribute('aria-label') ?? element.textContent?.trim().slice(0, 40) ?? '';
      outside.push(
        `${element.tagName.toLowerCase()}#${element.id || '-'} "${name}" ${Math.round(box.left)}–${Math.round(box.right)}`,
      );
    }
  }
  return { scrollWidth: document.documentElement.scrollWidth, width, outside };
}

/** Asserts nothing scrolls sideways and every visible control fits the viewport width. */
export async function expectFitsViewport(page: Page, where: string): Promise<void> {
  const report = await page.evaluate(overflowReport);
  expect(report.outside, `${where}: controls outside the ${report.width}px viewport`).toEqual([]);
  expect(report.scrollWidth, `${where}: the page scrolls sideways`).toBeLessThanOrEqual(
    report.width,
  );
}
