/**
 * Turns one booklet chapter (MDX with YAML front matter) into Jupyter notebook cells by walking
 * its mdast: prose stays Markdown (one cell per section), Python listings become code cells,
 * widgets become a pointer to the live page, and every link is made absolute.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import { toMarkdown, type Options as ToMarkdownOptions } from 'mdast-util-to-markdown';
// Type-only: brings in the `toMarkdownExtensions` field that remark plugins register on processor data.
import type {} from 'remark-stringify';
import type {
  Blockquote,
  Code,
  Heading,
  Link,
  List,
  ListItem,
  Nodes,
  Paragraph,
  PhrasingContent,
  Root,
  RootContent,
} from 'mdast';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ChapterMetaSchema } from '../content/chapter-schema';
import { makeCellId } from './cell-id';
import { HeadingSlugger } from './heading-slug';
import type { NotebookCell } from './nbformat';
import { toSourceLines } from './nbformat';
import { absoluteSiteLink, chapterPageUrl, isAbsoluteUrl, type SiteLocation } from './site-url';

/**
 * Reads a companion file of the chapter by its path relative to the chapter folder
 * (`train.py`, `requirements.txt`); returns undefined when there is no such file.
 */
export type CompanionReader = (relativePath: string) => string | undefined;

/** Everything `mdxToCells` needs besides the MDX text. */
export interface MdxToCellsOptions extends SiteLocation {
  /** The chapter folder name, e.g. `01-model-deployment`; it is also the page slug. */
  slug: string;
  /** Source of companion files, so tests can hand in fixtures instead of the disk. */
  readCompanion: CompanionReader;
}

/** The front matter fields a chapter must have to become a notebook. */
export const ChapterFrontMatterSchema = z.object({
  title: z.string().min(1),
  description: z.string().optional(),
  chapter: ChapterMetaSchema,
});

/** A chapter's parsed front matter. */
export type ChapterFrontMatter = z.infer<typeof ChapterFrontMatterSchema>;

/** Outcome of `mdxToCells`: cells, or the reason the chapter could not be converted. */
export type MdxToCellsResult =
  | {
      ok: true;
      cells: NotebookCell[];
      frontMatter: ChapterFrontMatter;
      /** Things converted with a fallback (unresolved listings, dropped expressions). */
      warnings: string[];
    }
  | { ok: false; error: string };

/** Languages whose fenced or `<Code>` listings become runnable code cells. */
const PYTHON_LANGUAGES = new Set(['py', 'python', 'python3']);

/** Starlight's default Aside titles, per `type`. */
const ASIDE_TITLES: Record<string, string> = {
  note: 'Note',
  tip: 'Tip',
  caution: 'Caution',
  danger: 'Danger',
};

/** Components that only arrange prose; their children are kept. Anything else capitalized is a widget. */
const TRANSPARENT_CONTAINERS = new Set(['Tabs', 'CardGrid', 'Steps', 'FileTree']);

const parser = unified()
  .use(remarkParse)
  .use(remarkMdx)
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkGfm)
  .freeze();

/** GFM serialization (tables, strikethrough, task lists), taken from remark-gfm's own registration. */
const gfmToMarkdownExtensions =
  unified().use(remarkGfm).freeze().data('toMarkdownExtensions') ?? [];

const markdownOptions: ToMarkdownOptions = {
  extensions: [
    ...gfmToMarkdownExtensions,
    // Jupyter renders `$…$` in Markdown as LaTeX, so a literal dollar in prose must be escaped.
    { unsafe: [{ character: '$', inConstruct: 'phrasing' }] },
  ],
  bullet: '-',
  emphasis: '_',
  rule: '-',
  fences: true,
  listItemIndent: 'one',
};

/** A cell before its id is assigned. */
interface CellDraft {
  cellType: 'markdown' | 'code';
  source: string;
}

/** Conversion state, threaded through the walk in document order. */
interface Walk {
  options: MdxToCellsOptions;
  chapterUrl: string;
  /** Local import name → module specifier (`listing` → `./train.py?raw`). */
  imports: Map<string, string>;
  slugger: HeadingSlugger;
  /** Anchor of the most recent heading, used to deep-link widgets. */
  anchor: string | undefined;
  warnings: string[];
  /** Markdown nodes of the section being collected. */
  pending: RootContent[];
  drafts: CellDraft[];
}

function text(value: string): PhrasingContent {
  return { type: 'text', value };
}

function paragraph(children: PhrasingContent[]): Paragraph {
  return { type: 'paragraph', children };
}

