/**
 * Build-time data: the cleaned Seattle weather days as compact columnar JSON (about 62 kB, 15 kB
 * gzipped), with the cleaning report and label balance. Widgets decode it with
 * `parseSeattleWeatherPayload`, which recomputes the derived features.
 */
import type { APIRoute } from 'astro';
import { seattleWeatherPayload } from '../../lib/data/payload';
import { readVegaDataText } from '../../lib/data/vega-files-node';

/** Written once at build time, never rendered on request. */
export const prerender = true;

/** Serves `data/seattle-weather.json`. */
export const GET: APIRoute = async () => {
  const csv = await readVegaDataText('seattle-weather.csv');
  return new Response(JSON.stringify(seattleWeatherPayload(csv)), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
