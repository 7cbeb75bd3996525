/**
 * Markdown cells rendered at build time: CommonMark + GFM (remark), the site's base-path links,
 * raw HTML parsed (rehype-raw) and then sanitized with GitHub's rules (rehype-sanitize's default
 * schema), headings given anchors with github-slugger, the rule Astro uses for the chapters.
 */
import GithubSlugger from 'github-slugger';
import type { Element, Root, RootContent } from 'hast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { remarkBaseLinks } from '../content/remark-base-links';
import { hastText } from './sanitize';

/** A heading of the page, for Starlight's table of contents. */
export interface LabHeading {
  depth: number;
  slug: string;
  text: string;
}

/**
 * Where a relative link in a notebook points on the site: a URL, or undefined when the target
 * (a file of the lab folder) is not published on its own and the link keeps only its text.
 */
export type RelativeLinkResolver = (href: string) => string | undefined;

/** Per-page state shared by every markdown cell of one notebook. */
export interface MarkdownPageState {
  /** One slugger per page, so a repeated heading gets `-1`, `-2`… as on Astro's pages. */
  slugger: GithubSlugger;
  headings: LabHeading[];
  /** The notebook's title, once the first top-level heading has been taken for it. */
  title: string | undefined;
  /** True until the first markdown cell is rendered: only that cell can hold the title. */
  titleOpen: boolean;
  /** Resolves links relative to the notebook's folder; without one they keep only their text. */
  resolveRelative: RelativeLinkResolver;
}

/** A fresh state for one page. */
export function newMarkdownPageState(
  resolveRelative: RelativeLinkResolver = () => undefined,
): MarkdownPageState {
  return {
    slugger: new GithubSlugger(),
    headings: [],
    title: undefined,
    titleOpen: true,
    resolveRelative,
  };
}

/** True for a link relative to the notebook's folder: no scheme, not rooted, not a bare anchor. */
export function isRelativeHref(href: string): boolean {
  if (href === '' || href.startsWith('/') || href.startsWith('#')) return false;
  return !/^[a-z][a-z0-9+.-]*:/i.test(href);
}

/**
 * A relative link works inside the lab folder (in Jupyter) but not on the site: it is pointed at
 * its page when the resolver knows one (another lab's notebook), and otherwise unwrapped to its
 * text. A relative image, which the site does not serve, is replaced by its alt text.
 */
function rewriteRelativeLinks(node: Root | Element, resolve: RelativeLinkResolver): void {
  const children: RootContent[] = node.children;
  node.children = children.flatMap((child): RootContent[] => {
    if (child.type !== 'element') return [child];
    const href = child.properties['href'];
    const src = child.properties['src'];
    if (child.tagName === 'a' && typeof href === 'string' && isRelativeHref(href)) {
      const target = resolve(href);
      if (target === undefined) {
        rewriteRelativeLinks(child, resolve);
        return child.children;
      }
      child.properties['href'] = target;
    }
    if (child.tagName === 'img' && typeof src === 'string' && isRelativeHref(src)) {
      const alt = child.properties['alt'];
      return typeof alt === 'string' && alt !== '' ? [{ type: 'text' as const, value: alt }] : [];
    }
    rewriteRelativeLinks(child, resolve);
    return [child];
  }) as typeof node.children;
}

const HEADING = /^h([1-6])$/;

/**
 * The page owns the only `<h1>`: the notebook's first `#` heading, when it opens the first markdown
 * cell, becomes the page title and leaves the cell; later level-1 headings become level 2. Every
 * heading then gets its github-slugger id and is listed for the table of contents.
 */
function labHeadings(state: MarkdownPageState) {
  return (tree: Root) => {
    const kept: Root['children'] = [];
    for (const node of tree.children) {
      const first = kept.every((n) => n.type === 'text' && n.value.trim() === '');
      if (state.titleOpen && first && node.type === 'element' && node.tagName === 'h1') {
        state.title = hastText(node).trim();
        state.titleOpen = false;
        continue;
      }
      kept.push(node);
    }
    // Drop the line break the removed title leaves at the top.
    while (kept[0]?.type === 'text' && kept[0].value.trim() === '') kept.shift();
    tree.children = kept;
    state.titleOpen = false;
    const visit = (node: Root | Element) => {
      for (const child of node.children) {
        if (child.type !== 'element') continue;
        const level = HEADING.exec(child.tagName);
        if (level) {
          const depth = Math.max(2, Number(level[1]));
          const text = hastText(child).trim();
          const slug = state.slugger.slug(text);
          child.tagName = `h${depth}`;
          child.properties = { ...child.properties, id: slug };
          state.headings.push({ depth, slug, text });
        } else {
          visit(child);
        }
      }
    };
    visit(tree);
    rewriteRelativeLinks(tree, state.resolveRelative);
    markScrollableBlocks(tree);
  };
}

/** Code blocks can scroll sideways; a tab stop and a label let keyboard users scroll them (WCAG 2.1.1). */
function markScrollableBlocks(node: Root | Element): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'pre') {
      child.properties = { ...child.properties, tabIndex: 0, role: 'region', ariaLabel: 'Code' };
    } else {
      markScrollableBlocks(child);
    }
  }
}

/**
 * Renders one markdown cell to safe HTML. `base` is the site's base path, put in front of
 * root-relative links as on the chapter pages. Headings are recorded in `state`.
 */
export function renderMarkdownCell(source: string, base: string, state: MarkdownPageState): string {
  const file = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkBaseLinks, { base })
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeRaw)
    .use(rehypeSanitize)
    .use(() => labHeadings(state))
    .use(rehypeStringify)
    .processSync(source);
  return String(file);
}
