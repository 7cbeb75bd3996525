import { describe, expect, it } from 'vitest';
import { dedupeAssetTags } from './dedupe-asset-tags';

const ecLink = '<link rel="stylesheet" href="/b/_astro/ec.abc.css">';
const ecScript = '<script type="module" src="/b/_astro/ec.abc.js"></script>';

describe('dedupeAssetTags', () => {
  it('keeps the first stylesheet link and module script for a URL and drops the repeats', () => {
    const page = `<head>${ecLink}</head><body><div>${ecLink}${ecScript}<pre>a</pre></div><div>${ecLink}${ecScript}<pre>b</pre></div></body>`;
    const { html, removed } = dedupeAssetTags(page);
    expect(removed).toBe(3);
    expect(html).toBe(
      `<head>${ecLink}</head><body><div>${ecScript}<pre>a</pre></div><div><pre>b</pre></div></body>`,
    );
  });

  it('leaves different URLs, other attributes and inline scripts alone', () => {
    const page = [
      '<link rel="stylesheet" href="/a.css">',
      '<link rel="stylesheet" href="/b.css">',
      '<link rel="stylesheet" href="/print.css" media="print">',
      '<link rel="stylesheet" href="/print.css" media="print">',
      '<script type="module" src="/a.js"></script>',
      '<script type="module">console.log(1)</script>',
      '<script type="module">console.log(1)</script>',
      '<script src="/a.js"></script>',
    ].join('');
    expect(dedupeAssetTags(page)).toEqual({ html: page, removed: 0 });
  });

  it('does not treat a stylesheet and a script with the same URL as repeats of each other', () => {
    const page = '<link rel="stylesheet" href="/x"><script type="module" src="/x"></script>';
    expect(dedupeAssetTags(page).removed).toBe(0);
  });

  it('neither counts nor changes tags inside a <template>', () => {
    const page = `<template>${ecLink}<pre>whole</pre></template><div>${ecLink}<pre>a</pre></div><div>${ecLink}</div><template>${ecLink}</template>`;
    expect(dedupeAssetTags(page)).toEqual({
      html: `<template>${ecLink}<pre>whole</pre></template><div>${ecLink}<pre>a</pre></div><div></div><template>${ecLink}</template>`,
      removed: 1,
    });
  });

  it('changes nothing in a page without repeats', () => {
    const page = `<html><head>${ecLink}</head><body><p>text</p>${ecScript}</body></html>`;
    expect(dedupeAssetTags(page)).toEqual({ html: page, removed: 0 });
  });
});
