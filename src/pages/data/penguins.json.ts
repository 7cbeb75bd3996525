/**
 * Build-time data: the cleaned Palmer penguins as compact columnar JSON (about 18.6 kB, 3.5 kB
 * gzipped), with the cleaning report. Widgets decode it with `parsePenguinsPayload`.
 */
import type { APIRoute } from 'astro';
import { penguinsPayload } from '../../lib/data/payload';
import { readVegaDataText } from '../../lib/data/vega-files-node';

/** Written once at build time, never rendered on request. */
export const prerender = true;

/** Serves `data/penguins.json`. */
export const GET: APIRoute = async () => {
  const raw: unknown = JSON.parse(await readVegaDataText('penguins.json'));
  return new Response(JSON.stringify(penguinsPayload(raw)), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
