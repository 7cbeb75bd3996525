/**
 * The files widgets download, resolved under the site's base path, each fetched at most once per
 * page and shared by every widget. Every failure is an {@link AssetLoadError} that names the file
 * and says what went wrong, and a failed download is forgotten so that Retry fetches it again.
 */
import { parsePenguinsPayload, parseSeattleWeatherPayload } from '../../lib/data/payload';
import type { CleaningReport, PenguinRow } from '../../lib/data/penguins';
import type { WeatherDay } from '../../lib/data/seattle-weather';
import { AssetLoadError } from './errors';
import { once } from './lazy';

/** The site's base path (`/` or `/mlops-booklet/`), with a trailing slash. */
export const BASE: string = import.meta.env.BASE_URL.endsWith('/')
  ? import.meta.env.BASE_URL
  : `${import.meta.env.BASE_URL}/`;

/** Downloads `path` (relative to the base) and checks the HTTP status. */
export async function fetchAsset(path: string, fetchImpl: typeof fetch = fetch): Promise<Response> {
  let response: Response;
  try {
    response = await fetchImpl(`${BASE}${path}`);
  } catch (cause) {
    throw new AssetLoadError('network', path, `Could not download ${path}: the request failed.`, {
      cause,
    });
  }
  if (!response.ok)
    throw new AssetLoadError(
      'http',
      path,
      `Could not download ${path}: the server answered ${response.status}.`,
    );
  return response;
}

/** Downloads and parses a JSON file. */
export async function fetchJson(path: string, fetchImpl: typeof fetch = fetch): Promise<unknown> {
  const response = await fetchAsset(path, fetchImpl);
  try {
    return (await response.json()) as unknown;
  } catch (cause) {
    throw new AssetLoadError('format', path, `${path} is not valid JSON.`, { cause });
  }
}

/** Downloads a binary file. */
export async function fetchBytes(
  path: string,
  fetchImpl: typeof fetch = fetch,
): Promise<Uint8Array> {
  const response = await fetchAsset(path, fetchImpl);
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (cause) {
    throw new AssetLoadError('network', path, `The download of ${path} broke off.`, { cause });
  }
}

/** The cleaned penguins and the cleaning report built at site build time. */
export interface PenguinsAsset {
  rows: PenguinRow[];
  report: CleaningReport;
}

/** `data/penguins.json`, decoded and checked. */
export const loadPenguins = once(async (): Promise<PenguinsAsset> => {
  const path = 'data/penguins.json';
  const decoded = parsePenguinsPayload(await fetchJson(path));
  if (!decoded.ok)
    throw new AssetLoadError('format', path, `${path} is damaged: ${decoded.error}.`);
  return { rows: decoded.rows, report: decoded.report };
});

/** `data/seattle-weather.json`, decoded and checked. */
export const loadWeather = once(async (): Promise<WeatherDay[]> => {
  const path = 'data/seattle-weather.json';
  const decoded = parseSeattleWeatherPayload(await fetchJson(path));
  if (!decoded.ok)
    throw new AssetLoadError('format', path, `${path} is damaged: ${decoded.error}.`);
  return decoded.rows;
});

/** `models/penguins.onnx`, the published model's bytes (checked by the runtime when loaded). */
export const loadModelBytes = once(() => fetchBytes('models/penguins.onnx'));

/** `models/model-card.json`, the published model's card (a plain object; callers read fields). */
export const loadModelCard = once(async (): Promise<Record<string, unknown>> => {
  const path = 'models/model-card.json';
  const card = await fetchJson(path);
  if (typeof card !== 'object' || card === null || Array.isArray(card))
    throw new AssetLoadError('format', path, `${path} is not a model card.`);
  return card as Record<string, unknown>;
});
