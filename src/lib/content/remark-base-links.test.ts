import { describe, expect, it } from 'vitest';
import { remarkBaseLinks, withBase } from './remark-base-links';

describe('withBase', () => {
  it('prefixes root-relative URLs with the base', () => {
    expect(withBase('/glossary/#onnx', '/mlops-booklet/')).toBe('/mlops-booklet/glossary/#onnx');
    expect(withBase('/', '/mlops-booklet/')).toBe('/mlops-booklet/');
  });
  it('leaves other URLs and already-prefixed ones alone', () => {
    expect(withBase('https://example.org/x', '/b/')).toBe('https://example.org/x');
    expect(withBase('//cdn.example.org/x', '/b/')).toBe('//cdn.example.org/x');
    expect(withBase('../02-docker/', '/b/')).toBe('../02-docker/');
    expect(withBase('#anchor', '/b/')).toBe('#anchor');
    expect(withBase('/b/already/', '/b/')).toBe('/b/already/');
  });
  it('is the identity at the root base', () => {
    expect(withBase('/glossary/', '/')).toBe('/glossary/');
  });
});

describe('remarkBaseLinks', () => {
  it('rewrites links, images and definitions anywhere in the tree', () => {
    const tree = {
      type: 'root',
      children: [
        { type: 'paragraph', children: [{ type: 'link', url: '/a/', children: [] }] },
        { type: 'image', url: '/img.png' },
        { type: 'definition', url: '/def/' },
        { type: 'link', url: 'https://x.org/', children: [] },
      ],
    };
    remarkBaseLinks({ base: '/site/' })(tree as never);
    expect(
      tree.children.map((n) => ('url' in n ? n.url : (n.children[0] as { url: string }).url)),
    ).toEqual(['/site/a/', '/site/img.png', '/site/def/', 'https://x.org/']);
  });
});