function link(url: string, label: string): Link {
  return { type: 'link', url, children: [text(label)] };
}

/** Plain text of a node, the way a heading's text content is read for its anchor. */
function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') {
    return node.type === 'mdxTextExpression' || node.type === 'mdxFlowExpression' ? '' : node.value;
  }
  if ('children' in node) return node.children.map((child) => plainText(child as Nodes)).join('');
  return '';
}

function serializeMarkdown(nodes: RootContent[]): string {
  const root: Root = { type: 'root', children: nodes };
  return toMarkdown(root, markdownOptions).replace(/\n+$/, '');
}

function flushMarkdown(walk: Walk): void {
  if (walk.pending.length === 0) return;
  const source = serializeMarkdown(walk.pending);
  walk.pending = [];
  if (source.trim() !== '') walk.drafts.push({ cellType: 'markdown', source });
}

function pushCell(walk: Walk, draft: CellDraft): void {
  flushMarkdown(walk);
  walk.drafts.push(draft);
}

type JsxElement = Extract<Nodes, { type: 'mdxJsxFlowElement' | 'mdxJsxTextElement' }>;
type JsxAttributeValue = Extract<
  JsxElement['attributes'][number],
  { type: 'mdxJsxAttribute' }
>['value'];

function attribute(element: JsxElement, name: string): JsxAttributeValue | undefined {
  for (const attr of element.attributes) {
    if (attr.type === 'mdxJsxAttribute' && attr.name === name) return attr.value;
  }
  return undefined;
}

/** A string-valued attribute: `title="x"`, `title={'x'}` or ``title={`x`}``; otherwise undefined. */
function stringAttribute(element: JsxElement, name: string): string | undefined {
  const value = attribute(element, name);
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return undefined;
  return staticString(value);
}

type AttributeExpression = Exclude<JsxAttributeValue, string | null | undefined>;

/** The string an attribute expression stands for when it is a literal with no interpolation. */
function staticString(value: AttributeExpression): string | undefined {
  const statement = value.data?.estree?.body[0];
  if (statement?.type !== 'ExpressionStatement') return undefined;
  const expression = statement.expression;
  if (expression.type === 'Literal' && typeof expression.value === 'string')
    return expression.value;
  if (expression.type === 'TemplateLiteral' && expression.expressions.length === 0) {
    return expression.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

/** The identifier an attribute expression consists of (`code={listing}` → `listing`). */
function identifierName(value: AttributeExpression): string | undefined {
  const statement = value.data?.estree?.body[0];
  if (statement?.type !== 'ExpressionStatement') return undefined;
  return statement.expression.type === 'Identifier' ? statement.expression.name : undefined;
}

/**
 * The chapter-relative path a `?raw` import points to (`./train.py?raw` → `train.py`), or
 * undefined for package imports, absolute paths and imports without `?raw`.
 */
export function rawImportPath(specifier: string): string | undefined {
  const queryStart = specifier.indexOf('?');
  if (queryStart < 0) return undefined;
  const query = new URLSearchParams(specifier.slice(queryStart + 1));
  if (!query.has('raw')) return undefined;
  const path = specifier.slice(0, queryStart);
  if (!path.startsWith('./') && !path.startsWith('../')) return undefined;
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '.' || segment === '') continue;
    if (segment === '..' && segments.length > 0 && segments[segments.length - 1] !== '..')
      segments.pop();
    else segments.push(segment);
  }
  return segments.length > 0 ? segments.join('/') : undefined;
}

/** Records every default or named import of the chapter, so `<Code code={x}>` can find `x`'s file. */
function collectImports(root: Root): Map<string, string> {
  const imports = new Map<string, string>();
  for (const node of root.children) {
    if (node.type !== 'mdxjsEsm') continue;
    for (const statement of node.data?.estree?.body ?? []) {
      if (statement.type !== 'ImportDeclaration' || typeof statement.source.value !== 'string')
        continue;
      for (const specifier of statement.specifiers) {
        imports.set(specifier.local.name, statement.source.value);
      }
    }
  }
  return imports;
}

/** URL of the live chapter at the nearest preceding heading. */
function liveUrl(walk: Walk): string {
  return walk.anchor === undefined ? walk.chapterUrl : `${walk.chapterUrl}#${walk.anchor}`;
}

/** `LayerCacheExplorer` → `Layer cache explorer`: a component name read as words. */
export function componentNameAsWords(name: string): string {
  const acronyms = new Set(['API', 'ONNX', 'CI', 'CD', 'ML']);
  const words = name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+/g) ?? [name];
  return words
    .map((word, i) => {
      const upper = word.toUpperCase();
      if (acronyms.has(upper) || (word === upper && word.length > 1)) return upper;
      return i === 0
        ? word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()
        : word.toLowerCase();
    })
    .join(' ');
}

