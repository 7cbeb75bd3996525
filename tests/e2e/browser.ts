/**
 * Finds a Chromium or Chrome for Playwright. `npx playwright install` cannot download browsers on
 * every machine (CI here reaches only package registries), so the suite uses a system browser:
 * `CHROMIUM_PATH` if set, else the usual install locations.
 */
import { existsSync } from 'node:fs';

const candidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Path of the browser the e2e suite drives. */
export function findChromium(): string {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv) {
    if (!existsSync(fromEnv))
      throw new Error(`CHROMIUM_PATH points at ${fromEnv}, which does not exist.`);
    return fromEnv;
  }
  const found = candidates.find((path) => existsSync(path));
  if (!found) {
    throw new Error(
      'No Chromium or Chrome found. Install one (Debian: apt-get install chromium) or set CHROMIUM_PATH.',
    );
  }
  return found;
}

/** Flags for a headless browser on a closed network (no background traffic, no sandbox as root). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
