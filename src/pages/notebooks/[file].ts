/**
 * Build-time notebooks: every chapter as `NN-slug.ipynb`, plus a zip of all of them with their
 * companion files, generated from the chapters' MDX syntax trees (src/lib/notebook).
 */
import { resolve } from 'node:path';
import type { APIRoute, GetStaticPaths } from 'astro';
import { generateNotebookArtifacts } from '../../../scripts/build-notebooks';
import { NOTEBOOK_ZIP_FILE_NAME, type NotebookArtifactsResult } from '../../lib/notebook/build';

/** Written once at build time. */
export const prerender = true;

let memo: NotebookArtifactsResult | null = null;
function artifacts(): NotebookArtifactsResult & { ok: true } {
  memo ??= generateNotebookArtifacts(resolve(process.cwd(), 'content'), {
    siteUrl: import.meta.env.SITE ?? 'http://localhost:4321',
    basePath: import.meta.env.BASE_URL,
  });
  if (!memo.ok) throw new Error(`Notebook generation failed:\n${memo.errors.join('\n')}`);
  return memo;
}

/** One path per notebook, and one for the zip. */
export const getStaticPaths: GetStaticPaths = () => {
  const { notebooks } = artifacts();
  return [
    ...notebooks.map((nb) => ({ params: { file: nb.fileName } })),
    { params: { file: NOTEBOOK_ZIP_FILE_NAME } },
  ];
};

/** Serves a notebook or the zip. */
export const GET: APIRoute = ({ params }) => {
  const { notebooks, zip } = artifacts();
  if (params.file === NOTEBOOK_ZIP_FILE_NAME) {
    return new Response(zip as Uint8Array<ArrayBuffer>, {
      headers: { 'Content-Type': 'application/zip' },
    });
  }
  const notebook = notebooks.find((nb) => nb.fileName === params.file);
  if (!notebook) return new Response('not found', { status: 404 });
  return new Response(notebook.json, { headers: { 'Content-Type': 'application/x-ipynb+json' } });
};
