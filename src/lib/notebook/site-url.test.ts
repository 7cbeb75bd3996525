import { describe, expect, it } from 'vitest';
import {
  absoluteSiteLink,
  chapterPageUrl,
  isAbsoluteUrl,
  normalizeBasePath,
  siteRootUrl,
} from './site-url';

const site = { siteUrl: 'https://owner.github.io', basePath: '/mlops-booklet/' };
const chapter = chapterPageUrl(site, '01-model-deployment');

describe('normalizeBasePath', () => {
  it('always gives / or /path/', () => {
    expect(normalizeBasePath('')).toBe('/');
    expect(normalizeBasePath('/')).toBe('/');
    expect(normalizeBasePath('mlops-booklet')).toBe('/mlops-booklet/');
    expect(normalizeBasePath('//mlops-booklet//')).toBe('/mlops-booklet/');
    expect(normalizeBasePath('a/b')).toBe('/a/b/');
  });
});

describe('page URLs', () => {
  it('puts chapters under the base path with a trailing slash', () => {
    expect(siteRootUrl(site)).toBe('https://owner.github.io/mlops-booklet/');
    expect(chapter).toBe('https://owner.github.io/mlops-booklet/01-model-deployment/');
    expect(chapterPageUrl({ siteUrl: 'http://localhost:4321', basePath: '/' }, '02-docker')).toBe(
      'http://localhost:4321/02-docker/',
    );
  });
});

describe('absoluteSiteLink', () => {
  it('resolves root-relative links under the base path, keeping the anchor', () => {
    expect(absoluteSiteLink('/glossary/#data-drift', site, chapter)).toBe(
      'https://owner.github.io/mlops-booklet/glossary/#data-drift',
    );
  });

  it('does not add the base path twice', () => {
    expect(absoluteSiteLink('/mlops-booklet/02-docker/', site, chapter)).toBe(
      'https://owner.github.io/mlops-booklet/02-docker/',
    );
    expect(absoluteSiteLink('/mlops-booklet', site, chapter)).toBe(
      'https://owner.github.io/mlops-booklet',
    );
  });

  it('resolves relative links against the chapter page', () => {
    expect(absoluteSiteLink('../02-docker/', site, chapter)).toBe(
      'https://owner.github.io/mlops-booklet/02-docker/',
    );
    expect(absoluteSiteLink('#why-onnx', site, chapter)).toBe(
      'https://owner.github.io/mlops-booklet/01-model-deployment/#why-onnx',
    );
    expect(absoluteSiteLink('../glossary/?q=1#x', site, chapter)).toBe(
      'https://owner.github.io/mlops-booklet/glossary/?q=1#x',
    );
  });

  it('leaves absolute links alone', () => {
    for (const href of [
      'https://onnx.ai/#x',
      'mailto:a@b.c',
      '//cdn.example.com/x.js',
      'http://localhost:8000/predict',
    ]) {
      expect(isAbsoluteUrl(href)).toBe(true);
      expect(absoluteSiteLink(href, site, chapter)).toBe(href);
    }
  });
});