function widgetParagraph(walk: Walk, element: JsxElement): Paragraph {
  const label =
    stringAttribute(element, 'title') ??
    stringAttribute(element, 'label') ??
    (element.name ? componentNameAsWords(element.name) : 'demo');
  const url = liveUrl(walk);
  // Figures (src/components/figures/*Figure.astro) are pictures, not demos: say so.
  const figure = element.name?.endsWith('Figure') === true;
  return paragraph([
    text(
      figure
        ? `▶ Figure: ${label.replace(/ figure$/, '')} — see it in the live version: `
        : `▶ Interactive demo: ${label} — open the live version: `,
    ),
    link(url, url),
  ]);
}

/** Where a link or image points once it leaves the site. */
function rewriteUrl(walk: Walk, url: string, isImage: boolean): string {
  // A relative image is a file beside the chapter; the notebook zip ships it beside the notebook.
  if (isImage && !url.startsWith('/') && !isAbsoluteUrl(url)) return url;
  return absoluteSiteLink(url, walk.options, walk.chapterUrl);
}

/** Converts inline content: JSX unwrapped to its text, expressions dropped, links made absolute. */
function convertPhrasing(walk: Walk, nodes: readonly PhrasingContent[]): PhrasingContent[] {
  const result: PhrasingContent[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'mdxTextExpression':
        if ((node.data?.estree?.body.length ?? 0) > 0) {
          walk.warnings.push(`dropped inline expression {${node.value}}`);
        }
        break;
      case 'mdxJsxTextElement': {
        if (node.children.length > 0) result.push(...convertPhrasing(walk, node.children));
        else {
          const label = stringAttribute(node, 'text') ?? stringAttribute(node, 'title');
          if (label !== undefined) result.push(text(label));
        }
        break;
      }
      case 'link':
        result.push({
          ...node,
          url: rewriteUrl(walk, node.url, false),
          children: convertPhrasing(walk, node.children),
        });
        break;
      case 'image':
        result.push({ ...node, url: rewriteUrl(walk, node.url, true) });
        break;
      default:
        if ('children' in node) {
          result.push({
            ...node,
            children: convertPhrasing(walk, node.children),
          } as PhrasingContent);
        } else {
          result.push(node);
        }
    }
  }
  return result;
}

/** Resolves what a `<Code>` element shows: the listing's text, its language and a file name. */
function codeListing(
  walk: Walk,
  element: JsxElement,
): {
  content: string | undefined;
  lang: string | undefined;
  file: string | undefined;
  title: string | undefined;
} {
  const lang = stringAttribute(element, 'lang');
  const title = stringAttribute(element, 'title');
  const value = attribute(element, 'code');
  if (typeof value === 'string') return { content: value, lang, file: undefined, title };
  if (value === null || value === undefined)
    return { content: undefined, lang, file: undefined, title };
  const literal = staticString(value);
  if (literal !== undefined) return { content: literal, lang, file: undefined, title };
  const name = identifierName(value);
  const specifier = name === undefined ? undefined : walk.imports.get(name);
  const file = specifier === undefined ? undefined : rawImportPath(specifier);
  const content = file === undefined ? undefined : walk.options.readCompanion(file);
  return { content, lang, file, title };
}

function isPythonListing(lang: string | undefined, file: string | undefined): boolean {
  if (file !== undefined && file.endsWith('.py')) return true;
  return lang !== undefined && PYTHON_LANGUAGES.has(lang.toLowerCase());
}

/** Converts a `<Code>` element; at the top level a Python listing becomes its own code cell. */
function convertCodeElement(walk: Walk, element: JsxElement, topLevel: boolean): RootContent[] {
  const listing = codeListing(walk, element);
  const caption = listing.title ?? listing.file?.slice(listing.file.lastIndexOf('/') + 1);
  const captionNodes: RootContent[] =
    caption === undefined ? [] : [paragraph([{ type: 'inlineCode', value: caption }])];
  if (listing.content === undefined) {
    walk.warnings.push(
      `could not resolve the listing of <Code${caption === undefined ? '' : ` title="${caption}"`}>`,
    );
    const url = liveUrl(walk);
    return [
      paragraph([
        text(`Code listing${caption === undefined ? '' : ` ${caption}`}: see the live chapter: `),
        link(url, url),
      ]),
    ];
  }
  if (topLevel && isPythonListing(listing.lang, listing.file)) {
    walk.pending.push(...captionNodes);
    pushCell(walk, { cellType: 'code', source: listing.content });
    return [];
  }
  const fence: Code = {
    type: 'code',
    lang: listing.lang ?? null,
    value: listing.content.endsWith('\n') ? listing.content.slice(0, -1) : listing.content,
  };
  return [...captionNodes, fence];
}

