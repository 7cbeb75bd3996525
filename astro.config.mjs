// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { unified } from '@astrojs/markdown-remark';
import { sidebar } from './src/sidebar.mjs';
import { remarkBaseLinks } from './src/lib/content/remark-base-links.ts';
import { dedupeBuiltPages } from './src/lib/content/dedupe-built-pages-node.ts';
import { STORAGE_FALLBACK_SCRIPT } from './src/components/widget/storage-fallback.ts';

/**
 * `SITE_URL` and `BASE_PATH` decide where the booklet lives. GitHub Pages serves a project
 * site from `https://OWNER.github.io/REPO/`, so the deploy workflow sets both from the repository.
 */
const site = process.env.SITE_URL || 'http://localhost:4321';
const rawBase = process.env.BASE_PATH || '/';
const base = rawBase === '/' ? '/' : `/${rawBase.replace(/^\/+|\/+$/g, '')}/`;
const repo = process.env.GITHUB_REPOSITORY;

export default defineConfig({
  site,
  base,
  trailingSlash: 'ignore',
  // Chapters write root-relative links (`/glossary/#onnx`); this adds the base path to them.
  markdown: { processor: unified({ remarkPlugins: [[remarkBaseLinks, { base }]] }) },
  // GitHub's workflow parser (chapter 4) imports its JSON schema without an import attribute,
  // which Node's loader refuses when prerendering; bundling it lets Vite read the JSON.
  // Starlight builds Pagefind's search UI at idle time on every page; this module builds it when
  // the reader first reaches for search (src/components/search/pagefind-ui-on-demand.ts).
  vite: {
    resolve: {
      noExternal: ['@actions/workflow-parser'],
      alias: [
        {
          find: /^@pagefind\/default-ui$/,
          replacement: fileURLToPath(
            new URL('./src/components/search/pagefind-ui-on-demand.ts', import.meta.url),
          ),
        },
      ],
    },
  },
  integrations: [
    starlight({
      title: 'MLOps Booklet',
      description:
        'From a model on a laptop to a monitored, automatically retrained production service: an interactive booklet.',
      sidebar,
      pagination: true,
      lastUpdated: false,
      ...(repo
        ? {
            editLink: { baseUrl: `https://github.com/${repo}/edit/main/` },
            social: [
              { icon: 'github', label: 'Source on GitHub', href: `https://github.com/${repo}` },
            ],
          }
        : {}),
      customCss: ['./src/styles/booklet.css'],
      components: {
        PageTitle: './src/components/ChapterTitle.astro',
        Search: './src/components/Search.astro',
        TableOfContents: './src/components/TableOfContents.astro',
      },
      head: [
        // First in <head>: where the browser refuses site storage (private mode), Starlight's theme
        // scripts and our stores get an in-memory one instead of throwing (issue 15, faults).
        { tag: 'script', content: STORAGE_FALLBACK_SCRIPT },
        {
          // Expressive Code marks a listing that scrolls as a focusable region only at idle time, after
          // measuring it. Make every listing a focusable region up front, so a keyboard or axe that
          // comes first finds one; Expressive Code removes the tab stop from those that do not scroll.
          tag: 'script',
          content:
            "addEventListener('DOMContentLoaded',()=>{for(const p of document.querySelectorAll('.expressive-code pre'))if(!p.hasAttribute('tabindex')){p.tabIndex=0;p.setAttribute('role','region')}})",
        },
      ],
      favicon: '/favicon.svg',
    }),
    dedupeBuiltPages(),
  ],
});
