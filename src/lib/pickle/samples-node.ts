/**
 * The sample pickles chapter 1 offers (public/samples), read from disk for tests and the fuzz
 * bench. Node-only: the page fetches the same files over HTTP.
 */
import { readFile } from 'node:fs/promises';

/** File names of the samples, from plain data to a pickle that calls os.system. */
export const PICKLE_SAMPLES = [
  'weights-dict.pkl',
  'weights-dict-protocol0.pkl',
  'weights-dict-protocol2.pkl',
  'class-instance.pkl',
  'os-system.pkl',
] as const;

/** The bytes of one sample. */
export async function readPickleSample(name: string): Promise<Uint8Array> {
  return new Uint8Array(
    await readFile(new URL(`../../../public/samples/${name}`, import.meta.url)),
  );
}
