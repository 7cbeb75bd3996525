/**
 * How chapter 3's shells reach their lazily imported session: load it (once, shared), then use
 * it. A failed import (offline, a stale deployment) is shown in the widget's error box with its
 * cause worded by `describeError` and a Retry that loads again; it never reaches the console.
 */
import type { WidgetChrome } from '../widget/chrome';
import { describeError } from '../widget/errors';

/** Loads the session with `load` and calls `use` with it; on failure shows the error with Retry. */
export async function withSession<S>(
  chrome: WidgetChrome,
  load: () => Promise<S>,
  use: (session: S) => unknown,
): Promise<void> {
  let session: S;
  try {
    session = await load();
  } catch (error) {
    chrome.error(describeError(error), () => void withSession(chrome, load, use));
    return;
  }
  await use(session);
}
