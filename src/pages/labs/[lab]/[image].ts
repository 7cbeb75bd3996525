/**
 * The figures of a lab page, each served as its own file beside the page (lazy-loaded there),
 * decoded from the executed notebook's `image/png` or `image/jpeg` outputs.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { parseNotebook } from '../../../lib/notebook/ipynb';
import { buildLabPage, type LabImage } from '../../../lib/notebook/lab-page';
import { discoverLabs, labsDirFromEnv, readLabNotebook } from '../../../lib/notebook/labs-node';
import { chapterSlugs } from '../../../sidebar.mjs';

/** Written once at build time. */
export const prerender = true;

/** One path per figure of every lab. */
export const getStaticPaths = (() => {
  const labsDir = labsDirFromEnv();
  return discoverLabs(labsDir, chapterSlugs).flatMap((lab) => {
    const parsed = parseNotebook(new TextDecoder().decode(readLabNotebook(labsDir, lab)));
    if (!parsed.ok) throw new Error(`labs/${lab.folder}: ${parsed.error}`);
    return buildLabPage(parsed.notebook, '/').images.map((image) => ({
      params: { lab: lab.slug, image: image.fileName },
      props: { image },
    }));
  });
}) satisfies GetStaticPaths;

/** Serves one figure. */
export const GET: APIRoute<{ image: LabImage }> = ({ props }) =>
  new Response(Buffer.from(props.image.base64, 'base64'), {
    headers: { 'Content-Type': props.image.mime },
  });