/** Converts a flow-level JSX element into Markdown blocks (or, at the top level, its own cell). */
function convertFlowElement(walk: Walk, element: JsxElement, topLevel: boolean): RootContent[] {
  const name = element.name;
  const children = (): RootContent[] => convertFlow(walk, element.children as RootContent[], false);
  // Fragments and HTML elements (`<div>`, `<details>`) only wrap prose.
  if (name === null || name === '' || name[0] !== name[0]?.toUpperCase()) return children();
  switch (name) {
    case 'Aside': {
      const type = stringAttribute(element, 'type') ?? 'note';
      const title = stringAttribute(element, 'title') ?? ASIDE_TITLES[type] ?? 'Note';
      const content = children();
      const quoted = [paragraph([{ type: 'strong', children: [text(title)] }]), ...content];
      return [{ type: 'blockquote', children: quoted as Blockquote['children'] }];
    }
    case 'Code':
    case 'Listing': // src/components/Listing.astro: a <Code> that the page shows collapsed
      return convertCodeElement(walk, element, topLevel);
    case 'TabItem':
    case 'Card': {
      const label = stringAttribute(element, name === 'TabItem' ? 'label' : 'title');
      const head =
        label === undefined ? [] : [paragraph([{ type: 'strong', children: [text(label)] }])];
      return [...head, ...children()];
    }
    case 'LinkCard':
    case 'LinkButton': {
      const href = stringAttribute(element, 'href');
      const label =
        stringAttribute(element, 'title') ??
        plainText({ type: 'root', children: element.children } as Root);
      const description = stringAttribute(element, 'description');
      if (href === undefined) return children();
      const target = absoluteSiteLink(href, walk.options, walk.chapterUrl);
      const parts: PhrasingContent[] = [link(target, label.trim() === '' ? target : label.trim())];
      if (description !== undefined) parts.push(text(` — ${description}`));
      return [paragraph(parts)];
    }
    case 'Badge': {
      const label = stringAttribute(element, 'text');
      return label === undefined ? [] : [paragraph([text(label)])];
    }
    case 'Icon':
      return [];
    default:
      if (TRANSPARENT_CONTAINERS.has(name)) return children();
      if (topLevel) {
        pushCell(walk, {
          cellType: 'markdown',
          source: serializeMarkdown([widgetParagraph(walk, element)]),
        });
        return [];
      }
      return [widgetParagraph(walk, element)];
  }
}

/**
 * Converts flow (block) content in document order. At the top level, headings start a new
 * cell and Python listings and widgets become cells of their own; nested inside a container,
 * everything stays Markdown.
 */
function convertFlow(walk: Walk, nodes: readonly RootContent[], topLevel: boolean): RootContent[] {
  const blocks: RootContent[] = [];
  const emit = (converted: RootContent[]) => {
    if (topLevel) walk.pending.push(...converted);
    else blocks.push(...converted);
  };
  for (const node of nodes) {
    switch (node.type) {
      case 'yaml':
      case 'mdxjsEsm':
        break;
      case 'mdxFlowExpression':
        // `{/* … */}` is how MDX writes comments; anything else is computed at build time.
        if ((node.data?.estree?.body.length ?? 0) > 0)
          walk.warnings.push(`dropped expression {${node.value}}`);
        break;
      case 'heading': {
        if (topLevel) flushMarkdown(walk);
        walk.anchor = walk.slugger.slug(plainText(node));
        const heading: Heading = { ...node, children: convertPhrasing(walk, node.children) };
        emit([heading]);
        break;
      }
      case 'code':
        if (topLevel && node.lang != null && PYTHON_LANGUAGES.has(node.lang.toLowerCase())) {
          pushCell(walk, { cellType: 'code', source: node.value });
        } else emit([node]);
        break;
      case 'mdxJsxFlowElement':
        emit(convertFlowElement(walk, node, topLevel));
        break;
      case 'definition':
        emit([{ ...node, url: rewriteUrl(walk, node.url, false) }]);
        break;
      case 'paragraph':
      case 'tableCell':
        emit([{ ...node, children: convertPhrasing(walk, node.children) } as RootContent]);
        break;
      default:
        if ('children' in node) {
          // Lists, blockquotes, tables and footnote definitions: convert their content in place.
          const children = convertFlow(walk, node.children as RootContent[], false);
          emit([{ ...node, children } as RootContent]);
        } else emit([node]);
    }
  }
  return blocks;
}

