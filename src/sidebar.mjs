// @ts-check
/**
 * The sidebar, written out in reading order. Starlight's autogenerate assumes the default
 * `src/content/docs` folder, and the booklet keeps its chapters in top-level `content/`.
 * Prev/next links follow this order.
 */
export const chapterSlugs = [
  '01-model-deployment',
  '02-docker',
  '03-cloud-apis',
  '04-ci-cd',
  '05-monitoring',
];

/**
 * The Python labs, one per chapter: each executed notebook rendered as a page at
 * `labs/<chapter slug>/` (src/pages/labs), after the chapters in reading order.
 */
export const labsGroup = {
  label: 'Labs',
  items: [
    { label: 'Lab 1: Model deployment', link: '/labs/01-model-deployment/' },
    { label: 'Lab 2: Docker', link: '/labs/02-docker/' },
    { label: 'Lab 3: Cloud deployment and APIs', link: '/labs/03-cloud-apis/' },
    { label: 'Lab 4: CI/CD', link: '/labs/04-ci-cd/' },
    { label: 'Lab 5: Monitoring and retraining', link: '/labs/05-monitoring/' },
  ],
};

/** @type {import('@astrojs/starlight/types').StarlightUserConfig['sidebar']} */
export const sidebar = [
  { label: 'Start here', slug: 'index' },
  {
    label: 'Chapters',
    items: [
      { label: '1. Model deployment', slug: '01-model-deployment' },
      { label: '2. Docker', slug: '02-docker' },
      { label: '3. Cloud deployment and APIs', slug: '03-cloud-apis' },
      { label: '4. CI/CD', slug: '04-ci-cd' },
      { label: '5. Monitoring and retraining', slug: '05-monitoring' },
    ],
  },
  labsGroup,
  { label: 'Glossary', slug: 'glossary' },
];
