/** Build-time artifact: the model card of `models/penguins.onnx`, as JSON. */
import type { APIRoute } from 'astro';
import { defaultPenguinArtifact as penguinArtifact } from '../../lib/artifacts/penguins-node';

/** Written once at build time. */
export const prerender = true;

/** Serves `models/model-card.json`. */
export const GET: APIRoute = async () => {
  const { card } = await penguinArtifact();
  return new Response(`${JSON.stringify(card, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
