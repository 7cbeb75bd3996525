// @ts-check
/**
 * The booklet's reading order, written once. Starlight's autogenerate assumes the default
 * `src/content/docs` folder, and the booklet keeps its chapters in top-level `content/`, so the
 * sidebar is written out here. `chapters` drives the sidebar (and so Starlight's prev/next links),
 * the e2e suite's page list and the bench's page list.
 */

/** The chapters in reading order: folder slug under content/ and sidebar label. */
export const chapters = [
  { slug: '01-model-deployment', label: '1. Model deployment' },
  { slug: '02-docker', label: '2. Docker' },
  { slug: '03-cloud-apis', label: '3. Cloud deployment and APIs' },
  { slug: '04-ci-cd', label: '4. CI/CD' },
  { slug: '05-monitoring', label: '5. Monitoring and retraining' },
];

/** Chapter slugs in reading order. */
export const chapterSlugs = chapters.map((chapter) => chapter.slug);

/** Every page of the booklet in reading order, relative to the base path ('' is the landing page). */
export const pagePaths = ['', ...chapterSlugs.map((slug) => `${slug}/`), 'glossary/'];

/** @type {import('@astrojs/starlight/types').StarlightUserConfig['sidebar']} */
export const sidebar = [
  { label: 'Start here', slug: 'index' },
  { label: 'Chapters', items: chapters.map(({ slug, label }) => ({ label, slug })) },
  { label: 'Glossary', slug: 'glossary' },
];
