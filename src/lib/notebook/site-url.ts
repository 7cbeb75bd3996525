/**
 * Absolute URLs of the published booklet. A notebook leaves the site, so every link that was
 * relative to a chapter page or to the site root has to become absolute to keep working.
 */

/** Where the booklet is published: origin (`SITE_URL`) and base path (`BASE_PATH`). */
export interface SiteLocation {
  /** Site origin, e.g. `https://owner.github.io`; any path on it is ignored (Astro's `site`). */
  siteUrl: string;
  /** Base path the site is served under, e.g. `/mlops-booklet/` or `/`. */
  basePath: string;
}

/**
 * Normalizes a base path to `/` or `/segment/.../`, the same rule as astro.config.mjs applies
 * to `BASE_PATH`, so URLs computed here match the pages Astro builds.
 */
export function normalizeBasePath(basePath: string): string {
  let start = 0;
  let end = basePath.length;
  while (start < end && basePath[start] === '/') start++;
  while (end > start && basePath[end - 1] === '/') end--;
  const inner = basePath.slice(start, end);
  return inner === '' ? '/' : `/${inner}/`;
}

/** The site root URL including the base path, always ending in `/`. */
export function siteRootUrl(site: SiteLocation): string {
  return new URL(normalizeBasePath(site.basePath), site.siteUrl).href;
}

/** The live page of a chapter: Starlight serves `content/<slug>/index.mdx` at `<base><slug>/`. */
export function chapterPageUrl(site: SiteLocation, slug: string): string {
  return new URL(`${encodeURI(slug)}/`, siteRootUrl(site)).href;
}

/** True for URLs that carry their own scheme (`https:`, `mailto:`) or are protocol-relative. */
export function isAbsoluteUrl(href: string): boolean {
  return href.startsWith('//') || URL.canParse(href);
}

/**
 * Makes a link from a chapter page absolute. Root-relative links (`/glossary/#drift`) are
 * resolved under the base path (left alone if they already start with it); relative links
 * (`../02-docker/`, `#anchor`) are resolved against the chapter page URL, exactly as a browser
 * would on the live page. Absolute links come back unchanged. Anchors and queries are kept.
 */
export function absoluteSiteLink(href: string, site: SiteLocation, chapterUrl: string): string {
  if (href === '' || isAbsoluteUrl(href)) return href;
  const base = normalizeBasePath(site.basePath);
  if (href.startsWith('/')) {
    const rooted = base !== '/' && (href.startsWith(base) || href === base.slice(0, -1));
    const path = rooted ? href : `${base}${href.slice(1)}`;
    return new URL(path, site.siteUrl).href;
  }
  return new URL(href, chapterUrl).href;
}
