/**
 * The labs as downloads: each module's executed notebook, byte for byte as committed
 * (`labs/NN_Module/lab.ipynb` → `notebooks/NN_Module.ipynb`), and a zip of the module folders
 * with every file git tracks there, plus the labs' README.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { chapterSlugs } from '../../sidebar.mjs';
import { LABS_ZIP_FILE_NAME } from '../../lib/notebook/labs';
import {
  discoverLabs,
  labsDirFromEnv,
  readLabNotebook,
  readLabZipFiles,
} from '../../lib/notebook/labs-node';
import { buildLabsZip } from '../../lib/notebook/zip';

/** Written once at build time. */
export const prerender = true;

/** One path per lab notebook, and one for the zip when there is any lab. */
export const getStaticPaths: GetStaticPaths = () => {
  const labs = discoverLabs(labsDirFromEnv(), chapterSlugs);
  if (labs.length === 0) return [];
  return [
    ...labs.map((lab) => ({ params: { file: lab.notebookFileName } })),
    { params: { file: LABS_ZIP_FILE_NAME } },
  ];
};

/** Serves a notebook or the zip. */
export const GET: APIRoute = ({ params }) => {
  const labsDir = labsDirFromEnv();
  if (params.file === LABS_ZIP_FILE_NAME) {
    const zip = buildLabsZip(readLabZipFiles(labsDir));
    if (!zip.ok) throw new Error(`The labs zip could not be built: ${zip.error}`);
    return new Response(zip.bytes as Uint8Array<ArrayBuffer>, {
      headers: { 'Content-Type': 'application/zip' },
    });
  }
  const lab = discoverLabs(labsDir, chapterSlugs).find(
    (candidate) => candidate.notebookFileName === params.file,
  );
  if (!lab) return new Response('not found', { status: 404 });
  return new Response(readLabNotebook(labsDir, lab) as Uint8Array<ArrayBuffer>, {
    headers: { 'Content-Type': 'application/x-ipynb+json' },
  });
};
