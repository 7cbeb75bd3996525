/**
 * Markdown cells rendered at build time: CommonMark + GFM (remark), the site's base-path links,
 * raw HTML parsed (rehype-raw) and then sanitized with GitHub's rules (rehype-sanitize's default
 * schema), headings given anchors with github-slugger, the rule Astro uses for the chapters.
 */
import GithubSlugger from 'github-slugger';
import type { Element, Root } from 'hast';
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

/** Per-page state shared by every markdown cell of one notebook. */
export interface MarkdownPageState {
  /** One slugger per page, so a repeated heading gets `-1`, `-2`… as on Astro's pages. */
  slugger: GithubSlugger;
  headings: LabHeading[];
  /** The notebook's title, once the first top-level heading has been taken for it. */
  title: string | undefined;
  /** True until the first markdown cell is rendered: only that cell can hold the title. */
  titleOpen: boolean;
}

/** A fresh state for one page. */
export function newMarkdownPageState(): MarkdownPageState {
  return { slugger: new GithubSlugger(), headings: [], title: undefined, titleOpen: true };
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
