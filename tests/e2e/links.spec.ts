/**
 * Link check over the built site: every internal href/src in every HTML page must point at a
 * file that exists in dist/ under the base path, and every #fragment at an id on that page.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from '@playwright/test';

const dist = process.env['E2E_DIST'] ?? 'dist';
const base = '/mlops-booklet/';

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return htmlFiles(full);
    return name.endsWith('.html') ? [full] : [];
  });
}

function targetFile(pathname: string): string | null {
  const rel = decodeURIComponent(pathname.slice(base.length));
  for (const candidate of [join(dist, rel), join(dist, rel, 'index.html')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const idCache = new Map<string, Set<string>>();
function idsIn(file: string): Set<string> {
  let ids = idCache.get(file);
  if (!ids) {
    ids = new Set(
      [...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] as string),
    );
    idCache.set(file, ids);
  }
  return ids;
}

test('every internal link and anchor in the built site resolves', () => {
  const files = htmlFiles(dist);
  expect(files.length).toBeGreaterThan(5);
  const broken: string[] = [];
  let checked = 0;
  for (const file of files) {
    const html = readFileSync(file, 'utf8');
    const pageUrl = new URL(
      `http://site${base}${relative(dist, file).replace(/index\.html$/, '')}`,
    );
    for (const match of html.matchAll(/\s(?:href|src)="([^"]+)"/g)) {
      const raw = (match[1] as string).replaceAll('&amp;', '&');
      if (/^(?:[a-z]+:|\/\/)/i.test(raw) && !raw.startsWith('http://site')) continue; // external
      const url = new URL(raw, pageUrl);
      if (url.host !== 'site') continue;
      checked++;
      if (!url.pathname.startsWith(base)) {
        broken.push(`${file}: ${raw} escapes the base path`);
        continue;
      }
      const target = targetFile(url.pathname);
      if (!target) {
        broken.push(`${file}: ${raw} → no such file`);
        continue;
      }
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (fragment && target.endsWith('.html') && !idsIn(target).has(fragment)) {
        broken.push(`${file}: ${raw} → no element with id "${fragment}"`);
      }
    }
  }
  expect(checked).toBeGreaterThan(50);
  expect(broken).toEqual([]);
});
