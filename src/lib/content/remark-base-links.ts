/**
 * A remark plugin that puts the site's base path in front of root-relative links and images in
 * the chapters. Authors write `/glossary/#onnx`; under `BASE_PATH=/mlops-booklet/` the page gets
 * `/mlops-booklet/glossary/#onnx`, so every internal link works under any GitHub Pages path.
 */
import type { Root } from 'mdast';

/** Prefixes `base` to a root-relative URL; leaves absolute, protocol-relative and relative URLs alone. */
export function withBase(url: string, base: string): string {
  if (!url.startsWith('/') || url.startsWith('//')) return url;
  const prefix = base.endsWith('/') ? base.slice(0, -1) : base;
  if (prefix === '' || url === prefix || url.startsWith(`${prefix}/`)) return url;
  return `${prefix}${url}`;
}

type Node = { type: string; url?: string; children?: Node[] };

/** The remark plugin: rewrites `link`, `image` and `definition` nodes. */
export function remarkBaseLinks(options: { base: string }) {
  const visit = (node: Node) => {
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && node.url) {
      node.url = withBase(node.url, options.base);
    }
    node.children?.forEach(visit);
  };
  return (tree: Root) => visit(tree as unknown as Node);
}