/** The notebook's title, `Chapter N: Title` (without doubling a title that already says `Chapter N`). */
export function chapterHeading(frontMatter: ChapterFrontMatter): string {
  const prefix = `Chapter ${frontMatter.chapter.number}`;
  return frontMatter.title.startsWith(prefix)
    ? frontMatter.title
    : `${prefix}: ${frontMatter.title}`;
}

function titleCellNodes(frontMatter: ChapterFrontMatter, chapterUrl: string): RootContent[] {
  const { description, chapter } = frontMatter;
  const heading = chapterHeading(frontMatter);
  const objectives: List = {
    type: 'list',
    ordered: false,
    spread: false,
    children: chapter.objectives.map((objective): ListItem => ({
      type: 'listItem',
      spread: false,
      children: [paragraph([text(objective)])],
    })),
  };
  return [
    { type: 'heading', depth: 1, children: [text(heading)] },
    ...(description === undefined ? [] : [paragraph([text(description)])]),
    paragraph([{ type: 'strong', children: [text('Learning objectives')] }]),
    objectives,
    paragraph([
      text(
        'This notebook is generated from the booklet chapter. Its interactive demos run on the live page: ',
      ),
      link(chapterUrl, chapterUrl),
    ]),
  ];
}

/** Opt-in install cell: the magic is commented out, so running the notebook top to bottom installs nothing. */
const INSTALL_CELL_SOURCE = [
  "# Optional: install this chapter's dependencies into the running kernel.",
  '# It is commented out so that running all cells never installs packages by surprise;',
  '# remove the "#" in front of %pip and run this cell (requirements.txt is next to this notebook in the zip).',
  '# %pip install -r requirements.txt',
].join('\n');

function frontMatterOf(
  root: Root,
): { ok: true; value: ChapterFrontMatter } | { ok: false; error: string } {
  const yamlNode = root.children.find((node) => node.type === 'yaml');
  if (yamlNode === undefined) return { ok: false, error: 'the chapter has no YAML front matter' };
  let data: unknown;
  try {
    data = parseYaml(yamlNode.value);
  } catch (error) {
    return {
      ok: false,
      error: `front matter is not valid YAML: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const parsed = ChapterFrontMatterSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    return { ok: false, error: `front matter: ${issues.join('; ')}` };
  }
  return { ok: true, value: parsed.data };
}

/**
 * Converts a chapter's MDX into notebook cells: a title cell from the front matter, an opt-in
 * `%pip` cell when the chapter has a requirements.txt, then the body. Never throws; MDX syntax
 * errors and bad front matter come back as `{ ok: false }`.
 */
export function mdxToCells(mdx: string, options: MdxToCellsOptions): MdxToCellsResult {
  let root: Root;
  try {
    root = parser.parse(mdx);
  } catch (error) {
    return {
      ok: false,
      error: `MDX does not parse: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const frontMatter = frontMatterOf(root);
  if (!frontMatter.ok) return frontMatter;

  const chapterUrl = chapterPageUrl(options, options.slug);
  const walk: Walk = {
    options,
    chapterUrl,
    imports: collectImports(root),
    slugger: new HeadingSlugger(),
    anchor: undefined,
    warnings: [],
    pending: [],
    drafts: [],
  };
  walk.drafts.push({
    cellType: 'markdown',
    source: serializeMarkdown(titleCellNodes(frontMatter.value, chapterUrl)),
  });
  try {
    if (options.readCompanion('requirements.txt') !== undefined) {
      walk.drafts.push({ cellType: 'code', source: INSTALL_CELL_SOURCE });
    }
    convertFlow(walk, root.children, true);
    flushMarkdown(walk);
  } catch (error) {
    // A companion reader supplied by the caller may throw; report it instead of crashing the build.
    return {
      ok: false,
      error: `conversion failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }

  const cells = walk.drafts.map((draft, index): NotebookCell => {
    const id = makeCellId(options.slug, index, draft.cellType, draft.source);
    const source = toSourceLines(draft.source);
    return draft.cellType === 'code'
      ? { id, cell_type: 'code', metadata: {}, source, outputs: [], execution_count: null }
      : { id, cell_type: 'markdown', metadata: {}, source };
  });
  return { ok: true, cells, frontMatter: frontMatter.value, warnings: walk.warnings };
}
