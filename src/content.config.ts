import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { chapterFrontmatter } from './lib/content/chapter-schema';

/**
 * The booklet's pages live in top-level `content/`, not Starlight's default `src/content/docs`,
 * so the collection uses Astro's glob loader with Starlight's schema extended by chapter metadata.
 */
export const collections = {
  docs: defineCollection({
    loader: glob({
      base: process.env['BOOKLET_CONTENT_DIR'] ?? './content',
      pattern: '**/[^_]*.{md,mdx}',
    }),
    schema: docsSchema({ extend: chapterFrontmatter }),
  }),
};
