/**
 * Removes repeated stylesheet links and module scripts from a built HTML page.
 *
 * Expressive Code puts its stylesheet link and module script before the first code block of each
 * document it renders: once for a chapter's Markdown code fences and again for the first `<Code>`
 * component on the same page. The browser then adds the same rules to the cascade twice, so every
 * Expressive Code selector is matched twice in each style recalculation at load. Only exact
 * repeats go: the first tag for each URL stays where it is, and every other tag is left alone, as
 * is everything inside a `<template>`.
 */
const assetTag =
  /<link rel="stylesheet" href="([^"<>]+)"\s*\/?>|<script type="module" src="([^"<>]+)"><\/script>/g;

/** `<template>` contents are inert until a script clones them: never counted, never changed. */
const template = /<template\b[\s\S]*?<\/template>/g;

export function dedupeAssetTags(html: string): { html: string; removed: number } {
  const seen = new Set<string>();
  let removed = 0;
  const dedupe = (part: string) =>
    part.replace(assetTag, (tag, css: string | undefined, js: string | undefined) => {
      const key = css !== undefined ? `css ${css}` : `js ${js}`;
      if (!seen.has(key)) {
        seen.add(key);
        return tag;
      }
      removed += 1;
      return '';
    });
  let out = '';
  let last = 0;
  for (const match of html.matchAll(template)) {
    out += dedupe(html.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  out += dedupe(html.slice(last));
  return { html: out, removed };
}
