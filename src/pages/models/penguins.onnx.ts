/**
 * Build-time artifact: the default penguin classifier as ONNX, trained by the same code the
 * chapter 1 widget runs. Published at `models/penguins.onnx` under the site's base path.
 */
import type { APIRoute } from 'astro';
import { defaultPenguinArtifact as penguinArtifact } from '../../lib/artifacts/penguins-node';

/** Written once at build time. */
export const prerender = true;

/** Serves `models/penguins.onnx`. */
export const GET: APIRoute = async () => {
  const { onnx } = await penguinArtifact();
  return new Response(onnx as Uint8Array<ArrayBuffer>, {
    headers: { 'Content-Type': 'application/octet-stream' },
  });
};
